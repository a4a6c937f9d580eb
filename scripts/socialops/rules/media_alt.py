"""Every image has alternative text, within the platform's length.

People who cannot see the image rely on its `alt` text (policy 4.2.2: images match
the copy; accessibility is part of a clear post). X and Instagram take up to 1,000
characters, Mastodon 1,500, Bluesky 2,000 graphemes (`data/platforms.yaml`).

Fix: describe what the image shows, in the post's language, in a sentence or two.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import counting, platforms
from .base import Context, Example, Hit, post_file

ID = "media-alt"
SECTION = "4.2.2"
LEVEL = "error"
OPTIONS: dict = {}
EXAMPLES = [
    Example("Image with alt text", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\nformat: image\n"
                                             "media:\n  - file: content/media/avatar.png\n    alt: The Acme logo\n"
                                             "    source: original"), True),
    Example("Image without alt text", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n"
                                                "format: image\nmedia:\n  - file: content/media/avatar.png\n"
                                                "    source: original"), False, (7,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        limit = platforms.platform(post.platform).get("media", {}).get("alt")
        for ref in post.media:
            if ref.info is None or ref.info.kind != "image":
                continue
            alt = (ref.spec.get("alt") or "").strip()
            line = post.line("media", ref.index, "alt" if "alt" in ref.spec else "file")
            if not alt:
                yield Hit(post.path, line, f"{ref.spec['file']} has no alt text",
                          "add alt: a sentence saying what the image shows")
                continue
            if limit:
                length = counting.COUNTERS[limit.get("counting", "codepoints")](alt)
                if length > limit["max"]:
                    yield Hit(post.path, line, f"alt text is {length:,} characters; {post.platform} takes {limit['max']:,}",
                              f"shorten the description by {length - limit['max']:,} characters")
