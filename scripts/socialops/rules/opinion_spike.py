"""A spike of negative mentions in a market is met by an incident.

Policy 7.3: watch public opinion and react fast. Mentions (content/metrics/mentions/)
are scored for sentiment where their language has an offline scorer (English, Portuguese;
see the "Public opinion" page). A day is a spike when a market has at least `min_count`
negative mentions and more than the mean + `sigmas` standard deviations of the
`window_days` days before it. A spike gets a finding on its first negative mention's row
unless an incident about one of the market's accounts was opened from
`incident_days_before` days before the spike to its last day. Spikes older than
`max_age_days` stay on the page without a finding.

Fix: read the mentions, then open an incident (content/incidents/) for the market's
accounts and follow its playbook; or tune the options when the spike is noise.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import TYPE_CHECKING

from ..model.entities import Repository
from .base import Context, Example, Hit

if TYPE_CHECKING:  # imported when there are mentions to read
    from ..reports import opinion

ID = "opinion-spike"
SECTION = "7.3"
LEVEL = "warning"
OPTIONS = {
    "window_days": {"type": "integer", "minimum": 7, "default": 28,
                    "description": "Days before a day that make its baseline."},
    "sigmas": {"type": "number", "minimum": 0, "default": 3,
               "description": "Standard deviations above the baseline's mean that make a spike."},
    "min_count": {"type": "integer", "minimum": 1, "default": 5,
                  "description": "Fewest negative mentions in a day that can be a spike."},
    "min_history_days": {"type": "integer", "minimum": 1, "default": 14,
                         "description": "Days of mentions a market needs before its spikes are judged."},
    "incident_days_before": {"type": "integer", "minimum": 0, "default": 3,
                             "description": "An incident opened this many days before a spike still covers it."},
    "max_age_days": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}], "default": 30,
                     "description": "Report spikes that ended within this many days of now; null for all."},
}
_HEADER = "id,date,platform,market,url,text,reach\n"
_CALM = "Lovely lamp and the light is warm and the quality is great"
_ANGRY = "Terrible scam and awful support and the lamp broke and I hate this"
_BASELINE = "".join(f"m{day},2026-02-{day:02d},x,US,,{_CALM},10\n" for day in range(1, 21))
EXAMPLES = [
    Example("Twenty calm days", {"content/metrics/mentions/US/2026-02.csv": _HEADER + _BASELINE}, True),
    Example("Six angry mentions on a day after twenty calm ones", {
        "content/metrics/mentions/US/2026-02.csv": _HEADER + _BASELINE
        + "".join(f"n{number},2026-02-21,x,US,,{_ANGRY},10\n" for number in range(6))}, False, (22,)),
]


def settings(options: dict) -> opinion.SpikeSettings:
    from ..reports import opinion

    return opinion.SpikeSettings(options["window_days"], options["sigmas"], options["min_count"],
                                 options["min_history_days"])


def check(ctx: Context) -> Iterator[Hit]:
    if not ctx.repo.metrics.files.get("mentions"):
        return
    from ..reports import opinion

    oldest = ctx.now.date() - timedelta(days=ctx.options["max_age_days"]) if ctx.options["max_age_days"] else None
    for spike in opinion.spikes(ctx.repo, settings=settings(ctx.options)):
        if not ctx.reported(spike.first_location.path) or (oldest is not None and spike.last < oldest):
            continue
        if covering_incident(ctx.repo, spike, ctx.options["incident_days_before"]) is None:
            yield _hit(spike, ctx.options)


def covering_incident(repo: Repository, spike: opinion.Spike, days_before: int) -> str | None:
    """The id of an incident about one of the market's accounts opened from `days_before`
    days before the spike to its last day, if there is one."""
    accounts = {account_id for account_id, account in repo.accounts.items() if account.market == spike.market}
    for incident in repo.incidents:
        if incident.opened is None or not accounts & set(_names(incident.meta.get("accounts"))):
            continue
        opened: date = incident.opened.date()
        if spike.first - timedelta(days=days_before) <= opened <= spike.last:
            return incident.id
    return None


def _names(value: object) -> list[str]:
    return [name for name in value if isinstance(name, str)] if isinstance(value, list) else []


def _hit(spike: opinion.Spike, options: dict) -> Hit:
    span = f"{spike.first}" if spike.first == spike.last else f"{spike.first} to {spike.last}"
    return Hit(spike.first_location.path, spike.first_location.line,
               f"{spike.market}: a spike of negative mentions ({span}, {spike.peak} on {spike.peak_day}); "
               f"the {options['window_days']} days before averaged {spike.mean:.1f} a day, a spike is above "
               f"{spike.threshold:.1f}, and no incident about {spike.market}'s accounts was opened",
               "read the mentions on the Public opinion page, then open an incident (content/incidents/) "
               "for the market's accounts and follow its playbook")
