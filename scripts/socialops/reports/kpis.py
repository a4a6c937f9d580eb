"""The KPIs (policy 6.1), each defined once: its formula, its version and the day it changed.

A campaign's `goals` and a plan's targets are keyed by these ids. A formula never
changes silently: a change adds a version with its date and what changed, and the
"Metric definitions" page shows the history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Version:
    number: int
    since: date
    change: str


@dataclass(frozen=True)
class Kpi:
    id: str
    name: str
    formula: str  # in words, as the definitions page shows it
    unit: str  # "count" or "percent"
    versions: tuple[Version, ...]
    higher_is_better: bool = True

    @property
    def version(self) -> Version:
        return self.versions[-1]


_FIRST = Version(1, date(2026, 11, 1), "first definition")
ENGAGEMENTS = "likes + comments + shares + saves"

KPIS: dict[str, Kpi] = {kpi.id: kpi for kpi in (
    Kpi("follower_growth", "Follower growth",
        "followers at the end of the period − followers at the end of the period before", "count", (_FIRST,)),
    Kpi("follower_growth_rate", "Follower growth rate",
        "follower growth ÷ followers at the end of the period before × 100", "percent", (_FIRST,)),
    Kpi("impressions", "Impressions",
        "sum of impressions; for Facebook and Instagram, where Meta replaced impressions by views, "
        "the sum of views", "count", (_FIRST,)),
    Kpi("reach", "Reach", "sum of the daily reach (people reached on several days count on each)", "count", (_FIRST,)),
    Kpi("engagements", "Engagements", ENGAGEMENTS, "count", (_FIRST,)),
    Kpi("engagement_rate", "Engagement rate",
        f"({ENGAGEMENTS}) ÷ impressions × 100 — the denominator is impressions (views on Meta), "
        "as X and LinkedIn compute it", "percent", (_FIRST,)),
    Kpi("clicks", "Clicks", "sum of link clicks", "count", (_FIRST,)),
    Kpi("click_through_rate", "Click-through rate", "clicks ÷ impressions × 100", "percent", (_FIRST,)),
    Kpi("conversions", "Conversions", "sum of conversions", "count", (_FIRST,)),
    Kpi("conversion_rate", "Conversion rate", "conversions ÷ clicks × 100", "percent", (_FIRST,)),
    Kpi("video_views", "Video views", "sum of video views", "count", (_FIRST,)),
    Kpi("video_view_rate", "Video view rate", "video views ÷ impressions × 100", "percent", (_FIRST,)),
    Kpi("reply_sla_compliance", "Reply-SLA compliance",
        "interactions first answered within their SLA ÷ interactions whose SLA is decided (answered, or "
        "unanswered past the due time) × 100; important ones are due within reply_sla.important_hours clock "
        "hours, general ones by the end of reply_sla.general_business_days working days of the account's market "
        "(its weekend and public holidays), the day of receipt not counted", "percent", (_FIRST,)),
)}


# -- the computation: each KPI's SQL, beside its words above ---------------------------------
# A KPI is an expression over a period's sums (SUMS, one value per account, then added up per
# group); each sum adds a per-day expression over the `accounts` view (daily rows joined with
# the account's platform and market). An empty cell is "not reported": SQL's sum skips it, and
# a sum with nothing reported is NULL ("—" on the site), never 0.

_META = "platform IN ('facebook', 'instagram')"  # Meta replaced impressions by views in 2024-2025
ROW_ENGAGEMENTS = ("CASE WHEN likes IS NULL AND comments IS NULL AND shares IS NULL AND saves IS NULL THEN NULL "
                   "ELSE coalesce(likes, 0) + coalesce(comments, 0) + coalesce(shares, 0) + coalesce(saves, 0) END")
ROW_IMPRESSIONS = f"CASE WHEN {_META} THEN views ELSE impressions END"

SUMS: dict[str, str] = {
    "impressions": ROW_IMPRESSIONS,
    "reach": "reach",
    "engagements": ROW_ENGAGEMENTS,
    "clicks": "clicks",
    "conversions": "conversions",
    "video_views": "video_views",
}

KPI_SQL: dict[str, str] = {
    "follower_growth": "follower_growth",
    "follower_growth_rate": "100.0 * follower_growth / nullif(followers_before, 0)",
    "impressions": "impressions",
    "reach": "reach",
    "engagements": "engagements",
    "engagement_rate": "100.0 * engagements / nullif(impressions, 0)",
    "clicks": "clicks",
    "click_through_rate": "100.0 * clicks / nullif(impressions, 0)",
    "conversions": "conversions",
    "conversion_rate": "100.0 * conversions / nullif(clicks, 0)",
    "video_views": "video_views",
    "video_view_rate": "100.0 * video_views / nullif(impressions, 0)",
}
# reply_sla_compliance is counted in working days and hours per market: the reply-SLA module
# computes it from the interactions log, not from these sums.
COMPUTED_HERE = tuple(KPI_SQL)
GROUPS = ("account", "market", "platform")

