"""Paid promotion on the site: a boosted post's page shows its budget, days and audience;
its campaign's page lists the boosts and how much of the budget they use."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, demo_only
from tests.test_site_posts import built, site_repo

CAMPAIGN = """---
title: Spring launch
type: launch
owner: dana
start: 2026-03-01T00:00
end: 2026-03-31T23:59
accounts: [acme-us-x, acme-de-instagram]
budget: {amount: 1000, currency: USD}
---
## Theme

Spring.
"""


def _boosted(account: str, day: int, amount: float, currency: str = "USD", status: str = "scheduled") -> dict[str, str]:
    return {f"content/posts/{account}/2026/2026-03-{day:02d}-spring.md":
            f"---\npublish_at: 2026-03-{day:02d}T09:00\nstatus: {status}\nauthor: alice\ncampaign: spring\n"
            f"disclosure: ad\nboost:\n  budget: {{amount: {amount}, currency: {currency}}}\n"
            f"  start: 2026-03-{day:02d}\n  end: 2026-03-{day + 6:02d}\n  audience: Adults <18-44>\n"
            f"  objective: reach\n---\nAd: spring is here.\n"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("boosts")
    root = site_repo(tmp, {"content/campaigns/spring.md": CAMPAIGN, **_boosted("acme-us-x", 2, 600),
                           **_boosted("acme-de-instagram", 3, 150), **_boosted("acme-us-x", 9, 500, status="cancelled"),
                           **_boosted("acme-de-instagram", 10, 90, currency="EUR")})
    return built(root, tmp / "public")


def test_post_page_shows_its_boost(site: Path) -> None:
    html = (site / "posts" / "acme-us-x" / "2026-03-02-spring.html").read_text("utf-8")
    assert ('<tr><th scope="row">Paid promotion</th><td>600 USD, <time datetime="2026-03-02">2026-03-02</time> – '
            '<time datetime="2026-03-08">2026-03-08</time> (reach)<br>Audience: Adults &lt;18-44&gt;</td></tr>') in html


def test_campaign_page_shows_the_budget_used(site: Path) -> None:
    html = (site / "campaigns" / "spring.html").read_text("utf-8")
    # 600 + 150 USD of 1,000: the cancelled post's 500 USD and the 90 EUR are not added
    assert "Boosts use 750 of the budget of 1,000 USD (75%)." in html and "Over budget." not in html
    assert html.count('<a href="../posts/') >= 4
    assert "acme-us-x/2026-03-09-spring</a> (cancelled: not counted)" in html
    assert "90 EUR (another currency than the budget's: not counted)" in html
    assert "<td>Adults &lt;18-44&gt;</td>" in html


@demo_only
def test_demo_halo_launch_budget(tmp_path_factory: pytest.TempPathFactory) -> None:
    out = built(ROOT, tmp_path_factory.mktemp("demo") / "public", now=None)
    html = (out / "campaigns" / "halo-launch-2026.html").read_text("utf-8")
    # Instagram US 6,000 and DE 4,500 USD of the launch's 48,000 USD
    assert "Boosts use 10,500 of the budget of 48,000 USD (22%)." in html
    post = (out / "posts" / "lanterna-de-instagram" / "2026-11-11-halo-launch-009.html").read_text("utf-8")
    assert "4,500 USD" in post and "Anzeige | " in post
