"""A campaign's goals are KPIs: each key a KPI id, each target a number its unit allows.

Policy 5.2 and 6.1: a goal is only measurable against results when it names a metric
the reports compute, by one definition (the "Metric definitions" page, reports/kpis.py).
`goals` keys are KPI ids such as follower_growth, engagements, engagement_rate,
clicks or reply_sla_compliance; a percent KPI's target is a percentage from 0 to 100
(3.5 for 3.5 %), a count's a number of 0 or more.

Fix: use the KPI id the hint names, or one from the Metric definitions page.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..reports.kpis import KPIS
from .base import Context, Example, Hit

ID = "campaign-goals"
SECTION = "6.1"
LEVEL = "error"
OPTIONS: dict = {}
_PLAN = """---
title: Spring giveaway
type: giveaway
owner: dana
start: 2026-04-01T09:00
end: 2026-04-10T18:00
accounts: [acme-us-x]
goals:
  {goals}
---
## Theme

Spring speakers.
"""
EXAMPLES = [
    Example("KPI ids", {"content/campaigns/spring.md": _PLAN.replace("{goals}", "follower_growth: 500\n  engagement_rate: 3.5")},
            True),
    Example("A goal no report measures", {"content/campaigns/spring.md": _PLAN.replace("{goals}", "new_followers: 500")},
            False, (9,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for campaign in ctx.repo.campaigns.values():
        for goal, target in campaign.meta.get("goals", {}).items():
            line = campaign.line("goals", goal)
            kpi = KPIS.get(goal)
            if kpi is None:
                yield Hit(campaign.path, line, f"goal '{goal}' is not a KPI", _hint(goal))
            elif kpi.unit == "percent" and not 0 <= target <= 100:
                yield Hit(campaign.path, line, f"goal {goal}: {target} is not a percentage from 0 to 100",
                          f"write the target in percent, e.g. 3.5 for 3.5 % ({kpi.name})")
            elif kpi.unit == "count" and target < 0:
                yield Hit(campaign.path, line, f"goal {goal}: {target} is below 0",
                          f"give the {kpi.name.lower()} to reach, 0 or more")


# what plans wrote before goals were KPIs, and the KPI that measures it
_ALIASES = {"new_followers": "follower_growth", "followers": "follower_growth", "site_visits": "clicks",
            "visits": "clicks", "ctr": "click_through_rate", "er": "engagement_rate", "views": "video_views",
            "comments": "engagements", "likes": "engagements", "interactions": "engagements",
            "sla": "reply_sla_compliance"}


def _hint(goal: str) -> str:
    from .. import suggest

    close = suggest.closest(goal.replace("-", "_"), KPIS, _ALIASES)
    if close:
        return suggest.did_you_mean(close)
    return f"use a KPI id: {', '.join(KPIS)}"
