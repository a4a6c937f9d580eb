"""The permissions are reviewed periodically.

Policy 3.3.3: review permission settings regularly. permissions.yaml records the last
review (`review: {date, by}`). Older than `intervals.permission_review_days` is a
warning; once `intervals.permission_review_grace_days` more have passed (default 30)
it is an error.

Fix: review who has which grant, then update `review` with today's date and your
handle (the pull request is the record).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.layout import PERMISSIONS
from ..model.schema import parse_date
from .base import Context, Example, Hit

ID = "permission-review"
SECTION = "3.3.3"
LEVEL = "warning"
OPTIONS: dict = {}
NEEDS = (PERMISSIONS,)
_PEOPLE = "people:\n  dana: {name: Dana, roles: [director], training: 2026-01-10}\ngrants: {}\n"
EXAMPLES = [
    Example("Reviewed last month", {"permissions.yaml": _PEOPLE + "review: {date: 2026-02-01, by: dana}\n"}, True),
    Example("Never reviewed", {"permissions.yaml": _PEOPLE}, False, (1,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    review = ctx.repo.permissions.get("review")
    lines = ctx.repo.permissions_lines
    if not ctx.repo.permissions:
        return  # the file is missing or unreadable: the syntax rule says so
    if review is None:
        yield Hit("permissions.yaml", lines.line(), "permissions.yaml records no review",
                  "review the grants, then add review: {date: <today>, by: <your handle>}")
        return
    if "date" not in review:
        return  # its date failed the schema (reported there) and was left out of the model
    interval = ctx.repo.policy.interval("permission_review_days", 90)
    grace = ctx.repo.policy.interval("permission_review_grace_days", 30)
    age = (ctx.now.date() - parse_date(review["date"])).days
    if age > interval:
        late = age > interval + grace
        yield Hit("permissions.yaml", lines.line(("review", "date")),
                  f"the last permission review was {age} days ago; review every {interval} days"
                  + (f" (the {grace}-day grace period is over)" if late else ""),
                  "review the grants, then update review.date and review.by", escalate=late)
