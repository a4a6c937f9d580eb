"""The copy is written in the language the post declares.

Policy 4.1.1: content is planned per market, in its language; a post's `language` (else
its account's first language) also chooses the term lists that check it. An offline
detector (lingua) reads the title and copy, links, @handles, #hashtags and emoji left
out, among the languages this repository uses (its accounts', its term lists' and the
post's own). The rule warns when the copy reads as another language with a confidence
of at least 0.9; copy with fewer than 20 letters (an East Asian character counts two)
is not judged. The confidence is relative to those candidates: copy in a language
outside them is read as the nearest one. Whatever this rule's level (off too), the term
lists of the language the copy reads as apply to it (banned-terms, sensitive-terms,
claims).

Fix: correct `language:` or the copy. A post written in two languages on purpose: waive
this rule with the reason.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from .. import language
from .base import Context, Example, Hit, post_file

ID = "language-mismatch"
SECTION = "4.1.1"
LEVEL = "warning"
OPTIONS: dict = {}
EXAMPLES = [
    Example("German copy, declared German",
            post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\nlanguage: de-DE",
                      "Neue Farben ab Freitag. Welche gefällt euch am besten?",
                      name="acme-de-instagram/2026/2026-03-02-hello"), True),
    Example("English copy, declared German",
            post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\nlanguage: de-DE",
                      "New colours on Friday. Which one do you like best?",
                      name="acme-de-instagram/2026/2026-03-02-hello"), False, (5,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        declared = language.declared(post)
        if declared is None or not ctx.reported(post.path):
            continue
        found = ctx.reader.reading(post)
        if found is None or found.confidence < language.CONFIDENT or found.language == language.base(declared):
            continue
        confidence = math.floor(found.confidence * 100) / 100  # 0.999 is not certain: shown as 0.99
        if "language" in post.meta:
            line, stated, fix = post.line("language"), f"language is {declared}", "fix `language:` or the copy"
        else:
            line, stated, fix = (post.body_line, f"the account's language is {declared}",
                                 f"add `language:` with the copy's language ({found.name}), or fix the copy")
        yield Hit(post.path, line, f"the copy reads as {found.name} (confidence {confidence:.2f}) but {stated}",
                  f"{fix}; written in two languages on purpose: waive language-mismatch with the reason")
