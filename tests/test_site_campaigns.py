"""Campaign pages: the plan, the writer's Markdown rendered without running anything, the
posts on a timeline, goals, and the evaluation shown missing once the campaign ended."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from socialops.site import campaigns
from tests.conftest import ROOT, demo_only
from tests.test_site_posts import built, site_repo

ENDED = """---
title: <script>alert(4)</script> Winter
type: giveaway
owner: dana
start: 2026-01-10T09:00
end: 2026-01-20T18:00
accounts: [acme-us-x, ghost-account]
goals: {entries: 4000, new_followers: 1500}
budget: {amount: 2400, currency: USD}
official_rules: https://acme.example/rules
legal_review: {by: dana, date: "2026-01-05"}
---
## Theme

<b>bold?</b> <script>alert(6)</script> [bad](javascript:alert(7)) [good](https://acme.example/more)
![pixel](https://tracker.example/p.png) **strong**

- one
- two
"""
POST = "---\npublish_at: {when}\nstatus: draft\nauthor: alice\ncampaign: winter\n---\nWinter post {n}\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("campaigns")
    root = site_repo(tmp, {
        "content/campaigns/winter.md": ENDED,
        "content/posts/acme-us-x/2026/2026-01-15-b.md": POST.format(when="2026-01-15T10:00", n=2),
        "content/posts/acme-us-x/2026/2026-01-12-a.md": POST.format(when="2026-01-12T10:00", n=1),
        "content/posts/acme-de-instagram/2026/2026-01-13-c.md": POST.format(when="2026-01-13T10:00", n=3),
    })
    return built(root, tmp / "public")


def test_plan_facts_with_accounts_by_name(site: Path) -> None:
    html = (site / "campaigns" / "winter.html").read_text("utf-8")
    assert "<h1>&lt;script&gt;alert(4)&lt;/script&gt; Winter</h1>" in html
    assert '<a href="../accounts/acme-us-x.html">Acme · X</a>, ghost-account (not in accounts.yaml)' in html
    assert "<td>Dana Director</td>" in html  # the owner, by name
    assert "<td>2,400 USD</td>" in html
    assert '<a href="https://acme.example/rules" rel="nofollow noopener noreferrer">' in html
    assert "<tr><td>entries</td><td>4,000</td></tr>" in html and "<tr><td>new_followers</td><td>1,500</td></tr>" in html


def test_posts_on_a_timeline_in_publishing_order(site: Path) -> None:
    html = (site / "campaigns" / "winter.html").read_text("utf-8")
    links = re.findall(r'<li class="so-post" data-account="([^"]+)"[^>]*data-campaign="winter" data-status="draft">'
                       r'.*?<a href="([^"]+)">', html)
    # 01-12 10:00 New York, 01-13 10:00 Berlin (04:00 in New York), 01-15 10:00 New York
    assert links == [("acme-us-x", "../posts/acme-us-x/2026-01-12-a.html"),
                     ("acme-de-instagram", "../posts/acme-de-instagram/2026-01-13-c.html"),
                     ("acme-us-x", "../posts/acme-us-x/2026-01-15-b.html")]


def test_an_ended_campaign_without_evaluation_shows_it_missing(site: Path) -> None:
    html = (site / "campaigns" / "winter.html").read_text("utf-8")
    # ended 2026-01-20 + campaign_evaluation_days (14) = due 2026-02-03; now is 2026-03-01
    assert '<p class="so-mark so-mark--missing">Evaluation missing: ' in html
    assert "it is due on 2026-02-03. It is overdue." in html
    index = (site / "campaigns" / "index.html").read_text("utf-8")
    assert '<a href="../campaigns/winter.html">&lt;script&gt;alert(4)&lt;/script&gt; Winter</a>' in index
    assert '<span class="so-mark so-mark--missing">Evaluation missing</span>' in index


def test_writer_markdown_is_rendered_without_html_or_unsafe_links(site: Path) -> None:
    html = (site / "campaigns" / "winter.html").read_text("utf-8")
    writer = html[html.index('<div class="so-writer">'):]
    assert "&lt;b&gt;bold?&lt;/b&gt; &lt;script&gt;alert(6)&lt;/script&gt;" in writer
    assert "<span>bad</span>" in writer and "javascript:" not in writer
    assert '<a href="https://acme.example/more" rel="nofollow noopener noreferrer">good</a>' in writer
    assert "tracker.example" not in writer and "<img" not in writer  # nothing loaded from outside
    assert "<strong>strong</strong>" in writer and "<li>one</li>" in writer and "<h3>Theme</h3>" in writer


def test_markdown_renderer_refuses_tricks() -> None:
    markdown = campaigns.writer_markdown()
    for text in ("[x](javascript:alert(1))", "[x](JAVASCRIPT:alert(1))", "[x](java\\script:alert(1))",
                 "[x]( javascript:alert(1))", "[x][r]\n\n[r]: javascript:alert(1)", "<javascript:alert(1)>",
                 "[x](data:text/html;base64,PHNjcmlwdD4=)", '<a href="javascript:alert(1)">x</a>'):
        html = str(campaigns.render_markdown(markdown, text))
        assert "<a" not in html, (text, html)  # text at most, never a link
    assert "<script" not in str(campaigns.render_markdown(markdown, "<script>alert(1)</script>\n\n<div>\n<script>x</script>\n</div>"))


@demo_only
def test_demo_campaign(tmp_path_factory: pytest.TempPathFactory) -> None:
    out = built(ROOT, tmp_path_factory.mktemp("demo") / "public", now=None)
    html = (out / "campaigns" / "halloween-giveaway-2026.html").read_text("utf-8")
    # content/campaigns/halloween-giveaway-2026.md: evaluated; 4 posts on lanterna-us-x, 3 on lanterna-us-instagram
    assert "so-mark--missing" not in html and "1,930 new followers on the two accounts (goal 1,500)" in html
    assert html.count('data-campaign="halloween-giveaway-2026"') == 7
    assert '<a href="../accounts/lanterna-us-instagram.html">Lanterna Audio · Instagram</a>' in html
    index = (out / "campaigns" / "index.html").read_text("utf-8")
    assert index.index("halloween-giveaway-2026.html") < index.index("halo-launch-2026.html") < \
        index.index("holiday-qa-2026.html")  # by start
