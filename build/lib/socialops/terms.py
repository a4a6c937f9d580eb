"""Finding listed terms in copy, per market and language (policy.yaml term lists).

A term list is keyed by where it applies: `"*"` everywhere, a market (`US`, `DE`: two
upper-case letters) or a language (`en`, `de`, `zh-Hant`: matches that tag and its
subtags). Matching ignores case; a term that starts or ends with a letter or digit of
a spaced script must stand as a whole word there, while CJK terms match anywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_SPACED = re.compile(r"[0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")


@dataclass(frozen=True)
class Match:
    term: str
    start: int  # offset in the searched text


def applicable(lists: dict[str, list[str]], market: str | None, language: str | None) -> tuple[str, ...]:
    """Every term that applies to a post for `market` in `language`."""
    key = (id(lists), market, language)
    if key not in _APPLICABLE or _APPLICABLE[key][0] is not lists:
        _APPLICABLE[key] = (lists, _applicable(lists, market, language))
    return _APPLICABLE[key][1]


_APPLICABLE: dict[tuple, tuple[dict, tuple[str, ...]]] = {}  # posts share markets and languages


def _applicable(lists: dict[str, list[str]], market: str | None, language: str | None) -> tuple[str, ...]:
    terms: list[str] = []
    for key, values in lists.items():
        if key == "*" or key == market or (language and _language_matches(key, language)):
            terms.extend(values)
    return tuple(dict.fromkeys(terms))


def most_specific(lists: dict[str, list[str]], market: str | None, language: str | None) -> tuple[str, ...]:
    """The list for the market if there is one, else for the language, else for "*"."""
    if market in lists:
        return tuple(lists[market])
    for key in sorted(lists, key=len, reverse=True):  # zh-Hant before zh
        if key != "*" and language and _language_matches(key, language):
            return tuple(lists[key])
    return tuple(lists.get("*", ()))


def _language_matches(key: str, language: str) -> bool:
    if key.isupper() and len(key) == 2:
        return False  # a market, not a language
    key, language = key.lower(), language.lower()
    return language == key or language.startswith(key + "-")


def find(text: str, terms: tuple[str, ...]) -> list[Match]:
    """Each listed term in `text`, ignoring case. Offsets are those of `text` when its
    case-folded form has the same length (true but for rare letters such as ß)."""
    if not terms:
        return []
    folded = text.casefold()
    if len(folded) != len(text):
        folded = text.lower()  # keeps offsets; misses only full case folding
    pattern, originals = _pattern(terms)
    return [Match(originals[found.group(0)], found.start()) for found in pattern.finditer(folded)]


@lru_cache(maxsize=256)
def _pattern(terms: tuple[str, ...]) -> tuple[re.Pattern, dict[str, str]]:
    """One pattern over the case-folded terms (faster than IGNORECASE), and the term
    as listed for each folded form."""
    originals: dict[str, str] = {}
    for term in terms:
        originals.setdefault(term.casefold(), term)
        originals.setdefault(term.lower(), term)
    # Terms grouped by which edges need a word boundary, each group one alternation with
    # the boundaries outside it: Python's re then scans by literal prefixes, ten times
    # faster than a lookbehind on every alternative.
    groups: dict[tuple[bool, bool], list[str]] = {}
    for term in sorted(set(originals), key=len, reverse=True):  # longest first: "No. 1" before "No"
        edges = (bool(_SPACED.match(term[0])), bool(_SPACED.match(term[-1])))
        groups.setdefault(edges, []).append(re.escape(term))
    parts = [("(?<!\\w)" if left else "") + "(?:" + "|".join(alternatives) + ")" + ("(?!\\w)" if right else "")
             for (left, right), alternatives in groups.items()]
    return re.compile("|".join(parts)), originals


def line_of(body: str, body_line: int, offset: int) -> int:
    return body_line + body.count("\n", 0, offset)
