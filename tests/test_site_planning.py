"""The planning pages: an annual plan's goals beside each quarter's result, an evaluation
report's results against the plan and its improvement actions (late ones marked), and a
market's brief with its content mix by theme and format. Expected figures are worked out
by hand from the files below."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialops.clock import parse_now
from socialops.site import build_site, render_pages
from tests.conftest import ROOT, demo_only
from tests.test_site_posts import built, site_repo

NOW = "2026-05-01T12:00:00+08:00"
PLAN = """---
title: Acme plan 2026 <script>alert(1)</script>
owner: dana
approved: {by: dana, date: 2026-01-10}
goals:
  accounts:
    acme-us-x: {follower_growth: 4000, engagement_rate: 2.0}
  markets:
    DE: {reach: 500000}
---
## Strategy

Grow in the US <img src=x onerror=alert(2)>.
"""
REPORT = """---
title: Acme 2026 Q1
owner: dana
results:
  accounts:
    acme-us-x: {follower_growth: 1000, engagement_rate: 2.4}
  markets:
    DE: {reach: 100000}
actions:
  - {action: Reply on weekends, owner: alice, due: 2026-03-31, status: done, done: 2026-03-20}
  - {action: Brief the German writers, owner: alice, due: 2026-04-10, status: open}
  - {action: Test a second posting slot, owner: alice, due: 2026-06-30, status: open}
---
## Findings

Growth is behind the year's pace.
"""


def _post(day: str, status: str, extra: str) -> str:
    return f"---\npublish_at: 2026-04-{day}T10:00\nstatus: {status}\nauthor: alice\n{extra}---\nHallo.\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("planning")
    de = "content/posts/acme-de-instagram/2026/2026-04-"
    root = site_repo(tmp, {
        "content/plans/2026.md": PLAN,
        "content/reports/2026-q1.md": REPORT,
        # the DE brief last reviewed 2025-10-01: with the default 180 days, due again on 2026-03-30
        "content/markets/DE.md": (ROOT / "tests/fixtures/base/content/markets/DE.md").read_text("utf-8")
        .replace("reviewed: 2026-11-01", "reviewed: 2025-10-01"),
        "content/markets/GB.md": None,
        # four live posts of the German market (two product, one tips, one without a theme) and a draft
        f"{de}01-a.md": _post("01", "published", "published_url: https://www.instagram.com/p/a/\nformat: image\n"
                                                 "theme: product\n"),
        f"{de}02-b.md": _post("02", "published", "published_url: https://www.instagram.com/p/b/\nformat: image\n"
                                                 "theme: product\n"),
        f"{de}03-c.md": _post("03", "published", "published_url: https://www.instagram.com/p/c/\nformat: carousel\n"
                                                 "theme: tips\n"),
        f"{de}20-d.md": _post("20", "scheduled", "format: image\n"),
        f"{de}21-e.md": _post("21", "draft", "format: image\ntheme: tips\n"),
    })
    return built(root, tmp / "public", now=NOW)


def test_plan_page_sets_each_goal_beside_the_quarters_results(site: Path) -> None:
    html = (site / "plans" / "2026.html").read_text("utf-8")
    assert "<h1>Acme plan 2026 &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html and "<img src=x" not in html
    assert '<th scope="col"><a href="../evaluations/2026-q1.html">Q1</a></th><th scope="col">Q2</th>' in html
    assert ("<td>Follower growth</td><td>4,000</td><td>1,000</td><td></td><td></td><td></td>" in html)
    assert '<a href="../markets/DE.html">DE</a></td><td>Reach</td><td>500,000</td><td>100,000</td>' in html
    index = (site / "plans" / "index.html").read_text("utf-8")
    assert '<a href="../plans/2026.html">Acme plan 2026' in index and "<td>Dana Director</td>" in index


def test_evaluation_page_measures_against_the_plan_and_marks_late_actions(site: Path) -> None:
    html = (site / "evaluations" / "2026-q1.html").read_text("utf-8")
    assert '<time datetime="2026-01-01">2026-01-01</time> – <time datetime="2026-03-31">2026-03-31</time>' in html
    # 1,000 of 4,000 followers is 25 % of the year; a rate is compared in points: 2.4 - 2.0
    assert "<td>Follower growth</td><td>1,000</td><td>4,000</td><td>25 %</td>" in html
    assert "<td>Engagement rate</td><td>2.4 %</td><td>2 %</td><td>+0.4 points</td>" in html
    assert "<td>Reach</td><td>100,000</td><td>500,000</td><td>20 %</td>" in html
    # due 2026-04-10, still open on 2026-05-01: late; due 2026-06-30: open; the first one done
    assert '<tr class="so-action so-action--overdue"><td>Brief the German writers</td>' in html
    assert '<tr class="so-action so-action--open"><td>Test a second posting slot</td>' in html
    assert '<tr class="so-action so-action--done"><td>Reply on weekends</td>' in html
    index = (site / "evaluations" / "index.html").read_text("utf-8")
    assert '<td>2 <span class="so-mark so-mark--missing">1 overdue</span></td>' in index


def test_market_page_shows_the_content_mix_and_a_late_review(site: Path) -> None:
    html = (site / "markets" / "DE.html").read_text("utf-8")
    # live posts only (the draft is left out): 2 product, 1 tips, 1 without a theme of 4
    assert "<tr><td>product</td><td>2</td><td>50 %</td></tr>" in html
    assert "<tr><td>tips</td><td>1</td><td>25 %</td></tr>" in html
    assert "<tr><td>no theme</td><td>1</td><td>25 %</td></tr>" in html
    assert "<tr><td>image</td><td>3</td><td>75 %</td></tr>" in html
    assert '2026-03-30</time> <span class="so-mark so-mark--missing">review overdue</span>' in html
    assert "<h3>Taboo topics</h3>" in html


def test_markets_list_marks_a_market_without_a_brief(site: Path) -> None:
    index = (site / "markets" / "index.html").read_text("utf-8")
    assert '<a href="../markets/GB.html">United Kingdom (GB)</a>' in index
    assert index.count("no brief") == 1 and index.index("GB.html") < index.index("no brief")
    assert "Market brief" not in (site / "markets" / "GB.html").read_text("utf-8")


@demo_only
def test_demo_planning_pages(tmp_path_factory: pytest.TempPathFactory) -> None:
    out = built(ROOT, tmp_path_factory.mktemp("demo") / "public", now=None)
    plan = (out / "plans" / "2026.html").read_text("utf-8")
    assert '<a href="../evaluations/2026-q3.html">Q3</a>' in plan
    report = (out / "evaluations" / "2026-q3.html").read_text("utf-8")
    assert "so-action--done" in report and "so-action--open" in report and "so-action--overdue" not in report
    for market in ("US", "GB", "DE", "JP", "BR", "AE"):
        assert "<h3>Taboo topics</h3>" in (out / "markets" / f"{market}.html").read_text("utf-8")


def test_home_lists_the_late_action_and_review_with_links(site: Path) -> None:
    home = (site / "index.html").read_text("utf-8")
    assert "Brief the German writers" in home and "last reviewed on 2025-10-01" in home
    assert 'href="evaluations/2026-q1.html' in home and 'href="markets/DE.html' in home


def test_fields_the_schema_refused_leave_the_pages_standing(tmp_path: Path) -> None:
    """A date that is no date is left out of the model (its schema finding says so): the
    pages say 'not set' where it would be, in both languages."""
    root = site_repo(tmp_path, {
        "content/plans/2026.md": PLAN.replace("date: 2026-01-10", "date: 2026-13-01"),
        "content/reports/2026-q1.md": REPORT.replace("due: 2026-04-10", "due: soon"),
        "content/reports/2026-q5.md": "---\n- a list\n---\n",
        "content/markets/DE.md": "---\ntitle: Germany\nowner: alice\nreviewed: 2026-02-30\n---\n",
    })
    for language in ("en", "zh"):
        site = build_site(root, parse_now(NOW), language)
        pages = render_pages(site)
        plan = str(pages["plans/2026.md"].content)
        not_set = "not set" if language == "en" else "未设置"
        assert f"Dana Director, {not_set}</td>" in plan and 'datetime="2026-13-01"' not in plan
        assert {"evaluations/2026-q1.md", "markets/DE.md", "markets/index.md"} <= set(pages)


def test_the_chinese_plan_page_names_the_kpis_in_chinese(tmp_path: Path) -> None:
    root = site_repo(tmp_path, {"content/plans/2026.md": PLAN, "content/reports/2026-q1.md": REPORT})
    site = build_site(root, parse_now(NOW), language="zh")
    page = render_pages(site)["plans/2026.md"].content
    assert isinstance(page, str)
    assert "<td>粉丝增长</td><td>4,000</td>" in page and "Follower growth" not in page  # reports.po: 粉丝增长
