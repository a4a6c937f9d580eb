"""A page per incident (severity, status, when it was opened and resolved, the accounts, the
owner, and the body's sections as the writer wrote them) and the list of incidents, newest
first. The body is writer Markdown, rendered as campaigns.render_markdown renders plans."""

from __future__ import annotations

from ..model.entities import Incident
from .campaigns import PLAN_LABELS, account_links, moment, render_markdown, writer_markdown
from .context import Output, Site
from .posts import Clock, front_matter, labels, person_name, translated, up

SEVERITIES = ("critical", "high", "medium", "low")
SEVERITY_LABELS = {"critical": "critical", "high": "high", "medium": "medium", "low": "low"}


def pages(site: Site) -> dict[str, Output]:
    repo = site.repo
    t = {**labels(site), **translated(site, {**PLAN_LABELS, **SEVERITY_LABELS})}
    clock = Clock(site.language)
    markdown = writer_markdown()
    out: dict[str, Output] = {}
    rows = []
    for incident in sorted(repo.incidents, key=_newest_first):
        page = f"incidents/{incident.id}.md"
        view = _view(site, incident, page, t, clock)
        out[page] = Output(front_matter(str(incident.meta.get("title", incident.id)))
                           + site.render("incident.md.j2", page, markdown=render_markdown(markdown, incident.body), **view),
                           hidden=True)  # reached from the list, which is in the nav
        rows.append(view)
    page = "incidents/index.md"
    out[page] = Output(front_matter(t["incidents"]) + site.render("incidents.md.j2", page, t=t, rows=rows))
    return out


def _newest_first(incident: Incident) -> tuple:
    return (incident.opened is None, -incident.opened.timestamp() if incident.opened else 0, incident.id)


def _view(site: Site, incident: Incident, page: str, t: dict[str, str], clock: Clock) -> dict[str, object]:
    repo, meta, root = site.repo, incident.meta, up(page)
    status = meta.get("status")
    severity = meta.get("severity")
    return {
        "t": t, "incident": incident, "title": meta.get("title", incident.id), "url": f"{root}{page[:-3]}.html",
        "severity": severity if severity in SEVERITY_LABELS else None, "status": f"incident_{status}" if f"incident_{status}" in t else None,
        "status_class": status,
        "kind": meta.get("kind"), "opened": moment(clock, incident.opened), "resolved": moment(clock, incident.resolved),
        "owner": person_name(repo, meta.get("owner")), "accounts": account_links(repo, meta.get("accounts", []), root),
        "findings": site.findings_for(incident.path), "rules_url": root + "rules.html",
        "waivers": incident.meta.get("waivers", []),
    }
