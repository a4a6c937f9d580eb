"""A compromised or suspended account points to an open incident.

Policy 3.2.4: a banned or stolen account is appealed, handled and reported upward.
When accounts.yaml marks an account with one of the `statuses` (compromised or
suspended), an incident in content/incidents that lists the account must be `open` or
`monitoring`, so the response (and a suspension's appeal) is written down and visible.

Fix: open an incident (content/incidents/<date>-<slug>.md) listing the account.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit

ID = "compromised-account"
SECTION = "3.2.4"
LEVEL = "error"
OPTIONS = {
    "statuses": {"type": "array", "items": {"enum": ["compromised", "suspended"]},
                 "default": ["compromised", "suspended"],
                 "description": "Account statuses that need an open incident."},
}
_ACCOUNTS = ("accounts:\n  acme-us-x:\n    platform: x\n    handle: '@acme'\n    name: Acme\n    market: US\n"
             "    languages: [en-US]\n    timezone: America/New_York\n    status: compromised\n")
_INCIDENT = ("---\ntitle: Account taken over\nseverity: high\nstatus: open\nopened: 2026-02-27T08:00\n"
             "accounts: [acme-us-x]\nowner: dana\n---\n## Summary\n\nPassword reset e-mails we did not send.\n")
EXAMPLES = [
    Example("Compromised, incident open", {"accounts.yaml": _ACCOUNTS,
                                           "content/incidents/2026-02-27-takeover.md": _INCIDENT}, True),
    Example("Compromised, no incident", {"accounts.yaml": _ACCOUNTS}, False, (9,)),
    Example("Suspended, no incident", {"accounts.yaml": _ACCOUNTS.replace("compromised", "suspended")}, False, (9,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for account in ctx.repo.accounts.values():
        if account.status not in ctx.options["statuses"]:
            continue
        handled = any(account.id in incident.meta.get("accounts", []) and incident.is_open
                      for incident in ctx.repo.incidents)
        if not handled:
            yield Hit(account.path, account.line("status"),
                      f"{account.id} is {account.status} but no open incident lists it",
                      "open an incident in content/incidents that lists the account, with status: open"
                      + (", and record the appeal to the platform" if account.status == "suspended" else ""))
