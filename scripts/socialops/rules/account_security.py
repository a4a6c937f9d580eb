"""Every account in use has two-factor sign-in and a password rotated on schedule.

Policy 3.2.2: change passwords regularly; use strong sign-in. Accounts that are not
retired need `security.two_factor: true` and `security.password_rotated` (a date).
A password older than `intervals.password_rotation_days` is a warning; once
`intervals.password_grace_days` more have passed it is an error.

Fix: turn on two-factor sign-in; rotate the password in the vault and update
`password_rotated`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.schema import parse_date
from .base import Context, Example, Hit

ID = "account-security"
SECTION = "3.2.2"
LEVEL = "warning"
OPTIONS: dict = {}
_ACCOUNT = ("accounts:\n  acme-us-x:\n    platform: x\n    handle: '@acme'\n    name: Acme\n    market: US\n"
            "    languages: [en-US]\n    timezone: America/New_York\n    status: active\n")
EXAMPLES = [
    Example("Two-factor on, rotated last month",
            {"accounts.yaml": _ACCOUNT + "    security: {two_factor: true, vault: op://Social/acme-us-x, password_rotated: 2026-02-01}\n"},
            True),
    Example("Two-factor off",
            {"accounts.yaml": _ACCOUNT + "    security: {two_factor: false, vault: op://Social/acme-us-x, password_rotated: 2026-02-01}\n"},
            False, (10,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    rotation = ctx.repo.policy.interval("password_rotation_days", 90)
    grace = ctx.repo.policy.interval("password_grace_days", 14)
    for account in ctx.repo.accounts.values():
        if account.status == "retired":
            continue
        security = account.data.get("security", {})
        refused = ctx.repo.invalid & {(account.path, "accounts", account.id, "security"),
                                      (account.path, "accounts", account.id, "security", "two_factor")}
        if security.get("two_factor") is not True and not refused:
            yield Hit(account.path, account.line("security", "two_factor"),
                      f"{account.id} does not have two-factor sign-in", "turn it on, then set security.two_factor: true",
                      escalate=True)
        rotated = security.get("password_rotated")
        if rotated is None:
            yield Hit(account.path, account.line("security"), f"{account.id} has no password_rotated date",
                      "add security.password_rotated: the date the password was last changed")
            continue
        age = (ctx.now.date() - parse_date(rotated)).days
        if age > rotation:
            late = age > rotation + grace
            yield Hit(account.path, account.line("security", "password_rotated"),
                      f"{account.id}'s password is {age} days old; rotate every {rotation} days"
                      + (f" (the {grace}-day grace period is over)" if late else ""),
                      "change the password in the vault, then update password_rotated", escalate=late)
