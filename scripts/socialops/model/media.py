"""What a media file is, read from the file itself: Pillow for images, PyAV for video.

PyAV binds the FFmpeg libraries shipped inside its wheel, so no ffmpeg binary or
system library is needed, and it reads container and stream headers without
decoding frames (pymediainfo would need libmediainfo on Linux; parsing MP4 boxes by
hand would miss WebM and QuickTime). The model reads each file once (MediaFile.info).
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from .. import user_cache

IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".heic", ".heif", ".avif"}
VIDEO_SUFFIXES = {".mp4", ".m4v", ".mov", ".webm", ".ogv", ".ogg"}
_CONTAINERS = {".mp4": "mp4", ".m4v": "mp4", ".mov": "mov", ".webm": "webm", ".ogv": "ogg", ".ogg": "ogg"}


@dataclass(frozen=True)
class MediaInfo:
    kind: str  # "image" or "video"; "unknown" when unreadable
    format: str = ""  # image format (JPEG, PNG...) or container (mp4, mov, webm, ogg)
    width: int = 0
    height: int = 0
    bytes: int = 0
    seconds: float | None = None
    fps: float | None = None
    codec: str | None = None
    frames: int | None = None
    problem: str | None = None

    @property
    def ratio(self) -> float:
        return self.width / self.height if self.height else 0.0

    @property
    def pixels(self) -> int:
        return self.width * self.height


class MediaCache:
    """What each media file is, kept between runs (user_cache.Packs) under the file's size,
    modification and change times and inode, as git's index keeps them: a file written
    since has other times and is read again. A check of a few posts then imports neither
    Pillow nor PyAV. Counts hits so tests can see it was used."""

    def __init__(self) -> None:
        self.packs = user_cache.Packs("media", _code_version(), "files")
        self.hits = 0

    def info(self, file: Path) -> MediaInfo:
        stat = file.stat()
        where, name = os.path.split(os.path.abspath(file))
        stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]
        stored = self.packs.get(where, name, stamp)
        if isinstance(stored, dict):
            try:
                found = MediaInfo(**stored)
            except TypeError:
                pass  # not an entry this code wrote: read the file
            else:
                self.hits += 1
                return found
        found = inspect(file)
        self.packs.put(where, name, stamp, asdict(found))
        return found

    def save(self) -> None:
        self.packs.save(user_cache.listing)


@cache
def _code_version() -> str:
    return user_cache.key(Path(__file__).read_text("utf-8"), user_cache.installed_version("pillow"),
                          user_cache.installed_version("av"))


def inspect(file: Path) -> MediaInfo:
    path, size = str(file), file.stat().st_size
    suffix = file.suffix.lower()
    if suffix in IMAGE_SUFFIXES:
        return _image(path, size)
    if suffix in VIDEO_SUFFIXES:
        return _video(path, size, _CONTAINERS[suffix])
    known = ", ".join(sorted(IMAGE_SUFFIXES | VIDEO_SUFFIXES))
    return MediaInfo("unknown", bytes=size, problem=f"'{file.suffix}' is not a media type we know ({known})")


def _image(path: str, size: int) -> MediaInfo:
    from PIL import Image

    try:
        with Image.open(path) as image:  # reads the header; pixels are not decoded
            return MediaInfo("image", image.format or "", image.width, image.height, size,
                             frames=getattr(image, "n_frames", 1))
    except Image.DecompressionBombError:
        return MediaInfo("image", bytes=size, problem="not a readable image: it has more pixels than is safe to open")
    except (OSError, ValueError):
        return MediaInfo("image", bytes=size, problem="not a readable image: its contents are no image format we read")


def _video(path: str, size: int, container_name: str) -> MediaInfo:
    import av

    try:
        with av.open(path) as container:
            if not container.streams.video:
                return MediaInfo("video", container_name, bytes=size, problem="the file has no video stream")
            stream = container.streams.video[0]
            seconds = container.duration / av.time_base if container.duration else (
                float(stream.duration * stream.time_base) if stream.duration and stream.time_base else None)
            fps = float(stream.average_rate) if stream.average_rate else None
            actual = container.format.name.split(",")
            if container_name not in actual and not (container_name == "mov" and "mp4" in actual):
                return MediaInfo("video", container_name, bytes=size,
                                 problem=f"the file is {container.format.long_name}, not what its name says")
            return MediaInfo("video", container_name, stream.codec_context.width, stream.codec_context.height,
                             size, seconds, fps, stream.codec_context.name, stream.frames or None)
    except (av.error.FFmpegError, OSError, ValueError):
        return MediaInfo("video", container_name, bytes=size,
                         problem="not a readable video: FFmpeg cannot read its contents")
