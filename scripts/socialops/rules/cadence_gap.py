"""An account's schedule does not run dry: no stretch of more than `max_gap_days` without a post.

Policy 4.1.3 asks for a steady schedule (time, frequency, format). After each scheduled
or published post of an active account, another is due within `max_gap_days` (per
account in `accounts`). When none follows in time and that deadline falls within the
next `horizon_days`, the post that opens the gap is reported: there is still time to
schedule one. A gap further ahead is reported once it comes that close, so the tail
of a schedule planned weeks ahead is not; a gap already past is history (the reports
show it).

Fix: schedule a post before the date the finding names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta

from ..model.entities import BLOCKED_ACCOUNT_STATUSES, Post
from .base import Context, Example, Hit, post_file

ID = "cadence-gap"
SECTION = "4.1.3"
LEVEL = "warning"
_DAYS = {"type": "integer", "minimum": 1}
OPTIONS = {
    "max_gap_days": {**_DAYS, "default": 14, "description": "Most days between two posts of an account."},
    "horizon_days": {**_DAYS, "default": 14,
                     "description": "How far ahead a coming gap is reported (days before its deadline)."},
    "accounts": {"type": "object", "default": {}, "additionalProperties": _DAYS,
                 "description": "max_gap_days per account id, e.g. {acme-jp-youtube: 30}."},
}
_POST = "status: scheduled\nauthor: alice\npublish_at: "
EXAMPLES = [
    Example("A post a week", {
        **post_file(_POST + "2026-03-02T09:00", name="acme-us-x/2026/2026-03-02-first"),
        **post_file(_POST + "2026-03-09T09:00", name="acme-us-x/2026/2026-03-09-second"),
    }, True, now="2026-02-20T12:00:00Z"),
    Example("Nothing after the post for three weeks", {
        **post_file(_POST + "2026-03-02T09:00", name="acme-us-x/2026/2026-03-02-first"),
        **post_file(_POST + "2026-03-23T09:00", name="acme-us-x/2026/2026-03-23-second"),
    }, False, (4,), now="2026-03-03T12:00:00Z"),
]


def neighbour_days(options: dict) -> int:
    """The longest gap looked across, plus one for a file dated a day off its publish_at."""
    return max([options["max_gap_days"], *options["accounts"].values()]) + 1


def check(ctx: Context) -> Iterator[Hit]:
    by_account: dict[str, list[Post]] = defaultdict(list)
    for post in ctx.repo.posts:
        account = post.account
        if post.is_live and post.publish_at is not None and account and account.status not in BLOCKED_ACCOUNT_STATUSES:
            by_account[post.account_id].append(post)
    horizon = ctx.now + timedelta(days=ctx.options["horizon_days"])
    for account_id, posts in by_account.items():
        days = ctx.options["accounts"].get(account_id, ctx.options["max_gap_days"])
        posts.sort(key=lambda p: (p.publish_at, p.path))
        for post, following in zip(posts, [*posts[1:], None], strict=True):
            deadline = post.publish_at + timedelta(days=days)
            if not ctx.now < deadline <= horizon:
                continue
            if following is None or following.publish_at > deadline:
                yield _gap(post, days, deadline)


def _gap(post: Post, days: int, deadline: datetime) -> Hit:
    # Not "the next is on ...": a check of a few posts loads only max_gap_days around them.
    local = deadline.astimezone(post.account.timezone) if post.account and post.account.timezone else deadline
    return Hit(post.path, post.line("publish_at"), f"no post for {post.account_id} in the {days} days after this one",
               f"schedule a post for {post.account_id} before {local:%Y-%m-%d %H:%M} (its local time)")
