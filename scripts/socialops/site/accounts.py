"""The accounts: an index of every account, and a page per account with its profile,
security posture, rotation and review due dates, who may do what on it, its open
incidents and its posts.

Due dates are the rules' own arithmetic (rules/account_security.py,
rules/permission_review.py, rules/training.py): a date is overdue once the days since
it exceed the policy's interval, and late (an error) once the grace period is over too.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..findings import Finding
from ..model.entities import Account, Incident, Post, Repository
from ..model.schema import parse_date
from .context import Output, Site
from .posts import account_name, site_media_path, web_url

UPCOMING_SHOWN = 20  # posts listed on an account page each way; the calendar has the rest
RECENT_SHOWN = 20
# Browsers show these in <img>; HEIC and friends are not shown, SVG is never copied (it can carry script).
GRANT_ROLES = ("writers", "reviewers", "publishers", "responders")


@dataclass(frozen=True)
class Due:
    """When something falls due, and whether it is overdue (a warning) or past its grace period too (an error)."""

    on: date
    overdue: bool
    late: bool

    @classmethod
    def after(cls, start: date, interval: int, grace: int, today: date) -> Due:
        age = (today - start).days
        return cls(start + timedelta(days=interval), age > interval, age > interval + grace)


def rotation_due(repo: Repository, account: Account, today: date) -> Due | None:
    """The password's rotation date (account-security), None without a readable password_rotated."""
    rotated = account.data.get("security", {}).get("password_rotated")
    if not isinstance(rotated, str):
        return None
    policy = repo.policy
    return Due.after(parse_date(rotated), policy.interval("password_rotation_days", 90),
                     policy.interval("password_grace_days", 14), today)


def review_due(repo: Repository, today: date) -> Due | None:
    """The next permission review (permission-review), None when none is recorded."""
    review = repo.permissions.get("review") or {}
    if not isinstance(review.get("date"), str):
        return None
    policy = repo.policy
    return Due.after(parse_date(review["date"]), policy.interval("permission_review_days", 90),
                     policy.interval("permission_review_grace_days", 30), today)


def training_due(repo: Repository, trained: date | None, today: date) -> Due | None:
    """When a person's training expires (training: no grace period, expired is an error)."""
    if trained is None:
        return None
    valid = repo.policy.interval("training_valid_days", 365)
    return Due.after(trained, valid, 0, today)


def display_name(repo: Repository, account_id: str) -> str:
    return account_name(repo.accounts.get(account_id), account_id)


def avatar_path(repo: Repository, account: Account) -> str | None:
    """The avatar's path in the site when it is a readable raster image, else None."""
    avatar = account.avatar
    if avatar is None or avatar.info is None or avatar.info.kind != "image":
        return None
    return site_media_path(repo, avatar)


def people_named(repo: Repository, names: list[str]) -> list[dict[str, str]]:
    """The people a grant list names (teams expanded), with their names."""
    found = []
    for handle in repo.members(names):
        person = repo.people.get(handle)
        found.append({"handle": handle, "name": person.name if person else ""})
    return found


def open_incidents(repo: Repository) -> list[Incident]:
    return sorted((incident for incident in repo.incidents if incident.meta.get("status") != "resolved"),
                  key=lambda incident: incident.path)


def post_row(site: Site, post: Post) -> dict[str, Any]:
    """What a list shows of a post: enough to find it, filter it and open its page."""
    account = post.account
    text = post.text
    return {
        "post": post,
        "page": f"posts/{post.id}.md",
        "account_id": post.account_id,
        "account_name": display_name(site.repo, post.account_id),
        "market": (account.market if account else None) or "",
        "platform": post.platform or "",
        "campaign": post.meta.get("campaign", ""),
        "status": post.status or "",
        "sensitive": post.meta.get("risk") == "sensitive",
        "waivers": [str(waiver.get("rule", "")) for waiver in post.meta.get("waivers") or []],
        "local": post.local_time,
        "hq": post.publish_at.astimezone(site.repo.policy.hq_timezone) if post.publish_at else None,
        "excerpt": text if len(text) <= 120 else text[:120] + "…",
    }


def pages(site: Site) -> dict[str, Output]:
    repo = site.repo
    accounts = sorted(repo.accounts.values(), key=lambda account: (display_name(repo, account.id), account.id))
    today = site.now.date()
    review = review_due(repo, today)
    summaries = [_summary(site, account, today) for account in accounts]
    index = "accounts/index.md"
    found = {index: Output(site.render("accounts_index.md.j2", index, accounts=summaries, review=review))}
    by_account: dict[str, list[Post]] = {}
    for post in repo.posts:
        if post.publish_at is not None:
            by_account.setdefault(post.account_id, []).append(post)
    findings = account_findings(site)
    for summary in summaries:
        account = summary["account"]
        page = f"accounts/{account.id}.md"
        posts = sorted(by_account.get(account.id, []), key=lambda post: (post.publish_at, post.path))
        found[page] = Output(site.render("account.md.j2", page, review=review, **summary,
                                         findings=findings.get(account.id, []),
                                         **_detail(site, account, posts)), hidden=True)
        if summary["avatar"]:
            found[summary["avatar"]] = Output(source=account.avatar.path)  # type: ignore[union-attr]
    return found


def _summary(site: Site, account: Account, today: date) -> dict[str, Any]:
    security = account.data.get("security", {})
    return {
        "account": account,
        "name": display_name(site.repo, account.id),
        "retired": account.status == "retired",
        "two_factor": security.get("two_factor"),
        "rotation": rotation_due(site.repo, account, today),
        "avatar": avatar_path(site.repo, account),
    }


def _detail(site: Site, account: Account, posts: list[Post]) -> dict[str, Any]:
    repo = site.repo
    profile = account.data.get("profile", {})
    grant = repo.grants.get(account.id)
    upcoming = [post for post in posts if post.publish_at >= site.now]  # type: ignore[operator]
    recent = [post for post in reversed(posts) if post.publish_at < site.now]  # type: ignore[operator]
    return {
        "url": web_url(account.data.get("url")),
        "website": web_url(profile.get("website")),
        "profile": profile,
        "security": account.data.get("security", {}),
        "registration": _registration(repo, account),
        "retirement": account.data.get("retirement"),
        "waivers": account.data.get("waivers", []),
        "grant": {role: people_named(repo, getattr(grant, role)) for role in GRANT_ROLES} if grant else None,
        "approvers": people_named(repo, repo.permissions.get("sensitive_approvers", [])),
        "incidents": [incident for incident in open_incidents(repo) if account.id in incident.meta.get("accounts", [])],
        "upcoming": [post_row(site, post) for post in upcoming[:UPCOMING_SHOWN]],
        "upcoming_more": max(0, len(upcoming) - UPCOMING_SHOWN),
        "recent": [post_row(site, post) for post in recent[:RECENT_SHOWN]],
        "recent_more": max(0, len(recent) - RECENT_SHOWN),
    }


def _registration(repo: Repository, account: Account) -> dict[str, Any] | None:
    """How the account was opened (account-registration), its people named; None when not recorded."""
    registration = account.data.get("registration")
    if registration is None:
        return None
    return {**registration, "requested": people_named(repo, [registration["requested_by"]]),
            "approved": people_named(repo, [registration["approved_by"]])}


def account_findings(site: Site) -> dict[str, list[Finding]]:
    """accounts.yaml's findings by account."""
    found: dict[str, list[Finding]] = {}
    at = account_at(site.repo)
    for finding in site.findings_for("accounts.yaml"):
        account_id = at(finding.line)
        if account_id is not None:
            found.setdefault(account_id, []).append(finding)
    return found


def account_at(repo: Repository) -> Callable[[int | None], str | None]:
    """The account whose block of accounts.yaml holds a line: the last one starting at or before it."""
    starts = sorted((account.line(), account.id) for account in repo.accounts.values())
    lines = [line for line, _ in starts]

    def find(line: int | None) -> str | None:
        at = bisect_right(lines, line or 0) - 1
        return starts[at][1] if at >= 0 else None

    return find
