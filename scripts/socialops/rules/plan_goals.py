"""The year has an annual plan, and its goals name known KPIs and markets.

Policy 2.2.1 (the director sets the strategy) and 4.1.1 (plan from the markets):
content/plans/<yyyy>.md sets the year's goals per account and per market, each keyed
by a KPI id (defined once in scripts/socialops/reports/kpis.py) so the evaluation
reports can measure against it. A goal under an unknown KPI id, or for a market with
no account, is a goal nobody can measure. Once the repository keeps plans, the
current year needs one too. (Unknown accounts and people: the references rule.)

Fix: correct the KPI id or market, or write the year's plan.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.entities import Figure, Plan
from ..model.layout import PLANS_DIR
from ..reports.kpis import KPIS
from .base import Context, Example, Hit

ID = "plan-goals"
SECTION = "2.2.1"
LEVEL = "error"
OPTIONS: dict = {}
_PLAN = """---
title: 2026 plan
owner: dana
goals:
  accounts:
    acme-us-x: {follower_growth: 5000, engagement_rate: 2.5}
  markets:
    DE: {reach: 900000}
---
## Strategy

Grow the US account; hold reach in Germany.
"""
EXAMPLES = [
    Example("Goals by KPI id", {"content/plans/2026.md": _PLAN}, True),
    Example("A KPI id mistyped", {"content/plans/2026.md": _PLAN.replace("engagement_rate", "engagment_rate")},
            False, (6,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    plans = ctx.repo.plans
    for plan in plans.values():
        if plan.year is None:
            yield Hit(plan.path, 1, f"an annual plan is named by its year, not '{plan.id}'",
                      f"rename the file to {PLANS_DIR}/<yyyy>.md, e.g. {PLANS_DIR}/{ctx.now.year}.md")
            continue
        yield from _goals(ctx, plan)
    yield from _current_year(ctx, plans)


def _goals(ctx: Context, plan: Plan) -> Iterator[Hit]:
    markets = {account.market for account in ctx.repo.accounts.values() if account.market}
    for figure in plan.figures("goals"):
        yield from unknown_kpi(plan.path, figure)
        if figure.scope == "markets" and figure.owner not in markets and "accounts.yaml" not in ctx.repo.unreadable:
            yield Hit(plan.path, plan.line("goals", "markets", figure.owner),
                      f"goals for market {figure.owner}, where no account in accounts.yaml operates",
                      f"add the market's account first, or set the goals for one of: {', '.join(sorted(markets))}")


def unknown_kpi(path: str, figure: Figure) -> Iterator[Hit]:
    """A hit when a goal or result is keyed by no KPI id: nothing could measure it."""
    if figure.kpi in KPIS:
        return
    from .. import suggest

    hint = suggest.did_you_mean(suggest.closest(figure.kpi, KPIS))
    yield Hit(path, figure.line, f"'{figure.kpi}' ({figure.owner}) is not a KPI id",
              hint or f"use one of the KPI ids: {', '.join(KPIS)}")


def _current_year(ctx: Context, plans: dict[str, Plan]) -> Iterator[Hit]:
    """Once plans are kept, this year's is expected; a repository without any has not started."""
    years = [plan.year for plan in plans.values() if plan.year is not None]
    this_year = ctx.now.astimezone(ctx.repo.policy.hq_timezone).year
    if years and max(years) < this_year:
        latest = f"{PLANS_DIR}/{max(years)}.md"
        yield Hit(latest, 1, f"there is no plan for {this_year}; the latest is {max(years)}'s",
                  f"write {PLANS_DIR}/{this_year}.md: the year's goals per account and market")
