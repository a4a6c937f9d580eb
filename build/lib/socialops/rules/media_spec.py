"""Images and videos meet the platform's specs, read from the files themselves.

For images: format, file size, pixel size and aspect ratio; for videos: container,
duration, resolution, aspect ratio, frame rate and file size (policy 4.2.2, 4.2.3).
The numbers and their sources are in `data/platforms.yaml`. Images are read with
Pillow, videos with PyAV; nothing is decoded beyond the headers.

Fix: export the media again at a size and format the platform takes.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import platforms
from ..model.media import MediaInfo
from .base import Context, Example, Hit, post_file

ID = "media-spec"
SECTION = "4.2.2"
LEVEL = "error"
OPTIONS: dict = {}
EXAMPLES = [
    Example("A PNG on X", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\nformat: image\n"
                                    "media:\n  - file: content/media/avatar.png\n    alt: Logo\n    source: original"), True),
    Example("A PNG on Instagram, which takes JPEG only",
            post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\nformat: image\n"
                      "media:\n  - file: content/media/avatar.png\n    alt: Logo\n    source: original",
                      name="acme-de-instagram/2026/2026-03-02-hello"), False, (7,)),
]

_BOUNDS = [  # (spec key, value of the file, what it is, unit)
    ("min_width", lambda i: i.width, "width", "px"), ("max_width", lambda i: i.width, "width", "px"),
    ("min_height", lambda i: i.height, "height", "px"), ("max_height", lambda i: i.height, "height", "px"),
    ("max_pixels", lambda i: i.pixels, "pixel count", ""), ("max_bytes", lambda i: i.bytes, "file size", "bytes"),
    ("min_ratio", lambda i: i.ratio, "aspect ratio (width/height)", ""),
    ("max_ratio", lambda i: i.ratio, "aspect ratio (width/height)", ""),
    ("min_seconds", lambda i: i.seconds, "duration", "s"), ("max_seconds", lambda i: i.seconds, "duration", "s"),
    ("min_fps", lambda i: i.fps, "frame rate", "fps"), ("max_fps", lambda i: i.fps, "frame rate", "fps"),
]


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        media_specs = platforms.platform(post.platform).get("media", {})
        for ref in post.media:
            info = ref.info
            if info is None:
                continue
            line = post.line("media", ref.index, "file")
            if info.problem:
                yield Hit(post.path, line, f"{ref.spec['file']}: {info.problem}", "replace it with a working file")
                continue
            specs = [media_specs.get("images" if info.kind == "image" else "video", {})]
            if post.meta.get("format") == "reel" and "reel" in media_specs:
                specs.append(media_specs["reel"])
            for spec in specs:
                for problem in violations(info, spec):
                    yield Hit(post.path, line, f"{ref.spec['file']}: {problem} on {post.platform}",
                              f"see {platforms.source_url(spec)}")


def violations(info: MediaInfo, spec: dict) -> Iterator[str]:
    allowed = spec.get("formats") or spec.get("containers")
    if allowed and info.format.lower() not in {name.lower() for name in allowed}:
        yield f"{info.format or 'this format'} is not accepted (only {', '.join(allowed)})"
    for key, value_of, what, unit in _BOUNDS:
        if key not in spec:
            continue
        value = value_of(info)
        if value is None:
            continue
        limit = spec[key]
        too_small = key.startswith("min_") and value < limit
        too_large = key.startswith("max_") and value > limit
        if too_small or too_large:
            shown = f"{value:.2f}" if isinstance(value, float) else f"{value:,}"
            yield f"{what} {shown}{' ' + unit if unit else ''} is {'below' if too_small else 'above'} {limit:,}"
