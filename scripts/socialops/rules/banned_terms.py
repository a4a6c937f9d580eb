"""No banned term appears in a post, per market and language.

Policy 1.3.1 and 1.3.4: terms the company or a market's law forbids. The defaults
hold the absolute terms China's Advertising Law (Art. 9(3)) bans in advertising, in
Simplified and Traditional forms; add the company's own lists in policy.yaml, keyed by
market (US), language (de, zh-Hant) or * for all.
Lists apply by market, by the declared language and by the language the copy
reads as (see language-mismatch); a term also matches its inflections (recalls,
Rückrufe) and, in German, a compound it is part of (Rückrufaktion).

Fix: remove the term; rephrase.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit, post_file, term_hits, term_lists

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
        yield from term_hits(ctx, post, ctx.options["terms"], lambda quoted: (f"{quoted} is a banned term here", "remove or rephrase it"))
