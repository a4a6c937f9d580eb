"""Each account's profile is complete: avatar, bio, contact and website.

Policy 3.1.3: after registering, complete the profile (avatar, introduction,
contact). accounts.yaml records what the profile shows; the avatar must be a file in
the repository so reviewers see it.

Fix: fill in `profile` for the account.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit

ID = "account-profile"
SECTION = "3.1.3"
LEVEL = "warning"
OPTIONS: dict = {}
_ACCOUNT = ("accounts:\n  acme-us-x:\n    platform: x\n    handle: '@acme'\n    name: Acme\n    market: US\n"
            "    languages: [en-US]\n    timezone: America/New_York\n    status: active\n"
            "    security: {two_factor: true, vault: op://Social/acme-us-x, password_rotated: 2026-02-01}\n")
EXAMPLES = [
    Example("Complete profile", {"accounts.yaml": _ACCOUNT + "    profile: {avatar: content/media/avatar.png, bio: Acme makes "
                                 "things., contact: hello@acme.example, website: https://acme.example}\n"}, True),
    Example("No bio, avatar missing", {"accounts.yaml": _ACCOUNT + "    profile: {avatar: content/media/nope.png, contact: "
                                       "hello@acme.example, website: https://acme.example}\n"}, False, (11,)),
]
FIELDS = ("avatar", "bio", "contact", "website")


def check(ctx: Context) -> Iterator[Hit]:
    for account in ctx.repo.accounts.values():
        if account.status == "retired":
            continue
        profile = account.data.get("profile", {})
        missing = [name for name in FIELDS if not str(profile.get(name, "")).strip()]
        if missing:
            yield Hit(account.path, account.line("profile"), f"{account.id}'s profile has no {', '.join(missing)}",
                      "complete the profile on the platform and record it under profile")
        if account.avatar is not None and account.avatar.problem:
            yield Hit(account.path, account.line("profile", "avatar"), f"avatar: {account.avatar.problem}",
                      account.avatar.hint)
