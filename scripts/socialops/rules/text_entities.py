"""Hashtags, mentions and links per post stay within the platform's caps.

Instagram takes at most 30 hashtags and 20 @-mentions in a caption (and announced a
move to 5 hashtags: set `max: {instagram.hashtags: 5}`); Threads at most 5 links
(`data/platforms.yaml`). A hashtag pile also buries a disclosure label.

Fix: keep the few hashtags that matter; link once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .. import platforms
from .base import Context, Example, Hit, post_file

ID = "text-entities"
SECTION = "1.3.3"
LEVEL = "error"
OPTIONS = {
    "max": {"type": "object", "default": {}, "additionalProperties": {"type": "integer", "minimum": 0},
            "propertyNames": {"pattern": "^[a-z]+\\.(hashtags|mentions|links)$",
                              "x-hint": "name a platform and what to count, e.g. instagram.hashtags"},
            "description": "Tighter caps, e.g. {instagram.hashtags: 5}."},
}
EXAMPLES = [
    Example("Three hashtags", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice",
                                        "Neu im Shop. #audio #kopfhörer #musik", name="acme-de-instagram/2026/2026-03-02-hello"),
            True),
    Example("31 hashtags on Instagram", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice",
                                                  " ".join(f"#tag{n}" for n in range(31)),
                                                  name="acme-de-instagram/2026/2026-03-02-hello"), False, (6,)),
]

PATTERNS = {
    "hashtags": re.compile(r"(?<![\w&])#\w*[^\W\d_]\w*"),
    "mentions": re.compile(r"(?<![\w.])@[\w.]+"),
    "links": re.compile(r"https?://\S+"),
}


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        caps = platforms.platform(post.platform).get("entities", {})
        for kind, spec in caps.items():
            maximum = min(spec["max"], ctx.options["max"].get(f"{post.platform}.{kind}", spec["max"]))
            found = len(PATTERNS[kind].findall(post.text))
            if found > maximum:
                yield Hit(post.path, post.body_line, f"{found} {kind} in the copy; {post.platform} takes at most {maximum}",
                          f"remove {found - maximum} of them")
