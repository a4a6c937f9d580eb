"""The people page: the permission matrix from permissions.yaml's grants, the five roles'
duties, and each person's training with the date it expires; in English and Chinese; and
every message of the account, people, media and home templates has a Chinese translation."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from socialops.clock import parse_now
from socialops.site import build_site, people
from tests.conftest import ROOT, demo_only, make_repo
from tests.test_site import add_site_sources

TEMPLATES = ("account_macros.j2", "account.md.j2", "accounts_index.md.j2", "people.md.j2", "media.md.j2", "home.md.j2")
CATALOGUES = ("accounts.po", "people.po", "media_credits.po", "home.po")
LETTERS = {"writers": "W", "reviewers": "R", "publishers": "P", "responders": "A"}


def rendered(root: Path, language: str = "en", now: str | None = None) -> str:
    site = build_site(root, parse_now(now) if now else None, language)
    return people.pages(site)["people.md"].content  # type: ignore[return-value]


def cell(page: str, handle: str, column: int) -> str:
    """The matrix cell of a person (by handle) in an account column (0-based)."""
    row = page[page.index(f"<small>@{handle}</small>"):]
    row = row[:row.index("</tr>")]
    return row.split('<td class="so-cell">')[column + 1].split("</td>")[0]


@pytest.fixture(scope="module")
def demo_page() -> str:
    return rendered(ROOT)


@demo_only
def test_matrix_shows_each_grant(demo_page: str) -> None:
    accounts = yaml.safe_load((ROOT / "accounts.yaml").read_text("utf-8"))["accounts"]
    permissions = yaml.safe_load((ROOT / "permissions.yaml").read_text("utf-8"))
    columns = sorted(accounts, key=lambda account_id: (accounts[account_id]["name"], account_id))
    for handle in permissions["people"]:
        for column, account_id in enumerate(columns):
            grant = permissions["grants"].get(account_id, {})
            expected = [LETTERS[role] for role in LETTERS if handle in grant.get(role, [])]
            letters = [piece.split(">")[1] for piece in cell(demo_page, handle, column).split("</abbr>")[:-1]]
            assert letters == expected, (handle, account_id)
    # the sensitive approver is marked beside their global role
    row = demo_page[demo_page.index("<small>@mei-lin</small>"):]
    assert row[:row.index("</tr>")].count("Operations director<br><span class=\"so-mark so-mark--sensitive\">") == 1


@demo_only
def test_training_expiry_is_the_policy_validity(demo_page: str) -> None:
    valid = yaml.safe_load((ROOT / "policy.yaml").read_text("utf-8"))["intervals"]["training_valid_days"]
    courses = yaml.safe_load((ROOT / "permissions.yaml").read_text("utf-8"))["people"]["grace-liu"]["training"]
    due = max(course["date"] for course in courses) + timedelta(days=valid)
    row = demo_page[demo_page.rindex("<small>@grace-liu</small>"):]
    row = row[:row.index("</tr>")]
    assert f'<span class="so-due">{due:%b} {due.day}, {due.year}</span>' in row
    assert "yes: publishes" in row  # a publisher must be trained
    # the demo's policy asks publishers for two topics; her one course covered both
    for topic in ("platform-rules", "account-security"):
        assert f'<code>{topic}</code>: <span class="so-due">{due:%b} {due.day}, {due.year}</span>' in row


def test_a_topic_never_taken_is_flagged(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"policy.yaml": "version: 1\nrules:\n  training:\n    duties: {writers: [ip]}\n"})
    add_site_sources(root)
    page = rendered(root, now="2026-03-01T12:00:00+08:00")
    row = page[page.rindex("<small>@alice</small>"):]
    row = row[:row.index("</tr>")]
    assert '<code>ip</code>: <strong class="so-flag so-flag--error">never</strong>' in row
    assert "yes: writes" in row


@demo_only
def test_five_roles_with_duties_and_holders(demo_page: str) -> None:
    for role, title in (("director", "Operations director"), ("content", "Content planning"),
                        ("publishing", "Publishing and promotion"), ("community", "Interaction and customer service"),
                        ("analytics", "Data analysis")):
        assert f"### {title} {{ #role-{role} }}" in demo_page
    analytics = demo_page[demo_page.index("#role-analytics"):]
    assert "Held by: Raj Patel" in analytics and analytics.count("<li>") == 3


def test_expired_training_is_marked(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    add_site_sources(root)
    # base: dana reviews and was trained 2026-01-10; valid 365 days -> expired on 2027-01-11
    page = rendered(root, now="2027-01-12T12:00:00+08:00")
    row = page[page.rindex("<small>@dana</small>"):]
    row = row[:row.index("</tr>")]
    expires = date(2026, 1, 10) + timedelta(days=365)
    assert f'<span class="so-due so-due--late">{expires:%b} {expires.day}, {expires.year}' in row


@demo_only
def test_chinese_page(demo_page: str) -> None:
    page = rendered(ROOT, "zh")
    assert "# 人员与权限" in page and "### 运营总监 { #role-director }" in page
    assert "制定公司海外社交媒体的长期战略和年度计划。" in page


def test_every_message_has_a_chinese_translation() -> None:
    translated = {}
    for name in CATALOGUES:
        with (ROOT / "site" / "locale" / "zh_Hans" / name).open("rb") as handle:
            for message in read_po(handle):
                if message.id:
                    translated[message.id if isinstance(message.id, str) else message.id[0]] = message.string
    options = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true", "newstyle_gettext": "true"}
    missing = []
    for template in TEMPLATES:
        for _line, message, _comments, _context in extract_from_file(
                "jinja2.ext:babel_extract", ROOT / "site" / "templates" / template, options=options):
            key = message if isinstance(message, str) else message[0]
            string = translated.get(key)
            if not string or not (string if isinstance(string, str) else string[0]):
                missing.append((template, key))
    assert missing == []
