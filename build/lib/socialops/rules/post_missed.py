"""A scheduled post whose time has passed was missed.

Policy 4.4.1 asks to publish per plan, on time. Once a post has gone live its file
says so (`status: published` and `published_url`); a `scheduled` post that is still
scheduled after its time is reported, so the publisher sees it the same day.

Fix: publish it and record `status: published` with `published_url`, or move it to a
new time, or set `status: cancelled`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from .base import Context, Example, Hit, post_file

ID = "post-missed"
SECTION = "4.4.1"
LEVEL = "warning"
OPTIONS = {
    "grace_minutes": {"type": "integer", "minimum": 0, "default": 60,
                      "description": "How long after its time a scheduled post may still be unpublished."},
}
EXAMPLES = [
    Example("Scheduled in the future", post_file("publish_at: 2026-03-02T09:00\nstatus: scheduled\nauthor: alice"), True),
    Example("Time passed, still scheduled", post_file("publish_at: 2026-03-02T09:00\nstatus: scheduled\nauthor: alice"),
            False, (3,), now="2026-03-05T12:00:00Z"),
]


def check(ctx: Context) -> Iterator[Hit]:
    grace = timedelta(minutes=ctx.options["grace_minutes"])
    for post in ctx.repo.posts:
        if post.status == "scheduled" and post.publish_at is not None and post.publish_at + grace < ctx.now:
            yield Hit(post.path, post.line("status"),
                      f"missed: scheduled for {post.local_time:%Y-%m-%d %H:%M} local time and still not published",
                      "publish it and set status: published with published_url, reschedule it, or cancel it")
