"""An incident records its response: when it was detected, who took charge, to whom it went up, what was said.

Policy 3.2.4 (a banned or stolen account is appealed, handled and reported upward) and
7.3 (a response plan, a fast reaction). An incident's front matter records the steps:
`detected`; once resolved also `acknowledged`, `escalated_to`, `escalated` and
`resolved`. The person escalated to holds the role (or is the person) policy.yaml's
`incident_response` names for the severity. A public `statement` names a post that
exists. An open incident on a suspended account records its `appeal`. The body has the
sections the option `sections` lists (a resolved one its lessons too: incident-lessons).

Fix: add the missing fields or sections; see content/playbooks/<kind>.md for the steps.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.entities import Incident, Repository
from .base import Context, Example, Hit

ID = "incident-response"
SECTION = "7.3"
LEVEL = "error"
OPTIONS = {
    "sections": {"type": "array", "items": {"type": "string", "minLength": 1}, "default": ["summary", "response"],
                 "description": "The `##` sections every incident's body has (compared ignoring case)."},
    "required": {"type": "array", "items": {"enum": ["detected", "acknowledged", "escalated_to", "escalated"]},
                 "default": ["detected"], "description": "Response fields every incident has from the start."},
    "required_when_resolved": {"type": "array",
                               "items": {"enum": ["detected", "acknowledged", "escalated_to", "escalated", "resolved"]},
                               "default": ["detected", "acknowledged", "escalated_to", "escalated", "resolved"],
                               "description": "Response fields a resolved incident has."},
}
_INCIDENT = ("---\ntitle: Fake giveaway DMs\nkind: security\nseverity: medium\nstatus: resolved\n"
             "opened: 2026-02-20T09:30\nresolved: 2026-02-21T18:00\naccounts: [acme-us-x]\nowner: alice\n"
             "detected: 2026-02-20T09:20\nacknowledged: 2026-02-20T09:40\n{escalation}---\n"
             "## Summary\n\nFake accounts sent DMs in our name.\n\n## Response\n\nReported them.\n\n"
             "## Lessons\n\nSay in every giveaway post that we never ask for money.\n")
EXAMPLES = [
    Example("Escalated to the director", {"content/incidents/2026-02-20-dms.md": _INCIDENT.format(
        escalation="escalated_to: dana\nescalated: 2026-02-20T10:00\n")}, True),
    Example("Resolved, never escalated", {"content/incidents/2026-02-20-dms.md": _INCIDENT.format(escalation="")},
            False, (5,)),
]
STEPS = {"detected": "when it was detected", "acknowledged": "when someone took charge",
         "escalated_to": "who it was escalated to", "escalated": "when it was escalated",
         "resolved": "when it was resolved"}


def check(ctx: Context) -> Iterator[Hit]:
    for incident in ctx.repo.incidents:
        if not ctx.reported(incident.path):
            continue
        yield from _missing_steps(ctx, incident)
        yield from _missing_sections(ctx, incident)
        yield from _escalation(ctx.repo, incident)
        yield from _statement(ctx.repo, incident)
        yield from _appeal(ctx.repo, incident)


def _missing_steps(ctx: Context, incident: Incident) -> Iterator[Hit]:
    resolved = incident.meta.get("status") == "resolved"
    wanted = dict.fromkeys([*ctx.options["required"], *(ctx.options["required_when_resolved"] if resolved else [])])
    for field in wanted:
        if field in incident.meta or (incident.path, field) in ctx.repo.invalid:
            continue  # there, or there but invalid (the schema finding says why)
        when = "a resolved incident records" if resolved and field not in ctx.options["required"] else "record"
        yield Hit(incident.path, incident.line("status"), f"{field} is missing: {when} {STEPS[field]}",
                  f"add '{field}: ...' to the front matter" + (" (a date-time, e.g. 2026-03-02T09:20)"
                                                               if field != "escalated_to" else " (a GitHub handle)"))


def _missing_sections(ctx: Context, incident: Incident) -> Iterator[Hit]:
    for name in ctx.options["sections"]:
        if name.lower() not in incident.sections:
            yield Hit(incident.path, incident.body_line, f"the '## {name.title()}' section is missing",
                      f"add a '## {name.title()}' section to the body")


def _escalation(repo: Repository, incident: Incident) -> Iterator[Hit]:
    handle, severity = incident.meta.get("escalated_to"), incident.meta.get("severity")
    if not isinstance(handle, str) or not isinstance(severity, str):
        return
    person = repo.people.get(handle)
    if person is None:
        yield Hit(incident.path, incident.line("escalated_to"), f"escalated_to: {handle} is not in permissions.yaml",
                  "name a person listed under people: in permissions.yaml")
        return
    target = repo.policy.incident_response(severity).get("escalate_to")
    if not target or escalates_to(repo, handle, target):
        return
    yield Hit(incident.path, incident.line("escalated_to"),
              f"a {severity} incident escalates to {target} (policy.yaml incident_response), not to {handle}",
              f"escalate to {_who(repo, target)} and record them in escalated_to")


def escalates_to(repo: Repository, handle: str, target: str) -> bool:
    """Whether the person is the policy's escalation target: that person, a member of that
    team, or someone with that role."""
    person = repo.people.get(handle)
    if target in repo.people or target in repo.teams:
        return handle in repo.members([target])
    return person is not None and target in person.roles


def _who(repo: Repository, target: str) -> str:
    if target in repo.people or target in repo.teams:
        return ", ".join(repo.members([target]))
    holders = sorted(handle for handle, person in repo.people.items() if target in person.roles)
    return f"a {target} ({', '.join(holders)})" if holders else f"a {target} (nobody in permissions.yaml has that role)"


def _statement(repo: Repository, incident: Incident) -> Iterator[Hit]:
    wanted = incident.meta.get("statement")
    if isinstance(wanted, str) and incident.statement_path is None:
        yield Hit(incident.path, incident.line("statement"), f"statement: no post has the id {wanted}",
                  "give the statement post's id: its account folder and file name without .md, "
                  "e.g. acme-us-x/2026-03-02-notice")


def _appeal(repo: Repository, incident: Incident) -> Iterator[Hit]:
    if "appeal" in incident.meta or (incident.path, "appeal") in repo.invalid or not incident.is_open:
        return
    for account_id in incident.meta.get("accounts", []):
        account = repo.accounts.get(account_id)
        if account is not None and account.status == "suspended":
            yield Hit(incident.path, incident.line("accounts"),
                      f"{account_id} is suspended and the incident records no appeal",
                      "appeal to the platform, then add appeal: {filed: <date-time>, ticket: ..., outcome: pending}")
