"""A waiver is a justified, visible exception: it must name a rule that fired.

A post may carry `waivers: [{rule: <id>, reason: <why>}]`. The finding it covers is
still listed (as info, with the reason), the site shows it, and the pull request is
routed to a director. A waiver that covers nothing is stale and reported (on a post
not yet published: once live, a waiver is the record of the exception); the loader's
own rules (syntax, schema) and this one cannot be waived.

Fix: remove the stale waiver, or correct its rule id.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit, post_file

ID = "waivers"
SECTION = "3.3.2"
LEVEL = "warning"
OPTIONS: dict = {}
UNWAIVABLE = ("syntax", "schema", ID)
EXAMPLES = [
    Example("Waiver that covers a finding",
            post_file("publish_at: 2026-03-02T23:30\nstatus: scheduled\nauthor: alice\nwaivers:\n"
                      "  - rule: cadence\n    reason: Live coverage of the launch event in Las Vegas."), True),
    Example("Waiver that covers nothing",
            post_file("publish_at: 2026-03-02T09:00\nstatus: scheduled\nauthor: alice\nwaivers:\n"
                      "  - rule: cadence\n    reason: Live coverage of the launch event in Las Vegas."), False, (6,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        for index, waiver in enumerate(post.meta.get("waivers", [])):
            if waiver["rule"] in UNWAIVABLE:
                yield Hit(post.path, post.line("waivers", index, "rule"), f"the rule '{waiver['rule']}' cannot be waived",
                          "fix the problem instead")


def unused(post_path: str, line: int, rule: str) -> Hit:
    return Hit(post_path, line, f"the waiver for '{rule}' covers no finding", "remove the stale waiver")
