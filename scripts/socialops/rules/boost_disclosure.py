"""A boosted post carries an ad disclosure where the market requires one.

Policy 2.2.3 (paid promotion) and 7.1 (advertising law). A promoted post is an ad.
Platforms mark it "Sponsored", but some markets' rules ask the advertiser to label the
commercial communication itself (Germany's §5a(4) UWG and Austria's §6 ECG, in the
reading of the team's legal advisers). In the markets the option `markets` lists, a
post with a `boost` has `disclosure: ad` (or another kind than none); the disclosure
rule then checks the market's label at the start of the copy.

Fix: set disclosure: ad and start the copy with the market's label (e.g. "Anzeige |").
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit, post_file

ID = "boost-disclosure"
SECTION = "2.2.3"
LEVEL = "error"
OPTIONS = {
    "markets": {"type": "array", "items": {"type": "string", "pattern": "^(\\*|[A-Z]{2})$"}, "default": ["DE", "AT"],
                "description": "Markets (or * for every market) where a boosted post needs its own ad disclosure."},
}
_BOOST = ("boost:\n  budget: {amount: 500, currency: EUR}\n  start: 2026-03-02\n  end: 2026-03-08\n"
          "  audience: Erwachsene in Deutschland\n")
_NAME = "acme-de-instagram/2026/2026-03-02-hallo"
EXAMPLES = [
    Example("Boosted in Germany, labelled", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n"
                                                      "disclosure: ad\n" + _BOOST, "Anzeige | Der neue Lautsprecher.",
                                                      name=_NAME), True),
    Example("Boosted in Germany, no disclosure", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\n"
                                                           "author: alice\n" + _BOOST, "Der neue Lautsprecher.",
                                                           name=_NAME), False, (5,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    markets = set(ctx.options["markets"])
    for post in ctx.repo.posts:
        if "boost" not in post.meta or post.account is None:
            continue
        market = post.account.market
        if not ("*" in markets or market in markets) or post.meta.get("disclosure", "none") != "none":
            continue
        if (post.path, "disclosure") in ctx.repo.invalid:
            continue
        where = post.line("disclosure") if "disclosure" in post.meta else post.line("boost")
        yield Hit(post.path, where, f"the post is boosted in {market}, where paid promotion needs an ad disclosure",
                  "set disclosure: ad and start the copy with the market's label (see the disclosure rule)")
