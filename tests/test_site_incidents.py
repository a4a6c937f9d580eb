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
