"""Each quarter under an approved plan gets its evaluation report, measured against the plan.

Policy 6.4: evaluate the overall effect regularly, adjust the strategy, track the
improvements. A quarter that ends after the year's plan was approved needs
content/reports/<yyyy>-q<n>.md within `intervals.evaluation_report_days` (policy.yaml)
of its end. The report gives a result for every goal of the plan (the same account or
market and KPI id) and a `## Findings` section: what the results mean.

Fix: write the quarter's report; add the missing results or the findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from ..model.entities import Plan, Report
from ..model.layout import PLANS_DIR, REPORTS_DIR
from ..model.schema import parse_date
from .base import Context, Example, Hit
from .plan_goals import unknown_kpi

ID = "evaluation-report"
SECTION = "6.4"
LEVEL = "error"
OPTIONS: dict = {}
DEFAULT_DAYS = 30
_PLAN = """---
title: 2026 plan
owner: dana
approved: {by: dana, date: 2026-01-05}
goals:
  accounts:
    acme-us-x: {follower_growth: 5000}
---
"""
_REPORT = """---
title: 2026 Q1
owner: dana
results:
  accounts:
    acme-us-x: {follower_growth: 1100}
---
## Findings

Growth is on track for the year.
"""
EXAMPLES = [
    Example("The quarter's report", {"content/plans/2026.md": _PLAN, "content/reports/2026-q1.md": _REPORT}, True,
            now="2026-05-15T00:00:00Z"),
    Example("A result missing", {"content/reports/2026-q1.md": _REPORT.replace("follower_growth: 1100", "reach: 9"),
                                 "content/plans/2026.md": _PLAN}, False, (4,), now="2026-05-15T00:00:00Z"),
]


def quarter_end(year: int, quarter: int) -> date:
    """The last day of the quarter."""
    first_of_next = date(year + quarter // 4, quarter % 4 * 3 + 1, 1)
    return first_of_next - timedelta(days=1)


def report_path(year: int, quarter: int) -> str:
    return f"{REPORTS_DIR}/{year}-q{quarter}.md"


def check(ctx: Context) -> Iterator[Hit]:
    repo = ctx.repo
    days = repo.policy.interval("evaluation_report_days", DEFAULT_DAYS)
    today = ctx.now.astimezone(repo.policy.hq_timezone).date()
    plans = {plan.year: plan for plan in repo.plans.values() if plan.year is not None}
    for report in repo.reports.values():
        yield from _report(report, plans)
    for year, plan in sorted(plans.items()):
        yield from _missing(repo.reports, year, plan, today, days)


def _report(report: Report, plans: dict[int, Plan]) -> Iterator[Hit]:
    if report.quarter is None:
        yield Hit(report.path, 1, f"an evaluation report is named by its quarter, not '{report.id}'",
                  f"rename the file to {REPORTS_DIR}/<yyyy>-q<n>.md, e.g. {REPORTS_DIR}/2026-q3.md")
        return
    for figure in report.figures("results"):
        yield from unknown_kpi(report.path, figure)
    if not report.sections.get("findings"):
        yield Hit(report.path, report.body_line, "the report has no '## Findings' section",
                  "add '## Findings': what the results say, what worked, what did not")
    plan = plans.get(report.quarter[0])
    if plan is None:
        return
    results = {(figure.scope, figure.owner, figure.kpi) for figure in report.figures("results")}
    for goal in plan.figures("goals"):
        if (goal.scope, goal.owner, goal.kpi) not in results:
            yield Hit(report.path, report.line("results"),
                      f"no result for the plan's goal {goal.owner} {goal.kpi} ({goal.value:g})",
                      f"add results: {{{goal.scope}: {{{goal.owner}: {{{goal.kpi}: <the quarter's figure>}}}}}}")


def _missing(reports: dict[str, Report], year: int, plan: Plan, today: date, days: int) -> Iterator[Hit]:
    """The quarters of the plan's year that ended after its approval and are past due."""
    approved = plan.meta.get("approved", {}).get("date")
    if approved is None:
        return  # a plan not yet approved binds no one to report
    for quarter in range(1, 5):
        end = quarter_end(year, quarter)
        due = end + timedelta(days=days)
        if end < parse_date(approved) or today <= due or f"{year}-q{quarter}" in reports:
            continue
        yield Hit(f"{PLANS_DIR}/{plan.id}.md", plan.line("approved"),
                  f"the evaluation report for {year} Q{quarter} was due on {due} ({days} days after the quarter)",
                  f"write {report_path(year, quarter)}: results against this plan, findings, improvement actions")
