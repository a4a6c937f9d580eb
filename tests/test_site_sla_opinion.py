"""The Reply SLA and Public opinion pages and the home page's lines about them, on small
repositories whose figures are counted by hand, and on the demo (its BR spike)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from socialops.clock import parse_now
from socialops.site import build_site, home, opinion, reply_sla, reports
from socialops.site.context import fill_in
from tests.conftest import ROOT, demo_only, make_repo
from tests.test_site import add_site_sources

INTERACTIONS = "id,account,channel,priority,category,received,first_response,resolved,responder,escalated_to,post\n"
MENTIONS = "id,date,platform,market,url,text,reach\n"
CALM = "Lovely lamp and the light is warm and the quality is great"
ANGRY = "Terrible scam and awful support and the lamp broke and I hate this"


def _site(tmp_path: Path, files: dict[str, str], now: str):  # type: ignore[no-untyped-def]
    root = make_repo(tmp_path, files)
    add_site_sources(root)
    return build_site(root, parse_now(now))


def _html(site, content: object, page: str) -> str:  # type: ignore[no-untyped-def]
    """The page as the browser gets it: its finished HTML blocks in place of their placeholders."""
    assert isinstance(content, str)
    return fill_in(content, site.html_blocks.get(page, []))


def _sla_files() -> dict[str, str]:
    # March 2026 in New York: a in time (2 h), b late (6 h of 4), c unanswered past its due
    # time (Mon 2 -> Tue 3 = 1, Wed 4 = 2: due by the end of Wed 4), d open (received Thu 5,
    # due by the end of Mon 9). Decided: a, b, c -> 1 of 3 in time = 33.3 %.
    rows = ["a,acme-us-x,dm,important,question,2026-03-02T09:00:00-05:00,2026-03-02T11:00:00-05:00,,,,",
            "b,acme-us-x,dm,important,complaint,2026-03-02T09:00:00-05:00,2026-03-02T15:00:00-05:00,"
            "2026-03-03T09:00:00-05:00,,dana,",
            "c,acme-us-x,comment,general,question,2026-03-02T10:00:00-05:00,,,,,",
            "d,acme-us-x,comment,general,feedback,2026-03-05T10:00:00-05:00,,,,,"]
    return {"content/metrics/interactions/acme-us-x/2026-03.csv": INTERACTIONS + "\n".join(rows) + "\n"}


def test_reply_sla_page_counts_by_hand(tmp_path: Path) -> None:
    site = _site(tmp_path, _sla_files(), "2026-03-06T12:00:00Z")
    out = reply_sla.pages(site)
    page = _html(site, out[reply_sla.PAGE].content, reply_sla.PAGE)
    assert "<tr><th scope=\"row\">2026-03</th><td>4</td><td>1</td><td>1</td><td>1</td><td>1</td><td>33.3 %</td></tr>" in page
    assert "Acme (acme-us-x)" in page
    # complaints: b, resolved after 24 h, escalated to dana
    assert "<td>2026-03</td><td>1</td><td>1</td><td>24.00</td><td>1</td></tr>" in page
    # the two breaches, newest first, with their rows
    assert page.index("content/metrics/interactions/acme-us-x/2026-03.csv:4") \
        < page.index("content/metrics/interactions/acme-us-x/2026-03.csv:3")
    assert out["reports/reply-sla.compliance.csv"].content == "Month,Compliance\n2026-03,33.3\n"


def test_home_shows_the_months_compliance(tmp_path: Path) -> None:
    site = _site(tmp_path, _sla_files(), "2026-03-06T12:00:00Z")
    page = home.pages(site)["index.md"].content
    assert isinstance(page, str)
    assert "33.3 % answered in time (1 of 3 decided); 1 unanswered past their due time, 1 still open." in page


def _spike_files() -> dict[str, str]:
    calm = "".join(f"m{day},2026-02-{day:02d},x,US,https://x.com/u/status/{day},{CALM},10\n" for day in range(1, 21))
    angry = "".join(f"n{number},2026-02-21,x,US,,{ANGRY} <b>now</b>,10\n" for number in range(6))
    return {"content/metrics/mentions/US/2026-02.csv": MENTIONS + calm + angry}


def test_opinion_page_lists_the_spike_and_the_scored_mentions(tmp_path: Path) -> None:
    site = _site(tmp_path, _spike_files(), "2026-02-25T12:00:00Z")
    out = opinion.pages(site)
    page = _html(site, out[opinion.PAGE].content, opinion.PAGE)
    assert "26 of 26 mentions scored." in page
    assert "<th scope=\"row\">US</th><td>Feb 21, 2026</td><td>Feb 21, 2026</td><td>6 on Feb 21, 2026</td>" in page
    assert "no incident" in page
    # the analyst's text is escaped; a mention with its https link links to it
    assert "&lt;b&gt;now&lt;/b&gt;" in page and "<b>now</b>" not in page
    assert '<a href="https://x.com/u/status/20" rel="noopener noreferrer">' in page
    # week of Mon Feb 16: 5 calm (16-20) + Feb 21's 6 negative + none on 22 -> 6 of 11 = 54.5 %
    assert "2026-02-16,54.5\n" in out["reports/opinion.negative-share.csv"].content  # type: ignore[operator]


def test_home_shows_a_recent_spike_beside_open_incidents(tmp_path: Path) -> None:
    site = _site(tmp_path, _spike_files(), "2026-02-25T12:00:00Z")
    page = home.pages(site)["index.md"].content
    assert isinstance(page, str)
    spikes = page[page.index("### Negative spikes"):page.index("## Reply SLA this month")]
    assert "6 negative mentions on Feb 21, 2026 (a spike is above 0.0)" in spikes and "no incident yet" in spikes


@demo_only
def test_the_demo_shows_the_br_spike_met_by_its_incident() -> None:
    site = build_site(ROOT)
    spikes = opinion.figures(site)["spikes"]
    assert [(s.market, str(s.first), str(s.last)) for s in spikes] == [("BR", "2026-10-14", "2026-10-16")]
    page = _html(site, opinion.pages(site)[opinion.PAGE].content, opinion.PAGE)
    assert 'href="../incidents/2026-10-14-br-tiktok-phishing.html"' in page


def test_a_campaigns_reply_sla_goal_is_measured_in_working_days(tmp_path: Path) -> None:
    # The campaign runs Mon 2 to Wed 4 March 2026 on acme-us-x: a (in time), b (late), c (unanswered
    # past its due time on the 6th) are decided; d (Thu 5) falls outside it. 1 of 3 = 33.3 % of 95.
    campaign = ("---\ntitle: Spring Q&A\ntype: qa\nowner: dana\nstart: 2026-03-02T09:00\nend: 2026-03-04T18:00\n"
                "accounts: [acme-us-x]\ngoals:\n  reply_sla_compliance: 95\n---\n## Theme\n\nQuestions.\n")
    site = _site(tmp_path, {**_sla_files(), "content/campaigns/spring-qa.md": campaign}, "2026-03-06T12:00:00Z")
    [row] = reports.goal_rows(site, site.reports_db(), site.repo.campaigns["spring-qa"])
    assert (row["kpi"], row["target"], row["result"], row["met"]) == ("reply_sla_compliance", "95.0 %", "33.3 %", False)


def test_a_site_build_keeps_the_mentions_readings_for_the_next_build(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """With the opinion-spike rule off, the mentions are read and scored only while the pages
    are made, after the check saved its caches: render_pages saves them too, so the next
    build does not score them again."""
    from socialops import user_cache
    from socialops.site import render_pages

    monkeypatch.setenv("SOCIALOPS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(user_cache, "_MEMOS", {})
    policy = "version: 1\nhq_timezone: Asia/Shanghai\nrules: {opinion-spike: {level: \"off\"}}\n"
    site = _site(tmp_path, {**_spike_files(), "policy.yaml": policy}, "2026-02-25T12:00:00Z")
    assert not (tmp_path / "cache" / "memo" / "mention-reading").exists()  # the check read no mention
    render_pages(site)
    saved = list((tmp_path / "cache" / "memo" / "mention-reading").glob("*.json"))
    assert len(saved) == 1 and len(json.loads(saved[0].read_text())) == 2  # the calm text 20 times, the angry one 6
