"""Waivers beyond posts (policy 3.3.2): a campaign, an incident or an account carries
waivers as a post does; the finding a waiver covers is kept as info with its reason,
and an account's waiver covers only its own lines of accounts.yaml."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import check, make_repo

REASON = "Approved by the director for the launch week only."
ACCOUNT = ("  {id}:\n    platform: x\n    handle: '@{id}'\n    name: Acme\n    market: US\n    languages: [en-US]\n"
           "    timezone: America/New_York\n    status: active\n"
           "    security: {{two_factor: false, vault: op://Social/{id}, password_rotated: 2026-02-01}}\n")
WAIVER = f"    waivers:\n      - rule: account-security\n        reason: {REASON}\n"


def shown(found: list, rule: str) -> list[tuple[str, int | None, str]]:
    return [(f.path, f.line, f.severity) for f in found if f.rule == rule]


def test_an_account_waiver_covers_its_own_lines_only(tmp_path: Path) -> None:
    accounts = "accounts:\n" + ACCOUNT.format(id="acme-us-x") + WAIVER + ACCOUNT.format(id="acme-de-instagram")
    root = make_repo(tmp_path, {"accounts.yaml": accounts})
    found = check(root, "2026-03-01T12:00:00Z")
    # acme-us-x: lines 2-13 (security on 10); acme-de-instagram from line 14 (security on 22)
    assert shown(found, "account-security") == [("accounts.yaml", 10, "info"), ("accounts.yaml", 22, "error")]
    waived = next(f for f in found if f.rule == "account-security" and f.severity == "info")
    assert waived.message.startswith("waived: acme-us-x does not have two-factor sign-in")
    assert waived.message.endswith(f"(reason: {REASON})")


def test_a_campaign_waiver_covers_its_finding(tmp_path: Path) -> None:
    plan = ("---\ntitle: Winter Q&A\ntype: qa\nowner: dana\nstart: 2026-01-10T09:00\nend: 2026-01-20T18:00\n"
            f"accounts: [acme-us-x]\nwaivers:\n  - rule: campaign-evaluation\n    reason: {REASON}\n---\n## Theme\n\nQ&A.\n")
    root = make_repo(tmp_path, {"content/campaigns/winter.md": plan})
    found = check(root, "2026-03-01T12:00:00Z")
    # flagged on the body's first line, where the evaluation belongs
    assert shown(found, "campaign-evaluation") == [("content/campaigns/winter.md", 12, "info")]
    assert not shown(found, "waivers")


def test_an_incident_waiver_covers_its_finding(tmp_path: Path) -> None:
    incident = ("---\ntitle: Phishing DMs\nseverity: high\nstatus: open\nopened: 2026-02-20T10:00\n"
                f"accounts: [acme-ca-x]\nowner: dana\nwaivers:\n  - rule: references\n    reason: {REASON}\n---\n"
                "## Summary\n\nPhishing messages.\n")
    root = make_repo(tmp_path, {"content/incidents/2026-02-20-phishing.md": incident})
    found = check(root, "2026-03-01T12:00:00Z")
    assert shown(found, "references") == [("content/incidents/2026-02-20-phishing.md", 6, "info")]
