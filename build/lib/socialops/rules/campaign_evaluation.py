"""An ended campaign is evaluated within the policy's deadline.

Policy 5.2.4: after an activity, evaluate participants, interaction and feedback.
Once `end` plus `intervals.campaign_evaluation_days` (policy.yaml) has passed, the
plan needs an `## Evaluation` section of at least `min_words` words: goals against
results, what worked, what to change. A line such as "to be written" is not one.

Fix: write the evaluation section.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

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
