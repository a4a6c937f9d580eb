"""An absolute or unprovable claim ("best", "No. 1", "guaranteed", "100%") carries its evidence.

Policy 1.3.2: no false or misleading content. A post with a claim term needs a
`substantiation` field saying what backs the claim (a test, a ranking, a source), or a
waiver with a reason. The lists cover English, German, Japanese, Portuguese, Arabic
and the Chinese absolute terms in Simplified and Traditional forms (SAMR's 2023
guidance: 最, 第一, 唯一, 首选, 顶级, 独家...); they are options in policy.yaml.
Lists apply by market, by the declared language and by the language the copy
reads as (see language-mismatch); a term also matches its inflections (recalls,
Rückrufe) and, in German, a compound it is part of (Rückrufaktion).

Fix: add `substantiation: <evidence>`, or rephrase without the claim.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit, post_file, term_hits, term_lists

ID = "claims"
SECTION = "1.3.2"
LEVEL = "error"
OPTIONS = {
    "terms": term_lists("Claim terms per market, language or * for all.", {
        "*": ["100%", "No. 1", "No.1", "#1"],
        "en": ["best", "the best", "number one", "guaranteed", "guarantee", "world's best", "unbeatable",
               "clinically proven", "risk-free"],
        "de": ["beste", "bester", "bestes", "besten", "Nr. 1", "Nummer eins", "garantiert", "unschlagbar"],
        "ja": ["最高", "最強", "日本一", "世界一", "ナンバーワン", "業界初", "絶対"],
        "pt": ["melhor", "o melhor", "número um", "garantido", "imbatível"],
        "ar": ["الأفضل", "رقم واحد", "مضمون"],
        "zh": ["最好", "最强", "最強", "最大", "最优", "最優", "最先进", "最先進", "第一", "唯一", "首个", "首個",
               "首选", "首選", "顶级", "頂級", "极品", "極品", "独家", "獨家", "万能", "萬能"],
    }),
}
EXAMPLES = [
    Example("Claim with its evidence",
            post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n"
                      "substantiation: Rated No. 1 by Wirecutter, March 2026 (https://example.com/review)",
                      "Rated No. 1 for travel headphones."), True),
    Example("Best, without evidence", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice",
                                                "The best headphones you will ever own."), False, (6,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        if post.meta.get("substantiation"):
            continue
        yield from term_hits(ctx, post, ctx.options["terms"], lambda quoted: (
            f"{quoted} is a claim that needs evidence",
            "add substantiation: what backs it (test, ranking, source), or rephrase"))
