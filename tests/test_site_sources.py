"""The sources page: the register of laws and platform policies with when each is due to be
read again, and the platform limits of the platforms the accounts use; in both languages."""

from __future__ import annotations

from pathlib import Path

from socialops.clock import parse_now
from socialops.site import build_site, sources
from tests.conftest import ROOT, demo_only, make_repo
from tests.test_site import add_site_sources

REGISTER = ("sources:\n  uwg-5a:\n    title: UWG § 5a\n    kind: law\n    market: DE\n"
            "    url: https://www.gesetze-im-internet.de/uwg_2004/__5a.html\n    last_checked: 2026-01-10\n"
            "    rules: [disclosure]\n")


def rendered(root: Path, now: str, language: str = "en") -> str:
    site = build_site(root, parse_now(now), language)
    return sources.pages(site)["sources.md"].content  # type: ignore[return-value]


def test_a_source_is_due_the_policy_interval_after_its_last_check(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"sources.yaml": REGISTER,
                                "policy.yaml": "version: 1\nintervals: {source_check_days: 30}\n"})
    add_site_sources(root)
    # 2026-01-10 + 30 days = 2026-02-09; on 2026-02-20 it is overdue
    page = rendered(root, "2026-02-20T12:00:00+08:00")
    row = page[page.index("UWG § 5a"):]
    row = row[:row.index("</tr>")]
    assert '<a href="https://www.gesetze-im-internet.de/uwg_2004/__5a.html" rel="noopener noreferrer">' in page
    assert "Feb 9, 2026" in row and "so-due--overdue" in row
    assert '<a href="rules.html#disclosure">disclosure</a>' in row
    # the base accounts post to x, instagram and linkedin: their limits, not tiktok's
    assert "### x\n" in page and "### instagram\n" in page and "### linkedin\n" in page and "### tiktok" not in page


def test_without_an_interval_nothing_falls_due(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"sources.yaml": REGISTER})
    add_site_sources(root)
    page = rendered(root, "2027-02-20T12:00:00+08:00")
    assert "policy.yaml sets no intervals.source_check_days" in page and "so-due--overdue" not in page


@demo_only
def test_demo_register_in_chinese() -> None:
    page = rendered(ROOT, "2026-11-26T09:00:00+08:00", "zh")
    assert "# 法规与平台依据" in page and "Gesetz gegen den unlauteren Wettbewerb" in page
    assert "每 180 天重新核对一次" in page
