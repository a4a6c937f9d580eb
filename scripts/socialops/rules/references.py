"""Names point at things that exist: accounts, campaigns, people, rules; post ids are unique.

A post's folder names its account, which must be in accounts.yaml; its `campaign` must
be a file in content/campaigns; its `author` a person in permissions.yaml. Campaign
owners and accounts, incident owners and accounts, the people and accounts of annual
plans, evaluation reports and market briefs, grants, sensitive approvers and the
permission reviewer must exist too, and a waiver must name a known rule. Post ids
(`<account>/<yyyy-mm-dd>-<slug>`) must be unique even when case is ignored, because
the site's URLs and some checkouts (macOS, Windows) are case-insensitive.

Fix: correct the name, or add the missing account, campaign or person first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..model.entities import Repository, post_id
from ..model.layout import ACCOUNTS, PERMISSIONS, campaign_path
from .base import Context, Example, Hit, post_file

ID = "references"
SECTION = "3.3.1"
LEVEL = "error"
OPTIONS: dict = {}
EXAMPLES = [
    Example("Known author and account", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice"), True),
    Example("Unknown author", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alicia"), False, (4,)),
    Example("Unknown campaign", post_file("publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\ncampaign: spring"), False, (5,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    repo = ctx.repo
    yield from _posts(repo, ctx.rule_ids)
    yield from _campaigns(repo)
    yield from _incidents(repo)
    yield from _plans_and_reports(repo)
    yield from _permissions(repo)


# The file that defines each kind of name: when it is unreadable, its one syntax finding
# stands for every name it would have defined, and no name is reported unknown.
_DEFINED_IN = {"account": ACCOUNTS, "person": PERMISSIONS, "person or team": PERMISSIONS}


def _defined_in_unreadable(repo: Repository, kind: str, name: str) -> bool:
    source = campaign_path(name) if kind == "campaign" else _DEFINED_IN.get(kind)
    return source in repo.unreadable


def _unknown(repo: Repository, path: str, line: int | None, kind: str, name: str, known: Iterable[str],
             detail: str = "") -> Iterator[Hit]:
    """A hit when `name` is not among the `known` names of its kind."""
    if name in known or _defined_in_unreadable(repo, kind, name):
        return
    yield Hit(path, line, f"unknown {kind} '{name}'{detail}", _hint(kind, name, known))


def _hint(kind: str, name: str, known: Iterable[str]) -> str:
    """The closest existing name (case first, then spelling), else the few there are."""
    from .. import suggest

    known = sorted(known)
    close = suggest.closest(name, known)
    if close:
        return suggest.did_you_mean(close)
    if 0 < len(known) <= _LISTED:
        return f"use one of the existing {kind}s ({', '.join(known)}), or add it first"
    return f"add it first, or use one of the existing {kind}s"


_LISTED = 8  # up to this many known names are listed in the hint


def _posts(repo: Repository, rule_ids: frozenset[str]) -> Iterator[Hit]:
    seen: dict[str, str] = {}
    for post in repo.posts:
        if post.account is None and post.account_id:
            yield from _unknown(repo, post.path, 1, "account", post.account_id, repo.accounts,
                                ": the post's folder must be an account id from accounts.yaml")
        if "campaign" in post.meta:
            yield from _unknown(repo, post.path, post.line("campaign"), "campaign", post.meta["campaign"], repo.campaigns)
        if "author" in post.meta:
            yield from _unknown(repo, post.path, post.line("author"), "person", post.meta["author"], repo.people)
        for index, waiver in enumerate(post.meta.get("waivers", [])):
            yield from _unknown(repo, post.path, post.line("waivers", index, "rule"), "rule", waiver["rule"], rule_ids)
    for post_path in repo.post_paths:
        key = post_id(post_path).lower()
        if key in seen:
            yield Hit(post_path, None, f"post id '{key}' is also used by {seen[key]}",
                      "give one of them another slug: ids must be unique per account, ignoring case")
        seen.setdefault(key, post_path)


def _campaigns(repo: Repository) -> Iterator[Hit]:
    for campaign in repo.campaigns.values():
        if "owner" in campaign.meta:
            yield from _unknown(repo, campaign.path, campaign.line("owner"), "person", campaign.meta["owner"], repo.people)
        for index, account_id in enumerate(campaign.meta.get("accounts", [])):
            yield from _unknown(repo, campaign.path, campaign.line("accounts", index), "account", account_id, repo.accounts)
        review = campaign.meta.get("legal_review", {})
        if "by" in review:
            yield from _unknown(repo, campaign.path, campaign.line("legal_review", "by"), "person", review["by"],
                                repo.people)


def _incidents(repo: Repository) -> Iterator[Hit]:
    for incident in repo.incidents:
        if "owner" in incident.meta:
            yield from _unknown(repo, incident.path, incident.line("owner"), "person", incident.meta["owner"], repo.people)
        for index, account_id in enumerate(incident.meta.get("accounts", [])):
            yield from _unknown(repo, incident.path, incident.line("accounts", index), "account", account_id, repo.accounts)


def _plans_and_reports(repo: Repository) -> Iterator[Hit]:
    """Owners and approvers of plans, reports and market briefs; the accounts their goals,
    results and actions name."""
    for document in (*repo.plans.values(), *repo.reports.values(), *repo.markets.values()):
        people = [(("owner",), document.meta.get("owner")), (("approved", "by"), document.meta.get("approved", {}).get("by"))]
        people += [(("actions", index, "owner"), action["owner"]) for index, action in enumerate(document.meta.get("actions", []))]
        for keys, handle in people:
            if handle is not None:
                yield from _unknown(repo, document.path, document.line(*keys), "person", handle, repo.people)
        for key in ("goals", "results"):
            for account_id in document.meta.get(key, {}).get("accounts", {}):
                yield from _unknown(repo, document.path, document.line(key, "accounts", account_id), "account",
                                    account_id, repo.accounts)


def _permissions(repo: Repository) -> Iterator[Hit]:
    lines, data = repo.permissions_lines, repo.permissions
    for team in repo.teams.values():
        for index, handle in enumerate(team.members):
            yield from _unknown(repo, PERMISSIONS, lines.line(("teams", team.id, "members", index)), "person", handle,
                                repo.people)
    people_or_teams = {**repo.people, **repo.teams}
    for account_id, grant in data.get("grants", {}).items():
        yield from _unknown(repo, PERMISSIONS, lines.line(("grants", account_id)), "account", account_id, repo.accounts)
        for duty, handles in grant.items():
            for index, handle in enumerate(handles):
                yield from _unknown(repo, PERMISSIONS, lines.line(("grants", account_id, duty, index)),
                                    "person or team", handle, people_or_teams)
    for index, handle in enumerate(data.get("sensitive_approvers", [])):
        yield from _unknown(repo, PERMISSIONS, lines.line(("sensitive_approvers", index)), "person or team", handle,
                            people_or_teams)
    reviewer = data.get("review", {}).get("by")
    if reviewer is not None:
        yield from _unknown(repo, PERMISSIONS, lines.line(("review", "by")), "person", reviewer, repo.people)
