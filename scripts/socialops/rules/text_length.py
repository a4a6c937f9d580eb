"""The copy fits the platform's length limit, counted the platform's way.

X counts a weighted length (policy 1.3.3; `data/platforms.yaml` has the source):
after NFC, Latin text weighs 1 per character, CJK and most symbols 2, any emoji
sequence 2 and every URL 23, bare domains included. Each part of a thread is counted
on its own. `max` in policy.yaml can tighten a platform's limit, never loosen it.

Fix: shorten the copy, or split it into a thread (`format: thread`, parts separated by
lines of `---`).
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import counting, platforms
from .base import Context, Example, Hit, post_file

ID = "text-length"
SECTION = "1.3.3"
LEVEL = "error"
OPTIONS = {
    "max": {"type": "object", "default": {}, "additionalProperties": {"type": "integer", "minimum": 1},
            "description": "Tighter limits per platform, e.g. {x: 260} to leave room for a reply handle."},
}
EXAMPLES = [
    Example("Short post", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice", "Spring is here."), True),
    Example("140 CJK characters weigh 280 on X",
            post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice", "春" * 141), False, (6,)),
]

_COUNTERS = {"x-weighted": (counting.x_weighted_length, counting.x_length_bound)}


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        limit = platforms.text_limit(post.platform) if post.platform else None
        if limit is None:
            continue
        maximum = min(limit["max"], ctx.options["max"].get(post.platform, limit["max"]))
        count, bound = _COUNTERS[limit["counting"]]
        for number, (part, line) in enumerate(post.parts, start=1):
            if bound(part) <= maximum:
                continue
            length = count(part)
            if length > maximum:
                where = f"part {number} of the thread" if len(post.parts) > 1 else "the copy"
                yield Hit(post.path, line, f"{where} is {length} long as {post.platform} counts it; the limit is {maximum}",
                          "shorten it, or make it a thread (format: thread, parts split by lines of ---)")
