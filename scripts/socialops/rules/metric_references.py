"""What metric rows name exists: the account or market, the post, the responder, the person escalated to.

Policy 6.2 and 5.1: numbers are only worth reporting when they belong to something.
A metric file's folder is an account of accounts.yaml (a market of its accounts for
mentions); a post id (`<account>/<yyyy-mm-dd-slug>`) is a post file; only a published
post has numbers, none dated before its publish day; a `platform_post_id` is the id
in the post's `published_url`; an interaction's responder is among the account's
`responders` in permissions.yaml, and `escalated_to` is a person there.

Fix: correct the id or handle (the hint names the closest one), or add the missing
account, post or person first. A file with a finding is left out of the reports.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.layout import ACCOUNTS, PERMISSIONS
from .base import Context, Example, Hit, load_problems

ID = "metric-references"
SECTION = "6.2"
LEVEL = "error"
OPTIONS: dict = {}
NEEDS = (ACCOUNTS, PERMISSIONS)
_HEADER = ("id,account,channel,priority,category,received,first_response,resolved,responder,escalated_to,post\n")
_PATH = "content/metrics/interactions/acme-us-x/2026-02.csv"
EXAMPLES = [
    Example("Answered by a responder", {
        _PATH: _HEADER + "c1,acme-us-x,comment,general,question,2026-02-02T10:00:00-05:00,"
                         "2026-02-02T11:00:00-05:00,,alice,,\n",
        "permissions.yaml": "people:\n  alice: {name: Alice, roles: [content]}\n  dana: {name: Dana, roles: [director]}\n"
                            "grants:\n  acme-us-x: {writers: [alice], reviewers: [dana], responders: [alice]}\n"}, True),
    Example("Answered by someone else", {
        _PATH: _HEADER + "c1,acme-us-x,comment,general,question,2026-02-02T10:00:00-05:00,"
                         "2026-02-02T11:00:00-05:00,,dana,,\n",
        "permissions.yaml": "people:\n  alice: {name: Alice, roles: [content]}\n  dana: {name: Dana, roles: [director]}\n"
                            "grants:\n  acme-us-x: {writers: [alice], reviewers: [dana], responders: [alice]}\n"}, False, (2,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    return load_problems(ctx, ID)
