"""Everyone who reviews, publishes or approves has current compliance training.

Policy 4.3.3 (reviewers are competent) and 7.1.3 (regular training). Each person named
as a reviewer or publisher in a grant, or as a sensitive approver, needs a `training`
date in permissions.yaml no older than `intervals.training_valid_days`.

Fix: complete the training, then update the person's `training` date.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.layout import PERMISSIONS
from .base import Context, Example, Hit

ID = "training"
SECTION = "7.1"
LEVEL = "error"
OPTIONS: dict = {}
NEEDS = (PERMISSIONS,)
_GRANTS = "grants:\n  acme-us-x: {writers: [alice], reviewers: [dana]}\n"
EXAMPLES = [
    Example("Trained this year", {"permissions.yaml": "people:\n  alice: {name: Alice, roles: [content]}\n"
                                  "  dana: {name: Dana, roles: [director], training: 2026-01-10}\n" + _GRANTS}, True),
    Example("Reviewer never trained", {"permissions.yaml": "people:\n  alice: {name: Alice, roles: [content]}\n"
                                       "  dana: {name: Dana, roles: [director]}\n" + _GRANTS}, False, (3,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    valid = ctx.repo.policy.interval("training_valid_days", 365)
    duties: dict[str, set[str]] = {}
    for grant in ctx.repo.grants.values():
        for handle in ctx.repo.members(grant.reviewers):
            duties.setdefault(handle, set()).add("reviews")
        for handle in ctx.repo.members(grant.publishers):
            duties.setdefault(handle, set()).add("publishes")
    for handle in ctx.repo.sensitive_approvers:
        duties.setdefault(handle, set()).add("approves sensitive posts")
    for handle, what in sorted(duties.items()):
        person = ctx.repo.people.get(handle)
        if person is None:
            continue  # the references rule reports unknown people
        role = " and ".join(sorted(what))
        if person.training is None:
            yield Hit("permissions.yaml", person.line, f"{handle} {role} but has no training date",
                      "complete the compliance training, then add training: <date>")
        elif (ctx.now.date() - person.training).days > valid:
            yield Hit("permissions.yaml", person.line,
                      f"{handle} {role} but was last trained on {person.training} (valid {valid} days)",
                      "renew the compliance training, then update training")
