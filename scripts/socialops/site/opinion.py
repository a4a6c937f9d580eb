"""The "Public opinion" report (policy 7.3): the negative share of mentions per market by
week, negative mentions per day, the spikes (and the incident that met each), and the
mentions with their scores. The figures come from socialops.reports.opinion; the spike
settings are the opinion-spike rule's (policy.yaml), so the page and the check agree."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import duckdb

from ..reports import opinion, sentiment
from ..rules import opinion_spike, registry
from . import charts
from .charts import Chart
from .context import Output, Site
from .posts import front_matter, web_url

PAGE = "reports/opinion.md"
MENTIONS_SHOWN = 200  # the newest; the CSV files hold them all
HOME_DAYS = 30  # the home page shows spikes that ended this recently


def _options(site: Site) -> dict[str, Any]:
    """The opinion-spike rule's options from policy.yaml (its defaults while they are invalid:
    the check reports that as a configuration error)."""
    policy = site.repo.policy
    if registry.settings_problems(policy):
        return {name: spec.get("default") for name, spec in opinion_spike.OPTIONS.items()}
    return registry.configure(policy.data.get("rules", {}))[opinion_spike.ID].options


def figures(site: Site) -> dict[str, Any]:
    """The spikes of negative mentions, worked out once per build (the home page shows them too)."""
    if "opinion" not in site.shared:
        options = _options(site)
        spikes = opinion.spikes(site.repo, site.located_db(), opinion_spike.settings(options))
        site.shared["opinion"] = {"spikes": spikes, "options": options}
    return site.shared["opinion"]  # type: ignore[return-value]


def recent_spikes(site: Site) -> list[dict[str, Any]]:
    """The home page's spikes: those that ended within HOME_DAYS of now."""
    since = site.now.date() - timedelta(days=HOME_DAYS)
    return [_spike(site, spike) for spike in figures(site)["spikes"] if spike.last >= since]


def pages(site: Site) -> dict[str, Output]:
    found = figures(site)
    db = site.located_db()
    found_charts = _charts(site, db)
    total, scored = opinion.counts(db)
    context = {
        "options": found["options"], "languages": ", ".join(sentiment.SCORED_LANGUAGES),
        "total": total, "scored": scored,
        "spikes": [_spike(site, spike) for spike in reversed(found["spikes"])],
        "mentions": [_mention(mention) for mention in opinion.mentions(site.repo, db, newest=MENTIONS_SHOWN)],
        "mentions_more": max(0, total - MENTIONS_SHOWN),
        "charts": [charts.view(site, PAGE, chart) for chart in found_charts],
        "scripts": charts.scripts(PAGE) if found_charts else "",
    }
    return {PAGE: Output(front_matter(site.gettext("Public opinion"))
                         + site.render("opinion.md.j2", PAGE, **context)), **charts.files(PAGE, found_charts)}


def _charts(site: Site, db: duckdb.DuckDBPyConnection) -> list[Chart]:
    """Weekly negative share and daily negative count, a series per market that has scored mentions."""
    weeks = [period for period in opinion.by_week(db) if period.scored]
    days = [period for period in opinion.by_day(db) if period.scored]
    markets = sorted({period.market for period in weeks})
    if not markets:
        return []
    share = {(p.market, p.start): round(p.negative_share, 1) for p in weeks if p.negative_share is not None}
    negative = {(p.market, p.start): p.negative for p in days}
    week_starts = sorted({p.start for p in weeks})
    day_list = _every_day(min(p.start for p in days), max(p.start for p in days))
    return [
        Chart("negative-share", site.gettext("Negative share of scored mentions, by week"), "line",
              (site.gettext("Week from"), *markets),
              tuple((start.isoformat(), *(share.get((market, start)) for market in markets)) for start in week_starts),
              "percent"),
        Chart("negative-daily", site.gettext("Negative mentions a day"), "line", (site.gettext("Day"), *markets),
              tuple((day.isoformat(), *(negative.get((market, day), 0) for market in markets)) for day in day_list)),
    ]


def _every_day(first, last) -> list:  # type: ignore[no-untyped-def]
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def _spike(site: Site, spike: opinion.Spike) -> dict[str, Any]:
    options = figures(site)["options"]
    incident = opinion_spike.covering_incident(site.repo, spike, options["incident_days_before"])
    return {"market": spike.market, "first": spike.first, "last": spike.last, "peak_day": spike.peak_day,
            "peak": spike.peak, "mean": f"{spike.mean:.1f}", "threshold": f"{spike.threshold:.1f}",
            "incident": f"incidents/{incident}.md" if incident else None, "incident_id": incident,
            "location": f"{spike.first_location.path}:{spike.first_location.line}"}


def _mention(mention: opinion.Mention) -> dict[str, Any]:
    return {"day": mention.day, "market": mention.market, "platform": mention.platform,
            "language": mention.language or "", "url": web_url(mention.url),
            "score": f"{mention.score:+.2f}" if mention.score is not None else None,
            "sentiment": mention.sentiment, "text": mention.text, "reach": mention.reach}
