"""Reply-SLA compliance (policy 5.1) from the interactions log, per account and month,
and how complaints were handled.

How the time allowed is counted (the policy's "[X] hours" and "[X] working days"):

- important: `reply_sla.important_hours` clock hours from `received`, round the clock,
  weekends and holidays included. An important complaint on a Saturday night cannot wait
  for Monday; the policy contrasts these hours with the working days of general ones.
- general: `reply_sla.general_business_days` working days of the account's market after
  the day it was received, in the account's time zone; the reply is due by the end
  (midnight) of the last of them. The day of receipt does not count, whatever the hour,
  and a fraction of a day counts as a whole one. Working days are the market's
  (accounts.yaml `market`, ISO 3166) according to the `holidays` library: its weekend
  (Saturday and Sunday in most markets; in AE Friday and Saturday until 2021, Saturday
  and Sunday since 2022) and its national public holidays. A market the library does not
  know has a Saturday-Sunday weekend and no holidays, and the report says so.

Each interaction is then one of: in time (first response by the due time), late (after
it), overdue (no response and the due time has passed) or open (no response yet, still
within its time). Compliance = in time ÷ (in time + late + overdue) × 100: an open one
is not yet decided. The month is the month of `received` in the account's time zone.

The interactions are judged in the reports' database (reports/db.py), in one query: the
general ones' due times come from a calendar worked out here in Python (each market's
working days, from the holidays library), and only the breaches shown come back as
Python objects.
"""

from __future__ import annotations

import bisect
import calendar as calendar_module
import itertools
import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import duckdb

from .. import user_cache
from ..model.entities import Account, Policy, Repository
from . import db as reports_db
from .db import Location

if TYPE_CHECKING:
    import holidays

IMPORTANT_HOURS = 4  # policy.yaml's reply_sla defaults when it says nothing
GENERAL_BUSINESS_DAYS = 2
IN_TIME, LATE, OVERDUE, OPEN = "in_time", "late", "overdue", "open"


@dataclass(frozen=True)
class Sla:
    important_hours: float
    general_business_days: int

    @classmethod
    def of(cls, policy: Policy) -> Sla:
        settings = policy.data.get("reply_sla", {})
        return cls(settings.get("important_hours", IMPORTANT_HOURS),
                   math.ceil(settings.get("general_business_days", GENERAL_BUSINESS_DAYS)))


@dataclass(frozen=True)
class Interaction:
    location: Location
    id: str
    account: Account
    priority: str
    category: str
    received: datetime
    first_response: datetime | None
    resolved: datetime | None
    escalated_to: str | None


@dataclass(frozen=True)
class Judged:
    interaction: Interaction
    due: datetime
    outcome: str  # IN_TIME, LATE, OVERDUE or OPEN


class WorkingDays:
    """A market's working days: its weekend (which may change with the year) and its
    national public holidays."""

    def __init__(self, market: str | None) -> None:
        self.market = market

    @property
    def known(self) -> bool:
        """Whether the holidays library has a calendar for the market."""
        return bool(self.market) and _year_off(self.market, date.today().year)[0]

    def is_working_day(self, day: date) -> bool:
        return day.toordinal() not in _year_off(self.market, day.year)[1]

    def after(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` (`day` itself not counted)."""
        found = 0
        while found < count:
            day += timedelta(days=1)
            found += self.is_working_day(day)
        return day


@cache
def _year_off(market: str | None, year: int) -> tuple[bool, frozenset[int]]:
    """Whether the holidays library knows the market, and the market's days off in `year`
    (its weekend and public holidays, as date ordinals). Kept in the user cache by the
    library's version: its calendars take a build a few hundredths of a second each to
    import and fill."""
    memo = user_cache.memo("days-off", user_cache.key(user_cache.installed_version("holidays"), "days-off/1"))
    kept = memo.get(f"{market}:{year}")
    if kept is None:
        calendar = _calendar(market)
        days = [date(year, 1, 1) + timedelta(days=offset) for offset in range(366 if calendar_module.isleap(year) else 365)]
        off = [day.toordinal() for day in days
               if not (calendar.is_working_day(day) if calendar is not None else day.weekday() < 5)]
        kept = [calendar is not None, off]
        memo.put(f"{market}:{year}", kept)
    return bool(kept[0]), frozenset(kept[1])


def _calendar(market: str | None) -> holidays.HolidayBase | None:
    if not market:
        return None
    import holidays  # only when the user cache has not the market's year

    try:
        return holidays.country_holidays(market)  # fills each year on first use
    except NotImplementedError:
        return None


def due_time(received: datetime, priority: str, sla: Sla, zone: ZoneInfo, market: str | None) -> datetime:
    """When the first response is due (one interaction; `Judgement` judges them all at once,
    the same way)."""
    if priority == "important":
        # in UTC: Python adds to an aware time on its wall clock, which a DST change would shift
        return received.astimezone(UTC) + timedelta(hours=sla.important_hours)
    return _midnight_after(WorkingDays(market).after(received.astimezone(zone).date(), sla.general_business_days), zone)


def _midnight_after(day: date, zone: ZoneInfo) -> datetime:
    """The end of `day` in `zone`: the midnight that starts the next day."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)


def general_due_days(market: str | None, first: date, last: date, count: int) -> list[tuple[date, date]]:
    """For each day from `first` to `last`: the day and the `count`-th working day after it
    (the last day a general interaction received that day may be answered on)."""
    working = WorkingDays(market)
    end = working.after(last, count)
    upcoming = [first + timedelta(days=offset) for offset in range(1, (end - first).days + 1)]
    upcoming = [day for day in upcoming if working.is_working_day(day)]
    days = (first + timedelta(days=offset) for offset in range((last - first).days + 1))
    return [(day, upcoming[bisect.bisect_right(upcoming, day) + count - 1]) for day in days]


# -- every interaction at once, in the database -------------------------------------------------

_judgements = itertools.count()  # each Judgement's tables are its own
_BREACH = f"outcome IN ('{LATE}', '{OVERDUE}')"  # SQL: a late reply, or none past its due time


@dataclass
class Month:
    """One account's (or all accounts') interactions received in one month."""

    account: str  # an account id, or "" for all accounts
    month: str  # yyyy-mm
    received: int = 0
    in_time: int = 0
    late: int = 0
    overdue: int = 0
    open: int = 0
    complaints: int = 0
    complaints_resolved: int = 0
    escalations: int = 0
    median_resolve_hours: float | None = None  # of the complaints resolved

    @property
    def decided(self) -> int:
        return self.in_time + self.late + self.overdue

    @property
    def compliance(self) -> float | None:
        """Percent answered in time of those decided; None when none is."""
        return 100 * self.in_time / self.decided if self.decided else None


class Judgement:
    """Every interaction of the accepted files whose account is known and has a time zone (the
    loader's findings cover the others), judged against its SLA at `now`: a table in `db`
    (the reports' database, or one of the interactions alone when none is given)."""

    def __init__(self, repo: Repository, now: datetime, db: duckdb.DuckDBPyConnection | None = None) -> None:
        self.sla = Sla.of(repo.policy)
        self.own_db = db is None
        self.db = db if db is not None else reports_db.connect(repo, tables=("interactions",))
        self.table = f"sla_judged_{next(_judgements)}"
        self.accounts = {account_id: account for account_id, account in repo.accounts.items() if account.timezone}
        self._judge(now)

    def _judge(self, now: datetime) -> None:
        accounts = [{"account": account_id, "market": account.market or "", "zone": str(account.timezone)}
                    for account_id, account in sorted(self.accounts.items())]
        reports_db.json_table(self.db, f"{self.table}_accounts",
                              {"account": "VARCHAR", "market": "VARCHAR", "zone": "VARCHAR"}, accounts)
        reports_db.json_table(self.db, f"{self.table}_calendar",
                              {"market": "VARCHAR", "zone": "VARCHAR", "day": "DATE", "due": "DOUBLE"},
                              self._calendar())
        important = round(self.sla.important_hours * 3_600_000_000)
        self.db.execute(f"""
        CREATE TEMP TABLE {self.table} AS
        WITH received AS (
            SELECT i.*, a.market, a.zone, {_local("i.received", {account["zone"] for account in accounts})} AS local_received,
            coalesce(priority, 'general') AS kind
            FROM interactions i JOIN {self.table}_accounts a USING (account) WHERE i.received IS NOT NULL
        ), due AS (
            SELECT r.*, strftime(local_received, '%Y-%m') AS month,
            CASE WHEN kind = 'important' THEN received + to_microseconds({important})
                 ELSE to_timestamp(c.due) END AS due
            FROM received r LEFT JOIN {self.table}_calendar c
            ON c.market = r.market AND c.zone = r.zone AND c.day = local_received::DATE
        )
        SELECT *, CASE WHEN first_response IS NOT NULL THEN if(first_response <= due, '{IN_TIME}', '{LATE}')
                       WHEN $now > due THEN '{OVERDUE}' ELSE '{OPEN}' END AS outcome
        FROM due""", {"now": now})

    def _calendar(self) -> list[dict]:
        """The due time (seconds since the epoch) of a general interaction received on each
        day from the first to the last with one, per market and time zone (the days in UTC,
        and one more each side: a local day is at most a day from UTC's)."""
        spans = self.db.execute(f"""
            SELECT a.market, a.zone, min(i.received)::DATE - 1, max(i.received)::DATE + 1
            FROM interactions i JOIN {self.table}_accounts a USING (account)
            WHERE i.received IS NOT NULL GROUP BY a.market, a.zone""").fetchall()
        rows = []
        for market, zone, first, last in spans:
            timezone = ZoneInfo(zone)
            rows += [{"market": market, "zone": zone, "day": day.isoformat(),
                      "due": _midnight_after(due, timezone).timestamp()}
                     for day, due in general_due_days(market or None, first, last, self.sla.general_business_days)]
        return rows

    # -- what the reports and the check ask ---------------------------------------------------------

    def by_account_month(self) -> list[Month]:
        """One row per account and month, by account then month."""
        return self._months(by_account=True)

    def by_month(self) -> list[Month]:
        """All accounts together, one row per month (each interaction in its account's local month)."""
        return self._months(by_account=False)

    def _months(self, by_account: bool) -> list[Month]:
        keys = "account, month" if by_account else "month"
        rows = self.db.execute(f"""
            SELECT {'account' if by_account else "''"}, month, count(*),
            {", ".join(f"count(*) FILTER (outcome = '{outcome}')" for outcome in (IN_TIME, LATE, OVERDUE, OPEN))},
            count(*) FILTER (category = 'complaint'),
            count(*) FILTER (category = 'complaint' AND resolved IS NOT NULL),
            count(escalated_to),
            median(epoch(resolved) - epoch(received)) FILTER (category = 'complaint' AND resolved IS NOT NULL) / 3600
            FROM {self.table} GROUP BY {keys} ORDER BY {keys}""").fetchall()
        return [Month(*row) for row in rows]

    def compliance(self, accounts: Collection[str], first: date, last: date) -> float | None:
        """Compliance over some accounts and days (the account's local day of receipt), e.g. a
        campaign's `reply_sla_compliance` goal; None when nothing in it is decided yet."""
        in_time, decided = self.db.execute(f"""
            SELECT count(*) FILTER (outcome = '{IN_TIME}'), count(*) FILTER (outcome <> '{OPEN}') FROM {self.table}
            WHERE list_contains($accounts, account) AND local_received::DATE BETWEEN $first AND $last""",
            {"accounts": sorted(accounts), "first": first, "last": last}).fetchone()
        return 100 * in_time / decided if decided else None

    def close(self) -> None:
        """Close the database it read the interactions into, if it made it (it holds the table's store)."""
        if self.own_db:
            self.db.close()

    def breaches(self, since: datetime | None = None, limit: int | None = None) -> list[Judged]:
        """The late and overdue interactions (received `since`, when given), newest first."""
        rows = self.db.execute(f"""
            SELECT path, line, id, account, kind, category, epoch_us(received), epoch_us(first_response),
                   epoch_us(resolved), escalated_to, epoch_us(due), outcome
            FROM {self.table} WHERE {_BREACH} AND ($since IS NULL OR received >= $since)
            ORDER BY received DESC, path, line {f'LIMIT {int(limit)}' if limit is not None else ''}""",
            {"since": since}).fetchall()
        return [Judged(Interaction(Location(path, line), id_ or "", self.accounts[account], kind, category or "",
                                   _moment(received), _moment(first), _moment(resolved), escalated),  # type: ignore[arg-type]
                       _moment(due), outcome)  # type: ignore[arg-type]
                for path, line, id_, account, kind, category, received, first, resolved, escalated, due, outcome in rows]

    def breach_count(self) -> int:
        return self.db.execute(f"SELECT count(*) FROM {self.table} WHERE {_BREACH}").fetchone()[0]

    def unknown_markets(self) -> list[str]:
        """Markets of the accounts judged that the holidays library has no calendar for."""
        markets = {market for (market,) in self.db.execute(f"SELECT DISTINCT market FROM {self.table}").fetchall()}
        return sorted(market or "?" for market in markets if not WorkingDays(market or None).known)


def _local(column: str, zones: Iterable[str]) -> str:
    """SQL: the TIMESTAMPTZ `column` as the local time of its row's `zone`, one branch per
    zone: DuckDB converts with a zone named in the query many times faster than with one read
    from each row."""
    branches = " ".join(f"WHEN {reports_db.literal(zone)} THEN timezone({reports_db.literal(zone)}, {column})"
                        for zone in sorted(zones))
    return f"CASE zone {branches} END" if branches else f"{column}::TIMESTAMP"


def _moment(epoch_us: int | None) -> datetime | None:
    """A time from the database (microseconds since the epoch: DuckDB's own conversion of a
    TIMESTAMPTZ to Python needs pytz) as an aware datetime in UTC."""
    return None if epoch_us is None else datetime(1970, 1, 1, tzinfo=UTC) + timedelta(microseconds=epoch_us)
