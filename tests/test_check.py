"""A check in parts (several processes) reports exactly what one process reports."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from socialops import check
from socialops.clock import parse_now
from socialops.model import loader
from tests.conftest import DEMO_NOW, make_repo, run_cli, write_files

BREAKAGE = {
    # a post on one account that breaks cadence and references
    "content/posts/lanterna-us-x/2026/2026-12-02-extra.md":
        "---\npublish_at: 2026-12-02T08:40\nstatus: scheduled\nauthor: nobody\n---\nThe best extra post.\n",
    # a post on another account with an unknown campaign and a bad link
    "content/posts/lanterna-jp-x/2026/2026-12-02-late.md":
        "---\npublish_at: 2026-12-02T23:50\nstatus: scheduled\nauthor: yuki-tanaka\ncampaign: nope\n---\nhttp://example.com\n",
    # metric files of two accounts and a market: a bad cell, an unknown post, a misplaced row
    "content/metrics/accounts/lanterna-br-tiktok/2026-12.csv":
        "date,account,followers,profile_visits,impressions,views,reach,likes,comments,shares,saves,clicks,video_views,"
        "conversions\n2026-12-01,lanterna-br-tiktok,lots,,,,,,,,,,,\n",
    "content/metrics/posts/lanterna-jp-x/2026-12.csv":
        "date,post,platform_post_id,follows,impressions,views,reach,likes,comments,shares,saves,clicks,video_views,"
        "conversions\n2026-12-03,lanterna-jp-x/2026-12-02-lat,,,,,,,,,,,,\n",
    "content/metrics/mentions/DE/2026-12.csv": "id,date,platform,market,url,text,reach\nm1,2026-11-30,web,DE,,Gut,\n",
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
    assert {"cadence", "references", "links", "permission-review", "claims", "metric-files", "metric-references",
            "campaign-budget"} <= rules
    budget = [f.message for f in single.findings if f.rule == "campaign-budget"]
    assert budget == ["the boosts of 2 posts add up to 10,500 USD, over the campaign's budget of 10,000 USD"]


def test_findings_on_other_files_do_not_depend_on_posts(demo: Path) -> None:
    """The promise the parts rely on: a check that loads no posts finds the same on
    global files, campaigns and incidents as a full check. (Metric files are checked
    with their account's posts, in that account's part.)"""
    from socialops.rules import engine

    root = demo
    now = parse_now(DEMO_NOW)
    full = engine.run(loader.load(root), now)
    no_posts_repo = loader.load(root, report_paths=set())
    assert no_posts_repo.posts == []
    posts = set(loader.post_files(root)) | {f.path for f in full if f.path.startswith("content/metrics/")}
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
    the rules' neighbour days (cadence-gap: the demo's 14-day gaps -> 14 days, plus 1 for a
    misdated file; cadence's 120-minute gaps need fewer)."""
    extra = "content/posts/lanterna-us-x/2026/2026-12-02-extra.md"
    repo = check.load(demo, {extra})
    loaded = sorted(date.fromisoformat(post.path.rsplit("/", 1)[1][:10]) for post in repo.posts)
    assert loaded and date(2026, 11, 17) <= loaded[0] and loaded[-1] <= date(2026, 12, 17)
    account_posts = [path for path in loader.post_files(demo) if "/lanterna-us-x/" in path]
    assert len(repo.posts) < len(account_posts) / 2  # a month of the demo's quarter
    assert all("/lanterna-us-x/" in post.path for post in repo.posts)


@pytest.mark.parametrize("stride", [7])
def test_a_check_of_a_few_posts_finds_what_the_whole_check_finds_on_them(demo: Path, stride: int) -> None:
    now = parse_now(DEMO_NOW)
    whole = check.run(demo, now, jobs=1).findings
    paths = loader.post_files(demo)[::stride] + sorted(BREAKAGE)
    for path in paths:
        scoped = check.run(demo, now, {path}, jobs=1).findings
        assert scoped == [finding for finding in whole if finding.path == path], path


def test_a_check_of_one_post_finds_the_gap_after_it_as_the_whole_check_does(tmp_path: Path) -> None:
    """cadence-gap looks 14 days past a post: a check of that post alone loads them
    (neighbour days 15), so it neither misses the next post nor reports another gap."""
    def post(day: str) -> str:
        return f"---\npublish_at: 2026-{day}T09:00\nstatus: scheduled\nauthor: alice\n---\nHello.\n"

    folder = "content/posts/acme-us-x/2026"
    root = make_repo(tmp_path, {
        "policy.yaml": "version: 1\nhq_timezone: Asia/Shanghai\nrules:\n  cadence-gap: {horizon_days: 30}\n",
        **{f"{folder}/2026-{day}-p.md": post(day) for day in ("03-02", "03-12", "03-30")}})
    now = parse_now("2026-03-03T12:00:00Z")
    whole = [f for f in check.run(root, now, jobs=1).findings if f.rule == "cadence-gap"]
    # 2 March -> 12 March: 10 days; 12 March -> 30 March: 18 days, its deadline (26 March)
    # within the 30 days ahead; 30 March's deadline (13 April) is further
    assert [(f.path, f.line) for f in whole] == [(f"{folder}/2026-03-12-p.md", 2)]
    for day in ("03-02", "03-12", "03-30"):
        path = f"{folder}/2026-{day}-p.md"
        scoped = check.run(root, now, {path}, jobs=1).findings
        assert [f for f in scoped if f.rule == "cadence-gap"] == [f for f in whole if f.path == path], day
