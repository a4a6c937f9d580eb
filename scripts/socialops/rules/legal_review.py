"""A post with a paid disclosure or a substantiated claim has a legal review, where policy asks.

Policy 7.1: take legal advice on advertising and consumer law. In the markets the option
`markets` lists (a country code, or * for every market), a scheduled or published post
with a `disclosure` other than none, or with a `substantiation` for a claim, needs
`legal_review: {by, date}`, as a giveaway campaign does: who checked it against the
market's law, and when. The review comes before the post goes out: a review dated after
the post's publish date is a finding too. Drafts are not judged yet.

Fix: have the post reviewed, then add legal_review: {by: <who>, date: <yyyy-mm-dd>}.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.entities import Post
from ..model.schema import parse_date
from .base import Context, Example, Hit, post_file

ID = "legal-review"
SECTION = "7.1"
LEVEL = "error"
OPTIONS: dict = {
    "markets": {
        "description": "Markets (country codes, or * for all) where disclosed and substantiated posts need a legal review.",
        "type": "array", "items": {"type": "string", "minLength": 1}, "default": [],
    },
}
_PARTNER = "#ad Our friends at Trailhead Coffee made a playlist."
EXAMPLES = [
    Example("Reviewed before it goes out",
            post_file("publish_at: 2026-03-02T09:00\nstatus: scheduled\nauthor: alice\ndisclosure: partnership\n"
                      "legal_review: {by: dana, date: 2026-02-27}", _PARTNER), True, options={"markets": ["US"]}),
    Example("A partnership with no legal review",
            post_file("publish_at: 2026-03-02T09:00\nstatus: scheduled\nauthor: alice\ndisclosure: partnership",
                      _PARTNER), False, (5,), options={"markets": ["US"]}),
]


def check(ctx: Context) -> Iterator[Hit]:
    markets = set(ctx.options["markets"])
    if not markets:
        return
    for post in ctx.repo.posts:
        market = post.account.market if post.account else None
        if not post.is_live or market is None or not ({"*", market} & markets):
            continue
        reasons = _reasons(post)
        if not reasons:
            continue
        review = post.meta.get("legal_review")
        if review is None:
            if (post.path, "legal_review") not in ctx.repo.invalid:
                yield _missing(post, market, reasons)
            continue
        yield from _late(post, review)


def _reasons(post: Post) -> list[tuple[str, str]]:
    """(field, what it says) for each field that calls for a legal review."""
    found = []
    disclosure = post.meta.get("disclosure", "none")
    if disclosure != "none":
        found.append(("disclosure", f"disclosure '{disclosure}'"))
    if "substantiation" in post.meta:
        found.append(("substantiation", "a substantiated claim"))
    return found


def _missing(post: Post, market: str, reasons: list[tuple[str, str]]) -> Hit:
    what = " and ".join(text for _, text in reasons)
    return Hit(post.path, post.line(reasons[0][0]), f"a post in {market} with {what} needs a legal review",
               "have it checked against the market's advertising and consumer law, then add "
               "legal_review: {by: <who>, date: <yyyy-mm-dd>}")


def _late(post: Post, review: dict) -> Iterator[Hit]:
    local = post.local_time
    reviewed = parse_date(review["date"])
    if local is not None and reviewed > local.date():
        yield Hit(post.path, post.line("legal_review", "date"),
                  f"the legal review on {reviewed} comes after the post's publish date {local.date()}",
                  "a post is reviewed before it goes out: correct the date, or hold the post until it is reviewed")
