"""Finding listed terms in copy, per market and language (policy.yaml term lists).

A term list is keyed by where it applies: `"*"` everywhere, a market (`US`, `DE`: two
upper-case letters) or a language (`en`, `de`, `zh-Hant`: matches that tag and its
subtags). Matching ignores case; a term that starts or ends with a letter or digit of
a spaced script must stand as a whole word there, while CJK terms match anywhere.

In a language with a Snowball stemmer (English, German, Portuguese, Spanish...), a term
of words in a spaced script also matches its inflected forms: a word with the same stem
that begins with the listed word (recall: recalls, recalled; Rückruf: Rückrufe). Forms
that change the word itself (Zoll: Zölle; eleição: eleições) must be listed; the
condition keeps out words that only share a stem (garantido: garantia, the warranty).
The stemmer still cannot tell a verb from an adjective: Portuguese `melhor` (best) also
matches `melhorar` (to improve) and `melhoria`.

German also makes words of words, so there a single-word term matches as a part of a
longer word (`compound_part`): as its last part (Bundestagswahl, Sammelklagen), or
anywhere when the term has at least MIN_INNER_TERM letters (Rückrufaktion), and only
when the rest of the word has at least MIN_COMPOUND_REST letters. The trade-off: a
short term at the start of a word is mostly another word (Wahlweise, Zollstock,
Klagenfurt), so Wahlkampf is missed; a short prefix is not a word (Auswahl, Vorwahl,
zurückrufen), so Nachwahl matches but Abwahl does not.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

_SPACED = re.compile(r"[0-9A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")
_WORD = re.compile(r"[^\W\d_]+")  # a run of letters; one class, nothing after it: no backtracking
_STEMMABLE = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]+")  # letters of spaced scripts
COMPOUNDING = frozenset({"de"})  # languages whose terms are matched as parts of words
MIN_INNER_TERM = 7  # letters a term needs to match at the start or in the middle of a word
MIN_COMPOUND_REST = 4  # letters the rest of the word needs: "Aus" in Auswahl is a prefix, not a word
MAX_ENDING = 4  # letters of an inflectional ending after a compound's last part (Wahl-en, Zöll-e)


@dataclass(frozen=True)
class Match:
    term: str  # as listed
    start: int  # offset in the searched text
    end: int = -1  # offset after the match (-1: not known)

    def quoted(self, text: str) -> str:
        """The term in quotes, with the word it was found in when that reads otherwise:
        'Wahl' (in 'Bundestagswahlen')."""
        found = text[self.start:self.end] if self.end > self.start else self.term
        if found.casefold() == self.term.casefold():
            return f"'{self.term}'"
        return f"'{self.term}' (in '{found}')"


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


def _is_market(key: str) -> bool:
    return key.isupper() and len(key) == 2


def _language_matches(key: str, language: str) -> bool:
    if _is_market(key):
        return False
    key, language = key.lower(), language.lower()
    return language == key or language.startswith(key + "-")


def find(text: str, terms: tuple[str, ...], language: str | None = None) -> list[Match]:
    """Each listed term in `text`, ignoring case; with `language`, also its inflected
    forms and (in German) its uses as part of a word. Offsets are those of `text`."""
    if not terms:
        return []
    casefolded = text.casefold()
    folded = casefolded if len(casefolded) == len(text) else _fold_keeping_offsets(text)
    pattern, originals = _pattern(terms)
    matches = [Match(originals[found.group(0)], found.start(), found.end()) for found in pattern.finditer(folded)]
    if language is not None:
        matches += _by_stem(text, casefolded, terms, language.split("-", 1)[0].lower())
    return _first_of_overlapping(matches) if len(matches) > 1 else matches


def _fold_keeping_offsets(text: str) -> str:
    """Case-folded letter by letter, a letter that folds to several (ß, İ) kept as it is:
    offsets in the result are those of `text` (str.lower() also lengthens İ)."""
    return "".join(folded if len(folded := char.casefold()) == 1 else char for char in text)


def find_written(text: str, lists: dict[str, list[str]], market: str | None, languages: tuple[str, ...]) -> list[Match]:
    """Each term that applies for `market` in any of the `languages` the text is written
    in, matched as that language needs (`find`)."""
    matches: list[Match] = []
    for language in languages or (None,):
        matches += find(text, applicable(lists, market, language), language)
    return _first_of_overlapping(matches)


def find_listed(text: str, lists: dict[str, list[str]]) -> list[Match]:
    """Each term of every list, whatever the post's market and language, matched as its
    list's language needs (`find`); a market's list or "*" as written."""
    matches: list[Match] = []
    for key, values in lists.items():
        language = None if key == "*" or _is_market(key) else key
        matches += find(text, tuple(values), language)
    return _first_of_overlapping(matches)


def _first_of_overlapping(matches: list[Match]) -> list[Match]:
    """One match per stretch of text: the earliest, then the longest (as written first)."""
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (m.start, -m.end)):
        if not kept or match.start >= kept[-1].end:
            kept.append(match)
    return kept


def _by_stem(text: str, casefolded: str, terms: tuple[str, ...], language: str) -> list[Match]:
    """The terms' inflected forms, and in a compounding language their uses in longer words."""
    index = _stem_index(terms, language)
    if index is None or not any(needle in casefolded for needle in index.needles):
        return []  # no listed word in the copy: spared the stemming
    stem = _stemmer(language)
    words = _stemmed_words(text, language)
    found: list[Match] = []
    for at, (start, end, word, word_stem) in enumerate(words):
        for term, sequence in index.sequences.get(word_stem, ()):
            last = at + len(sequence) - 1
            if last < len(words) and _same_words(text, words[at:last + 1], sequence):
                found.append(Match(term, start, words[last][1]))
        for term, listed, listed_stem in index.parts:
            if listed in word and word_stem != listed_stem and compound_part(word, listed, listed_stem, stem):
                found.append(Match(term, start, end))
    return found


def _same_words(text: str, words: list[tuple[int, int, str, str]], sequence: tuple[tuple[str, str], ...]) -> bool:
    """Consecutive words (spaces or a hyphen between them) with the sequence's stems, each
    beginning with the listed word (an inflection adds an ending)."""
    for number, ((start, _, word, stem), (listed, listed_stem)) in enumerate(zip(words, sequence, strict=True)):
        if stem != listed_stem or not word.startswith(listed):
            return False
        if number and text[words[number - 1][1]:start].strip() not in ("", "-"):
            return False
    return True


def compound_part(word: str, listed: str, listed_stem: str, stem: Callable[[str], str]) -> bool:
    """Whether the listed word is a part of the compound `word` (both case-folded): its
    last part, inflected or not, after at least MIN_COMPOUND_REST letters (Bundestagswahlen,
    not Auswahl); or, for a listed word of at least MIN_INNER_TERM letters, any part, the
    rest of the word at least MIN_COMPOUND_REST letters (Rückrufaktion, not zurückrufen).
    Two searches and at most one stemming of a short tail: linear in the word."""
    head = word.rfind(listed)
    if (head >= MIN_COMPOUND_REST and len(word) - head - len(listed) <= MAX_ENDING
            and stem(word[head:]) == listed_stem):
        return True
    if len(listed) < MIN_INNER_TERM or len(word) - len(listed) < MIN_COMPOUND_REST:
        return False
    at = word.find(listed)
    if 0 < at < MIN_COMPOUND_REST:  # after a prefix (zu-rückrufen): look further on
        at = word.find(listed, MIN_COMPOUND_REST)
    return at != -1


@dataclass(frozen=True)
class _StemIndex:
    sequences: dict[str, list[tuple[str, tuple[tuple[str, str], ...]]]]  # first stem -> (term, ((word, stem), ...))
    parts: list[tuple[str, str, str]]  # single-word terms to look for inside words: (term, word, stem)
    needles: tuple[str, ...]  # a listed word of each term, case-folded: a match holds one


@lru_cache(maxsize=256)
def _stem_index(terms: tuple[str, ...], language: str) -> _StemIndex | None:
    stem = _stemmer(language)
    if stem is None:
        return None
    sequences: dict[str, list[tuple[str, tuple[tuple[str, str], ...]]]] = {}
    parts: list[tuple[str, str, str]] = []
    for term in terms:
        words = term.casefold().replace("-", " ").split()
        if not words or not all(_STEMMABLE.fullmatch(word) for word in words):
            continue  # "No. 1", "100%", CJK and Arabic terms: as written only
        sequence = tuple((word, stem(word)) for word in words)
        sequences.setdefault(sequence[0][1], []).append((term, sequence))
        if language in COMPOUNDING and len(words) == 1:
            parts.append((term, *sequence[0]))
    # every word of a match begins with its listed word, so the longest one must be in the copy
    needles = {max((word for word, _ in sequence), key=len) for entries in sequences.values() for _, sequence in entries}
    return _StemIndex(sequences, parts, tuple(sorted(needles)))


@lru_cache(maxsize=1024)  # the three term rules read the same copy
def _stemmed_words(text: str, language: str) -> list[tuple[int, int, str, str]]:
    """(start, end, case-folded word, stem) for each word of `text`."""
    stem = _stemmer(language)
    assert stem is not None
    words = []
    for found in _WORD.finditer(text):
        word = found.group(0).casefold()
        words.append((found.start(), found.end(), word, stem(word)))
    return words


@lru_cache(maxsize=64)
def _stemmer(language: str):
    """The Snowball stemmer of an ISO 639-1 language (a function word -> stem), or None."""
    import Stemmer  # PyStemmer: Snowball's C stemmers

    try:
        return Stemmer.Stemmer(language).stemWord
    except KeyError:
        return None


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
