"""An ended campaign is evaluated within the policy's deadline.

Policy 5.2.4: after an activity, evaluate participants, interaction and feedback.
Once `end` plus `intervals.campaign_evaluation_days` (policy.yaml) has passed, the
plan needs an `## Evaluation` section of at least `min_words` words: goals against
results, what worked, what to change. A line such as "to be written" is not one. Each
of the campaign's `goals` is named in it with its result, on one line: the goal's KPI
id (`follower_growth`, or written `follower growth`, or the KPI's name) and a figure,
e.g. "- Follower growth: 1,930 (goal 1,500)".

Fix: write the evaluation section, with a line per goal.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from ..model.entities import Campaign, heading_lines
from ..reports.kpis import KPIS
from .base import Context, Example, Hit

ID = "campaign-evaluation"
SECTION = "5.2.4"
LEVEL = "error"
OPTIONS = {
    "min_words": {"type": "integer", "minimum": 1, "default": 20,
                  "description": "Fewer words than this is a placeholder, not an evaluation."},
}
_PLAN = """---
title: Winter Q&A
type: qa
owner: dana
start: 2026-01-10T09:00
end: 2026-01-20T18:00
accounts: [acme-us-x]
---
## Theme

Questions about the new speaker.
"""
EXAMPLES = [
    Example("Evaluated", {"content/campaigns/winter.md": _PLAN + "\n## Evaluation\n\n" + " ".join(["result"] * 25) + "\n"},
            True),
    Example("A goal without its result", {"content/campaigns/winter.md": _PLAN.replace(
        "accounts: [acme-us-x]", "accounts: [acme-us-x]\ngoals: {engagements: 900}") + "\n## Evaluation\n\n"
        + " ".join(["result"] * 25) + "\n"}, False, (14,)),
    Example("Ended five weeks ago, no evaluation", {"content/campaigns/winter.md": _PLAN}, False, (9,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    days = ctx.repo.policy.interval("campaign_evaluation_days", 14)
    for campaign in ctx.repo.campaigns.values():
        if campaign.end is None or campaign.end + timedelta(days=days) > ctx.now:
            continue
        evaluation = campaign.sections.get("evaluation", "")
        words = len(evaluation.split())
        if words < ctx.options["min_words"]:
            due = (campaign.end + timedelta(days=days)).date()
            yield Hit(campaign.path, campaign.body_line,
                      f"the campaign ended on {campaign.end.date()} and its evaluation was due on {due}"
                      + (f"; the evaluation has only {words} words" if words else ""),
                      "add '## Evaluation': goals against results, participation, interaction, feedback, lessons")
        else:
            yield from _uncovered_goals(campaign, evaluation)


def _uncovered_goals(campaign: Campaign, evaluation: str) -> Iterator[Hit]:
    """A hit for each goal the evaluation does not give a result for."""
    lines = [line.casefold() for line in evaluation.split("\n") if any(char.isdigit() for char in line)]
    line = heading_lines(campaign.body, campaign.body_line).get("evaluation", campaign.body_line)
    for goal, target in campaign.meta.get("goals", {}).items():
        names = _names(goal)
        if not any(name in text for text in lines for name in names):
            yield Hit(campaign.path, line, f"the evaluation gives no result for the goal {goal} ({target:g})",
                      f"add a line with the goal and its result, e.g. '- {goal}: <result> (goal {target:g})'")


def _names(goal: str) -> set[str]:
    """How an evaluation may name a goal: its id, the id with spaces, the KPI's name."""
    names = {goal.casefold(), goal.replace("_", " ").casefold()}
    if goal in KPIS:
        names.add(KPIS[goal].name.casefold())
    return names
