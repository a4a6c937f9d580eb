"""What a check keeps between runs. The parse cache: a second load of the same files
reads the parses back instead of parsing again, and gives exactly the model and findings
of a fresh parse, on the demo, on every case of the bad-input corpus, after edits, and
with a damaged cache. The media cache: a media file is read again once it changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from socialops import check
from socialops.clock import parse_now
from socialops.model.loader import Loader
from tests.conftest import DEMO_NOW, copy_demo_content, make_repo
from tests.test_corpus import DEFAULT_NOW, _cases, _param, build

POST = "content/posts/acme-us-x/2026/2026-03-02-a.md"


@pytest.fixture(autouse=True)
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("SOCIALOPS_CACHE_DIR", str(folder))
    return folder


def _load(root: Path) -> Loader:
    loader = Loader(root)
    loader.load()
    return loader


def _model(root: Path) -> list:
    repo = Loader(root).load()
    return [(post.path, post.meta, post.lines, post.publish_at) for post in repo.posts] + [
        (repo.policy.data, repo.policy.lines), sorted(repo.problems), sorted(repo.invalid), sorted(repo.unreadable),
        {name: (plan.meta, plan.lines) for name, plan in repo.campaigns.items()},
        {name: (account.data, account.lines) for name, account in repo.accounts.items()}]


def test_the_second_load_of_the_demo_is_read_from_the_cache(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    copy_demo_content(root)
    documents = len(list((root / "content").rglob("*.md"))) + 3  # and accounts, permissions, policy
    cold = _model(root)
    first = _load(root)
    assert (first.cache.hits, first.cache.misses) == (documents, 0)  # _model's load filled it
    assert _model(root) == cold
    now = parse_now(DEMO_NOW)
    assert check.run(root, now, jobs=1).findings == check.run_loaded(first.load(), now).findings


def test_an_edited_file_is_parsed_again_and_a_deleted_one_leaves_the_pack(tmp_path: Path, own_cache: Path) -> None:
    root = make_repo(tmp_path, {POST: "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\nHi\n"})
    _load(root)
    (root / POST).write_text("---\npublish_at: 2026-03-02T09:00\nstatus: drafty\nauthor: alice\n---\nHi\n")
    edited = _load(root)
    assert edited.cache.misses == 1
    assert [f.message for f in edited.problems if f.path == POST] == [
        f.message for f in Loader(root).load().problems if f.path == POST] != []
    (root / POST).unlink()
    (root / "content/posts/acme-us-x/2026/2026-03-03-b.md").write_text(
        "---\npublish_at: 2026-03-03T09:00\nstatus: draft\nauthor: alice\n---\nHo\n")
    _load(root)
    packs = [json.loads(path.read_text("utf-8")) for path in own_cache.rglob("*.json")]
    names = {name for pack in packs for name in pack}
    assert "2026-03-03-b.md" in names and "2026-03-02-a.md" not in names


def test_a_damaged_cache_is_a_miss_not_an_error(tmp_path: Path, own_cache: Path) -> None:
    root = make_repo(tmp_path, {POST: "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\nHi\n"})
    cold = _model(root)
    packs = sorted(own_cache.rglob("*.json"))
    assert packs
    packs[0].write_text("{not json")
    for path in packs[1:]:
        pack = json.loads(path.read_text("utf-8"))
        path.write_text(json.dumps({name: [digest, {"value": 1}] for name, (digest, _) in pack.items()}))
    damaged = _load(root)
    assert damaged.cache.hits == 0
    assert _model(root) == cold


def test_an_unwritable_cache_folder_only_costs_time(tmp_path: Path, own_cache: Path) -> None:
    own_cache.write_text("a file where the folder should be")
    root = make_repo(tmp_path, {POST: "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\nHi\n"})
    assert _model(root) == _model(root)


def test_a_value_json_cannot_hold_is_parsed_each_time(tmp_path: Path) -> None:
    root = tmp_path / "demo"
    copy_demo_content(root)
    plan = root / "content/campaigns/halo-launch-2026.md"
    plan.write_text(plan.read_text("utf-8").replace("goals:\n", "goals:\n  mood: .nan\n", 1), "utf-8")
    first = _model(root)
    again = _load(root)
    assert again.cache.misses == 1  # the plan whose goal is NaN (a number to the schema); every other file was a hit
    assert repr(_model(root)) == repr(first)  # NaN != NaN, so compare what is shown


@pytest.mark.parametrize("case", [_param(case) for case in _cases() if not case.spec.get("slow")])
def test_a_cached_load_gives_the_corpus_case_the_same_findings(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = build(case, tmp_path)
    now = parse_now(str(case.spec.get("now", DEFAULT_NOW)))
    cold = check.run(root, now, jobs=1)
    warm = check.run(root, now, jobs=1)
    assert (warm.findings, warm.config_errors) == (cold.findings, cold.config_errors)


# -- what media files are ----------------------------------------------------------------------


def _media_infos(root: Path) -> tuple[Loader, dict]:
    loader = Loader(root)
    repo = loader.load()
    infos = {str(ref.file): ref.info for post in repo.posts for ref in post.media if ref.file}
    repo.keep_caches()
    return loader, infos


def test_media_files_are_read_once_until_they_change(tmp_path: Path) -> None:
    from PIL import Image

    root = tmp_path / "demo"
    copy_demo_content(root)
    first_loader, first = _media_infos(root)
    assert first and first_loader.media_cache.hits == 0
    again_loader, again = _media_infos(root)
    assert again == first and again_loader.media_cache.hits == len(first)
    image = next(Path(path) for path, info in first.items() if info.kind == "image" and info.format == "PNG")
    Image.new("RGB", (7, 5)).save(image, "PNG")  # the same name, now 7 x 5 pixels
    changed_loader, changed = _media_infos(root)
    assert (changed[str(image)].width, changed[str(image)].height) == (7, 5)
    assert changed_loader.media_cache.hits == len(first) - 1


def test_installed_versions_are_read_from_the_dist_info_folders() -> None:
    """The caches' keys name library versions without importing importlib.metadata (40 ms
    of a five-file check); what they read agrees with it."""
    import subprocess
    import sys
    from importlib.metadata import version

    from socialops import user_cache

    for name in ("PyYAML", "fastjsonschema", "jsonschema", "pillow", "av", "detect-secrets", "detect_secrets"):
        assert user_cache.installed_version(name) == version(name), name
    probe = ("import sys; from socialops import user_cache; user_cache.installed_version('av'); "
             "print('importlib.metadata' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout.strip() == "False"


LONG_X_POST = ("---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\n"
               + "Ünïcödé wörds " * 19 + "https://shop.example.com/a?utm_source=x&utm_medium=social&utm_campaign=c\n")


def _probe_check(root: Path) -> dict:
    """A whole check in a fresh process: its findings, and which costly libraries it imported."""
    import subprocess
    import sys

    probe = ("import json, sys; from pathlib import Path; from socialops import check; "
             "from socialops.clock import parse_now; "
             f"result = check.run(Path({str(root)!r}), parse_now('2026-03-01T12:00:00Z'), jobs=1); "
             "print(json.dumps({'findings': [f.sort_key() for f in result.findings], "
             "'imported': sorted(m for m in ('twitter_text', 'detect_secrets', 'emoji', 'lingua') if m in sys.modules)}, "
             "default=str))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_a_second_check_of_the_same_texts_imports_no_counting_secrets_or_language_library(tmp_path: Path) -> None:
    """X's count of a post whose cheap bound is over the limit needs twitter-text,
    accounts.yaml's `password_rotated:` lines are suspects for detect-secrets' keyword
    detector, and the copy's language is read by lingua: the first check imports them;
    the second reads their results from the memo and gives the same findings."""
    # 19 × 14 characters, each ü/ï/ö/é weighing 1 on X: 266 + a link of 23 = 289 + space, over 280
    root = make_repo(tmp_path, {POST: LONG_X_POST})
    first = _probe_check(root)
    assert first["imported"] == ["detect_secrets", "emoji", "lingua", "twitter_text"]
    assert any(finding[2] == "text-length" for finding in first["findings"])
    second = _probe_check(root)
    assert second == {"findings": first["findings"], "imported": []}


def test_the_memo_keeps_what_each_process_saved_and_survives_damage(own_cache: Path) -> None:
    from socialops import user_cache

    first, second = user_cache.Memo("probe", "v1"), user_cache.Memo("probe", "v1")
    first.put("a", 1)
    second.put("b", [2])
    first.save()
    second.save()  # merges what the first saved meanwhile
    again = user_cache.Memo("probe", "v1")
    assert (again.get("a"), again.get("b"), again.get("c"), again.hits) == (1, [2], None, 2)
    again.path.write_text("{not json")
    assert user_cache.Memo("probe", "v1").get("a") is None  # a damaged memo is a miss
    newer = user_cache.Memo("probe", "v2")
    newer.put("a", 3)
    newer.save()
    assert [path.name for path in newer.path.parent.iterdir()] == [newer.path.name]  # v1's file is gone
