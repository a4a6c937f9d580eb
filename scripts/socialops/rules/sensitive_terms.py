"""A post that touches a sensitive subject is marked `risk: sensitive`, so a director approves it.

Policy 1.3.4 and 3.3.2: sensitive or important content gets strict approval. A post
containing a term from the sensitive lists (safety notices and recalls, lawsuits,
boycotts, tariffs and sanctions, elections, contested territories...) must say
`risk: sensitive`; the pull request then needs a director's review. Lists per market
and language are options in policy.yaml.
Lists apply by market, by the declared language and by the language the copy
reads as (see language-mismatch); a term also matches its inflections (recalls,
Rückrufe) and, in German, a compound it is part of (Rückrufaktion).

Fix: set `risk: sensitive` (a director will review), or rephrase.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit, post_file, term_hits, term_lists

ID = "sensitive-terms"
SECTION = "1.3.4"
LEVEL = "error"
OPTIONS = {
    "terms": term_lists("Sensitive terms per market, language or * for all.", {
        "en": ["recall", "safety notice", "lawsuit", "boycott", "tariff", "tariffs", "sanction", "sanctions",
               "election", "Taiwan", "Tibet", "Xinjiang", "Hong Kong", "Tiananmen"],
        "de": ["Rückruf", "Sicherheitshinweis", "Klage", "Boykott", "Zoll", "Zölle", "Sanktion", "Sanktionen", "Wahl"],
        "ja": ["リコール", "回収", "訴訟", "不買", "関税", "選挙"],
        "pt": ["recall", "processo judicial", "boicote", "tarifa", "eleição", "eleições"],
        "ar": ["استدعاء", "مقاطعة", "دعوى", "انتخابات"],
        "zh": ["召回", "诉讼", "訴訟", "抵制", "关税", "關稅", "选举", "選舉", "台湾", "台灣", "西藏", "新疆", "香港"],
    }),
}
EXAMPLES = [
    Example("Marked sensitive", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\nrisk: sensitive",
                                          "Safety notice: check your charging case serial number."), True),
    Example("Recall notice not marked", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice",
                                                  "Voluntary recall of some charging cases."), False, (6,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        if post.meta.get("risk") == "sensitive":
            continue
        yield from term_hits(ctx, post, ctx.options["terms"], lambda quoted: (
            f"{quoted} is a sensitive subject; the post needs a director's approval",
            "set risk: sensitive (routes the pull request to a director), or rephrase"))
