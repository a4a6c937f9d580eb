"""Every incident follows a playbook, and every playbook has its steps, contacts and templates.

Policy 7.3: a monitoring and response plan, ready before it is needed. Each incident
kind has a playbook, content/playbooks/<kind>.md (an incident may name another with
`playbook:`). A playbook's body has the sections the option `sections` lists: the steps
in order, whom to call (platform support, legal, the director), and the statement
templates to start from.

Fix: give the incident its kind, or write the playbook the finding names.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.layout import playbook_path
from .base import Context, Example, Hit

ID = "incident-playbook"
SECTION = "7.3"
LEVEL = "error"
OPTIONS = {
    "sections": {"type": "array", "items": {"type": "string", "minLength": 1},
                 "default": ["steps", "contacts", "templates"],
                 "description": "The `##` sections every playbook has (compared ignoring case)."},
}
_INCIDENT = ("---\ntitle: Fake giveaway DMs\nkind: security\nseverity: low\nstatus: open\n"
             "opened: 2026-02-27T09:00\naccounts: [acme-us-x]\nowner: alice\n---\n## Summary\n\nFake DMs.\n")
_PLAYBOOK = ("---\ntitle: Security incidents\nowner: dana\n---\n## Steps\n\n1. Secure the account.\n\n"
             "## Contacts\n\n- Platform support: the ads manager's help centre\n\n## Templates\n\n"
             "> We will never ask you for money.\n")
EXAMPLES = [
    Example("Its kind has a playbook", {"content/incidents/2026-02-27-dms.md": _INCIDENT,
                                        "content/playbooks/security.md": _PLAYBOOK}, True),
    Example("No playbook for its kind", {"content/incidents/2026-02-27-dms.md": _INCIDENT}, False, (3,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    repo = ctx.repo
    for incident in repo.incidents:
        wanted = incident.playbook_id
        field = "playbook" if "playbook" in incident.meta else "kind"
        if (incident.path, field) in repo.invalid:
            continue  # the schema finding says what is wrong with it
        if wanted is None:
            yield Hit(incident.path, incident.line("title"), "the incident has no kind, so no playbook applies",
                      "add kind: security, public-opinion, platform or other")
        elif wanted not in repo.playbooks and playbook_path(wanted) not in repo.unreadable:
            yield Hit(incident.path, incident.line(field), f"no playbook for {field} {wanted}: "
                      f"{playbook_path(wanted)} does not exist",
                      f"write {playbook_path(wanted)} with its {', '.join(ctx.options['sections'])} sections")
    for playbook in repo.playbooks.values():
        for name in ctx.options["sections"]:
            if name.lower() not in playbook.sections:
                yield Hit(playbook.path, playbook.body_line, f"the playbook has no '## {name.title()}' section",
                          f"add a '## {name.title()}' section")
