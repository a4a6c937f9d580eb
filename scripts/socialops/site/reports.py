"""The Reports section (policy 5.3, 6): an index, a page per month, and a page per account,
market and platform, each with its KPIs against the period before, trends, the best and
worst posts, posting time and format against engagement, comparisons, audience and the
campaigns' goals against their results. Every number comes from socialops.reports
(queries over the metric files with DuckDB); this module only lays them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import duckdb

from ..reports import queries
from ..reports.kpis import GROUPS, KPIS
from ..reports.queries import Period
from . import charts, reply_sla
from .charts import Chart
from .context import Output, Site
from .posts import front_matter

INDEX = "reports/index.md"
TOP = 5  # posts in each of the top and bottom lists
SHOWN_KPIS = ("impressions", "reach", "engagements", "engagement_rate", "follower_growth", "follower_growth_rate",
              "clicks", "click_through_rate", "conversions", "conversion_rate", "video_views", "video_view_rate")
COMPARED_KPIS = ("impressions", "engagements", "engagement_rate", "follower_growth", "click_through_rate")


@dataclass
class _Numbers:
    """Everything the report pages show, asked of DuckDB in a few questions for all scopes at
    once (one question per page and section took seconds over a million rows)."""

    months: list[str]
    last_day: date | None
    monthly: dict[tuple[str, str], dict[str, dict]]  # (kind, key) -> month -> KPI -> value; ("all", "") for all
    days: dict[tuple[str, str], list[dict]]
    weeks: dict[tuple[str, str], list[dict]]
    month_rates: list[dict]  # every post, by its latest numbers in the month it was published
    latest_rates: list[dict]  # every post, by its latest numbers
    partial: dict[tuple[str, str], tuple[dict, dict]] = field(default_factory=dict)  # a month under way
    rates_of_month: dict[str, list[dict]] = field(default_factory=dict)  # month_rates by month, in their order

    def __post_init__(self) -> None:
        for row in self.month_rates:
            self.rates_of_month.setdefault(row["month"], []).append(row)

    @classmethod
    def ask(cls, db: duckdb.DuckDBPyConnection) -> _Numbers:
        monthly = {("all", ""): queries.monthly_kpis(db)}
        for kind in GROUPS:
            monthly.update({(kind, key): values for key, values in queries.monthly_kpis_by(db, kind).items()})
        # the scope pages show their latest month's trends: from the earliest of those months on
        latest = [Period.month(list(months)[-1]).start for kind, months in monthly.items() if kind[0] != "all" and months]
        since = min(latest) - timedelta(days=6) if latest else None  # a week from its Monday overlaps it
        numbers = cls(queries.months(db), queries.last_day(db), monthly, queries.trends_by_scope(db, "day", since),
                      queries.trends_by_scope(db, "week", since), queries.every_post_rate(db, True),
                      queries.every_post_rate(db, False))
        if numbers.months and numbers.period(numbers.months[-1]) != Period.month(numbers.months[-1]):
            numbers._ask_partial(db, numbers.period(numbers.months[-1]))
        return numbers

    def _ask_partial(self, db: duckdb.DuckDBPyConnection, period: Period) -> None:
        """The month under way and the same days of the month before, for every scope."""
        for when in (period, period.before()):
            for row in queries.kpi_values(db, when):
                self.partial.setdefault(("all", ""), ({}, {}))[when != period].update(row)
            for kind in GROUPS:
                for row in queries.kpi_values(db, when, (kind,)):
                    self.partial.setdefault((kind, str(row.pop(kind))), ({}, {}))[when != period].update(row)

    def period(self, month: str) -> Period:
        return queries.so_far(Period.month(month), self.last_day)

    def values(self, kind: str, key: str, month: str) -> tuple[dict, dict]:
        """A scope's KPIs in the month (so far) and in the period before it."""
        if self.period(month) != Period.month(month):
            return self.partial.get((kind, key), ({}, {}))
        monthly = self.monthly.get((kind, key), {})
        return monthly.get(month, {}), monthly.get(Period.month(month).before().label, {})


def report_numbers(db: duckdb.DuckDBPyConnection) -> _Numbers:
    """The report pages' numbers (render_pages asks them as soon as the database is read:
    Site.start_reports_db)."""
    return _Numbers.ask(db)


def pages(site: Site) -> dict[str, Output]:
    found = site.answer(report_numbers)
    db = site.reports_db()
    months = found.months
    out: dict[str, Output] = {}
    scopes = _scopes(site)
    for month in months:
        out.update(_month_page(site, db, found, month))
    for kind, key, title in scopes:
        out.update(_scope_page(site, db, found, kind, key, title))
    latest = found.period(months[-1]) if months else None
    out[INDEX] = Output(front_matter(site.gettext("Reports")) + site.render(
        "reports_index.md.j2", INDEX, months=[(month, page_of("month", month)) for month in reversed(months)],
        scopes=[{"kind": kind, "name": title, "page": page_of(kind, key)} for kind, key, title in scopes],
        latest=_kpi_lines(site, *found.values("all", "", months[-1])) if months else [], latest_period=latest))
    return out


def _scopes(site: Site) -> list[tuple[str, str, str]]:
    """(kind, key, title) of every account, market and platform with an account."""
    accounts = site.repo.accounts
    found = [("account", account_id, str(account.data.get("name") or account_id) + f" ({account_id})")
             for account_id, account in sorted(accounts.items())]
    found += [("market", market, market) for market in sorted({str(a.market) for a in accounts.values() if a.market})]
    found += [("platform", platform, platform)
              for platform in sorted({str(a.platform) for a in accounts.values() if a.platform})]
    return found


def page_of(kind: str, key: str) -> str:
    return {"account": f"reports/accounts/{key}.md", "market": f"reports/markets/{key}.md",
            "platform": f"reports/platforms/{key}.md", "month": f"reports/{key}.md"}[kind]


# -- the sections, each a dict the template writes --------------------------------------------

def _kpi_lines(site: Site, now: dict, before: dict) -> list[dict[str, Any]]:
    return [_kpi_line(site, queries.KpiLine(kpi, now.get(kpi), before.get(kpi))) for kpi in SHOWN_KPIS]


def _kpi_line(site: Site, line: queries.KpiLine) -> dict[str, Any]:
    kpi = KPIS[line.kpi]
    return {"id": kpi.id, "name": site.gettext(kpi.name), "unit": kpi.unit,
            "value": charts.display(line.value, kpi.unit), "before": charts.display(line.before, kpi.unit),
            "change": _change(line.change, line.change_unit), "direction": _direction(line.change, kpi.higher_is_better)}


def _change(change: float | None, unit: str) -> str:
    if change is None:
        return "—"
    return f"{change:+,.1f} %" if unit == "percent" else f"{change:+,.2f} pp"


def _direction(change: float | None, higher_is_better: bool) -> str:
    if not change:
        return ""
    return "up" if (change > 0) == higher_is_better else "down"


def _trend_charts(site: Site, numbers: _Numbers, kind: str, key: str, period: Period) -> list[Chart]:
    _ = site.gettext
    days = queries.within(numbers.days.get((kind, key), []), period)
    weeks = queries.within(numbers.weeks.get((kind, key), []), period, "week")
    if not days:
        return []
    return [
        Chart("daily", _("Impressions and engagements by day"), "line", (_("Day"), _("Impressions"), _("Engagements")),
              tuple((row["bucket"].isoformat(), row["impressions"], row["engagements"]) for row in days)),
        Chart("daily-rate", _("Engagement rate by day"), "line", (_("Day"), _("Engagement rate")),
              tuple((row["bucket"].isoformat(), _round(row["engagement_rate"])) for row in days), "percent"),
        Chart("weekly", _("Impressions and engagements by week (weeks start on Monday)"), "line",
              (_("Week"), _("Impressions"), _("Engagements")),
              tuple((row["bucket"].isoformat(), row["impressions"], row["engagements"]) for row in weeks)),
        Chart("followers", _("Followers by day"), "line", (_("Day"), _("Followers")),
              tuple((row["bucket"].isoformat(), row["followers"]) for row in days)),
    ]


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _comparison(site: Site, numbers: _Numbers, month: str, by: str, keys: list[str]
                ) -> tuple[list[dict[str, Any]], list[Chart]]:
    """The month's KPIs of each of `keys` (markets, platforms or accounts) side by side."""
    _ = site.gettext
    rows = [(key, values) for key in keys if (values := numbers.values(by, key, month)[0])]
    table = [{"key": key, "url": page_of(by, key),
              "cells": [charts.display(values[kpi], KPIS[kpi].unit) for kpi in COMPARED_KPIS]} for key, values in rows]
    label = {"market": _("Market"), "platform": _("Platform"), "account": _("Account")}[by]
    found = [Chart(f"by-{by}-rate", _("Engagement rate by %(group)s") % {"group": label.lower()}, "bar",
                   (label, _("Engagement rate")), tuple((key, _round(values["engagement_rate"])) for key, values in rows),
                   "percent"),
             Chart(f"by-{by}-impressions", _("Impressions by %(group)s") % {"group": label.lower()}, "bar",
                   (label, _("Impressions")), tuple((key, values["impressions"]) for key, values in rows))] if rows else []
    return table, found


def _posts_section(site: Site, rates: list[dict]) -> dict[str, Any]:
    top, bottom = queries.top_and_bottom(rates, TOP)
    return {"top": [_post_row(site, row) for row in top], "bottom": [_post_row(site, row) for row in bottom],
            "count": len(rates)}


def _post_row(site: Site, row: dict) -> dict[str, Any]:
    return {"post": row["post"], "page": f"posts/{row['post']}.md", "account": row["account"], "format": row["format"],
            "impressions": charts.display(row["impressions"], "count"),
            "engagements": charts.display(row["engagements"], "count"),
            "rate": charts.display(row["engagement_rate"], "percent")}


def _correlations(site: Site, rates: list[dict]) -> tuple[dict[str, Any], list[Chart]]:
    _ = site.gettext
    hour = queries.correlation(rates, "hour")
    weekday = queries.correlation(rates, "weekday")
    hours, _eta = queries.by_category(rates, "hour")
    weekdays, weekday_eta = queries.by_category(rates, "weekday")
    formats, format_eta = queries.by_category(rates, "format")
    names = [_(day) for day in queries.WEEKDAYS]
    found = [
        Chart("hour", _("Mean engagement rate by posting hour (the account's time zone)"), "bar",
              (_("Hour"), _("Engagement rate"), _("Posts")),
              tuple((hour, _round(mean), count) for hour, mean, count in hours), "percent", 1),
        Chart("weekday", _("Mean engagement rate by weekday posted"), "bar", (_("Weekday"), _("Engagement rate"), _("Posts")),
              tuple((names[day - 1], _round(mean), count) for day, mean, count in weekdays), "percent", 1),
        Chart("format", _("Mean engagement rate by format"), "bar", (_("Format"), _("Engagement rate"), _("Posts")),
              tuple((name, _round(mean), count) for name, mean, count in formats), "percent", 1),
    ] if rates else []
    return {"hour": hour, "weekday": weekday, "weekday_eta": weekday_eta, "format": format_eta}, found


def _campaigns(site: Site, db: duckdb.DuckDBPyConnection, period: Period) -> list[dict[str, Any]]:
    """The campaigns running in the period, each goal against its result so far."""
    rows = []
    for campaign in sorted(site.repo.campaigns.values(), key=lambda plan: plan.id):
        if campaign.start is None or campaign.end is None:
            continue
        if campaign.start.date() > period.end or campaign.end.date() < period.start:
            continue
        rows.append({"id": campaign.id, "title": campaign.meta.get("title", campaign.id),
                     "page": f"campaigns/{campaign.id}.md", "goals": goal_rows(site, db, campaign)})
    return rows


def goal_rows(site: Site, db: duckdb.DuckDBPyConnection, campaign: Any) -> list[dict[str, Any]]:
    """A campaign's goals against its results: the KPI over its accounts from its start to its
    end, or to today while it runs."""
    goals = campaign.meta.get("goals") or {}
    if not isinstance(goals, dict) or campaign.start is None or campaign.end is None:
        return []
    end = min(campaign.end, site.now).date()
    period = Period(campaign.start.date(), max(end, campaign.start.date()))
    named = campaign.meta.get("accounts")
    accounts = [str(account) for account in named] if isinstance(named, list) else []
    rows = []
    for result in queries.campaign_results(db, goals, accounts, period):
        if result.kpi == "reply_sla_compliance":  # counted in working days by the reply-SLA report, not in SQL
            result = queries.GoalResult(result.kpi, result.target, reply_sla.judgement(site).compliance(
                set(accounts), period.start, period.end))
        unit = KPIS[result.kpi].unit
        rows.append({"kpi": result.kpi, "name": site.gettext(KPIS[result.kpi].name),
                     "target": charts.display(result.target, unit) if unit == "percent" else f"{result.target:,.0f}",
                     "result": charts.display(result.result, unit),
                     "progress": charts.display(result.progress, "percent"), "met": result.met})
    return rows


# -- the pages -----------------------------------------------------------------------------------

def _month_page(site: Site, db: duckdb.DuckDBPyConnection, numbers: _Numbers, month: str) -> dict[str, Output]:
    page = page_of("month", month)
    period = numbers.period(month)
    rates = numbers.rates_of_month.get(month, [])
    trends = _trend_charts(site, numbers, "all", "", period)
    markets, market_charts = _comparison(site, numbers, month, "market", _keys(numbers, "market"))
    platforms, platform_charts = _comparison(site, numbers, month, "platform", _keys(numbers, "platform"))
    correlations, correlation_charts = _correlations(site, rates)
    found = trends + market_charts + platform_charts + correlation_charts
    months = numbers.months
    index = months.index(month)
    context = {
        "heading": site.gettext("Report for %(month)s") % {"month": month}, "kind": "month", "period": period,
        "before": period.before().label, "kpis": _kpi_lines(site, *numbers.values("all", "", month)),
        "trends": [charts.view(site, page, chart) for chart in trends],
        "comparisons": [(site.gettext("Markets"), "market", markets), (site.gettext("Platforms"), "platform", platforms)],
        "comparison_charts": [charts.view(site, page, chart) for chart in market_charts + platform_charts],
        "compared": [site.gettext(KPIS[kpi].name) for kpi in COMPARED_KPIS],
        "posts": _posts_section(site, rates), "correlations": correlations,
        "correlation_charts": [charts.view(site, page, chart) for chart in correlation_charts],
        "campaigns": _campaigns(site, db, period), "audience": [], "months": [], "monthly": [],
        "previous": page_of("month", months[index - 1]) if index else None,
        "next": page_of("month", months[index + 1]) if index + 1 < len(months) else None,
        "scripts": charts.scripts(page) if found else "",
    }
    return {page: Output(front_matter(context["heading"]) + site.render("reports_page.md.j2", page, **context),
                         hidden=True), **charts.files(page, found)}


def _keys(numbers: _Numbers, kind: str) -> list[str]:
    return sorted(key for scope_kind, key in numbers.monthly if scope_kind == kind)


def _scope_page(site: Site, db: duckdb.DuckDBPyConnection, numbers: _Numbers, kind: str, key: str,
                title: str) -> dict[str, Output]:
    """An account's, market's or platform's page: its latest month against the one before,
    every month's KPIs, the latest month's trends, its posts and audience."""
    page = page_of(kind, key)
    monthly = numbers.monthly.get((kind, key), {})
    heading = site.gettext("Report: %(name)s") % {"name": title}
    found: list[Chart] = []
    context: dict[str, Any] = {"heading": heading, "kind": kind, "kpis": [], "trends": [], "comparisons": [],
                               "comparison_charts": [], "compared": [], "posts": None, "correlations": None,
                               "correlation_charts": [], "campaigns": [], "audience": [], "previous": None,
                               "next": None, "months": [], "monthly": [], "period": None, "before": None}
    if monthly:
        latest = list(monthly)[-1]
        period = numbers.period(latest)
        rates = [row for row in numbers.latest_rates if row[kind] == key and row["month"] and row["month"] <= latest]
        by_month = _monthly(site, monthly)
        trends = _trend_charts(site, numbers, kind, key, period)
        correlations, correlation_charts = _correlations(site, rates)
        comparison: list = []
        comparison_charts: list[Chart] = []
        if kind != "account":
            accounts = sorted(account_id for account_id, account in site.repo.accounts.items()
                              if str(account.data.get(kind) or "") == key)
            table, comparison_charts = _comparison(site, numbers, latest, "account", accounts)
            comparison = [(site.gettext("Accounts"), "account", table)]
        found = [by_month, *trends, *comparison_charts, *correlation_charts]
        context.update({
            "period": period, "before": period.before().label, "kpis": _kpi_lines(site, *numbers.values(kind, key, latest)),
            "months": [charts.view(site, page, by_month)],
            "monthly": [{"month": month, "page": page_of("month", month),
                         "cells": [charts.display(kpis[kpi], KPIS[kpi].unit) for kpi in COMPARED_KPIS]}
                        for month, kpis in reversed(monthly.items())],
            "trends": [charts.view(site, page, chart) for chart in trends],
            "comparisons": comparison, "comparison_charts": [charts.view(site, page, c) for c in comparison_charts],
            "compared": [site.gettext(KPIS[kpi].name) for kpi in COMPARED_KPIS],
            "posts": _posts_section(site, rates), "correlations": correlations,
            "correlation_charts": [charts.view(site, page, chart) for chart in correlation_charts],
            "audience": _audience(site, db, key, period) if kind == "account" else [],
        })
    context["scripts"] = charts.scripts(page) if found else ""
    return {page: Output(front_matter(heading) + site.render("reports_page.md.j2", page, **context), hidden=True),
            **charts.files(page, found)}


def _monthly(site: Site, monthly: dict[str, dict]) -> Chart:
    _ = site.gettext
    return Chart("monthly", _("Engagement rate by month"), "line", (_("Month"), _("Engagement rate")),
                 tuple((month, _round(kpis["engagement_rate"])) for month, kpis in monthly.items()), "percent")


def _audience(site: Site, db: duckdb.DuckDBPyConnection, account: str, period: Period) -> list[dict[str, Any]]:
    day, rows = queries.audience(db, account, period.end)
    dimensions: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        dimensions.setdefault(row["dimension"], []).append((row["value"], charts.display(100 * row["share"], "percent")))
    return [{"dimension": site.gettext(dimension.capitalize()), "day": day, "values": values}
            for dimension, values in dimensions.items()]
