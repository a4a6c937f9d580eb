"""Every media file a post names exists inside the repository.

Media paths are repository-relative (e.g. content/media/2026/launch.jpg). Absolute
paths, paths that climb out with `..`, links that point outside, and missing files are
refused: a path in content is untrusted input.

Fix: add the file under content/media and use its repository-relative path.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit, post_file

ID = "media-file"
SECTION = "4.2.2"
LEVEL = "error"
OPTIONS: dict = {}
EXAMPLES = [
    Example("No media", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice"), True),
    Example("Path leaves the repository",
            post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\nmedia:\n  - file: ../../etc/passwd"),
            False, (6,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        for ref in post.media:
            if ref.problem:
                yield Hit(post.path, post.line("media", ref.index, "file"), ref.problem, ref.media.hint)
