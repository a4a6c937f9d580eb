"""No post is scheduled to an account that is paused, suspended, compromised or retired.

Policy 3.2.4: a banned or stolen account is handled, appealed and reported first;
nothing is posted to it meanwhile. A paused or retired account takes no new posts.

Fix: cancel the post or move it to another account; set the account back to
`active` in accounts.yaml once it is safe.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.entities import BLOCKED_ACCOUNT_STATUSES
from .base import Context, Example, Hit, post_file

ID = "account-status"
SECTION = "3.2.4"
LEVEL = "error"
OPTIONS: dict = {}
EXAMPLES = [
    Example("Active account", post_file("publish_at: 2026-03-02T09:00\nstatus: scheduled\nauthor: alice"), True),
    Example("Paused account",
            {**post_file("publish_at: 2026-03-02T09:00\nstatus: scheduled\nauthor: alice",
                         name="acme-gb-linkedin/2026/2026-03-02-hello")},
            False, (3,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        if post.status == "scheduled" and post.account and post.account.status in BLOCKED_ACCOUNT_STATUSES:
            yield Hit(post.path, post.line("status"),
                      f"scheduled to {post.account_id}, which is {post.account.status}",
                      "cancel the post or move it to an active account")
