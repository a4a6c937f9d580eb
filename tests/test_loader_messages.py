"""What the loader tells a writer: the lines a message names, hints for every malformed
value, and links it refuses to follow even inside the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import check, make_repo

POST = "content/posts/acme-us-x/2026/2026-03-02-a.md"


def test_a_duplicate_key_names_both_lines_of_the_file(tmp_path: Path) -> None:
    # front matter starts on line 2 of the file: 'status' is on lines 3 and 5
    root = make_repo(tmp_path, {POST: "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n"
                                      "status: scheduled\n---\nHi\n"})
    found = [f for f in check(root) if f.rule == "syntax"]
    assert [(f.path, f.line) for f in found] == [(POST, 5)]
    assert "duplicate key 'status' (first on line 3)" in found[0].message


@pytest.mark.parametrize(("value", "hint"), [
    ("publish_at: 2026-02-30T09:00", "YYYY-MM-DDTHH:MM"),
    ("publish_at: tomorrow", "YYYY-MM-DDTHH:MM"),
    ("publish_at: 2026-12-04 25:00", "YYYY-MM-DDTHH:MM"),
    ("language: english", "en-US"),
    ("published_url: http://x.com/acme/status/1", "https://"),
])
def test_every_malformed_value_has_a_hint(tmp_path: Path, value: str, hint: str) -> None:
    front = "publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n"
    key = value.split(":", 1)[0]
    front = "\n".join(line for line in front.splitlines() if not line.startswith(key + ":")) + "\n" + value + "\n"
    root = make_repo(tmp_path, {POST: f"---\n{front}---\nHi\n"})
    found = [f for f in check(root) if f.rule == "schema" and f.path == POST]
    assert found, "expected a schema finding"
    assert all(f.hint for f in found) and any(hint in f.hint for f in found), [(f.message, f.hint) for f in found]


def test_a_post_linked_inside_the_repository_is_not_followed(tmp_path: Path) -> None:
    """The review gate and CODEOWNERS see the link, not its target: a change to the target
    would not show as a change to the post."""
    root = make_repo(tmp_path, {"notes/a.md": "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n"
                                              "---\nRecall notice\n"})
    link = root / POST
    link.parent.mkdir(parents=True)
    link.symlink_to(root / "notes/a.md")
    found = check(root)
    assert [(f.rule, f.path) for f in found] == [("syntax", POST)]
    assert "is a link" in found[0].message and found[0].hint


def test_a_post_in_a_linked_folder_is_not_followed(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"notes/2026/2026-03-02-a.md": "---\npublish_at: 2026-03-02T09:00\nstatus: draft\n"
                                                              "author: alice\n---\nHi\n"})
    (root / "content/posts/acme-us-x").mkdir(parents=True)
    (root / "content/posts/acme-us-x/2026").symlink_to(root / "notes/2026", target_is_directory=True)
    assert [(f.rule, f.path) for f in check(root)] == [("syntax", "content/posts/acme-us-x/2026")]


def test_linked_media_is_a_finding(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"assets/real.png": {"image": [1600, 900, "PNG"]},
                                POST: "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\nformat: image\n"
                                      "media:\n  - file: content/media/pic.png\n    alt: A lantern\n"
                                      "    source: original\n---\nHi\n"})
    (root / "content/media/pic.png").symlink_to(root / "assets/real.png")
    found = [f for f in check(root) if f.rule == "media-file"]
    assert len(found) == 1 and "is a link" in found[0].message


@pytest.mark.parametrize("output", ["text", "json", "github", "sarif"])
def test_a_file_name_that_is_not_utf8_is_a_finding_in_every_format(tmp_path: Path, output: str) -> None:
    import os
    import subprocess
    import sys

    root = make_repo(tmp_path)
    folder = root / "content/posts/acme-us-x/2026"
    folder.mkdir(parents=True)
    name = os.path.join(os.fsencode(folder), b"2026-03-02-caf\xe9.md")  # Latin-1, not UTF-8
    with open(name, "wb") as handle:
        handle.write(b"---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\nHi\n")
    summary = tmp_path / "summary.md"
    result = subprocess.run([str(Path(sys.executable).parent / "socialops"), "check", "--format", output,
                             "--now", "2026-03-01T00:00:00Z"], cwd=root, capture_output=True, text=True,
                            env={**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}, timeout=120)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    shown = "content/posts/acme-us-x/2026/2026-03-02-caf\\\\xe9.md" if output in ("json", "sarif") else \
        "content/posts/acme-us-x/2026/2026-03-02-caf\\xe9.md"
    assert shown in result.stdout and "not valid UTF-8" in result.stdout


def test_a_linked_posts_folder_leaving_the_repository_is_one_finding(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    for day in ("02", "03", "04"):
        target = outside / f"acme-us-x/2026/2026-03-{day}-a.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\nsecret plans\n")
    root = make_repo(tmp_path / "repo")
    (root / "content/posts").symlink_to(outside, target_is_directory=True)
    found = check(root)
    assert [(f.rule, f.path) for f in found] == [("syntax", "content/posts")]
    assert "outside the repository" in found[0].message and "not followed" in found[0].message


def _tab_in_first_indent(text: str) -> str:
    return text.replace("\n  ", "\n\t", 1)


@pytest.mark.parametrize("broken", ["accounts.yaml", "permissions.yaml"])
def test_a_tab_in_a_settings_file_is_one_finding_not_a_cascade(tmp_path: Path, broken: str) -> None:
    """Every name the broken file defines would otherwise be 'unknown' everywhere it is used."""
    root = make_repo(tmp_path, {POST: "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n"
                                      "---\nHello from Acme.\n"})
    (root / broken).write_text(_tab_in_first_indent((root / broken).read_text()))
    found = check(root)
    assert [(f.rule, f.path) for f in found] == [("syntax", broken)], [(f.rule, f.path, f.message) for f in found]


def test_a_post_of_a_broken_campaign_file_is_not_told_the_campaign_is_unknown(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"content/campaigns/spring.md": "---\ntitle: [unclosed\n---\nplan\n",
                                POST: "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n"
                                      "campaign: spring\n---\nHello from Acme.\n"})
    assert [(f.rule, f.path) for f in check(root)] == [("syntax", "content/campaigns/spring.md")]
