"""A check in parts (several processes) reports exactly what one process reports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from socialops import check
from socialops.clock import parse_now
from socialops.model import loader
from tests.conftest import DEMO_NOW, run_cli, write_files

BREAKAGE = {
    # a post on one account that breaks cadence and references
    "content/posts/lanterna-us-x/2026/2026-12-02-extra.md":
        "---\npublish_at: 2026-12-02T08:40\nstatus: scheduled\nauthor: nobody\n---\nThe best extra post.\n",
    # a post on another account with an unknown campaign and a bad link
    "content/posts/lanterna-jp-x/2026/2026-12-02-late.md":
        "---\npublish_at: 2026-12-02T23:50\nstatus: scheduled\nauthor: yuki-tanaka\ncampaign: nope\n---\nhttp://example.com\n",
}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("generated") / "demo"
    assert run_cli("demo", "--out", str(root), cwd=root.parent).returncode == 0
    return root


@pytest.fixture
def demo(generated: Path, tmp_path: Path) -> Path:
    """The demo, broken in ways that need context: posts, accounts and global files."""
    root = tmp_path / "demo"
    shutil.copytree(generated, root)
    write_files(root, BREAKAGE)
    permissions = root / "permissions.yaml"
    permissions.write_text(permissions.read_text().replace("review: {date: 2026-10-05", "review: {date: 2025-01-05"))
    # the Halo launch's boosts (6,000 on Instagram US, 4,500 on Instagram DE: two accounts,
    # so two parts of a check in parts) exceed a budget of 10,000
    plan = root / "content" / "campaigns" / "halo-launch-2026.md"
    plan.write_text(plan.read_text().replace("budget: {amount: 48000,", "budget: {amount: 10000,"))
    return root


def test_parts_equal_one_process(demo: Path) -> None:
    root = demo
    now = parse_now(DEMO_NOW)
    single = check.run(root, now, jobs=1)
    assert single.processes == 1
    for jobs in (2, 3, 5):
        parted = check.run(root, now, jobs=jobs, parallel_from=1)
        assert parted.processes == jobs, "the check did not run in parts"  # the demo has 9 accounts
        assert parted.findings == single.findings, jobs
        assert parted.files_checked == single.files_checked, jobs
    rules = {f.rule for f in single.findings}
    assert {"cadence", "references", "links", "permission-review", "claims", "campaign-budget"} <= rules
    budget = [f.message for f in single.findings if f.rule == "campaign-budget"]
    assert budget == ["the boosts of 2 posts add up to 10,500 USD, over the campaign's budget of 10,000 USD"]


def test_findings_on_other_files_do_not_depend_on_posts(demo: Path) -> None:
    """The promise the parts rely on: a check that loads no posts finds the same on
    global files, campaigns and incidents as a full check."""
    from socialops.rules import engine

    root = demo
    now = parse_now(DEMO_NOW)
    full = engine.run(loader.load(root), now)
    no_posts_repo = loader.load(root, report_paths=set())
    assert no_posts_repo.posts == []
    posts = set(loader.post_files(root))
    # but the rules that collect from posts and judge the sums (rules/base.py): a check in
    # parts gives them every part's posts (test_parts_equal_one_process)
    judged_apart = engine.collecting(no_posts_repo)
    assert judged_apart == {"campaign-budget"}
    without_posts = [f for f in engine.run(no_posts_repo, now) if f.path not in posts and f.rule not in judged_apart]
    assert without_posts == [f for f in full if f.path not in posts and f.rule not in judged_apart]
    assert without_posts  # the demo with breakage has findings outside posts


def test_parts_report_configuration_errors(demo: Path) -> None:
    root = demo
    (root / "policy.yaml").write_text("version: 1\nrules:\n  cadance: off\n")
    result = check.run(root, parse_now(DEMO_NOW), jobs=2, parallel_from=1)
    assert result.findings == [] and result.config_errors[0].path == "policy.yaml"


def test_a_check_of_a_few_posts_loads_only_their_neighbours(demo: Path) -> None:
    """The fast path of pre-commit: the touched posts and their accounts' posts dated within
    the rules' neighbour days (cadence: 120-minute gaps -> 1 day, plus 1 for a misdated file)."""
    extra = "content/posts/lanterna-us-x/2026/2026-12-02-extra.md"
    repo = check.load(demo, {extra})
    loaded = sorted(post.path.rsplit("/", 1)[1][:10] for post in repo.posts)
    assert loaded and set(loaded) <= {"2026-11-30", "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"}
    account_posts = [path for path in loader.post_files(demo) if "/lanterna-us-x/" in path]
    assert len(repo.posts) < len(account_posts) / 4
    assert all("/lanterna-us-x/" in post.path for post in repo.posts)


@pytest.mark.parametrize("stride", [7])
def test_a_check_of_a_few_posts_finds_what_the_whole_check_finds_on_them(demo: Path, stride: int) -> None:
    now = parse_now(DEMO_NOW)
    whole = check.run(demo, now, jobs=1).findings
    paths = loader.post_files(demo)[::stride] + sorted(BREAKAGE)
    for path in paths:
        scoped = check.run(demo, now, {path}, jobs=1).findings
        assert scoped == [finding for finding in whole if finding.path == path], path
