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
        "interactions first answered within their SLA (reply_sla in policy.yaml, in the market's working "
        "days and hours) ÷ interactions received × 100", "percent", (_FIRST,)),
)}
