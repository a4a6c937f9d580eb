"""The copy and title fit the platform's limits, counted the platform's way.

Each platform counts differently (policy 1.3.3; numbers and sources in
`data/platforms.yaml`): X a weighted length (NFC; CJK and most symbols 2, any emoji
2, every URL 23, bare domains included); Bluesky graphemes and UTF-8 bytes; Mastodon
graphemes with URLs as 23; Threads characters with emoji as their UTF-8 bytes;
LinkedIn the length after its reserved characters are escaped; TikTok UTF-16 units;
YouTube the title in characters and the description in UTF-8 bytes, neither with `<`
or `>`. Each part of a thread is counted on its own. `max` in policy.yaml tightens a
limit (`{x: 260}` for the copy, `{youtube.title: 70}` for a title), never loosens it.

Fix: shorten the copy or title, or split the copy into a thread (`format: thread`,
parts separated by lines of `---`).
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import counting, platforms
from ..model.entities import Post
from .base import Context, Example, Hit, post_file

ID = "text-length"
SECTION = "1.3.3"
LEVEL = "error"
OPTIONS = {
    "max": {"type": "object", "default": {}, "additionalProperties": {"type": "integer", "minimum": 1},
            "propertyNames": {"pattern": "^[a-z]+(\\.(text|title))?$",
                              "x-hint": "name a platform (x) or a platform's field (youtube.title)"},
            "description": "Tighter limits: {x: 260} for the copy, {youtube.title: 70} for a title."},
}
EXAMPLES = [
    Example("Short post", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice", "Spring is here."), True),
    Example("141 CJK characters weigh 282 on X",
            post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice", "春" * 141), False, (6,)),
]

# what each way of counting counts, for messages and the pull request preview
UNITS = {"x-weighted": "weighted characters", "graphemes": "characters", "utf8-bytes": "bytes (UTF-8)",
         "utf16": "UTF-16 units", "codepoints": "characters", "threads": "characters (emoji as bytes)",
         "mastodon": "characters", "linkedin-escaped": "characters once escaped"}


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        for limit in platforms.text_limits(post.platform, post.meta.get("format")):
            yield from _check_limit(post, limit, ctx.options["max"])


def pieces(post: Post, field: str) -> list[tuple[str, int, str]]:
    """(text, line, what) for each piece of `field` to count."""
    if field == "title":
        return [(post.meta["title"], post.line("title"), "the title")] if "title" in post.meta else []
    many = len(post.parts) > 1
    return [(text, line, f"part {n} of the thread" if many else "the copy")
            for n, (text, line) in enumerate(post.parts, start=1)]


def limit_for(platform: str | None, limit: dict, tighter: dict) -> int:
    """The platform's limit, tightened by the rule's `max` option where it names this field."""
    keys = [f"{platform}.{limit['field']}"] + ([platform] if limit["field"] == "text" else [])
    return min([limit["max"]] + [tighter[key] for key in keys if key in tighter])


def _check_limit(post: Post, limit: dict, tighter: dict) -> Iterator[Hit]:
    maximum = limit_for(post.platform, limit, tighter)
    count, bound = counting.COUNTERS[limit["counting"]], counting.BOUNDS.get(limit["counting"])
    for text, line, what in pieces(post, limit["field"]):
        forbidden = sorted({char for char in limit.get("forbidden", "") if char in text})
        if forbidden:
            yield Hit(post.path, line, f"{what} contains {' and '.join(forbidden)}, which {post.platform} does not allow",
                      "remove the angle brackets, or use other characters")
        if bound is not None and bound(text) <= maximum:
            continue
        length = count(text)
        if length > maximum:
            yield Hit(post.path, line, f"{what} is {length:,} {UNITS[limit['counting']]} as {post.platform} counts; "
                      f"the limit is {maximum:,}", _why(text, limit) + _shorten(limit))


def _shorten(limit: dict) -> str:
    return "shorten it" + (", or make it a thread (format: thread, parts split by lines of ---)"
                           if limit["field"] == "text" else "")


def _why(text: str, limit: dict) -> str:
    """Why a text that looks short counts long, in the platform's own terms."""
    if limit["counting"] == "x-weighted":
        cjk = counting.cjk_characters(text)
        if cjk:
            return f"X counts each Chinese, Japanese or Korean character as 2, so the {cjk:,} here count as {2 * cjk:,}; "
    if limit["counting"] == "linkedin-escaped":
        reserved = len(counting.LINKEDIN_RESERVED.findall(text))
        if reserved:
            return (f"LinkedIn sends each of \\ | {{ }} @ [ ] ( ) < > # * _ ~ with a backslash before it, so the "
                    f"{reserved:,} here count twice; ")
    return ""
