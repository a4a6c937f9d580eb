"""Every media item says where it comes from; outside material names its license and credit.

Policy 4.2.4 asks for original content and for outside material to be cited and
licensed. Each item declares `source`: original, licensed, stock or ugc
(user-generated). Licensed, stock and ugc items also need `license` (the license or
the agreement that allows the use) and `credit` (who to credit). The site lists them
on the media credits page.

Fix: add `source`, and for outside material `license` and `credit`.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit, post_file

ID = "media-source"
SECTION = "4.2.4"
LEVEL = "error"
OPTIONS: dict = {}
EXAMPLES = [
    Example("Licensed photo with credit",
            post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\nformat: image\nmedia:\n"
                      "  - file: content/media/avatar.png\n    alt: Logo\n    source: stock\n"
                      "    license: Adobe Stock Standard License\n    credit: Adobe Stock / Jan Novak"), True),
    Example("Stock photo without license", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n"
                                                     "format: image\nmedia:\n  - file: content/media/avatar.png\n"
                                                     "    alt: Logo\n    source: stock"), False, (9,)),
]

_OUTSIDE = ("licensed", "stock", "ugc")


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        for ref in post.media:
            source = ref.spec.get("source")
            if source is None:
                yield Hit(post.path, post.line("media", ref.index, "file"), f"{ref.spec['file']} does not say its source",
                          "add source: original, licensed, stock or ugc")
                continue
            if source in _OUTSIDE:
                missing = [key for key in ("license", "credit") if not ref.spec.get(key)]
                if missing:
                    yield Hit(post.path, post.line("media", ref.index, "source"),
                              f"{source} media needs {' and '.join(missing)}",
                              "name the license or agreement, and who to credit")
