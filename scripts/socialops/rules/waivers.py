"""A waiver is a justified, visible exception: it must name a rule that fired.

A post, a campaign, an incident or an account may carry
`waivers: [{rule: <id>, reason: <why>}]`. The finding it covers -- on the post's,
campaign's or incident's file, or on the account's lines of accounts.yaml -- is still
listed (as info, with the reason), the site shows it, and the pull request is routed
to a director. A waiver that covers nothing is stale and reported while it can still
matter (a post not yet published, a campaign not yet over, an incident not resolved,
an account not retired: after that a waiver is the record of the exception); the
loader's own rules (syntax, schema) and this one cannot be waived.

Fix: remove the stale waiver, or correct its rule id.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import partial

from ..model.entities import Account, Document, Repository
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


@dataclass(frozen=True)
class Holder:
    """Something that carries waivers: a post, campaign, incident or account."""

    path: str
    waivers: list[dict]
    line: Callable[[int], int]  # the line of its waiver at an index
    span: range | None  # the lines of `path` it covers (an account's block); None: the whole file
    settled: bool  # its waivers are now the record of an exception: not reported as stale

    def covers(self, line: int | None) -> bool:
        return self.span is None or (line is not None and line in self.span)


def holders(repo: Repository, now: datetime) -> list[Holder]:
    """Everything in the repository that carries waivers, with what each covers."""
    found = [Holder(post.path, post.meta["waivers"], partial(_line, post), None,
                    post.status == "published" or post.account is None)
             for post in repo.posts if post.meta.get("waivers")]  # few posts have one: 10,000 make no holder
    found += [Holder(plan.path, plan.meta.get("waivers", []), partial(_line, plan), None,
                     plan.end is not None and plan.end < now) for plan in repo.campaigns.values()]
    found += [Holder(incident.path, incident.meta.get("waivers", []), partial(_line, incident), None,
                     incident.meta.get("status") == "resolved") for incident in repo.incidents]
    starts = sorted((account.line(), account.id) for account in repo.accounts.values())
    ends = [line for line, _ in starts[1:]] + [sys.maxsize] * bool(starts)  # each block ends where the next starts
    for (start, account_id), end in zip(starts, ends, strict=True):
        account = repo.accounts[account_id]
        found.append(Holder(account.path, account.data.get("waivers", []), partial(_line, account),
                            range(start, end), account.status == "retired"))
    return [holder for holder in found if holder.waivers]


def _line(holder: Document | Account, index: int) -> int:
    return holder.line("waivers", index, "rule")


def check(ctx: Context) -> Iterator[Hit]:
    for holder in holders(ctx.repo, ctx.now):
        for index, waiver in enumerate(holder.waivers):
            if waiver["rule"] in UNWAIVABLE:
                yield Hit(holder.path, holder.line(index), f"the rule '{waiver['rule']}' cannot be waived",
                          "fix the problem instead")


def unused(path: str, line: int, rule: str) -> Hit:
    return Hit(path, line, f"the waiver for '{rule}' covers no finding", "remove the stale waiver")
