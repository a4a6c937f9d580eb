"""Images and videos meet the platform's specs, read from the files themselves.

For images: format, file size, pixel size and aspect ratio; for videos: container,
duration, resolution, aspect ratio, frame rate and file size (policy 4.2.2, 4.2.3).
The numbers and their sources are in `data/platforms.yaml`. Images are read with
Pillow, videos with PyAV; nothing is decoded beyond the headers.

Fix: export the media again at a size and format the platform takes.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

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
                for problem, fix in violations(info, spec):
                    source = platforms.source_url(spec)
                    yield Hit(post.path, line, f"{ref.spec['file']}: {problem} on {post.platform}",
                              fix + (f" (see {source})" if source.startswith("https://") else ""))


def violations(info: MediaInfo, spec: dict) -> Iterator[tuple[str, str]]:
    """What breaks the spec, each with how to fix it."""
    allowed = spec.get("formats") or spec.get("containers")
    if allowed and info.format.lower() not in {name.lower() for name in allowed}:
        names = [name.upper() for name in allowed]
        yield (f"{info.format or 'this format'} is not accepted (only {', '.join(allowed)})",
               f"{'save' if info.kind == 'image' else 'export'} it as {' or '.join(names)}")
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
            yield (f"{what} {shown}{' ' + unit if unit else ''} is {'below' if too_small else 'above'} {limit:,}",
                   _fix(key, limit))


def _fix(key: str, limit: float) -> str:
    fixes = {
        "min_width": f"use a version at least {limit:,} px wide", "max_width": f"resize it to at most {limit:,} px wide",
        "min_height": f"use a version at least {limit:,} px high", "max_height": f"resize it to at most {limit:,} px high",
        "max_pixels": f"resize it to at most {limit:,} pixels in all", "max_bytes": f"compress it below {_size(limit)}",
        "min_ratio": f"crop it wider: at least {_ratio(limit)} (width:height)",
        "max_ratio": f"crop it narrower: at most {_ratio(limit)} (width:height)",
        "min_seconds": f"use a clip of at least {_duration(limit)}", "max_seconds": f"trim it to at most {_duration(limit)}",
        "min_fps": f"export it at {limit:g} frames per second or more",
        "max_fps": f"export it at {limit:g} frames per second or fewer",
    }
    return fixes[key]


def _size(limit: float) -> str:
    return f"{limit / 1e9:g} GB" if limit >= 1e9 else f"{limit / 1e6:g} MB"


def _duration(seconds: float) -> str:
    if seconds >= 7200 and seconds % 3600 == 0:
        return f"{seconds / 3600:g} h"
    return f"{seconds / 60:g} min" if seconds >= 120 and seconds % 60 == 0 else f"{seconds:g} s"


def _ratio(value: float) -> str:
    """An aspect ratio as people write it: 4:5, 1.91:1, 1:2.4."""
    if value >= 1:
        return f"{value:.3g}:1"
    inverse = 1 / value
    if abs(inverse - round(inverse, 1)) < 0.001:
        return f"1:{round(inverse, 1):g}"
    fraction = Fraction(value).limit_denominator(16)
    return f"{fraction.numerator}:{fraction.denominator}"
