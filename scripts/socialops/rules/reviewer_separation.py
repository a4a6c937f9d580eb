"""Every account in use has a reviewer who is not one of its writers.

Policy 4.3.1: everything is reviewed before publishing; nobody approves their own
post. Each account that is not retired needs a grant in permissions.yaml with at
least one reviewer who is not among its writers (CODEOWNERS is generated from it).

Fix: add a reviewer to the account's grant who does not write for it.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.layout import PERMISSIONS
from .base import Context, Example, Hit

ID = "reviewer-separation"
SECTION = "4.3.1"
LEVEL = "error"
OPTIONS: dict = {}
NEEDS = (PERMISSIONS,)
_PEOPLE = ("people:\n  alice: {name: Alice, roles: [content], training: 2026-01-10}\n"
           "  dana: {name: Dana, roles: [director], training: 2026-01-10}\n")
_OTHER_GRANTS = ("  acme-de-instagram: {writers: [alice], reviewers: [dana]}\n"
                 "  acme-gb-linkedin: {writers: [alice], reviewers: [dana]}\n")
EXAMPLES = [
    Example("Dana reviews Alice's posts", {"permissions.yaml": _PEOPLE + "grants:\n"
                                           "  acme-us-x: {writers: [alice], reviewers: [dana]}\n" + _OTHER_GRANTS}, True),
    Example("Alice reviews her own posts", {"permissions.yaml": _PEOPLE + "grants:\n"
                                            "  acme-us-x: {writers: [alice], reviewers: [alice]}\n" + _OTHER_GRANTS},
            False, (5,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for account in ctx.repo.accounts.values():
        if account.status == "retired":
            continue
        grant = ctx.repo.grants.get(account.id)
        if grant is None:
            yield Hit("permissions.yaml", ctx.repo.permissions_lines.line(("grants",)),
                      f"{account.id} has no grant: nobody is named to review its posts",
                      f"add grants: {account.id}: {{writers: [...], reviewers: [...]}}")
        elif not set(ctx.repo.members(grant.reviewers)) - set(ctx.repo.members(grant.writers)):
            yield Hit("permissions.yaml", grant.line, f"{account.id} has no reviewer other than its writers",
                      "add a reviewer who does not write for this account")
