"""A resolved incident says what was learnt.

Policy 7.3: a response plan improves with every incident. Once an incident's status is
`resolved`, its body has a `## Lessons` section of at least `min_words` words: what to
change so it does not happen again, or is handled faster. A line such as "none" or
"to be written" is not one.

Fix: write the Lessons section, and carry the change into the playbook.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit

ID = "incident-lessons"
SECTION = "7.3"
LEVEL = "error"
OPTIONS = {
    "min_words": {"type": "integer", "minimum": 1, "default": 8,
                  "description": "Fewer words than this is a placeholder, not a lesson."},
}
_INCIDENT = ("---\ntitle: Outage\nseverity: low\nstatus: resolved\nopened: 2026-02-20T09:00\n"
             "resolved: 2026-02-20T12:00\naccounts: [acme-us-x]\nowner: alice\n---\n## Summary\n\nThe scheduler stopped.\n")
EXAMPLES = [
    Example("Lessons written", {"content/incidents/2026-02-20-outage.md": _INCIDENT + "\n## Lessons\n\n"
                                "Check the scheduler's queue every morning before the first post goes out.\n"}, True),
    Example("Resolved without lessons", {"content/incidents/2026-02-20-outage.md": _INCIDENT}, False, (10,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for incident in ctx.repo.incidents:
        if incident.meta.get("status") != "resolved":
            continue
        words = len(incident.sections.get("lessons", "").split())
        if words < ctx.options["min_words"]:
            yield Hit(incident.path, incident.body_line,
                      "the incident is resolved but has no lessons" + (f" (the Lessons section has only {words} words)"
                                                                       if words else ""),
                      "add '## Lessons': what changes so it does not happen again, or is handled faster")
