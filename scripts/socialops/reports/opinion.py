"""Public opinion (policy 7.3): each mention with its language and sentiment score
(reports/sentiment.py, added as the reports' database reads the rows), the negative share
per market by day and by week, and spikes of negative mentions, each asked of the
database in one question.

Spike: on a day, a market's negative mentions are a spike when there are at least
`min_count` of them and more than the mean + `sigmas` standard deviations of the
`window_days` days before it (days without mentions count as 0, population standard
deviation), with at least `min_history_days` of history before it. Consecutive spike
days make one spike.
"""

from __future__ import annotations

import contextlib
import itertools
import operator
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

from ..model.entities import Repository
from . import db as reports_db
from .db import Location
from .sentiment import NEGATIVE_AT, POSITIVE_AT


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


# -- the mentions, their negative share and spikes ----------------------------------------------

# the mentions counted: those with a day and a text
_COUNTED = "FROM mentions WHERE date IS NOT NULL AND text IS NOT NULL"
_NEGATIVE = f"score <= {NEGATIVE_AT}"


@contextlib.contextmanager
def _database(repo: Repository, db: duckdb.DuckDBPyConnection | None) -> Iterator[duckdb.DuckDBPyConnection]:
    """`db` (a connection with the mentions table, reports/db.py), or one of the mentions
    alone, closed afterwards: it holds the table's store."""
    if db is not None:
        yield db
        return
    with reports_db.connect(repo, tables=("mentions",)) as own:
        yield own


def mentions(repo: Repository, db: duckdb.DuckDBPyConnection | None = None, newest: int | None = None) -> list[Mention]:
    """Every mention of the accepted files in file order, or the `newest` (by day, then by
    file and line, the latest first)."""
    order = "ORDER BY path, line" if newest is None else f"ORDER BY date DESC, path DESC, line DESC LIMIT {int(newest)}"
    with _database(repo, db) as found:
        rows = found.execute("SELECT path, line, id, date, platform, market, url, text, reach, language, score "
                             f"{_COUNTED} {order}").fetchall()
    return [Mention(Location(path, line), id_ or "", day, platform or "", market or "", url, text, reach, code, compound)
            for path, line, id_, day, platform, market, url, text, reach, code, compound in rows]


def counts(db: duckdb.DuckDBPyConnection) -> tuple[int, int]:
    """How many mentions there are, and how many of them were scored."""
    total, scored = db.execute(f"SELECT count(*), count(score) {_COUNTED}").fetchone()  # type: ignore[misc]
    return total, scored


def by_day(db: duckdb.DuckDBPyConnection) -> list[Period]:
    return _periods(db, "date")


def by_week(db: duckdb.DuckDBPyConnection) -> list[Period]:
    """ISO weeks, from Monday."""
    return _periods(db, "date_trunc('week', date)::DATE")


def _periods(db: duckdb.DuckDBPyConnection, start: str) -> list[Period]:
    rows = db.execute(f"SELECT coalesce(market, ''), {start} AS start, count(*), count(score), "
                      f"count(*) FILTER (WHERE {_NEGATIVE}) {_COUNTED} GROUP BY ALL ORDER BY ALL").fetchall()
    return [Period(*row) for row in rows]


def spikes(repo: Repository, db: duckdb.DuckDBPyConnection | None = None,
           settings: SpikeSettings = SpikeSettings()) -> list[Spike]:
    """The spikes of negative mentions in each market, by market then day."""
    with _database(repo, db) as found:
        rows = found.execute(
            f"SELECT coalesce(market, '') AS market, date, count(*) FILTER (WHERE {_NEGATIVE}), "
            f"min(struct_pack(path := path, line := line)) FILTER (WHERE {_NEGATIVE}) "
            f"{_COUNTED} GROUP BY ALL ORDER BY market, date").fetchall()
    found: list[Spike] = []
    for market, same_market in itertools.groupby(rows, key=operator.itemgetter(0)):
        days = list(same_market)
        counts = {day: negative for _, day, negative, _ in days if negative}
        first_negative = {day: Location(first["path"], first["line"]) for _, day, negative, first in days if negative}
        if counts:  # from the market's first day with mentions
            found.extend(_market_spikes(market, counts, first_negative, days[0][1], settings))
    return found


def _market_spikes(market: str, counts: dict[date, int], first_negative: dict[date, Location], start: date,
                   settings: SpikeSettings) -> list[Spike]:
    """The market's spikes from its negative mentions a day (`counts`, days with any) and
    where each day's first negative mention is."""
    days = [(day, *_baseline(counts, day, start, settings)) for day in sorted(counts)
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
        found.append(Spike(market, first, run[-1][0], peak_day, counts[peak_day], mean, threshold,
                           first_negative[first]))
    return found


def _baseline(counts: dict[date, int], day: date, start: date, settings: SpikeSettings) -> tuple[float, float]:
    """The mean of the window before `day` and the count above which `day` is a spike."""
    window = [counts.get(day - timedelta(days=back), 0) for back in range(1, settings.window_days + 1)
              if day - timedelta(days=back) >= start]
    mean = statistics.fmean(window)
    return mean, mean + settings.sigmas * statistics.pstdev(window)
