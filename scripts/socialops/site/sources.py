"""The sources page: the laws, codes and platform policies the rules rely on (sources.yaml)
and the platform limits socialops ships (data/platforms.yaml) for the platforms the
accounts use, each with when it was last checked and when it is due again (the
source-check rule's arithmetic: due once older than intervals.source_check_days)."""

from __future__ import annotations

from datetime import date
from typing import Any

from .. import platforms
from ..model.schema import parse_date
from .accounts import Due
from .context import Output, Site
from .posts import web_url

PAGE = "sources.md"


def pages(site: Site) -> dict[str, Output]:
    repo = site.repo
    interval = repo.policy.data.get("intervals", {}).get("source_check_days")
    today = site.now.date()
    register = [_source(source_id, source, interval, today)
                for source_id, source in sorted(repo.sources.get("sources", {}).items(),
                                                key=lambda item: (item[1].get("market") or "~", item[0]))]
    used = sorted({account.platform for account in repo.accounts.values()
                   if account.platform and account.status != "retired"})
    data, _ = platforms.dated()
    limits = [_platform(name, data, interval, today) for name in used if name in data["platforms"]]
    return {PAGE: Output(site.render("sources.md.j2", PAGE, register=register, limits=limits, interval=interval,
                                     data_version=data.get("version", "")))}


def _due(day: str | None, interval: int | None, today: date) -> Due | None:
    """When a check falls due; overdue is a warning (the rule's level), never late."""
    if not day or not interval:
        return None
    due = Due.after(parse_date(day), interval, 0, today)
    return Due(due.on, due.overdue, late=False)


def _source(source_id: str, source: dict, interval: int | None, today: date) -> dict[str, Any]:
    return {"id": source_id, "title": source.get("title", source_id), "kind": source.get("kind", ""),
            "where": source.get("market") or source.get("platform") or "", "url": web_url(source.get("url")),
            "last_checked": source.get("last_checked"), "checked_by": source.get("checked_by", ""),
            "due": _due(source.get("last_checked"), interval, today), "rules": source.get("rules", [])}


def _platform(name: str, data: dict, interval: int | None, today: date) -> dict[str, Any]:
    records = platforms.limit_records(data["platforms"][name])
    cited = sorted({limit["source"] for _, limit in records if "source" in limit},
                   key=lambda source_id: int(source_id.lstrip("S")) if source_id.lstrip("S").isdigit() else 0)
    return {
        "platform": name,
        "limits": [{"key": ".".join(str(key) for key in keys), "source": limit.get("source", ""),
                    "verified": limit.get("verified", True), "checked": limit.get("checked"),
                    "due": _due(limit.get("checked"), interval, today)} for keys, limit in records],
        "sources": [{"id": source_id, "url": web_url(data["sources"][source_id]["url"]),
                     "last_checked": data["sources"][source_id]["last_checked"],
                     "due": _due(data["sources"][source_id]["last_checked"], interval, today)}
                    for source_id in cited if source_id in data["sources"]],
    }
