"""The "Reply SLA" report (policy 5.1): compliance per account and month, complaints
handling, and the breaches. The figures come from socialops.reports.sla; this module
only lays them out (the home page shows this month's compliance from the same figures)."""

from __future__ import annotations

from typing import Any

from ..reports import sla
from . import charts
from .accounts import display_name
from .charts import Chart
from .context import Output, Site
from .posts import front_matter

PAGE = "reports/reply-sla.md"
BREACHES_SHOWN = 100  # the most recent; `socialops check` lists the recent ones as findings


def judgement(site: Site) -> sla.Judgement:
    """Every interaction against its SLA at the site's 'now', worked out once per build."""
    if "reply_sla" not in site.shared:
        site.shared["reply_sla"] = sla.Judgement(site.repo, site.now, site.located_db())
    return site.shared["reply_sla"]  # type: ignore[return-value]


def this_month(site: Site) -> dict[str, Any] | None:
    """The home page's line: this month's figures over all accounts (the month of 'now' in
    HQ time), or None when nothing was received in it."""
    month = site.now.astimezone(site.repo.policy.hq_timezone).strftime("%Y-%m")
    found = [row for row in judgement(site).by_month() if row.month == month]
    return _month_row(site, found[0]) if found else None


def pages(site: Site) -> dict[str, Output]:
    judged = judgement(site)
    months = judged.by_month()
    rows = judged.by_account_month()
    found = [Chart("compliance", site.gettext("Reply-SLA compliance by month, all accounts"), "line",
                   (site.gettext("Month"), site.gettext("Compliance")),
                   tuple((row.month, _rounded(row.compliance)) for row in months), "percent")] if months else []
    limits = judged.sla
    context = {
        "important_hours": f"{limits.important_hours:g}", "general_days": limits.general_business_days,
        "unknown_markets": judged.unknown_markets(),
        "months": [_month_row(site, row) for row in reversed(months)],
        "accounts": [_month_row(site, row) for row in rows],
        "breaches": [_breach(site, item) for item in judged.breaches(limit=BREACHES_SHOWN)],
        "breaches_more": max(0, judged.breach_count() - BREACHES_SHOWN),
        "charts": [charts.view(site, PAGE, chart) for chart in found],
        "scripts": charts.scripts(PAGE) if found else "",
    }
    return {PAGE: Output(front_matter(site.gettext("Reply SLA")) + site.render("reply_sla.md.j2", PAGE, **context)),
            **charts.files(PAGE, found)}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _month_row(site: Site, row: sla.Month) -> dict[str, Any]:
    return {"account": row.account, "name": f"{display_name(site.repo, row.account)} ({row.account})" if row.account else "",
            "month": row.month, "received": row.received, "in_time": row.in_time, "late": row.late,
            "overdue": row.overdue, "open": row.open, "decided": row.decided,
            "compliance": charts.display(_rounded(row.compliance), "percent"),
            "complaints": row.complaints, "resolved": row.complaints_resolved, "escalations": row.escalations,
            "median_resolve": charts.display(_rounded(row.median_resolve_hours), "count")}


def _breach(site: Site, item: sla.Judged) -> dict[str, Any]:
    interaction = item.interaction
    zone = interaction.account.timezone
    return {"id": interaction.id, "account": interaction.account.id, "priority": interaction.priority,
            "category": interaction.category, "received": interaction.received.astimezone(zone),
            "due": item.due.astimezone(zone),
            "answered": interaction.first_response.astimezone(zone) if interaction.first_response else None,
            "outcome": item.outcome, "location": f"{interaction.location.path}:{interaction.location.line}"}
