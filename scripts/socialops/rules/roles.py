"""People act within their roles: grants, authors, owners and post languages match.

Policy 2.2 and 3.3.1: each role has its duties, and each account's permissions are
given by role. In permissions.yaml, writers need the `content` role, reviewers `content`
or `director`, publishers `publishing`, responders `community`, and sensitive approvers
`director` (a team's members each need the role). A post's `author` is one of its
account's writers, or a director; a campaign's `owner` is a director or has `content`;
an incident's `owner` is a director or has `community`; an evaluation report's
a director or has `analytics`; a market brief's a director or has `content`; an
annual plan is owned and approved by directors. A post's `language` is one of
its account's `languages` in accounts.yaml (BCP 47 tags, compared ignoring case).
A published or cancelled post is the record of what happened and is left as it is.

Fix: add the role to the person in permissions.yaml, or give the duty to someone who
has it; write the post as one of the account's writers, in one of its languages.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.entities import Document, Post, Repository
from ..model.layout import PERMISSIONS
from .base import Context, Example, Hit, post_file

ID = "roles"
SECTION = "2.2"
LEVEL = "error"
OPTIONS: dict = {}
NEEDS = (PERMISSIONS,)
# duty in a grant -> (the roles that may do it, how the message says it)
DUTIES = {
    "writers": (("content",), "writes for"),
    "reviewers": (("content", "director"), "reviews for"),
    "publishers": (("publishing",), "publishes for"),
    "responders": (("community",), "answers for"),
}
OWNERS = {"campaign": ("director", "content"), "incident": ("director", "community"),
          "evaluation report": ("director", "analytics"), "market brief": ("director", "content")}
_POST = "publish_at: 2026-03-02T09:00\nstatus: draft\n"
EXAMPLES = [
    Example("Alice, a writer of acme-us-x, writes in its language", post_file(_POST + "author: alice\nlanguage: en-us"),
            True),
    Example("Pat publishes, but does not write for acme-us-x", post_file(_POST + "author: pat\nlanguage: en-US"),
            False, (4,)),
    Example("German copy on an account that posts in en-US", post_file(_POST + "author: alice\nlanguage: de-DE"),
            False, (5,)),
    Example("Pat (publishing) reviews acme-us-x",
            {"permissions.yaml": "people:\n  alice: {name: Alice, roles: [content], training: 2026-01-10}\n"
                                 "  pat: {name: Pat, roles: [publishing], training: 2026-01-10}\n"
                                 "grants:\n  acme-us-x: {writers: [alice], reviewers: [pat]}\n"}, False, (5,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    repo = ctx.repo
    yield from _grants(repo)
    yield from _approvers(repo)
    for post in repo.posts:
        if post.status not in ("published", "cancelled") and ctx.reported(post.path):
            yield from _author(repo, post)
            yield from _language(post)
    for kind, documents in (("campaign", list(repo.campaigns.values())), ("incident", repo.incidents),
                            ("evaluation report", list(repo.reports.values())),
                            ("market brief", list(repo.markets.values()))):
        for document in documents:
            yield from _owner(repo, kind, document)
    for plan in repo.plans.values():
        yield from _plan_directors(repo, plan)


def _grants(repo: Repository) -> Iterator[Hit]:
    for account_id, grant in repo.permissions.get("grants", {}).items():
        for duty, (roles, verb) in DUTIES.items():
            for index, name in enumerate(grant.get(duty, [])):
                line = repo.permissions_lines.line(("grants", account_id, duty, index))
                for handle, team in _people(repo, name):
                    if not set(repo.people[handle].roles) & set(roles):
                        where = f"team {team}" if team else f"{account_id}'s {duty}"
                        yield Hit("permissions.yaml", line,
                                  f"{handle}{_in(team)} {verb} {account_id} without the {' or '.join(roles)} role",
                                  f"add '{roles[0]}' to {handle}'s roles in permissions.yaml, "
                                  f"or remove them from {where}")


def _approvers(repo: Repository) -> Iterator[Hit]:
    for index, name in enumerate(repo.permissions.get("sensitive_approvers", [])):
        for handle, team in _people(repo, name):
            if "director" not in repo.people[handle].roles:
                where = f"team {team}" if team else "sensitive_approvers"
                yield Hit("permissions.yaml", repo.permissions_lines.line(("sensitive_approvers", index)),
                          f"{handle}{_in(team)} approves sensitive posts without the director role",
                          f"add 'director' to {handle}'s roles in permissions.yaml, or remove them from {where}")


def _people(repo: Repository, name: str) -> list[tuple[str, str | None]]:
    """The known people a name in permissions.yaml stands for, each with the team it came
    through (None for a person named directly). Unknown names are the references rule's."""
    team = name if name in repo.teams else None
    return [(handle, team) for handle in repo.members([name]) if handle in repo.people]


def _in(team: str | None) -> str:
    return f" (in team {team})" if team else ""


def _author(repo: Repository, post: Post) -> Iterator[Hit]:
    author = post.meta.get("author")
    grant = repo.grants.get(post.account_id)
    if author not in repo.people or grant is None:
        return  # an unknown author and a missing grant are reported by references and reviewer-separation
    writers = repo.members(grant.writers)
    if author in writers or "director" in repo.people[author].roles:
        return
    who = f"one of its writers ({', '.join(writers)})" if writers else "a writer named in its grant"
    yield Hit(post.path, post.line("author"), f"{author} is not a writer for {post.account_id}",
              f"write it as {who}, or add {author} to grants: {post.account_id}: writers in permissions.yaml")


def _language(post: Post) -> Iterator[Hit]:
    language = post.meta.get("language")
    if language is None or post.account is None:
        return
    languages = post.account.data.get("languages", [])
    if languages and language.lower() not in {tag.lower() for tag in languages}:
        yield Hit(post.path, post.line("language"),
                  f"language {language} is not one of {post.account_id}'s languages ({', '.join(languages)})",
                  f"write the copy in {' or '.join(languages)} and set language to it, or add {language} "
                  f"to the account's languages in accounts.yaml")


def _plan_directors(repo: Repository, plan: Document) -> Iterator[Hit]:
    """The annual plan is the director's (policy 2.2.1): its owner and its approver."""
    for what, keys, handle in (("owner", ("owner",), plan.meta.get("owner")),
                               ("approver", ("approved", "by"), plan.meta.get("approved", {}).get("by"))):
        if handle in repo.people and "director" not in repo.people[handle].roles:
            yield Hit(plan.path, plan.line(*keys), f"the annual plan's {what} {handle} is not a director",
                      f"make a director the plan's {what}, or add 'director' to {handle}'s roles in permissions.yaml")


def _owner(repo: Repository, kind: str, document: Document) -> Iterator[Hit]:
    owner = document.meta.get("owner")
    roles = OWNERS[kind]
    if owner in repo.people and not set(repo.people[owner].roles) & set(roles):
        yield Hit(document.path, document.line("owner"),
                  f"{kind} owner {owner} has neither the {roles[0]} nor the {roles[1]} role",
                  f"make a {roles[0]} or someone with the {roles[1]} role the owner, "
                  f"or add '{roles[1]}' to {owner}'s roles in permissions.yaml")
