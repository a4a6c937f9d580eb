"""A post lives at content/posts/<account>/<yyyy>/<yyyy-mm-dd>-<slug>.md, dated as it publishes.

The folder names the account; the year folder and the date in the file name are the
local publishing date, so the tree reads like the calendar and a reviewer sees in the
file list when a post moves. A rescheduled post whose file keeps its old date is
flagged, with the `git mv` that fixes it.

Fix: move the file (`git mv`), or correct `publish_at`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .base import Context, Example, Hit, post_file

ID = "post-location"
SECTION = "4.1.3"
LEVEL = "warning"
OPTIONS: dict = {}
EXAMPLES = [
    Example("Name matches the local date", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice"), True),
    Example("Rescheduled, file not renamed", post_file("publish_at: 2026-03-09T09:00\nstatus: draft\nauthor: alice"), False, (2,)),
]

_NAME = re.compile(r"^content/posts/([^/]+)/(\d{4})/(\d{4}-\d{2}-\d{2})-([a-z0-9][a-z0-9-]*)\.md$")


def check(ctx: Context) -> Iterator[Hit]:
    for path in ctx.repo.post_paths:
        if not path.endswith(".md") or not path.isprintable():
            continue  # a linked folder, or a name that is not UTF-8: the loader reports it
        if not _NAME.match(path):
            yield Hit(path, None, "a post file must be content/posts/<account>/<yyyy>/<yyyy-mm-dd>-<slug>.md "
                      "with a lower-case slug of letters, digits and hyphens",
                      "use `socialops new post` to create posts at the right place")
    for post in ctx.repo.posts:
        match = _NAME.match(post.path)
        if not match or post.local_time is None:
            continue
        year, day, slug = match.group(2), match.group(3), match.group(4)
        expected_day = post.local_time.date().isoformat()
        if day != expected_day or year != expected_day[:4]:
            target = f"content/posts/{post.account_id}/{expected_day[:4]}/{expected_day}-{slug}.md"
            yield Hit(post.path, post.line("publish_at"),
                      f"publish_at is {expected_day} (local time) but the file is dated {day} in folder {year}",
                      f"git mv {post.path} {target}")
