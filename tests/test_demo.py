"""The demo repository: what it shows, that it passes, and that it is what the generator makes."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from socialops import demo
from socialops.model import loader
from tests.conftest import DEMO_NOW, ROOT, check, demo_only, run_cli

pytestmark = demo_only


def test_demo_passes_the_check_at_its_reference_date() -> None:
    result = run_cli("check", "--now", DEMO_NOW, cwd=ROOT)
    assert result.returncode == 0, result.stdout
    findings = check(ROOT, DEMO_NOW)
    # the waived post and the waived account, shown, not hidden
    assert sorted((f.severity, f.rule) for f in findings) == [("info", "account-profile"), ("info", "cadence")]
    assert all("waived" in f.message for f in findings)


def test_demo_is_what_sells_the_product() -> None:
    repo = loader.load(ROOT)
    platforms = {a.platform for a in repo.accounts.values()}
    assert len(repo.accounts) >= 8
    assert {"x", "instagram", "linkedin", "facebook", "tiktok", "youtube"} <= platforms
    assert len({a.market for a in repo.accounts.values()}) >= 5
    assert len({a.data["timezone"] for a in repo.accounts.values()}) >= 5
    assert {role for p in repo.people.values() for role in p.roles} == {
        "director", "content", "publishing", "community", "analytics"}
    assert 140 <= len(repo.posts) <= 170
    months = {p.local_time.strftime("%Y-%m") for p in repo.posts}
    assert months == {"2026-10", "2026-11", "2026-12"}
    statuses = Counter(p.status for p in repo.posts)
    assert statuses["published"] and statuses["scheduled"] and statuses["draft"] and statuses["cancelled"]
    assert len({p.meta["language"] for p in repo.posts}) >= 5
    assert {c.meta["type"] for c in repo.campaigns.values()} >= {"giveaway", "launch"}
    assert len(repo.incidents) == 1
    incident = repo.incidents[0]
    assert incident.meta["kind"] in repo.playbooks and incident.meta["statement"] in {p.id for p in repo.posts}
    assert incident.meta["platform_reports"] and incident.meta["escalated_to"] in repo.people
    assert {"security", "public-opinion", "platform", "other"} <= set(repo.playbooks)
    boosted = [p for p in repo.posts if "boost" in p.meta]
    assert {p.account.market for p in boosted} == {"US", "DE"}
    assert all(p.meta["campaign"] == "halo-launch-2026" for p in boosted)
    assert [p.meta["disclosure"] for p in boosted if p.account.market == "DE"] == ["ad"]
    assert any(p.meta.get("waivers") for p in repo.posts)
    assert any(a.data.get("waivers") for a in repo.accounts.values())  # waivers beyond posts
    assert all("registration" in a.data for a in repo.accounts.values())
    assert any(p.meta.get("legal_review") for p in repo.posts) and repo.sources.get("sources")
    assert any(p.meta.get("disclosure") not in (None, "none") for p in repo.posts)
    media = [ref.file for p in repo.posts for ref in p.media]
    assert media and all(path is not None and path.stat().st_size > 0 for path in media)


def test_committed_demo_is_the_generators_output(tmp_path: Path) -> None:
    plan = demo.generate(tmp_path, with_media=False)
    for relpath, text in plan.files.items():
        assert (ROOT / relpath).read_text(encoding="utf-8") == text, relpath
    committed = {p.relative_to(ROOT).as_posix() for p in (ROOT / "content").rglob("*.md")}
    assert committed == {name for name in plan.files if name.endswith(".md")}
    metric_files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "content" / "metrics").rglob("*")
                    if p.is_file()}
    assert metric_files == {name for name in plan.files if name.startswith("content/metrics/")}
    for relpath in [*plan.images, *plan.videos]:
        assert (ROOT / relpath).is_file(), relpath


def test_demo_stays_green_only_because_of_its_date() -> None:
    """Without the reference date, time moves on: scheduled posts turn into missed ones."""
    later = check(ROOT, "2027-06-01T00:00:00Z")
    assert any(f.rule == "post-missed" for f in later)
    assert not [f for f in check(ROOT, DEMO_NOW) if f.severity != "info"]


def test_demo_command_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    result = run_cli("demo", "--out", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert (tmp_path / "keep.txt").read_text() == "mine"


def test_demo_scaled_by_posts_alone_shares_them_among_the_active_accounts() -> None:
    """`socialops demo --posts N` without --accounts: the retired account has no copy to
    scale up, so the N posts go to the eight active accounts (N // 8 each, the rest one more)."""
    plan = demo.build(posts=42)
    by_account = Counter(path.split("/")[2] for path in plan.files if path.startswith("content/posts/"))
    assert "lanterna-mx-facebook" not in by_account
    assert len(by_account) == 8 and all(count >= 42 // 8 for count in by_account.values())
