"""GitHub-flavoured Markdown from text that people typed: the one escaper every comment,
issue and job summary uses (the preview, the audit, the review gate).

    inline(text)           one line of text for a paragraph, a heading, a list item or a table cell
    code(text)             an inline code span (shown verbatim; nothing in it pings or links)
    fenced(text, info)     a fenced code block that no line of `text` can close
    table(headers, rows)   a table; plain cells go through `inline`, `Markdown` cells as they are
    quiet(text)            only the pinging part of `inline`: for Markdown you built yourself
    untrusted(text)        Markdown someone else wrote, made inert outside its fenced code blocks

`inline` makes text inert:

- HTML: `&`, `<` and `>` become entities, so no tag or comment reaches the page;
- Markdown: backslash, `` ` ``, `*`, `_`, `[`, `]`, `|`, `~`, `#` and `!` are backslash-escaped,
  a leading list or heading marker too, and line breaks become spaces (a cell is one line);
- GitHub's own links, which GitHub finds in the rendered text, so a backslash does not stop
  them: `@login` and `@org/team` notify those people and teams when a comment or issue is
  created, and `#123`, `owner/repo#123` and `GH-123` cross-reference issues (a notice in that
  issue's timeline). A zero-width space (U+200B) goes between the `@`, `#` or `GH-` and what
  follows, so the text reads the same and links nothing.

Text in a code span or a fenced block is neither rendered nor scanned for mentions and
references, so `code` and `fenced` need only choose delimiters the text cannot close.

`untrusted` is for Markdown that code you do not trust rendered (the preview comment's
text, which the pull request's own check run writes): it keeps the Markdown, but outside
fenced code blocks it lets no HTML through (`<` becomes `&lt;`), no character reference
other than `&amp;`, `&lt;` and `&gt;` (`&commat;` or `&#64;` would render as `@`), no fence
opener (a run of three backticks or tildes is escaped), and no mention or issue reference
(`quiet`). Each fenced block it finds is written again with a fence of its own, longer
than any backtick run inside, at the start of a line after a blank one, so where a block
starts and ends is decided here, not by the text: a fence the text hides inside a list
item or a quote stays escaped text, and a block GitHub would end earlier than this parser
cannot end it here.

Every function returns `Markdown`, a `str` that `table` does not escape twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..output.text import visible

__all__ = ["Markdown", "ZWSP", "code", "fenced", "inline", "quiet", "table", "untrusted"]

ZWSP = "\u200b"  # zero-width space: invisible, and not a character of a login or a number

_PUNCTUATION = re.compile(r"([\\`*_\[\]|~#!])")
# text that would start a block if it began a line: a bullet (-, +), a setext underline (=)
# or a thematic break (-), an ordered list item (1. or 1) followed by a space)
_LEADING_MARK = re.compile(r"^([-+=])")
_LEADING_NUMBER = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
# GitHub logins are letters, digits and hyphens, teams org/team: an `@` before any of them
_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
# `#123` and `owner/repo#123`; GH-123 (any case)
_ISSUE = re.compile(r"#(?=\d)")
_GH_ISSUE = re.compile(r"(?i)\b(GH\\?-)(?=\d)")  # GH\-12 renders as GH-12
_INFO = re.compile(r"[\w.+-]*")


class Markdown(str):
    """Text that is already Markdown: `table` puts it in a cell without escaping it again."""


def quiet(text: str) -> Markdown:
    """`text` with every @-mention and issue reference broken by a zero-width space, and
    nothing else changed: for Markdown built by hand around values that were escaped."""
    text = _MENTION.sub("@" + ZWSP, text)
    text = _ISSUE.sub("#" + ZWSP, text)
    return Markdown(_GH_ISSUE.sub(r"\1" + ZWSP, text))


def inline(value: object) -> Markdown:
    """One line of inert text: no HTML, no Markdown, no mentions, no issue references."""
    if isinstance(value, Markdown):
        return Markdown(" ".join(value.split()))
    text = visible(" ".join(str(value).split()))  # control and direction characters as escapes
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _PUNCTUATION.sub(r"\\\1", text)
    text = _LEADING_NUMBER.sub(r"\1\\\2", _LEADING_MARK.sub(r"\\\1", text))
    return quiet(text)


def code(value: object) -> Markdown:
    """An inline code span of `value` on one line: delimited by one more backtick than the
    longest run inside, padded with a space when it starts or ends with a backtick."""
    text = visible(" ".join(str(value).split()))
    if not text:
        return Markdown("")
    ticks = "`" * (_longest_backtick_run(text) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Markdown(f"{ticks}{pad}{text}{pad}{ticks}")


def fenced(text: str, info: str = "text") -> Markdown:
    """A fenced code block: its fence is longer than any backtick run in `text`, so no line
    of it can close the block. `info` is the language (letters, digits, `.+-_` only)."""
    if not _INFO.fullmatch(info):
        raise ValueError(f"not a code block language: {info!r}")
    fence = "`" * max(3, _longest_backtick_run(text) + 1)
    return Markdown(f"{fence}{info}\n{text}\n{fence}")


def table(headers: Sequence[object], rows: Iterable[Sequence[object]]) -> Markdown:
    """A GitHub table. Plain cells are escaped with `inline`; `Markdown` cells (from `code`,
    `inline`...) are kept, with their line breaks made spaces and each `|` escaped, which
    GitHub also requires inside a code span in a table."""
    lines = [_row(headers), "|" + "---|" * len(headers)]
    lines += [_row(row) for row in rows]
    return Markdown("\n".join(lines))


def _row(cells: Sequence[object]) -> str:
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def _cell(value: object) -> str:
    if not isinstance(value, Markdown):
        return inline(value)
    return re.sub(r"(?<!\\)\|", r"\\|", " ".join(value.split()))


# CommonMark: a fence is 3+ backticks or tildes after at most 3 spaces; a backtick fence's
# info string has no backtick; a closing fence is the same character, at least as long.
_FENCE_OPEN = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")
_RUN = re.compile(r"`{3,}|~{3,}")
_REFERENCE = re.compile(r"&(?!(?:amp|lt|gt);)")


def untrusted(text: str) -> Markdown:
    """Markdown from an untrusted writer, made inert outside its fenced code blocks (see above)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        opened = _FENCE_OPEN.match(lines[index])
        if opened and not (opened.group(1)[0] == "`" and "`" in opened.group(2)):
            fence, indent = opened.group(1), len(lines[index]) - len(lines[index].lstrip(" "))
            info = opened.group(2).strip().split(" ")[0]
            body: list[str] = []
            index += 1
            while index < len(lines) and not _closes(lines[index], fence):
                line = lines[index]
                body.append(line[min(indent, len(line) - len(line.lstrip(" "))):])
                index += 1
            index += 1  # the closing fence (or the end of the text)
            if out and out[-1].strip():
                out.append("")  # a fence after a blank line starts a block whatever came before
            out.append(fenced("\n".join(body), info if _INFO.fullmatch(info) else ""))
            continue
        out.append(_inert(lines[index]))
        index += 1
    return Markdown("\n".join(out))


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip(" ")
    return (len(line) - len(line.lstrip(" ")) <= 3 and len(stripped) >= len(fence)
            and stripped == fence[0] * len(stripped))


def _inert(line: str) -> str:
    """One line outside code: no HTML, no references but &amp; &lt; &gt;, no fence, no pings."""
    line = _REFERENCE.sub("&amp;", line).replace("<", "&lt;")
    line = _RUN.sub(lambda run: "".join("\\" + char for char in run.group(0)), line)
    return quiet(line)


def _longest_backtick_run(text: str) -> int:
    return max((len(run) for run in re.findall(r"`+", text)), default=0)
