"""Each interaction is first answered within its reply SLA.

Policy 5.1.1: important comments and messages are answered within
`reply_sla.important_hours` clock hours, general ones within
`reply_sla.general_business_days` working days of the account's market (its weekend and
public holidays; the reply is due by the end of the last working day, the day of receipt
not counted). A late reply is a warning on its row of the interactions log; so is one
still unanswered past its due time (`late: false` keeps only these: a late reply is
history that no change can fix). Breaches older than `max_age_days` stay in the
"Reply SLA" report without a finding each.

Fix: answer what is overdue and record `first_response` (and `responder`); a late reply
cannot be undone: correct the times if they are wrong, else it counts in the month's
compliance.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .base import Context, Example, Hit

if TYPE_CHECKING:  # imported when there are interactions to judge: the holidays library costs a check 40 ms
    from ..reports import sla

ID = "reply-sla"
SECTION = "5.1"
LEVEL = "warning"  # a breach is history by the time it is found: it must not block every commit after it
OPTIONS = {
    "max_age_days": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}], "default": 30,
                     "description": "Report breaches received within this many days of now; null for all."},
    "late": {"type": "boolean", "default": True,
             "description": "Report late replies too; false: only interactions still unanswered past their due time."},
}
_HEADER = "id,account,channel,priority,category,received,first_response,resolved,responder,escalated_to,post\n"
_FILE = "content/metrics/interactions/acme-de-instagram/2026-02.csv"
EXAMPLES = [
    Example("A general question answered on the next working day", {
        _FILE: _HEADER + "q1,acme-de-instagram,comment,general,question,2026-02-20T17:00:00+01:00,"
                         "2026-02-23T10:00:00+01:00,,,,\n"}, True),
    Example("An important complaint answered after 6 hours (the SLA is 4)", {
        _FILE: _HEADER + "c1,acme-de-instagram,dm,important,complaint,2026-02-20T09:00:00+01:00,"
                         "2026-02-20T15:00:00+01:00,,,,\n"}, False, (2,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    if not ctx.repo.metrics.files.get("interactions"):
        return
    from ..reports import sla

    oldest = ctx.now - timedelta(days=ctx.options["max_age_days"]) if ctx.options["max_age_days"] else None
    judgement = sla.Judgement(ctx.repo, ctx.now)
    try:
        breaches = judgement.breaches(since=oldest)
    finally:
        judgement.close()
    for item in reversed(breaches):  # oldest first, as the file reads
        if not ctx.reported(item.interaction.location.path):
            continue
        if item.outcome == sla.LATE and not ctx.options["late"]:
            continue
        yield _hit(item, judgement.sla)


def _hit(item: sla.Judged, limits: sla.Sla) -> Hit:
    from ..reports import sla

    interaction = item.interaction
    zone = interaction.account.timezone
    what = f"{interaction.priority} {interaction.category or 'interaction'} {interaction.id}"
    received = _local(interaction.received, zone)
    due = f"{_due(item, zone)} ({_allowed(item, limits)})"
    if item.outcome == sla.LATE:
        return Hit(interaction.location.path, interaction.location.line,
                   f"{what} received {received} was first answered {_local(interaction.first_response, zone)}, "
                   f"after its due time {due}",
                   "a late reply cannot be undone: if the times are wrong, correct them; "
                   "else it counts against the month's compliance")
    return Hit(interaction.location.path, interaction.location.line,
               f"{what} received {received} is unanswered; it was due {due}",
               "answer it, then record first_response and responder on this row")


def _allowed(item: sla.Judged, limits: sla.Sla) -> str:
    if item.interaction.priority == "important":
        return f"{limits.important_hours:g} hours, round the clock"
    return f"{limits.general_business_days} working days in {item.interaction.account.market}"


def _due(item: sla.Judged, zone: ZoneInfo | None) -> str:
    if item.interaction.priority == "important":
        return _local(item.due, zone)
    return f"the end of {(item.due.astimezone(zone) - timedelta(days=1)):%Y-%m-%d}"  # due at the next midnight


def _local(moment: datetime | None, zone: ZoneInfo | None) -> str:
    if moment is None:
        return ""
    return f"{moment.astimezone(zone):%Y-%m-%d %H:%M %Z}"
