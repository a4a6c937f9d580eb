"""Reading content files safely: size, encoding, BOM, line endings, front matter."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .yamltext import Problem

MAX_BYTES = 1024 * 1024  # a post, plan or YAML file larger than this is a mistake, not content


@dataclass
class Text:
    """A file's text with `\\n` line endings, or the problem that stopped us reading it."""

    text: str | None
    problem: Problem | None = None
    is_link: bool = False  # not read: the file is a symbolic link and links were not to be followed


def read_text(path: str | Path, max_bytes: int = MAX_BYTES, follow_links: bool = True) -> Text:
    raw = read_bytes(path, max_bytes, follow_links)
    if raw.data is None:
        return Text(None, raw.problem, raw.is_link)
    return decode(raw.data)


@dataclass
class Bytes:
    """A file's bytes, or the problem that stopped us reading them."""

    data: bytes | None
    problem: Problem | None = None
    is_link: bool = False


def read_bytes(path: str | Path, max_bytes: int = MAX_BYTES, follow_links: bool = True,
               too_large_hint: str = "keep copy and plans small; put large media under content/media") -> Bytes:
    # O_NONBLOCK: opening a named pipe would wait for a writer, forever; with it the open
    # returns, and anything but a regular file is refused before a byte is read.
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow_links else getattr(os, "O_NOFOLLOW", 0))
    try:
        # Refusing the link in open() itself leaves no moment for it to be swapped in
        # between a check and the read.
        descriptor = os.open(path, flags)
    except OSError as exc:
        if not follow_links and os.path.islink(path):
            return Bytes(None, is_link=True)
        return Bytes(None, Problem(1, f"cannot read the file: {exc.strerror}",
                                   "check that it exists and that you may read it (a link must lead to a file)"))
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        return Bytes(None, Problem(1, "not a regular file (a folder, pipe, socket or device)",
                                   "replace it with an ordinary text file"))
    try:
        with open(descriptor, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                return Bytes(None, Problem(1, f"file is {size:,} bytes, more than the {max_bytes:,} allowed",
                                           too_large_hint))
            return Bytes(handle.read())
    except OSError as exc:
        return Bytes(None, Problem(1, f"cannot read the file: {exc.strerror}",
                                   "make it a readable file (check its permissions), or remove it"))


def decode(raw: bytes) -> Text:
    """UTF-8 text (a BOM dropped) with `\\n` line endings."""
    try:
        text = raw.decode("utf-8-sig")  # a BOM is accepted and dropped
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return Text(None, Problem(line, f"not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot be decoded",
                                  "save the file as UTF-8 in your editor"))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Text(text)


@dataclass
class FrontMatter:
    """The YAML between the `---` lines, the body after them, and where each starts."""

    yaml: str
    body: str
    body_line: int  # 1-based line where the body starts


def split_front_matter(text: str) -> FrontMatter | Problem:
    if not text.strip():
        return Problem(1, "the file is empty", "start with a front matter block between two '---' lines")
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return Problem(1, "no front matter: the first line must be '---'",
                       "start the file with '---', the fields, then another '---'")
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return FrontMatter("\n".join(lines[1:index]) + "\n", "\n".join(lines[index + 1:]), index + 2)
    return Problem(1, "the front matter is not closed", "add a line '---' after the last field")
