"""An incident is acknowledged and escalated within the hours its severity allows.

Policy 3.2.4 and 7.3: react fast and report upward. policy.yaml's `incident_response`
sets, per severity, `acknowledge_hours` and `escalate_hours` counted from `detected`
(else `opened`). A step taken late is a finding on its line; a step not taken once
its time is up is a finding on the incident's status. A step recorded before the
incident was detected is a finding too: one of the times is wrong.

Fix: record the step's real time; when a limit was missed, say why in the Response
section; a director may accept it with a waiver.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

from ..model.entities import Incident
from .base import Context, Example, Hit

ID = "incident-timing"
SECTION = "3.2.4"
LEVEL = "error"
OPTIONS: dict = {}
_INCIDENT = ("---\ntitle: Hacked post on X\nkind: security\nseverity: high\nstatus: open\n"
             "opened: 2026-02-28T09:00\naccounts: [acme-us-x]\nowner: alice\ndetected: 2026-02-28T08:50\n"
             "acknowledged: {ack}\nescalated_to: dana\nescalated: 2026-02-28T11:00\n---\n## Summary\n\nText.\n")
EXAMPLES = [
    Example("Acknowledged in 25 minutes", {"content/incidents/2026-02-28-x.md": _INCIDENT.format(ack="2026-02-28T09:15")},
            True),
    Example("Acknowledged after 5 hours, high allows 2",
            {"content/incidents/2026-02-28-x.md": _INCIDENT.format(ack="2026-02-28T13:50")}, False, (10,)),
]
STEPS = (("acknowledged", "acknowledge_hours"), ("escalated", "escalate_hours"))  # field, its limit in policy.yaml


def check(ctx: Context) -> Iterator[Hit]:
    for incident in ctx.repo.incidents:
        severity = incident.meta.get("severity")
        start = incident.detected
        if not ctx.reported(incident.path) or start is None or not isinstance(severity, str):
            continue
        limits = ctx.repo.policy.incident_response(severity)
        for field, limit_name in STEPS:
            yield from _step(ctx, incident, start, field, limits.get(limit_name), f"a {severity} incident")
        yield from _before_detection(incident, start)


def _step(ctx: Context, incident: Incident, start: datetime, field: str, hours: float | None,
          what: str) -> Iterator[Hit]:
    """A step (acknowledged, escalated) taken later than `hours` after detection, or not
    taken while its time is up."""
    taken = incident.time(field)
    if hours is None:
        return
    limit = timedelta(hours=hours)
    if taken is not None:
        if taken - start > limit:
            yield Hit(incident.path, incident.line(field),
                      f"{field} {elapsed(taken - start)} after detection; {what} is {field} within {hours:g} hours "
                      "(policy.yaml incident_response)",
                      "check the time and its zone; if it is right, say why in the Response section and ask a "
                      "director to accept it with a waiver of incident-timing")
        return
    if ((incident.path, field) in ctx.repo.invalid or incident.meta.get("status") == "resolved"
            or ctx.now - start <= limit):
        return  # invalid (the schema says why), resolved (incident-response asks for the field) or not due yet
    yield Hit(incident.path, incident.line("status"),
              f"not {field} {elapsed(ctx.now - start)} after detection; {what} is {field} within {hours:g} hours",
              f"{'take charge' if field == 'acknowledged' else 'escalate it'} now and record {field}: <date-time>")


def _before_detection(incident: Incident, start: datetime) -> Iterator[Hit]:
    for keys, moment in sorted(incident.times.items(), key=lambda item: item[1]):
        if keys != ("detected",) and moment < start:
            name = ".".join(str(key) for key in keys)
            yield Hit(incident.path, incident.line(*keys), f"{name} is before the incident was detected "
                      f"({start.isoformat(timespec='minutes')})", "check both times and their time zone")


def elapsed(span: timedelta) -> str:
    """A duration in words: '25 minutes', '5 hours 10 minutes', '3 days 2 hours'."""
    minutes = int(span.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    parts = [(days, "day"), (hours, "hour")] if days else [(hours, "hour"), (minutes, "minute")]
    words = [f"{count} {unit}{'' if count == 1 else 's'}" for count, unit in parts if count]
    return " ".join(words) or "0 minutes"
