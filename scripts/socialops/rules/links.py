"""Links in a post are well-formed https links, not blocked, and tagged when they point at our sites.

Policy 4.4.2 (check links before publishing) and 3.2.3 (no unknown links). Each
http(s) link in the copy must parse, use https, carry no user name or password, and
not point at a domain on `blocked_domains` (e.g. link shorteners that hide where they
go). A link to one of `owned_domains` must carry the UTM parameters in `utm_params`,
so the analysts can attribute the visit. `socialops check --online` also fetches
every link (rule link-reachable); the tests never do.

Fix: use the full https link; add the missing utm_ parameters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit, urlunsplit

from ..model.entities import Post
from .base import Context, Example, Hit, post_file

ID = "links"
SECTION = "4.4.2"
LEVEL = "error"
OPTIONS = {
    "owned_domains": {"type": "array", "items": {"type": "string"}, "default": [],
                      "description": "Domains (and their subdomains) whose links need UTM tags."},
    "utm_params": {"type": "array", "items": {"type": "string"}, "default": ["utm_source", "utm_medium", "utm_campaign"],
                   "description": "The parameters a link to an owned domain must carry."},
    "blocked_domains": {"type": "array", "items": {"type": "string"}, "default": [],
                        "description": "Domains (and their subdomains) no post may link to."},
}
EXAMPLES = [
    Example("Tagged link to our shop", post_file(
        "publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice",
        "New: https://shop.example.com/halo?utm_source=x&utm_medium=social&utm_campaign=launch"), True,
        options={"owned_domains": ["shop.example.com"]}),
    Example("Untagged link to our shop", post_file(
        "publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice", "New: https://shop.example.com/halo"), False, (6,),
        options={"owned_domains": ["shop.example.com"]}),
]

URL = re.compile(r"\bhttps?://[^\s<>\"'`（）「」『』【】、。，]+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}'\"…"


def links(post: Post) -> Iterator[tuple[str, int]]:
    """Each link in the post's copy, with its line."""
    for match in URL.finditer(post.body):
        url = match.group(0).rstrip(_TRAILING)
        yield url, post.body_line + post.body.count("\n", 0, match.start())


def within(host: str, domains: list[str]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == domain.lower() or host.endswith("." + domain.lower()) for domain in domains)


def check(ctx: Context) -> Iterator[Hit]:
    judged: dict[tuple, tuple[str, str] | None] = {}  # a campaign's links recur in its posts: each judged once
    for post in ctx.repo.posts:
        for url, line in links(post):
            key = (url, post.platform, repr(post.meta.get("campaign")))  # all a verdict depends on (the hint's tags)
            if key not in judged:
                judged[key] = _problem(url, ctx.options, post)
            problem = judged[key]
            if problem:
                yield Hit(post.path, line, f"{url}: {problem[0]}", problem[1])


def _problem(url: str, options: dict, post: Post) -> tuple[str, str] | None:
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018  (raises ValueError on a bad port)
        host.encode("idna")
    except (ValueError, UnicodeError):
        return "is not a well-formed link", "copy the link again from the browser's address bar"
    if "." not in host:
        return (f"names the host '{host}', which has no domain: readers' browsers cannot reach it",
                "link to the public address (e.g. https://shop.example.com/...), copied from the browser's address bar")
    if parts.username or parts.password:
        return "carries a user name or password", "remove the credentials from the link"
    if parts.scheme.lower() != "https":
        return "is not https", "use the https:// link"
    if within(host, options["blocked_domains"]):
        return f"{host} is on the blocked list", "link to the destination itself"
    if within(host, options["owned_domains"]):
        present = parse_qs(parts.query)
        missing = [name for name in options["utm_params"] if not present.get(name)]
        if missing:
            return f"a link to our site without {', '.join(missing)}", f"tag it for this post: {_tagged(url, missing, post)}"
    return None


def _tagged(url: str, missing: list[str], post: Post) -> str:
    """The link with the missing UTM parameters, filled in for this post where we know them:
    the source is the post's platform, the campaign its campaign."""
    known = {"utm_source": post.platform or "<platform>", "utm_medium": "social",
             "utm_campaign": post.meta.get("campaign") or "<campaign>"}
    added = "&".join(f"{name}={known.get(name, '<value>')}" for name in missing)
    parts = urlsplit(url)
    return urlunsplit(parts._replace(query=f"{parts.query}&{added}" if parts.query else added))
