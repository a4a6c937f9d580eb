"""An improvement action of an evaluation report is done by its due date.

Policy 6.4: adjust the strategy and track the improvements. Each action in a
report's `actions` has an owner, a due date and a status; one still `open` after its
due date is reported until it is done or given a new date (and the reason written in
the report). A `done` action records the day it was done.

Fix: do the action and set `status: done` with `done: <date>`, or agree a new due date.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..model.entities import Report
from ..model.schema import parse_date
from .base import Context, Example, Hit

ID = "improvement-actions"
SECTION = "6.4"
LEVEL = "warning"
OPTIONS: dict = {}
_REPORT = """---
title: 2026 Q1
owner: dana
actions:
  - {action: Answer DMs on weekends, owner: alice, due: 2026-04-30, status: open}
---
## Findings

Weekend DMs waited two days.
"""
EXAMPLES = [
    Example("Open, not yet due", {"content/reports/2026-q1.md": _REPORT}, True, now="2026-04-20T00:00:00Z"),
    Example("Open past its due date", {"content/reports/2026-q1.md": _REPORT}, False, (5,), now="2026-05-02T00:00:00Z"),
]


def check(ctx: Context) -> Iterator[Hit]:
    today = ctx.now.astimezone(ctx.repo.policy.hq_timezone).date()
    for report in ctx.repo.reports.values():
        yield from _actions(report, today)


def _actions(report: Report, today: date) -> Iterator[Hit]:
    for index, action in enumerate(report.meta.get("actions", [])):
        line = report.line("actions", index)
        if action["status"] == "done":
            if "done" not in action:
                yield Hit(report.path, line, f"the action '{action['action']}' is done but says not when",
                          "add done: <the day it was done>")
            continue
        due = parse_date(action["due"])
        if due < today:
            yield Hit(report.path, line,
                      f"the action '{action['action']}' ({action['owner']}) was due on {due} and is still open",
                      "finish it and set status: done with done: <date>, or agree a new due date")
