"""Incident pages: severity, status, when opened and resolved, accounts by name, the owner,
and the writer's sections, escaped."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, demo_only
from tests.test_site_posts import built, site_repo

INCIDENT = """---
title: Phishing <img src=x onerror=alert(1)>
kind: security
severity: high
status: open
opened: 2026-02-20T09:20
accounts: [acme-us-x]
owner: dana
---
## Summary

Fake accounts <script>alert(2)</script> sent DMs. [report](https://acme.example/report)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("incidents")
    root = site_repo(tmp, {"content/incidents/2026-02-20-phishing.md": INCIDENT,
                           "content/incidents/2026-01-02-older.md": INCIDENT.replace("2026-02-20", "2026-01-02")})
    return built(root, tmp / "public")


def test_incident_page(site: Path) -> None:
    html = (site / "incidents" / "2026-02-20-phishing.html").read_text("utf-8")
    assert "<h1>Phishing &lt;img src=x onerror=alert(1)&gt;</h1>" in html
    assert '<span class="so-severity so-severity--high">Severity: high</span>' in html
    assert '<span class="so-state so-state--open">open</span>' in html
    # opened 09:20 in the HQ time zone (the fixture's Asia/Shanghai; the plan names none)
    assert '<time datetime="2026-02-20T09:20:00+08:00">' in html and "<td>not set</td>" in html  # not resolved
    assert '<a href="../accounts/acme-us-x.html">Acme · X</a>' in html and "<td>Dana Director</td>" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html and "<script>alert(2)" not in html
    assert '<a href="https://acme.example/report" rel="nofollow noopener noreferrer">report</a>' in html


def test_incident_list_newest_first(site: Path) -> None:
    index = (site / "incidents" / "index.html").read_text("utf-8")
    assert index.index("2026-02-20-phishing.html") < index.index("2026-01-02-older.html")


@demo_only
def test_demo_incident(tmp_path_factory: pytest.TempPathFactory) -> None:
    out = built(ROOT, tmp_path_factory.mktemp("demo") / "public", now=None)
    html = (out / "incidents" / "2026-10-14-br-tiktok-phishing.html").read_text("utf-8")
    assert "<h1>Phishing DMs impersonating Lanterna Brasil on TikTok</h1>" in html
    assert '<time datetime="2026-10-16T18:00:00-03:00">' in html  # resolved, in the incident's zone (BRT)
    assert '<a href="../accounts/lanterna-br-tiktok.html">' in html and "<h3>Lessons</h3>" in html


# -- the response against the policy's limits, and the playbooks -------------------------------

RESPONDED = """---
title: Page restricted
kind: platform
severity: high
status: open
opened: 2026-02-28T09:00
timezone: Europe/London
accounts: [acme-gb-linkedin]
owner: alice
detected: 2026-02-28T08:30
acknowledged: 2026-02-28T11:00
escalated_to: dana
escalated: 2026-02-28T09:30
platform_reports:
  - {reported: 2026-02-28T10:00, ticket: "LI-<b>77</b>", outcome: under review}
appeal: {filed: 2026-02-28T12:00, ticket: LI-78, outcome: pending}
statement: acme-us-x/2026-02-28-notice
---
## Summary

The LinkedIn page was restricted.
"""
UNANSWERED = """---
title: Angry thread
kind: public-opinion
severity: medium
status: open
opened: 2026-03-01T06:00
accounts: [acme-us-x]
owner: alice
---
## Summary

An angry thread.
"""
PLAYBOOK = """---
title: Platform <i>incidents</i>
owner: dana
reviewed: "2026-01-31"
---
## Steps

1. Appeal <script>alert(3)</script>.

## Contacts

- Dana

## Templates

> We are back soon.
"""
NOTICE = ("---\npublish_at: 2026-02-28T07:00\nstatus: published\nauthor: alice\n"
          "published_url: https://x.com/acme/status/1\n---\nOur UK page is down for a while.\n")


@pytest.fixture(scope="module")
def responded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("response")
    root = site_repo(tmp, {"content/incidents/2026-02-28-restricted.md": RESPONDED,
                           "content/incidents/2026-03-01-thread.md": UNANSWERED,
                           "content/incidents/2026-02-27-typo.md": UNANSWERED.replace("severity: medium", "severity: low"),
                           "content/playbooks/platform.md": PLAYBOOK,
                           "content/posts/acme-us-x/2026/2026-02-28-notice.md": NOTICE})
    return built(root, tmp / "public")


def _row(html: str, label: str) -> str:
    start = html.index(f"<td>{label}</td>")
    return html[start:html.index("</tr>", start)]


def test_response_steps_against_the_limits(responded: Path) -> None:
    html = (responded / "incidents" / "2026-02-28-restricted.html").read_text("utf-8")
    # high (defaults): acknowledged within 2 hours, escalated within 4, to a director
    assert "A high incident is acknowledged within 2 hours of its detection, and escalated within 4 hours" in html
    # detected 08:30, acknowledged 11:00 London time: 2 h 30 min, late
    acknowledged = _row(html, "Acknowledged")
    assert '<time datetime="2026-02-28T11:00:00+00:00">' in acknowledged and "2 h 30 min" in acknowledged
    assert "within 2 h" in acknowledged and "so-mark--late" in acknowledged
    escalated = _row(html, "Escalated")
    assert "1 h 0 min" in escalated and "in time" in escalated and "to Dana Director" in escalated
    report = _row(html, "Reported to the platform")
    assert "ticket LI-&lt;b&gt;77&lt;/b&gt;: under review" in report  # the writer's text, escaped
    assert "ticket LI-78, outcome: pending" in _row(html, "Appeal filed")
    # the statement, 07:00 New York = 12:00 London, links to its post page
    statement = _row(html, "Public statement")
    assert '<a href="../posts/acme-us-x/2026-02-28-notice.html">acme-us-x/2026-02-28-notice</a>' in statement
    assert "3 h 30 min" in statement
    assert '<a href="../playbooks/platform.html">Platform &lt;i&gt;incidents&lt;/i&gt;</a>' in html


def test_a_step_not_taken_in_time_is_overdue(responded: Path) -> None:
    html = (responded / "incidents" / "2026-03-01-thread.html").read_text("utf-8")
    # opened 06:00 Shanghai (no detected): at 12:00 the medium limit of 4 hours has passed
    acknowledged = _row(html, "Acknowledged")
    assert "not recorded" in acknowledged and "so-mark--missing" in acknowledged
    assert "the time it was opened" in _row(html, "Detected")
    assert "public-opinion (no such playbook)" in html


def test_playbook_pages(responded: Path) -> None:
    html = (responded / "playbooks" / "platform.html").read_text("utf-8")
    assert "<h1>Platform &lt;i&gt;incidents&lt;/i&gt;</h1>" in html
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html and "<script>alert(3)" not in html
    assert '<a href="../incidents/2026-02-28-restricted.html">Page restricted</a>' in html
    assert '<time datetime="2026-01-31">' in html and "<td>Dana Director</td>" in html
    index = (responded / "playbooks" / "index.html").read_text("utf-8")
    assert '<a href="../playbooks/platform.html">' in index
    assert 'href="../playbooks/index.html"' in (responded / "incidents" / "index.html").read_text("utf-8")
    home = (responded / "index.html").read_text("utf-8")
    navigation = home[home.index("md-nav--primary"):home.index("md-content")]
    assert 'href="playbooks/index.html"' in navigation  # under Incidents
    assert "playbooks/platform.html" not in navigation  # each playbook is reached from the list


def test_a_severity_without_an_escalation_limit(responded: Path) -> None:
    """low has no escalate_hours by default: the page says so and the step has no limit."""
    html = (responded / "incidents" / "2026-02-27-typo.html").read_text("utf-8")
    assert ("A low incident is acknowledged within 24 hours of its detection, to director "
            "(policy.yaml incident_response).") in html
    assert "within" not in _row(html, "Escalated")
