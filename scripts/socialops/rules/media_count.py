"""A post carries the media its format needs, no more than the platform takes.

Per post and platform (`data/platforms.yaml`): X takes up to 4 images or 1 video,
never both; Instagram up to 10 items in a carousel; YouTube one video. The post's
`format` must match its media: `image` needs an image, `carousel` at least two
items, `video` and `reel` a video.

Fix: remove media, split the post, or set the format the post really has.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import platforms
from .base import Context, Example, Hit, post_file

ID = "media-count"
SECTION = "1.3.3"
LEVEL = "error"
OPTIONS: dict = {}
EXAMPLES = [
    Example("One image", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\nformat: image\n"
                                   "media:\n  - file: content/media/avatar.png\n    alt: Logo\n    source: original"), True),
    Example("Five images on X", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\nformat: carousel\n"
                                          "media:\n" + "  - {file: content/media/avatar.png, alt: Logo, source: original}\n" * 5),
            False, (6,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        infos = [ref.info for ref in post.media if ref.info and not ref.info.problem]
        images = sum(1 for info in infos if info.kind == "image")
        videos = sum(1 for info in infos if info.kind == "video")
        line = post.line("media") if post.media else post.line("format")
        yield from _format_needs(post.path, line, post.meta.get("format"), images, videos, len(post.media))
        count = platforms.platform(post.platform).get("media", {}).get("count")
        if count is None:
            continue
        if images > count["images"]:
            yield Hit(post.path, line, _too_many(images, count["images"], "image", post.platform),
                      _fewer(images, count["images"], "image"))
        if videos > count["videos"]:
            yield Hit(post.path, line, _too_many(videos, count["videos"], "video", post.platform),
                      _fewer(videos, count["videos"], "video"))
        if images and videos and not count["mixed"]:
            yield Hit(post.path, line, f"images and videos together; {post.platform} takes one kind per post",
                      "keep either the images or the video")


def _fewer(found: int, most: int, kind: str) -> str:
    if most == 0:
        return f"remove the {kind}s: this platform takes none"
    return f"remove {found - most} {kind}{'s' if found - most > 1 else ''}, or split them over more posts"


def _format_needs(path: str, line: int, post_format: str | None, images: int, videos: int, items: int) -> Iterator[Hit]:
    if post_format == "image" and not images:
        yield Hit(path, line, "format is image but the post has no image", "add the image under media, or set format: text")
    if post_format == "carousel" and items < 2:
        yield Hit(path, line, "format is carousel but the post has fewer than two media items",
                  "add items, or set format: image")
    if post_format in ("video", "reel") and not videos:
        yield Hit(path, line, f"format is {post_format} but the post has no video", "add the video under media")


def _too_many(found: int, most: int, kind: str, platform: str | None) -> str:
    counted = f"{found} {kind}{'s' if found != 1 else ''}"
    if most == 0:
        return f"{counted}; {platform} posts take no {kind}s"
    return f"{counted}; {platform} takes at most {most} in a post"
