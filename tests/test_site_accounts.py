"""The account pages and the media credits page, built by `mkdocs build`: on the demo (due
dates computed here from the YAML files) and on a repository whose writers typed HTML,
script and `javascript:` links into names, bios and credits."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from tests import test_site
from tests.conftest import ROOT, demo_only, make_repo


def build(root: Path, out: Path, now: str = "", strict: bool = True) -> None:
    result = test_site.build(root, out, now, strict=strict)
    assert result.returncode == 0, result.stderr


def medium(day: date) -> str:
    """A date as the English pages write it (CLDR 'medium': Dec 27, 2026)."""
    return f"{day:%b} {day.day}, {day.year}"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "public"
    build(ROOT, out)
    return out


@pytest.fixture(scope="module")
def demo_yaml() -> dict:
    return {name: yaml.safe_load((ROOT / f"{name}.yaml").read_text("utf-8")) for name in ("accounts", "permissions", "policy")}


@demo_only
def test_every_account_has_a_page_listed_by_name(demo: Path, demo_yaml: dict) -> None:
    index = (demo / "accounts" / "index.html").read_text("utf-8")
    accounts = demo_yaml["accounts"]["accounts"]
    for account_id, account in accounts.items():
        assert (demo / "accounts" / f"{account_id}.html").is_file()
        assert f'<a href="{account_id}.html">{account["name"]}</a>' in index
    # by name: "Lanterna Audio" (twice) before "Lanterna Audio Arabia" ... before "Lanterna Audio UK"
    order = [index.index(f'href="{account_id}.html"') for account_id in
             sorted(accounts, key=lambda account_id: (accounts[account_id]["name"], account_id))]
    assert order == sorted(order)
    assert 'href="accounts/index.html"' in (demo / "index.html").read_text("utf-8")


@demo_only
def test_rotation_and_review_due_dates_are_the_policy_intervals(demo: Path, demo_yaml: dict) -> None:
    intervals = demo_yaml["policy"]["intervals"]
    account = demo_yaml["accounts"]["accounts"]["lanterna-jp-x"]
    rotated = account["security"]["password_rotated"]  # YAML reads the date as a date
    rotation_due = rotated + timedelta(days=intervals["password_rotation_days"])
    review_due = demo_yaml["permissions"]["review"]["date"] + timedelta(days=intervals["permission_review_days"])
    page = (demo / "accounts" / "lanterna-jp-x.html").read_text("utf-8")
    assert f'<span class="so-due">{medium(rotation_due)}</span>' in page  # Jan 10, 2027 on the demo
    assert f'<span class="so-due">{medium(review_due)}</span>' in page  # Jan 3, 2027
    assert "op://Social Media/lanterna-jp-x/password" in page  # where the credential lives
    index = (demo / "accounts" / "index.html").read_text("utf-8")
    assert f"Next permission review due: <span class=\"so-due\">{medium(review_due)}</span>" in index
    retired = (demo / "accounts" / "lanterna-mx-facebook.html").read_text("utf-8")
    assert "not needed: the account is retired" in retired


@demo_only
def test_account_page_shows_profile_grants_and_posts(demo: Path, demo_yaml: dict) -> None:
    page = (demo / "accounts" / "lanterna-us-x.html").read_text("utf-8")
    account = demo_yaml["accounts"]["accounts"]["lanterna-us-x"]
    assert "<title>Lanterna Audio - " in page
    assert account["profile"]["bio"] in page
    assert f'<a href="{account["profile"]["website"]}"' in page
    assert '<img class="so-avatar" src="../media/brand/avatar.png"' in page
    assert (demo / "media" / "brand" / "avatar.png").read_bytes() == (ROOT / account["profile"]["avatar"]).read_bytes()
    people = demo_yaml["permissions"]["people"]
    grant = demo_yaml["permissions"]["grants"]["lanterna-us-x"]
    for role, title in (("writers", "Writers"), ("reviewers", "Reviewers"), ("publishers", "Publishers"),
                        ("responders", "Responders")):
        row = page[page.index(f'<th scope="row">{title}</th>'):]
        row = row[:row.index("</tr>")]
        assert [handle for handle in people if f"@{handle}<" in row] == sorted(grant[role], key=list(people).index)
        assert all(people[handle]["name"] in row for handle in grant[role])
    # its posts: the nearest upcoming one (the demo's now is 2026-11-26 09:00 +08:00 = 2026-11-25 20:00 New York)
    upcoming = page[page.index('id="upcoming-posts"'):page.index('id="recent-posts"')]
    assert 'href="../posts/lanterna-us-x/2026-11-26-halo-launch-019.html"' in upcoming
    recent = page[page.index('id="recent-posts"'):]
    assert 'href="../posts/lanterna-us-x/2026-11-22-halo-launch-018.html"' in recent
    assert 'class="so-mark so-mark--sensitive">sensitive<' in recent  # the Aura safety notice


@demo_only
def test_media_credits_list_every_asset_with_its_posts(demo: Path) -> None:
    uses: dict[tuple, set[str]] = {}
    for path in sorted((ROOT / "content" / "posts").rglob("*.md")):
        meta = yaml.safe_load(path.read_text("utf-8").split("---")[1])
        for item in meta.get("media") or []:
            key = (item["file"], item.get("source"), item.get("license"), item.get("credit"))
            uses.setdefault(key, set()).add(f"{path.parent.parent.name}/{path.stem}")
    page = (demo / "media.html").read_text("utf-8")
    assert f"{len(uses)} media items; 0 with a missing source" in page
    drift = [posts for key, posts in uses.items() if key[0] == "content/media/images/drift-1200x630.jpg"][0]
    row = page[page.index("<code>content/media/images/drift-1200x630.jpg</code>"):]
    row = row[:row.index("</tr>")]
    assert {link.split('"')[0].removesuffix(".html") for link in row.split('href="posts/')[1:]} == drift
    assert (demo / "media" / "images" / "drift-1200x630.jpg").is_file()


HOSTILE = {
    "accounts.yaml": """accounts:
  acme-us-x:
    platform: x
    handle: "@acme<b>"
    name: "<script>alert('name')</script>Acme & Co"
    market: US
    languages: [en-US]
    timezone: America/New_York
    url: "javascript:alert('url')"
    status: active
    profile: {avatar: content/media/evil.svg, bio: "<img src=x onerror=alert('bio')>", contact: hello@acme.example,
              website: "javascript:alert('web')"}
    security: {two_factor: false, vault: "op://Social/acme-us-x", password_rotated: "2026-02-01"}
""",
    "content/media/evil.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert("svg")</script></svg>',
    "permissions.yaml": """people:
  alice: {name: "<b onmouseover=alert('person')>Alice</b>", roles: [content], training: "2026-01-10"}
  dana: {name: Dana Director, roles: [director], training: "2026-01-10"}
grants:
  acme-us-x: {writers: [alice], reviewers: [dana], publishers: [dana]}
sensitive_approvers: [dana]
review: {date: "2026-01-15", by: dana}
""",
    "content/posts/acme-us-x/2026/2026-06-02-credit.md": """---
publish_at: 2026-06-02T09:00
status: draft
author: alice
format: image
risk: sensitive
media:
  - file: content/media/avatar.png
    alt: "<script>alert('alt')</script>"
    source: stock
    credit: "<script>alert('credit')</script>[x](javascript:alert(1))"
---
[click](javascript:alert('copy')) <iframe src=x></iframe>
""",
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_repo(tmp_path_factory.mktemp("hostile"), HOSTILE)
    test_site.add_site_sources(root)
    out = root / "public"
    build(root, out, now="2026-06-01T12:00:00+08:00", strict=False)
    return out


def test_writer_text_on_account_pages_is_escaped(hostile: Path) -> None:
    page = (hostile / "accounts" / "acme-us-x.html").read_text("utf-8")
    index = (hostile / "accounts" / "index.html").read_text("utf-8")
    for html in (page, index):
        assert "<script>alert" not in html and "onerror=alert" not in html.replace("&lt;img src=x onerror=", "")
        assert "&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;Acme &amp; Co" in html
    assert "&lt;img src=x onerror=alert(&#39;bio&#39;)&gt;" in page
    # the page title (Material writes it unescaped) holds the escaped name
    assert "<title>&lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt;Acme &amp; Co - " in page
    assert 'href="javascript:' not in page.lower()
    # the schema refuses both addresses; the findings on the page quote them as text
    assert "javascript:alert(&#39;web&#39;)" in page
    assert "evil.svg cannot be shown" in page and not list(hostile.rglob("*.svg"))
    people = (hostile / "people.html").read_text("utf-8")
    assert "<b onmouseover" not in people and "&lt;b onmouseover=alert(&#39;person&#39;)&gt;Alice&lt;/b&gt;" in people


def test_security_posture_marks_what_is_overdue(hostile: Path) -> None:
    page = (hostile / "accounts" / "acme-us-x.html").read_text("utf-8")
    # rotated 2026-02-01, every 90 days: due May 2; on June 1 it is 120 days old, past the 14-day grace
    assert f'<span class="so-due so-due--late">{medium(date(2026, 2, 1) + timedelta(days=90))}' in page
    assert 'Two-factor sign-in</th><td><strong class="so-flag so-flag--error">off</strong>' in page
    # the account-security rule's findings for this account are on its page, linked to the rule
    assert 'href="../rules.html#account-security">account-security</a>' in page


def test_missing_credits_are_marked_and_escaped(hostile: Path) -> None:
    page = (hostile / "media.html").read_text("utf-8")
    assert "1 media item; 1 with a missing source, license or credit." in page
    row = page[page.index("<code>content/media/avatar.png</code>"):]
    row = row[:row.index("</tr>")]
    assert '<strong class="so-flag so-flag--error">missing</strong>' in row  # the license
    assert "&lt;script&gt;alert(&#39;credit&#39;)&lt;/script&gt;[x](javascript:alert(1))" in row
    assert "<script>alert" not in page and 'href="javascript:' not in page


@demo_only
def test_account_page_shows_how_it_was_opened_and_why_it_closed(demo: Path, demo_yaml: dict) -> None:
    accounts = demo_yaml["accounts"]["accounts"]
    people = demo_yaml["permissions"]["people"]
    us = (demo / "accounts" / "lanterna-us-x.html").read_text("utf-8")
    registration = accounts["lanterna-us-x"]["registration"]
    assert f"<code>{registration['email']}</code>" in us
    assert f"{people[registration['approved_by']]['name']} <small>@{registration['approved_by']}" in us
    assert f"<code>{registration['recovery_codes']}</code>" in us
    assert "Why it was retired" not in us  # an active account
    mexico = (demo / "accounts" / "lanterna-mx-facebook.html").read_text("utf-8")
    assert accounts["lanterna-mx-facebook"]["retirement"]["reason"] in mexico
