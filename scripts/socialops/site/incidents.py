"""A page per incident (severity, status, when it was opened and resolved, the accounts, the
owner, its response step by step against the limits policy.yaml sets for its severity, the
playbook it follows, and the body's sections as the writer wrote them) and the list of
incidents, newest first. The body is writer Markdown, rendered as campaigns.render_markdown
renders plans."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ..model.entities import Incident
from ..rules.incident_response import escalates_to
from .campaigns import PLAN_LABELS, account_links, document_pages, moment
from .context import Output, Site
from .posts import Clock, Moment, labels, person_name, translated, up

SEVERITIES = ("critical", "high", "medium", "low")
SEVERITY_LABELS = {"critical": "critical", "high": "high", "medium": "medium", "low": "low"}


def pages(site: Site) -> dict[str, Output]:
    repo = site.repo
    t = {**labels(site), **translated(site, {**PLAN_LABELS, **SEVERITY_LABELS})}
    clock = Clock(site.language)
    return document_pages(site, "incidents", sorted(repo.incidents, key=_newest_first), "incident.md.j2",
                          lambda incident, page: _view(site, incident, page, t, clock), t,
                          playbooks_url="../playbooks/index.html")


@dataclass
class Step:
    """One row of the response timeline: what was done, when, how long after detection,
    the limit it had (if any) and whether it kept it: ok, late, due (not yet, within its
    time), overdue (not done, time is up) or none (no limit)."""

    label: str
    when: Moment | None
    after: str = ""
    limit: str = ""
    state: str = "none"
    detail: str = ""
    url: str | None = None
    link_text: str = ""


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
        "steps": _steps(site, incident, root, clock), "limits": _limits(site, incident),
        "playbook": _playbook_link(site, incident, root),
        "waivers": incident.meta.get("waivers", []),
    }


def _limits(site: Site, incident: Incident) -> dict | None:
    severity = incident.meta.get("severity")
    if not isinstance(severity, str):
        return None
    limits = site.repo.policy.incident_response(severity)
    if "acknowledge_hours" not in limits:
        return None  # a severity the schema refused
    # every key the template reads, escalate_hours being optional
    return {"acknowledge_hours": limits["acknowledge_hours"], "escalate_hours": limits.get("escalate_hours"),
            "escalate_to": limits.get("escalate_to", "")}


def _playbook_link(site: Site, incident: Incident, root: str) -> dict | None:
    """The playbook the incident follows: its page, or its id when it does not exist."""
    wanted = incident.playbook_id
    if wanted is None:
        return None
    playbook = site.repo.playbooks.get(wanted)
    title = playbook.meta.get("title", wanted) if playbook else wanted
    return {"id": wanted, "title": title, "url": f"{root}playbooks/{wanted}.html" if playbook else None}


def _steps(site: Site, incident: Incident, root: str, clock: Clock) -> list[Step]:
    """The response in the order the policy asks for it, each against its limit."""
    _ = site.gettext
    start, severity = incident.detected, incident.meta.get("severity")
    limits = site.repo.policy.incident_response(severity) if isinstance(severity, str) else {}
    detected = Step(_("Detected"), moment(clock, start),
                    detail="" if incident.time("detected") else _("the time it was opened"))
    acknowledged = _timed(site, clock, _("Acknowledged"), incident.time("acknowledged"), start,
                          limits.get("acknowledge_hours"), incident)
    return [detected, acknowledged, _escalation(site, incident, clock, limits), *_reports(site, incident, clock),
            *_appeal(site, incident, clock), *_statement(site, incident, root, clock),
            _timed(site, clock, _("Resolved"), incident.resolved, start, None, incident)]


def _escalation(site: Site, incident: Incident, clock: Clock, limits: dict) -> Step:
    _ = site.gettext
    step = _timed(site, clock, _("Escalated"), incident.time("escalated"), incident.detected,
                  limits.get("escalate_hours"), incident)
    handle, target = incident.meta.get("escalated_to"), limits.get("escalate_to")
    if isinstance(handle, str):
        step.detail = _("to %(person)s") % {"person": person_name(site.repo, handle) or handle}
        if target and not escalates_to(site.repo, handle, target):
            step.detail += " " + _("(the policy names %(target)s)") % {"target": target}
    return step


def _reports(site: Site, incident: Incident, clock: Clock) -> list[Step]:
    _ = site.gettext
    steps = []
    for index, report in enumerate(incident.meta.get("platform_reports", [])):
        detail = _("ticket %(ticket)s") % {"ticket": report.get("ticket", "")}
        if report.get("outcome"):
            detail += f": {report['outcome']}"
        steps.append(_timed(site, clock, _("Reported to the platform"), incident.time("platform_reports", index, "reported"),
                            incident.detected, None, incident, detail))
    return steps


def _appeal(site: Site, incident: Incident, clock: Clock) -> list[Step]:
    _ = site.gettext
    appeal = incident.meta.get("appeal")
    if not isinstance(appeal, dict):
        return []
    outcomes = {"pending": _("pending"), "granted": _("granted"), "denied": _("denied"), "withdrawn": _("withdrawn")}
    detail = _("outcome: %(outcome)s") % {"outcome": outcomes.get(appeal.get("outcome"), "-")}
    if appeal.get("ticket"):
        detail = _("ticket %(ticket)s") % {"ticket": appeal["ticket"]} + ", " + detail
    steps = [_timed(site, clock, _("Appeal filed"), incident.time("appeal", "filed"), incident.detected, None, incident,
                    detail)]
    if incident.time("appeal", "decided"):
        steps.append(_timed(site, clock, _("Appeal decided"), incident.time("appeal", "decided"), incident.detected,
                            None, incident))
    return steps


def _statement(site: Site, incident: Incident, root: str, clock: Clock) -> list[Step]:
    """The public statement's post, linked, at the time it was (to be) published."""
    _ = site.gettext
    wanted = incident.meta.get("statement")
    if not isinstance(wanted, str):
        return []
    post = next((post for post in site.repo.posts if post.id.lower() == wanted.lower()), None)
    step = _timed(site, clock, _("Public statement"), post.publish_at if post else None, incident.detected, None, incident)
    if post:
        step.url, step.link_text = f"{root}posts/{post.id}.html", post.id
    else:
        step.detail = _("no post has the id %(id)s") % {"id": wanted}
    return [step]


def _timed(site: Site, clock: Clock, label: str, when: datetime | None, start: datetime | None, hours: float | None,
           incident: Incident, detail: str = "") -> Step:
    _ = site.gettext
    step = Step(label, moment(clock, when), detail=detail)
    if when is not None and start is not None:
        step.after = duration(site, when - start)
    if hours is None:
        return step
    step.limit = _("within %(hours)s h") % {"hours": f"{hours:g}"}
    if when is not None and start is not None:
        step.state = "late" if when - start > timedelta(hours=hours) else "ok"
    elif start is not None and incident.meta.get("status") != "resolved":
        step.state = "overdue" if site.now - start > timedelta(hours=hours) else "due"
    return step


def duration(site: Site, span: timedelta) -> str:
    """A span in days, hours and minutes, in the interface language."""
    _ = site.gettext
    minutes = max(0, int(span.total_seconds() // 60))
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return _("%(days)s d %(hours)s h") % {"days": days, "hours": hours}
    return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": minutes}
