"""A published post records where it went live; a post not yet live does not claim to be.

`status: published` needs `published_url`, the https link of the live post: the site
links to it and metric exports are matched through it. A post whose time is still in
the future cannot be published yet.

Fix: add `published_url`, or set the status the post really has.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit, post_file

ID = "published-url"
SECTION = "4.4.1"
LEVEL = "error"
OPTIONS: dict = {}
EXAMPLES = [
    Example("Published with its URL",
            post_file("publish_at: 2026-02-27T09:00\nstatus: published\nauthor: alice\n"
                      "published_url: https://x.com/acme/status/1", name="acme-us-x/2026/2026-02-27-hello"), True),
    Example("Published without a URL",
            post_file("publish_at: 2026-02-27T09:00\nstatus: published\nauthor: alice",
                      name="acme-us-x/2026/2026-02-27-hello"), False, (3,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        if post.status == "published" and "published_url" not in post.meta:
            yield Hit(post.path, post.line("status"), "published without published_url",
                      "add published_url: the https link of the live post")
        if post.status == "published" and post.publish_at is not None and post.publish_at > ctx.now:
            yield Hit(post.path, post.line("publish_at"),
                      f"marked published, but publish_at {post.local_time:%Y-%m-%d %H:%M} is still in the future",
                      "set the real publishing time, or status: scheduled")
        if "published_url" in post.meta and post.status in ("draft", "scheduled"):
            yield Hit(post.path, post.line("published_url"), f"has a published_url but status is {post.status}",
                      "set status: published")
