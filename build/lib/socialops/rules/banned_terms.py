"""No banned term appears in a post, per market and language.

Policy 1.3.1 and 1.3.4: terms the company or a market's law forbids. The defaults
hold the absolute terms China's Advertising Law (Art. 9(3)) bans in advertising, in
Simplified and Traditional forms; add the company's own lists in policy.yaml, keyed by
market (US), language (de, zh-Hant) or * for all.

Fix: remove the term; rephrase.
"""

from __future__ import annotations

from collections.abc import Iterator

from .. import terms
from .base import Context, Example, Hit, market_and_language, post_file, term_hits, term_lists

ID = "banned-terms"
SECTION = "1.3.1"
LEVEL = "error"
OPTIONS = {
    "terms": term_lists("Banned terms per market, language or * for all.", {
        "zh": ["国家级", "最高级", "最佳", "國家級", "最高級"],
    }),
}
EXAMPLES = [
    Example("Plain copy", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\nlanguage: zh-Hans",
                                    "新品上市，欢迎体验。"), True),
    Example("最佳 in Chinese copy", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\nlanguage: zh-Hant",
                                             "業界最佳的耳機。"), False, (7,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        banned = terms.applicable(ctx.options["terms"], *market_and_language(post))
        yield from term_hits(post, banned, lambda term: (f"'{term}' is a banned term here", "remove or rephrase it"))
