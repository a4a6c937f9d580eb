"""A giveaway or contest plan has what promotion law and the platforms require.

Policy 5.2.2 and 7.1. A campaign of type giveaway or contest needs: `official_rules`
(an https link), `prizes`, `eligibility`, `start` and `end` in a stated time zone
(`timezone:` or offsets), and a `legal_review`. Its body must also carry:

- on Instagram or Facebook, a complete release of the platform by each entrant and the
  acknowledgement that the promotion is not sponsored, endorsed or administered by it;
- on Facebook, no "share to enter" or "tag your friends" mechanics;
- in the US, "no purchase necessary" and "void where prohibited";
- when `collects_data: true`, a data or privacy section with a contact (GDPR Art. 13).

Fix: add the missing field or wording to the plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model.entities import Campaign, Repository
from .base import Context, Example, Hit

ID = "campaign-promotion"
SECTION = "5.2.2"
LEVEL = "error"
OPTIONS: dict = {}
_GOOD = """---
title: Spring giveaway
type: giveaway
owner: dana
start: 2026-03-01T09:00
end: 2026-03-15T23:59
timezone: America/New_York
accounts: [acme-us-x]
prizes: [{name: Speaker, quantity: 3}]
eligibility: US residents, 18 or older.
official_rules: https://acme.example/rules
legal_review: {by: dana, date: 2026-02-20}
---
## Rules

NO PURCHASE NECESSARY. Void where prohibited.
"""
EXAMPLES = [
    Example("Complete US giveaway on X", {"content/campaigns/spring.md": _GOOD}, True),
    Example("No official rules, no legal review",
            {"content/campaigns/spring.md": _GOOD.replace("official_rules: https://acme.example/rules\n", "")
             .replace("legal_review: {by: dana, date: 2026-02-20}\n", "")}, False, (2,)),
]

_PROMOTIONS = ("giveaway", "contest")
_REQUIRED = {
    "official_rules": "official_rules: the https link of the official rules",
    "prizes": "prizes: what can be won, how many, and their value",
    "eligibility": "eligibility: who may enter (age, residency)",
    "legal_review": "legal_review: {by: <handle>, date: <date>}",
}
_MECHANICS = re.compile(r"share (this|it|the post)? ?to enter|tag (your|a|two|three|\d+) friends?", re.IGNORECASE)
_DATA_SECTIONS = ("data", "privacy", "personal data", "datenschutz", "data protection")
# an e-mail address or an https link; an address starts where a run of its characters
# does (the lookbehind): tried from inside a long run, it rescanned the run each time
_CONTACT = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]+\.[\w.-]+|https://\S+")


def check(ctx: Context) -> Iterator[Hit]:
    for campaign in ctx.repo.campaigns.values():
        if campaign.meta.get("type") in _PROMOTIONS:
            yield from _fields(campaign)
            yield from _wording(ctx.repo, campaign)


def _fields(campaign: Campaign) -> Iterator[Hit]:
    for key, hint in _REQUIRED.items():
        if not campaign.meta.get(key):
            yield Hit(campaign.path, campaign.line(), f"a {campaign.meta['type']} needs {key}", f"add {hint}")
    zoned = "timezone" in campaign.meta or all(
        re.search(r"(Z|[+-]\d{2}:?\d{2})$", str(campaign.meta.get(key, ""))) for key in ("start", "end"))
    if not zoned:
        yield Hit(campaign.path, campaign.line("start"), "start and end have no time zone; entrants must know when it closes",
                  "add timezone: <IANA zone>, or give start and end with an offset")


def _wording(repo: Repository, campaign: Campaign) -> Iterator[Hit]:
    accounts = [repo.accounts[a] for a in campaign.meta.get("accounts", []) if a in repo.accounts]
    body = " ".join(campaign.body.lower().split())  # wording may wrap across lines
    for platform in sorted({a.platform for a in accounts} & {"instagram", "facebook"}):
        released = platform in body and "release" in body
        acknowledged = all(word in body for word in ("sponsored", "endorsed", "administered"))
        if not (released and acknowledged):
            yield Hit(campaign.path, campaign.body_line,
                      f"{platform} requires a complete release of {platform.capitalize()} by each entrant and the "
                      f"acknowledgement that it does not sponsor, endorse or administer the promotion",
                      f"add e.g. \"This promotion is in no way sponsored, endorsed or administered by, or associated "
                      f"with, {platform.capitalize()}. Each entrant gives a complete release of {platform.capitalize()}.\"")
    if any(a.platform == "facebook" for a in accounts) and _MECHANICS.search(body):
        yield Hit(campaign.path, campaign.body_line, "Facebook does not allow 'share to enter' or 'tag your friends' mechanics",
                  "let people enter by commenting or through a form")
    if any(a.market == "US" for a in accounts):
        for wording in ("no purchase necessary", "void where prohibited"):
            if wording not in body:
                yield Hit(campaign.path, campaign.body_line, f"a US {campaign.meta['type']} must say \"{wording.upper()}\"",
                          "add it to the rules section")
    if campaign.meta.get("collects_data"):
        notice = next((text for name, text in campaign.sections.items() if name in _DATA_SECTIONS), None)
        if not notice or not _CONTACT.search(notice):
            yield Hit(campaign.path, campaign.line("collects_data"),
                      "entrant data is collected but there is no data section with a contact",
                      "add a '## Data' section: who is the controller and how to reach them, purposes, retention, rights")
