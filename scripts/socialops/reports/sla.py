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
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays

from ..model.entities import Account, Policy, Repository
from .rows import Row, rows

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
    row: Row
    id: str
    account: Account
    priority: str
    category: str
    received: datetime
    first_response: datetime | None
    resolved: datetime | None
    escalated_to: str | None

    # `received` in the account's time zone, and its month: worked out once, the reports ask often
    local_received: datetime = field(init=False, repr=False, compare=False)
    month: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        local = self.received.astimezone(self.account.timezone)
        object.__setattr__(self, "local_received", local)  # frozen: set once, here
        object.__setattr__(self, "month", f"{local.year:04d}-{local.month:02d}")


@dataclass(frozen=True)
class Judged:
    interaction: Interaction
    due: datetime
    outcome: str  # IN_TIME, LATE, OVERDUE or OPEN

    @property
    def breach(self) -> bool:
        return self.outcome in (LATE, OVERDUE)


class WorkingDays:
    """A market's working days: its weekend (which may change with the year) and its
    national public holidays."""

    def __init__(self, market: str | None) -> None:
        self.market = market
        self.calendar = _calendar(market)

    @property
    def known(self) -> bool:
        return self.calendar is not None

    def is_working_day(self, day: date) -> bool:
        return _is_working_day(self.market, day)

    def after(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` (`day` itself not counted)."""
        found = 0
        while found < count:
            day += timedelta(days=1)
            found += self.is_working_day(day)
        return day


@cache
def _is_working_day(market: str | None, day: date) -> bool:
    """Asked once per market and day: the next working days of one day are those of the next."""
    calendar = _calendar(market)
    if calendar is None:
        return day.weekday() < 5
    return calendar.is_working_day(day)


@cache
def _calendar(market: str | None) -> holidays.HolidayBase | None:
    if not market:
        return None
    try:
        return holidays.country_holidays(market)  # fills each year on first use
    except NotImplementedError:
        return None


def due_time(received: datetime, priority: str, sla: Sla, zone: ZoneInfo, market: str | None) -> datetime:
    """When the first response is due."""
    if priority == "important":
        # in UTC: Python adds to an aware time on its wall clock, which a DST change would shift
        return received.astimezone(UTC) + timedelta(hours=sla.important_hours)
    return _general_due(market, zone, received.astimezone(zone).date(), sla.general_business_days)


@cache
def _general_due(market: str | None, zone: ZoneInfo, local_day: date, days: int) -> datetime:
    """The end (midnight) of the `days`-th working day after `local_day`, worked out once per
    market and day: a year's interactions fall on a few hundred days."""
    last = WorkingDays(market).after(local_day, days)
    return datetime.combine(last + timedelta(days=1), time(0), tzinfo=zone)


def judge(interaction: Interaction, sla: Sla, now: datetime) -> Judged:
    account = interaction.account
    if interaction.priority == "important":
        due = due_time(interaction.received, interaction.priority, sla, account.timezone, account.market)  # type: ignore[arg-type]
    else:  # due_time's general branch, from the local day already worked out
        due = _general_due(account.market, account.timezone, interaction.local_received.date(),  # type: ignore[arg-type]
                           sla.general_business_days)
    answered = interaction.first_response
    if answered is not None:
        return Judged(interaction, due, IN_TIME if answered <= due else LATE)
    return Judged(interaction, due, OVERDUE if now > due else OPEN)


def interactions(repo: Repository) -> list[Interaction]:
    """The interactions of the accepted files whose account is known and has a time zone
    (the loader's findings cover the others)."""
    found = []
    for row in rows(repo, "interactions"):
        account = repo.accounts.get(row.text("account") or "")
        received = row.time("received")
        if account is None or account.timezone is None or received is None:
            continue
        found.append(Interaction(row, row.text("id") or "", account, row.text("priority") or "general",
                                 row.text("category") or "", received, row.time("first_response"),
                                 row.time("resolved"), row.text("escalated_to")))
    return found


def judged(repo: Repository, now: datetime) -> list[Judged]:
    sla = Sla.of(repo.policy)
    return [judge(interaction, sla, now) for interaction in interactions(repo)]


# -- the report ------------------------------------------------------------------------------


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
    resolve_hours: list[float] = field(default_factory=list)

    @property
    def decided(self) -> int:
        return self.in_time + self.late + self.overdue

    @property
    def compliance(self) -> float | None:
        """Percent answered in time of those decided; None when none is."""
        return 100 * self.in_time / self.decided if self.decided else None

    @property
    def median_resolve_hours(self) -> float | None:
        return statistics.median(self.resolve_hours) if self.resolve_hours else None

    def add(self, item: Judged) -> None:
        interaction = item.interaction
        self.received += 1
        setattr(self, item.outcome, getattr(self, item.outcome) + 1)
        if interaction.escalated_to:
            self.escalations += 1
        if interaction.category == "complaint":
            self.complaints += 1
            if interaction.resolved is not None:
                self.complaints_resolved += 1
                self.resolve_hours.append((interaction.resolved - interaction.received).total_seconds() / 3600)


def by_account_month(items: Iterable[Judged]) -> list[Month]:
    """One row per account and month, by account then month."""
    months: dict[tuple[str, str], Month] = {}
    for item in items:
        key = (item.interaction.account.id, item.interaction.month)
        months.setdefault(key, Month(*key)).add(item)
    return [months[key] for key in sorted(months)]


def by_month(items: Iterable[Judged]) -> list[Month]:
    """All accounts together, one row per month (each interaction in its account's local month)."""
    months: dict[str, Month] = defaultdict(lambda: Month("", ""))
    for item in items:
        month = months[item.interaction.month]
        month.month = item.interaction.month
        month.add(item)
    return [months[key] for key in sorted(months)]


def compliance(items: Iterable[Judged], accounts: Collection[str], first: date, last: date) -> float | None:
    """Compliance over some accounts and days (the account's local day of receipt), e.g. a
    campaign's `reply_sla_compliance` goal; None when nothing in it is decided yet."""
    total = Month("", "")
    for item in items:
        interaction = item.interaction
        if interaction.account.id in accounts and first <= interaction.local_received.date() <= last:
            total.add(item)
    return total.compliance


def unknown_markets(items: Iterable[Judged]) -> list[str]:
    """Markets of the accounts judged that the holidays library has no calendar for."""
    markets = {item.interaction.account.market for item in items}
    return sorted(market or "?" for market in markets if not WorkingDays(market).known)
