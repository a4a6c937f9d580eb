"""The home page: what is due in the 7 days from 'now' (computed here from the post files),
what is overdue, open incidents, sensitive posts not yet published, and the findings."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from socialops.clock import parse_now
from socialops.site import build_site, home
from tests.conftest import ROOT, check, demo_only, make_repo
from tests.test_site import add_site_sources


def rendered(root: Path, now: str | None = None) -> str:
    site = build_site(root, parse_now(now) if now else None)
    return home.pages(site)["index.md"].content  # type: ignore[return-value]


def section(page: str, heading: str) -> str:
    start = page.index(f"## {heading}\n")
    end = page.find("\n## ", start + 1)
    return page[start:end if end != -1 else len(page)]


def linked_posts(html: str) -> set[str]:
    return {piece.split('.html"')[0] for piece in html.split('<a href="posts/')[1:]}


def demo_posts() -> list[tuple[str, dict, datetime]]:
    """(post id, front matter, publish time) of every demo post, read with pyyaml."""
    accounts = yaml.safe_load((ROOT / "accounts.yaml").read_text("utf-8"))["accounts"]
    found = []
    for path in sorted((ROOT / "content" / "posts").rglob("*.md")):
        meta = yaml.safe_load(path.read_text("utf-8").split("---")[1])
        account = path.parent.parent.name
        at = meta["publish_at"]
        at = at if isinstance(at, datetime) else datetime.fromisoformat(str(at))
        if at.tzinfo is None:  # without an offset it is the account's local time
            at = at.replace(tzinfo=ZoneInfo(accounts[account]["timezone"]))
        found.append((f"{account}/{path.stem}", meta, at))
    return found


@pytest.fixture(scope="module")
def demo_page() -> str:
    return rendered(ROOT)


@demo_only
def test_due_this_week_is_every_open_post_of_the_next_7_days(demo_page: str) -> None:
    policy = yaml.safe_load((ROOT / "policy.yaml").read_text("utf-8"))
    now = datetime.fromisoformat(str(policy["reference_time"]))
    expected = {post_id for post_id, meta, at in demo_posts()
                if meta["status"] in ("scheduled", "draft") and now <= at < now + timedelta(days=7)}
    due = section(demo_page, "Due this week")
    assert linked_posts(due) == expected
    assert f"in the next 7 days: {len(expected)}, by day in HQ time" in due
    assert "### Thursday, November 26, 2026" in due  # the demo's now, 2026-11-26 09:00 in Shanghai
    assert 'class="so-post" data-account="lanterna-us-x" data-market="US" data-platform="x"' in due


@demo_only
def test_sensitive_posts_not_yet_published(demo_page: str) -> None:
    expected = {post_id for post_id, meta, _ in demo_posts() if meta["status"] in ("scheduled", "draft")
                and (meta.get("risk") == "sensitive" or meta.get("waivers"))}
    shown = section(demo_page, "Sensitive posts not yet published")
    assert linked_posts(shown) == expected and expected
    assert shown.count("so-mark--waiver") == sum(1 for post_id, meta, _ in demo_posts()
                                                 if post_id in expected and meta.get("waivers"))


@demo_only
def test_demo_has_nothing_overdue_and_counts_its_waivers(demo_page: str) -> None:
    assert "Nothing is overdue" in section(demo_page, "Overdue")
    assert "No open incidents." in section(demo_page, "Open incidents")
    findings = section(demo_page, "Findings")
    # the waived post (cadence) and the waived account (account-profile)
    assert "0 errors" in findings and "0 warnings" in findings and "2 waived" in findings
    assert '<a href="rules.html#cadence">cadence</a></td><td>0</td><td>0</td><td>1</td>' in findings
    assert '<a href="rules.html#account-profile">account-profile</a></td><td>0</td><td>0</td><td>1</td>' in findings
    waived = section(demo_page, "Waivers on campaigns, incidents and accounts")
    assert 'Account: <a href="accounts/lanterna-ae-youtube.html">Lanterna Audio Arabia</a>' in waived
    assert "How a post gets here" in demo_page  # the hand-written home page's text is kept


INCIDENT = """---
title: "<script>alert('incident')</script>Phishing"
kind: security
severity: high
status: open
opened: 2026-05-30T10:00
accounts: [acme-us-x]
owner: dana
---
## Summary

Fake giveaway messages.
"""


def post(status: str, extra: str = "") -> str:
    return f"---\npublish_at: 2026-06-03T09:00\nstatus: {status}\nauthor: alice\n{extra}---\nHello <b>there</b>\n"


@pytest.fixture(scope="module")
def overdue_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = make_repo(tmp_path_factory.mktemp("home"), {
        "content/incidents/2026-05-30-phishing.md": INCIDENT,
        "content/posts/acme-us-x/2026/2026-06-03-risky.md": post("draft", "risk: sensitive\n"),
        "content/posts/acme-de-instagram/2026/2026-06-03-waived.md":
            post("scheduled", "waivers: [{rule: cadence, reason: The launch stream starts late at night.}]\n"),
        "content/posts/acme-us-x/2026/2026-05-20-done.md":
            "---\npublish_at: 2026-05-20T09:00\nstatus: published\nauthor: alice\nrisk: sensitive\n"
            "published_url: https://x.com/acme/status/1\n---\nDone.\n",
    })
    add_site_sources(root)
    return root, rendered(root, "2026-06-01T12:00:00+08:00")


def test_overdue_items_link_to_their_pages(overdue_page: tuple[Path, str]) -> None:
    _, page = overdue_page
    overdue = section(page, "Overdue")
    # base: passwords rotated 2026-02-01 (every 90 days, 14 days' grace), review 2026-01-15 (every 90, 30 grace)
    for account_id in ("acme-us-x", "acme-de-instagram", "acme-gb-linkedin"):
        assert f"{account_id}&#39;s password is 120 days old" in overdue
        assert f'<a href="accounts/{account_id}.html">' in overdue
    assert "the last permission review was 137 days ago" in overdue and '<a href="people.html">' in overdue
    assert "Phishing" not in overdue  # incidents have their own section...
    # ...but a step not taken in time is listed: opened 2026-05-30 10:00 in Shanghai (02:00 UTC), 2 days 2 hours
    # before now (2026-06-01 04:00 UTC); a high incident is acknowledged within 2 hours (the policy's defaults)
    assert ("<strong>Incident step</strong>:\nnot acknowledged 2 days 2 hours after detection; a high incident is "
            "acknowledged within 2 hours") in overdue
    assert '<a href="incidents/2026-05-30-phishing.html">' in overdue
    assert "<strong>incident-timing</strong>" not in overdue  # every kind has its label


def test_open_incident_is_listed_escaped(overdue_page: tuple[Path, str]) -> None:
    _, page = overdue_page
    incidents = section(page, "Open incidents")
    assert ('<a href="incidents/2026-05-30-phishing.html">&lt;script&gt;alert(&#39;incident&#39;)&lt;/script&gt;'
            'Phishing</a>') in incidents
    assert '<a href="accounts/acme-us-x.html">Acme</a>' in incidents
    assert "<script>" not in page


def test_sensitive_and_waived_posts_await_a_director(overdue_page: tuple[Path, str]) -> None:
    _, page = overdue_page
    shown = section(page, "Sensitive posts not yet published")
    assert linked_posts(shown) == {"acme-us-x/2026-06-03-risky", "acme-de-instagram/2026-06-03-waived"}
    assert '<span class="so-mark so-mark--sensitive">sensitive</span>' in shown
    assert '<span class="so-mark so-mark--waiver">waiver: cadence</span>' in shown
    assert "Hello &lt;b&gt;there&lt;/b&gt;" in shown


def test_findings_summary_matches_the_check(overdue_page: tuple[Path, str]) -> None:
    root, page = overdue_page
    findings = check(root, "2026-06-01T12:00:00+08:00")
    summary = section(page, "Findings")
    errors = sum(1 for f in findings if f.severity == "error")
    warnings = sum(1 for f in findings if f.severity == "warning")
    assert f"{errors} error{'' if errors == 1 else 's'}" in summary
    assert f"{warnings} warning{'' if warnings == 1 else 's'}" in summary
    late_rotations = sum(1 for f in findings if f.rule == "account-security")
    assert late_rotations == 3  # computed above: three accounts, all past the grace period
    assert f'<a href="rules.html#account-security">account-security</a></td><td>{late_rotations}</td>' in summary
    # every error and warning is listed with the page it is about
    assert summary.count('<li><span class="so-flag') == errors + warnings


def test_waivers_beyond_posts_await_a_director_on_the_home_page(tmp_path: Path) -> None:
    """An account, a campaign not yet over and an open incident that carry waivers are
    listed; a campaign that is over is not (its waiver is now the record of the exception)."""
    waiver = "waivers:\n  - rule: campaign-evaluation\n    reason: The evaluation is in the quarterly report.\n"

    def plan(title: str, end: str) -> str:
        return (f"---\ntitle: {title}\ntype: qa\nowner: dana\nstart: 2026-01-10T09:00\nend: {end}\n"
                f"accounts: [acme-us-x]\n{waiver}---\n## Theme\n\nQ&A.\n")

    incident = ("---\ntitle: Phishing DMs\nseverity: high\nstatus: open\nopened: 2026-02-20T10:00\n"
                "accounts: [acme-us-x]\nowner: dana\nwaivers:\n  - rule: references\n"
                "    reason: The platform's own team handled it.\n---\n## Summary\n\nPhishing.\n")
    accounts = (Path(__file__).parent / "fixtures" / "base" / "accounts.yaml").read_text("utf-8")
    accounts += ("    waivers:\n      - rule: account-profile\n"
                 "        reason: LinkedIn shows no website until the page is verified.\n")
    root = make_repo(tmp_path, {"content/campaigns/winter.md": plan("Winter Q&A", "2026-01-20T18:00"),
                                "content/campaigns/spring.md": plan("Spring Q&A", "2026-04-20T18:00"),
                                "content/incidents/2026-02-20-phishing.md": incident, "accounts.yaml": accounts})
    add_site_sources(root)
    page = home.pages(build_site(root, parse_now("2026-03-01T12:00:00+08:00")))["index.md"].content
    section = page[page.index("## Waivers on campaigns, incidents and accounts"):]
    section = section[:section.index("\n## ")]
    assert 'Campaign: <a href="campaigns/spring.html">Spring Q&amp;A</a>: <code>campaign-evaluation</code>' in section
    assert "Winter" not in section
    assert 'Incident: <a href="incidents/2026-02-20-phishing.html">Phishing DMs</a>: <code>references</code>' in section
    assert ('Account: <a href="accounts/acme-gb-linkedin.html">Acme UK</a>: <code>account-profile</code> '
            "(LinkedIn shows no website until the page is verified.)") in section


def test_a_long_overdue_list_shows_ten_of_each_kind(tmp_path: Path) -> None:
    """Twelve missed posts: ten listed and the two more counted; an unanswered message links
    to the reply-SLA page (its row is in a metric file, which has no page of its own)."""
    missed = {f"content/posts/acme-us-x/2026/2026-05-{day:02d}-missed.md":
              f"---\npublish_at: 2026-05-{day:02d}T09:00\nstatus: scheduled\nauthor: alice\n---\nHello.\n"
              for day in range(1, 13)}
    # important: answered within 4 hours (policy.yaml says nothing: the default); received 2026-05-31 09:00 in New York
    unanswered = ("id,account,channel,priority,category,received,first_response,resolved,responder,escalated_to,post\n"
                  "m1,acme-us-x,dm,important,complaint,2026-05-31T09:00:00-04:00,,,,,\n")
    root = make_repo(tmp_path, {**missed, "content/metrics/interactions/acme-us-x/2026-05.csv": unanswered})
    add_site_sources(root)
    overdue = section(rendered(root, "2026-06-01T12:00:00+08:00"), "Overdue")
    assert overdue.count("<strong>Missed post</strong>") == 10
    assert "… and 2 more of this kind: socialops check lists them all." in overdue
    assert "2026-05-10-missed" in overdue and "2026-05-11-missed" not in overdue  # the first ten, in file order
    assert overdue.count("<strong>Unanswered message</strong>") == 1
    assert ('<a href="reports/reply-sla.html"><code>content/metrics/interactions/acme-us-x/2026-05.csv:2</code>'
            in overdue)


def test_every_kind_of_the_audits_list_has_a_label_on_the_home_page() -> None:
    """The labels in the home page's template are a copy of the audit's kinds: a kind added
    to the audit without one would show its rule id."""
    from socialops.github import audit

    template = (ROOT / "site" / "templates" / "home.md.j2").read_text("utf-8")
    assert [kind for kind in audit.HEADINGS if kind != "incident" and f'"{kind}": _(' not in template] == []
