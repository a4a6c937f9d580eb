"""The report numbers, each one query over the views of reports/db.py: KPIs over a period
(per account, market or platform), their change from the period before, trends by day or
week, the best and worst posts, posting time and format against engagement, audience
breakdowns, and a campaign's results against its goals. The KPIs' SQL is in kpis.py.

A scope narrows every query to some accounts, markets or platforms:
`{"market": ["US"]}`, `{"account": ["lanterna-us-x"]}`; an empty scope is every account.
"""

from __future__ import annotations

import bisect
import calendar
import operator
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

from .db import LATEST_READINGS
from .kpis import COMPUTED_HERE, GROUPS, KPI_SQL, KPIS, ROW_ENGAGEMENTS, ROW_IMPRESSIONS, SUMS

Scope = dict[str, list[str]]
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")  # post_facts.weekday 1..7


# -- periods --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @classmethod
    def month(cls, month: str) -> Period:
        """"2026-11" -> 2026-11-01 .. 2026-11-30."""
        year, number = map(int, month.split("-"))
        return cls(date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1]))

    @property
    def label(self) -> str:
        return self.start.strftime("%Y-%m") if self == Period.month(self.start.strftime("%Y-%m")) else \
            f"{self.start.isoformat()} – {self.end.isoformat()}"

    def before(self) -> Period:
        """The period of the same kind just before: the month before a month; the same days of
        the month before a month so far (1-25 November: 1-25 October); else as many days."""
        if self.start.day == 1 and self.end.month == self.start.month:
            month = Period.month((self.start - timedelta(days=1)).strftime("%Y-%m"))
            if self == Period.month(self.start.strftime("%Y-%m")):
                return month
            return Period(month.start, min(month.end, month.start + (self.end - self.start)))
        days = (self.end - self.start).days + 1
        return Period(self.start - timedelta(days=days), self.start - timedelta(days=1))


def so_far(period: Period, last_day: date | None) -> Period:
    """The period up to the last day with numbers: a month still under way is compared with
    the same days of the month before, not with a whole month."""
    if last_day is None or last_day >= period.end or last_day < period.start:
        return period
    return Period(period.start, last_day)


def last_day(db: duckdb.DuckDBPyConnection) -> date | None:
    """The last day the account or post metrics have."""
    return db.execute("SELECT max(day) FROM (SELECT max(date) AS day FROM accounts "
                      "UNION ALL SELECT max(date) FROM posts)").fetchone()[0]


def months(db: duckdb.DuckDBPyConnection) -> list[str]:
    """Every month the account metrics have a day of, oldest first."""
    return [row[0] for row in db.execute(
        "SELECT DISTINCT strftime(date, '%Y-%m') AS month FROM accounts ORDER BY month").fetchall()]


def _scope_sql(scope: Scope, prefix: str = "f") -> tuple[str, dict[str, list[str]]]:
    """`AND f.market IN (...)`-like conditions, as parameters (ids never become SQL text)."""
    conditions, parameters = [], {}
    for column, values in sorted(scope.items()):
        if column not in GROUPS:
            raise ValueError(f"unknown scope {column!r}: one of {', '.join(GROUPS)}")
        conditions.append(f"list_contains(${column}s, {prefix}.{column})")
        parameters[f"{column}s"] = list(values)
    return "".join(f" AND {condition}" for condition in conditions), parameters


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict]:
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


# -- KPIs -----------------------------------------------------------------------------------

def kpi_values(db: duckdb.DuckDBPyConnection, period: Period, by: tuple[str, ...] = (),
               scope: Scope | None = None) -> list[dict]:
    """One row per group of `by` (one row for all when empty): the group's columns and every
    KPI of KPI_SQL. Follower growth: per account, its last follower count in the period minus
    its last one before the period, added up over the accounts that have both."""
    if not set(by) <= set(GROUPS):
        raise ValueError(f"group by one of {', '.join(GROUPS)}")
    where, parameters = _scope_sql(scope or {})
    in_period = "WHERE date >= $start"
    sums = ",\n".join(f"sum({expression}) FILTER ({in_period}) AS {name}" for name, expression in SUMS.items())
    added = ",\n".join(f"sum({name}) AS {name}" for name in SUMS)
    kpis = ",\n".join(f"{expression} AS {kpi}" for kpi, expression in KPI_SQL.items())
    keys = ", ".join(by)
    sql = f"""
    WITH daily AS (
        SELECT m.*, f.platform, f.market FROM accounts m JOIN account_facts f ON f.account = m.account
        WHERE m.date <= $end {where}
    ), per_account AS (
        SELECT account, any_value(platform) AS platform, any_value(market) AS market,
        {sums},
        arg_max(followers, date) FILTER (WHERE date >= $start AND followers IS NOT NULL) AS followers_end,
        arg_max(followers, date) FILTER (WHERE date < $start AND followers IS NOT NULL) AS followers_before
        FROM daily GROUP BY account
        HAVING count(*) FILTER ({in_period}) > 0
    ), grouped AS (
        SELECT {keys + ',' if keys else ''}
        {added},
        sum(followers_end - followers_before) AS follower_growth,
        sum(followers_before) FILTER (WHERE followers_end IS NOT NULL) AS followers_before
        FROM per_account {'GROUP BY ' + keys if keys else ''}
    )
    SELECT {keys + ',' if keys else ''} {kpis} FROM grouped {'ORDER BY ' + keys if keys else ''}
    """
    rows = _dicts(db.execute(sql, {"start": period.start, "end": period.end, **parameters}))
    if not by and rows and all(rows[0][kpi] is None for kpi in COMPUTED_HERE):
        return []  # no account had a day in the period
    return rows


def monthly_kpis(db: duckdb.DuckDBPyConnection, scope: Scope | None = None) -> dict[str, dict]:
    """Every KPI of KPI_SQL for each month with rows, in one query: month -> KPI -> value, the
    same values as kpi_values of each month (a month's follower growth starts from each
    account's last count in an earlier month)."""
    return {month: kpis for (month, _), kpis in _monthly(db, None, scope or {}).items()}


def monthly_kpis_by(db: duckdb.DuckDBPyConnection, by: str) -> dict[str, dict[str, dict]]:
    """monthly_kpis of every account, market or platform at once: key -> month -> KPI -> value."""
    found: dict[str, dict[str, dict]] = {}
    for (month, key), kpis in _monthly(db, by, {}).items():
        found.setdefault(str(key), {})[month] = kpis
    return found


def _monthly(db: duckdb.DuckDBPyConnection, by: str | None, scope: Scope) -> dict[tuple[str, object], dict]:
    if by is not None and by not in GROUPS:
        raise ValueError(f"group by one of {', '.join(GROUPS)}")
    where, parameters = _scope_sql(scope)
    group = f"{by}, " if by else ""
    sums = ",\n".join(f"sum({expression}) AS {name}" for name, expression in SUMS.items())
    added = ",\n".join(f"sum({name}) AS {name}" for name in SUMS)
    kpis = ",\n".join(f"{expression} AS {kpi}" for kpi, expression in KPI_SQL.items())
    sql = f"""
    WITH daily AS (
        SELECT m.*, f.platform, f.market, strftime(m.date, '%Y-%m') AS month
        FROM accounts m JOIN account_facts f ON f.account = m.account WHERE true {where}
    ), per_account AS (
        SELECT month, account, any_value(market) AS market, any_value(platform) AS platform, {sums},
        arg_max(followers, date) FILTER (WHERE followers IS NOT NULL) AS followers_end
        FROM daily GROUP BY month, account
    ), with_before AS (
        SELECT *, last_value(followers_end IGNORE NULLS) OVER (PARTITION BY account ORDER BY month
            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS followers_before
        FROM per_account
    ), grouped AS (
        SELECT {group}month, {added},
        sum(followers_end - followers_before) AS follower_growth,
        sum(followers_before) FILTER (WHERE followers_end IS NOT NULL) AS followers_before
        FROM with_before GROUP BY {group}month
    )
    SELECT {group}month, {kpis} FROM grouped ORDER BY {group}month
    """
    return {(row.pop("month"), row.pop(by) if by else None): row for row in _dicts(db.execute(sql, parameters))}


@dataclass(frozen=True)
class KpiLine:
    """A KPI in a period, the period before, and the change: in % for counts, in percentage
    points for rates (a rate's % change would be a ratio of ratios)."""

    kpi: str
    value: float | int | None
    before: float | int | None

    @property
    def change(self) -> float | None:
        if self.value is None or self.before is None:
            return None
        if KPIS[self.kpi].unit == "percent":
            return self.value - self.before
        return 100.0 * (self.value - self.before) / self.before if self.before else None

    @property
    def change_unit(self) -> str:
        return "points" if KPIS[self.kpi].unit == "percent" else "percent"


def period_over_period(db: duckdb.DuckDBPyConnection, period: Period, scope: Scope | None = None) -> list[KpiLine]:
    """Every KPI computed here, for the period and the one before it."""
    now = (kpi_values(db, period, scope=scope) or [{}])[0]
    then = (kpi_values(db, period.before(), scope=scope) or [{}])[0]
    return [KpiLine(kpi, now.get(kpi), then.get(kpi)) for kpi in COMPUTED_HERE]


# -- trends ---------------------------------------------------------------------------------

def trend(db: duckdb.DuckDBPyConnection, period: Period, grain: str = "day", scope: Scope | None = None) -> list[dict]:
    """Per day (or ISO week, named by its Monday): impressions, engagements, the engagement
    rate and the followers at the bucket's end (each account's last count, added up)."""
    if grain not in ("day", "week"):
        raise ValueError("grain is day or week")
    bucket = "date" if grain == "day" else "date_trunc('week', date)::DATE"
    where, parameters = _scope_sql(scope or {})
    sql = f"""
    WITH daily AS (
        SELECT m.*, f.platform, {bucket} AS bucket FROM accounts m JOIN account_facts f ON f.account = m.account
        WHERE m.date BETWEEN $start AND $end {where}
    ), per_account AS (
        SELECT bucket, account, sum({ROW_IMPRESSIONS}) AS impressions, sum({ROW_ENGAGEMENTS}) AS engagements,
        arg_max(followers, date) FILTER (WHERE followers IS NOT NULL) AS followers
        FROM daily GROUP BY bucket, account
    )
    SELECT bucket, sum(impressions) AS impressions, sum(engagements) AS engagements,
    100.0 * sum(engagements) / nullif(sum(impressions), 0) AS engagement_rate, sum(followers) AS followers
    FROM per_account GROUP BY bucket ORDER BY bucket
    """
    return _dicts(db.execute(sql, {"start": period.start, "end": period.end, **parameters}))


def trends_by_scope(db: duckdb.DuckDBPyConnection, grain: str = "day",
                    scopes_since: date | None = None) -> dict[tuple[str, str], list[dict]]:
    """trend() over every day (or week) with numbers, for all accounts ("all", "") and for each
    account, market and platform (("market", "US"), ...), in one query; with `scopes_since`,
    the accounts', markets' and platforms' buckets from that day on only (their pages show
    their latest month: three years of days for each would be most of the build's rows)."""
    if grain not in ("day", "week"):
        raise ValueError("grain is day or week")
    bucket = "date" if grain == "day" else "date_trunc('week', date)::DATE"
    sql = f"""
    WITH daily AS (
        SELECT m.*, f.platform, f.market, {bucket} AS bucket FROM accounts m JOIN account_facts f ON f.account = m.account
    ), per_account AS (
        SELECT bucket, account, any_value(market) AS market, any_value(platform) AS platform,
        sum({ROW_IMPRESSIONS}) AS impressions, sum({ROW_ENGAGEMENTS}) AS engagements,
        arg_max(followers, date) FILTER (WHERE followers IS NOT NULL) AS followers
        FROM daily GROUP BY bucket, account
    )
    SELECT bucket, account, market, platform, grouping(account) AS no_account, grouping(market) AS no_market,
    grouping(platform) AS no_platform, sum(impressions) AS impressions, sum(engagements) AS engagements,
    100.0 * sum(engagements) / nullif(sum(impressions), 0) AS engagement_rate, sum(followers) AS followers
    FROM per_account GROUP BY GROUPING SETS ((bucket), (bucket, account), (bucket, market), (bucket, platform))
    HAVING $since IS NULL OR bucket >= $since OR grouping(account, market, platform) = 7
    ORDER BY bucket
    """
    found: dict[tuple[str, str], list[dict]] = {}
    for row in _dicts(db.execute(sql, {"since": scopes_since})):
        grouped = [kind for kind in GROUPS if not row.pop(f"no_{kind}")]
        kind = grouped[0] if grouped else "all"
        key = "" if kind == "all" else str(row[kind])
        for column in GROUPS:
            del row[column]
        found.setdefault((kind, key), []).append(row)
    return found


def within(rows: list[dict], period: Period, grain: str = "day") -> list[dict]:
    """The rows of trends_by_scope in the period: its days, or the weeks that overlap it."""
    reach = timedelta(days=6 if grain == "week" else 0)
    # the rows are by bucket (trends_by_scope's order): find the first and the last in the period
    first = bisect.bisect_left(rows, period.start - reach, key=lambda row: row["bucket"])
    last = bisect.bisect_right(rows, period.end, key=lambda row: row["bucket"])
    return rows[first:last]


# -- posts ----------------------------------------------------------------------------------

def _post_rates_sql(readings: str, condition: str) -> str:
    """Each post's latest reading among `readings` (rows of the posts table), its engagement
    rate, and what the post file says (account, market, platform, month, format, hour, weekday)."""
    return f"""
    WITH latest AS (
        SELECT post, arg_max({ROW_IMPRESSIONS}, date) AS impressions, arg_max({ROW_ENGAGEMENTS}, date) AS engagements
        FROM (SELECT m.*, f.platform FROM ({readings}) m JOIN post_facts p ON p.post = m.post
              JOIN account_facts f ON f.account = p.account)
        GROUP BY post
    )
    SELECT p.post, p.account, f.market, f.platform, strftime(p.published, '%Y-%m') AS month, p.format, p.hour,
           p.weekday, l.impressions, l.engagements, 100.0 * l.engagements / nullif(l.impressions, 0) AS engagement_rate
    FROM latest l JOIN post_facts p ON p.post = l.post JOIN account_facts f ON f.account = p.account
    WHERE l.impressions > 0 AND l.engagements IS NOT NULL {condition}
    ORDER BY engagement_rate DESC, p.post
    """


def post_rates(db: duckdb.DuckDBPyConnection, period: Period, scope: Scope | None = None) -> list[dict]:
    """Each post published in the period (its local day) with its latest numbers read by the
    period's end: impressions, engagements and engagement rate (posts with impressions only)."""
    where, parameters = _scope_sql(scope or {})
    # whole months before the end's month from each month's last reading; the end's month day by day
    readings = ("SELECT * FROM post_month_latest WHERE date < date_trunc('month', $end) "
                "UNION ALL SELECT * FROM posts WHERE date >= date_trunc('month', $end) AND date <= $end")
    sql = _post_rates_sql(readings, f"AND p.published BETWEEN $start AND $end {where}")
    return _dicts(db.execute(sql, {"start": period.start, "end": period.end, **parameters}))


def every_post_rate(db: duckdb.DuckDBPyConnection, by_its_month: bool) -> list[dict]:
    """post_rates of every post in one query: with `by_its_month`, its latest numbers by the
    end of the month it was published in (what that month's page shows: readings begin the
    day a post is published), else its latest numbers of all."""
    readings = ("SELECT m.* FROM post_month_latest m JOIN post_facts p ON p.post = m.post "
                "WHERE date_trunc('month', m.date) = date_trunc('month', p.published)") if by_its_month else \
        "SELECT * FROM post_month_latest"
    return _dicts(db.execute(_post_rates_sql(readings, "")))


def top_and_bottom(rates: list[dict], count: int = 5) -> tuple[list[dict], list[dict]]:
    """The `count` posts with the highest engagement rate and the `count` with the lowest
    (lowest first); a post is in one list only."""
    top = rates[:count]
    rest = rates[len(top):]
    return top, list(reversed(rest[-count:])) if rest else []


@dataclass(frozen=True)
class Correlation:
    """Pearson's r between a number and the engagement rate over n posts (None under 3
    posts or when either side does not vary)."""

    r: float | None
    n: int


def correlation(rates: list[dict], field: str) -> Correlation:
    xs = [row[field] for row in rates if row[field] is not None]
    ys = [row["engagement_rate"] for row in rates if row[field] is not None]
    n = len(xs)
    if n < 3:
        return Correlation(None, n)
    dx = _deviations(xs)
    dy = _deviations(ys)
    sxx, syy = _sum_of_products(dx, dx), _sum_of_products(dy, dy)
    return Correlation(_sum_of_products(dx, dy) / (sxx * syy) ** 0.5 if sxx and syy else None, n)


def by_category(rates: list[dict], field: str) -> tuple[list[tuple[object, float, int]], Correlation]:
    """The mean engagement rate and count per value of `field` (format, weekday), and the
    correlation ratio η (how much of the rate's variance the category explains, 0..1)."""
    groups: dict[object, list[float]] = {}
    for row in rates:
        if row[field] is not None:
            groups.setdefault(row[field], []).append(row["engagement_rate"])
    means = [(key, sum(values) / len(values), len(values)) for key, values in sorted(groups.items())]
    every = [value for values in groups.values() for value in values]
    n = len(every)
    if n < 3 or len(groups) < 2:
        return means, Correlation(None, n)
    deviations = _deviations(every)
    total = _sum_of_products(deviations, deviations)
    mean = sum(every) / n
    between = sum(count * (group_mean - mean) ** 2 for _, group_mean, count in means)
    return means, Correlation((between / total) ** 0.5 if total else None, n)


def _deviations(values: list) -> list[float]:
    """Each value less their mean (the report pages ask this of ~70,000 numbers: map, not generators)."""
    mean = sum(values) / len(values)
    return [value - mean for value in values]


def _sum_of_products(left: list[float], right: list[float]) -> float:
    return sum(map(operator.mul, left, right))


def latest_readings_sql(latest: int = LATEST_READINGS) -> str:
    """A query of every post's `latest` readings (at most LATEST_READINGS; rows of the posts
    table as the post pages show them), from `post_latest`, which the database made as it
    read the rows: post, newness (1 the newest), date, impressions, reach, engagements,
    engagement_rate, clicks, video_views and follows."""
    return f"""
    SELECT m.post, m.newness, m.date, {ROW_IMPRESSIONS} AS impressions, m.reach, {ROW_ENGAGEMENTS} AS engagements,
           100.0 * ({ROW_ENGAGEMENTS}) / nullif({ROW_IMPRESSIONS}, 0) AS engagement_rate,
           m.clicks, m.video_views, m.follows
    FROM (SELECT * FROM post_latest WHERE newness <= {min(int(latest), LATEST_READINGS)}) m
    JOIN post_facts p ON p.post = m.post JOIN account_facts f ON f.account = p.account
    """


# -- audience (policy 5.3) ------------------------------------------------------------------

def audience(db: duckdb.DuckDBPyConnection, account: str, on_or_before: date) -> tuple[date | None, list[dict]]:
    """The account's latest audience breakdown read by `on_or_before`: its day, and each
    dimension's values by share, largest first."""
    day = db.execute("SELECT max(date) FROM audience WHERE account = $account AND date <= $day",
                     {"account": account, "day": on_or_before}).fetchone()[0]
    if day is None:
        return None, []
    rows = _dicts(db.execute("SELECT dimension, value, share FROM audience WHERE account = $account AND date = $day "
                             "ORDER BY dimension, share DESC, value", {"account": account, "day": day}))
    return day, rows


# -- campaigns ------------------------------------------------------------------------------

@dataclass(frozen=True)
class GoalResult:
    kpi: str
    target: float
    result: float | int | None

    @property
    def progress(self) -> float | None:
        """The result as a share of the target, in % (for a lower-is-better KPI, target ÷ result)."""
        if self.result is None or not self.target:
            return None
        if not KPIS[self.kpi].higher_is_better:
            return 100.0 * self.target / self.result if self.result else None
        return 100.0 * self.result / self.target

    @property
    def met(self) -> bool | None:
        return None if self.progress is None else self.progress >= 100.0


def campaign_results(db: duckdb.DuckDBPyConnection, goals: dict, accounts: list[str], period: Period) -> list[GoalResult]:
    """Each goal (a KPI id and its target) against the KPI over the campaign's accounts and
    its days (up to `period.end`: today while it runs). A goal on a KPI not computed here
    (or not a KPI: the campaign-goals rule says so) has no result."""
    values = (kpi_values(db, period, scope={"account": accounts}) or [{}])[0] if accounts else {}
    results = []
    for kpi, target in sorted(goals.items()):
        if kpi in KPIS and isinstance(target, int | float) and not isinstance(target, bool):
            results.append(GoalResult(kpi, float(target), values.get(kpi) if kpi in KPI_SQL else None))
    return results
