"""The Reports section as a reader finds it in the built site, in both languages: the numbers
of tests/test_reports.py's files (computed by hand there and again here), each chart with its
table and CSV file, the campaign's results against its goals, a post's readings on its page,
and the metric definitions."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from socialops.reports.kpis import KPIS
from tests.conftest import ROOT, make_repo
from tests.test_reports import FILES
from tests.test_site import add_site_sources, build

CAMPAIGN = """---
title: November push
type: always-on
owner: alice
start: 2026-11-01T00:00
end: 2026-11-02T23:59
timezone: America/New_York
accounts: [acme-us-x]
goals:
  impressions: 800
  engagement_rate: 3.0
---
## Theme

Two days.
"""


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site-reports")
    root = make_repo(folder, {**FILES, "content/campaigns/november-push.md": CAMPAIGN})
    add_site_sources(root)
    shutil.copy(ROOT / "mkdocs.zh.yml", root / "mkdocs.zh.yml")
    out = folder / "public"
    for config, site_dir in (("mkdocs.yml", out), ("mkdocs.zh.yml", out / "zh")):
        # the fixture repository has policy errors of its own (old passwords, posts without media)
        result = build(root, site_dir, now="2026-11-26T09:00:00Z", config=config, strict=False)
        assert result.returncode == 0, result.stderr
    return out


def _text(path: Path) -> str:
    """The page's visible text, one space between cells, without the charts' JSON."""
    html = re.sub(r'<script type="application/json".*?</script>', "", path.read_text("utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_month_page_shows_the_months_kpis(public: Path) -> None:
    text = _text(public / "reports" / "2026-11.html")
    # the data end on 6 November (the posts' last reading): 1-6 November against 1-6 October (no rows: —)
    assert "2026-11-01 – 2026-11-06 against 2026-10-01 – 2026-10-06" in text
    assert "Impressions 2,000 — —" in text  # US 600 + 400, DE's views 1,000
    assert "Engagement rate 3.7 % — —" in text  # 74 / 2,000
    assert "Follower growth 30 — —" in text  # 1,030 - 1,000


def test_each_chart_has_its_table_and_csv(public: Path) -> None:
    page = public / "reports" / "2026-11.html"
    html = page.read_text("utf-8")
    assert '<a href="2026-11.daily.csv" download>' in html
    # 1 November: 600 + 1,000 impressions, 18 + 50 engagements; 2 November: 400 and 5 + 1
    assert (public / "reports" / "2026-11.daily.csv").read_text("utf-8") == \
        "Day,Impressions,Engagements\n2026-11-01,1600,68\n2026-11-02,400,6\n"
    spec = json.loads(re.search(r'id="chart-data-daily">(.*?)</script>', html)[1])
    assert spec["rows"] == [["2026-11-01", 1600, 68], ["2026-11-02", 400, 6]]
    assert '<script src="../assets/vendor/plotly.min.js" defer></script>' in html
    assert '<script src="../assets/socialops-charts.js" defer></script>' in html
    assert (public / "assets" / "vendor" / "plotly.min.js").stat().st_size > 1_000_000
    assert (public / "zh" / "assets" / "vendor" / "plotly.min.js").is_file()


def test_top_posts_link_to_their_pages_and_correlations_say_r_and_n(public: Path) -> None:
    html = (public / "reports" / "2026-11.html").read_text("utf-8")
    assert '<a href="../posts/acme-us-x/2026-11-05-d.html">acme-us-x/2026-11-05-d</a>' in html
    account = _text(public / "reports" / "accounts" / "acme-us-x.html")
    # hours 9, 12, 15, 18 against 2, 3, 5, 6 %: r = 21 / √450 = 0.99 over 4 posts
    assert "Pearson's r = 0.99 over 4 posts" in account
    assert "correlation ratio η = 0.95 over 4 posts" in account  # formats: √0.9
    # the mean rate per posting hour: one post at each of 9, 12, 15 and 18 h
    assert (public / "reports" / "accounts" / "acme-us-x.hour.csv").read_text("utf-8") == \
        "Hour,Engagement rate,Posts\n9,2.0,1\n12,3.0,1\n15,5.0,1\n18,6.0,1\n"
    assert "acme-us-x/2026-11-05-d image" not in account and "acme-us-x/2026-11-05-d video 1,000 60 6.0 %" in account
    assert (public / "posts" / "acme-us-x" / "2026-11-05-d.html").is_file()


def test_an_account_page_has_every_months_kpis(public: Path) -> None:
    text = _text(public / "reports" / "accounts" / "acme-us-x.html")
    # impressions, engagements, engagement rate, follower growth, click-through rate; newest first
    # November: 1,000, 24, 2.4 %, +30, 10 / 1,000 = 1.0 %; October: 400, 12, 3.0 %, — (no count before), 4 / 400 = 1.0 %
    assert "2026-11 1,000 24 2.4 % 30 1.0 % 2026-10 400 12 3.0 % — 1.0 %" in text


def test_the_audience_of_an_account(public: Path) -> None:
    text = _text(public / "reports" / "accounts" / "acme-us-x.html")
    assert "Share of followers, as read on 2026-11-01. 18-24 60.0 % 25-34 40.0 %" in text


def test_a_campaign_page_measures_results_against_goals(public: Path) -> None:
    text = _text(public / "campaigns" / "november-push.html")
    # 1-2 November on acme-us-x: 1,000 impressions of 800 = 125 %; 24 / 1,000 = 2.4 % of 3.0 % = 80 %
    assert "Impressions 800 1,000 125.0 % ✓ met" in text
    assert "Engagement rate 3.0 % 2.4 % 80.0 % · not met" in text


def test_a_post_page_shows_its_readings(public: Path) -> None:
    text = _text(public / "posts" / "acme-us-x" / "2026-11-02-a.html")
    # newest first: 3 November 1,000 impressions, 15 + 3 + 1 + 1 = 20 engagements, 2 %; then 2 November 500, 5, 1 %
    # (reach, clicks, video views and follows not reported: —)
    assert "2026-11-03 1,000 — 20 2.0 % — — —" in text and "2026-11-02 500 — 5 1.0 % — — —" in text


def test_the_metric_definitions_page_lists_every_kpi_with_its_version(public: Path) -> None:
    html = (public / "reports" / "metrics.html").read_text("utf-8")
    for kpi in KPIS.values():
        assert f'id="{kpi.id}"' in html and kpi.formula.split(" ")[0] in html
    assert "100.0 * engagements / nullif(impressions, 0)" in html


def test_the_chinese_reports_speak_chinese(public: Path) -> None:
    text = _text(public / "zh" / "reports" / "2026-11.html")
    assert "互动率 3.7 %" in text and "下载数据（CSV）" in text and "Engagement rate" not in text
    assert "关键指标" in _text(public / "zh" / "reports" / "index.html") or "最近一个月" in _text(
        public / "zh" / "reports" / "index.html")
