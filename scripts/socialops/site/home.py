"""The home page: what is due this week, what is overdue (the audit's own list), open
incidents, sensitive posts not yet published, and a summary of the check's findings."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from ..findings import SEVERITIES, Finding
from ..github.audit import Item, overdue_items
from ..model.entities import Incident, Post
from . import opinion, reply_sla
from .accounts import account_at, display_name, open_incidents, post_row
from .context import Output, Site

WEEK = timedelta(days=7)
UPCOMING = ("scheduled", "draft")  # what still has to happen; published and cancelled posts are done
FINDINGS_SHOWN = 100  # errors and warnings listed; `socialops check` lists them all
# overdue items listed of each kind (a backlog of messages can be hundreds); `socialops check` lists them all
OVERDUE_SHOWN = 10


def pages(site: Site) -> dict[str, Output]:
    repo = site.repo
    hq = repo.policy.hq_timezone
    dated = sorted((post for post in repo.posts if post.publish_at is not None),
                   key=lambda post: (post.publish_at, post.path))
    due = [post for post in dated if post.status in UPCOMING and site.now <= post.publish_at < site.now + WEEK]
    days: dict[str, list[dict[str, Any]]] = {}
    for post in due:
        days.setdefault(post.publish_at.astimezone(hq).date().isoformat(), []).append(post_row(site, post))  # type: ignore[union-attr]
    # incidents have their own section, with more than the audit's one line each
    page_of = _locator(site)
    overdue = _overdue([item for item in overdue_items(site.findings, repo.incidents, site.now)
                        if item.kind != "incident"], page_of)
    sensitive = [post_row(site, post) for post in dated if post.status in UPCOMING and _needs_director(post)]
    waived = _waived_beyond_posts(site)
    shown = sorted((f for f in site.findings if f.severity != "info"), key=lambda f: (SEVERITIES.index(f.severity),
                                                                                     f.sort_key()))
    page = "index.md"
    return {page: Output(site.render(
        "home.md.j2", page, hq_now=site.now.astimezone(hq), hq_name=hq.key,
        week=[{"day": post_rows[0]["hq"], "posts": post_rows} for _, post_rows in sorted(days.items())],
        due_count=len(due), overdue=overdue, incidents=[_incident(site, i) for i in open_incidents(repo)],
        spikes=opinion.recent_spikes(site), spike_days=opinion.HOME_DAYS, sla=reply_sla.this_month(site),
        sensitive=sensitive, waived=waived, counts=_counts(site.findings), by_rule=_by_rule(site.findings),
        findings=[_finding(f, page_of) for f in shown[:FINDINGS_SHOWN]], findings_more=max(0, len(shown) - FINDINGS_SHOWN),
    ))}


def _needs_director(post: Post) -> bool:
    """A post a director must approve: sensitive, or with a waiver (policy 3.3.2)."""
    return post.meta.get("risk") == "sensitive" or bool(post.meta.get("waivers"))


def _waived_beyond_posts(site: Site) -> list[dict[str, Any]]:
    """Campaigns not over, incidents not resolved and accounts not retired that carry a
    waiver: a director approved each exception, and it still matters (rules/waivers.py)."""
    repo = site.repo
    found: list[dict[str, Any]] = []
    for plan in sorted(repo.campaigns.values(), key=lambda plan: plan.id):
        if plan.meta.get("waivers") and not (plan.end is not None and plan.end < site.now):
            found.append(_waived("campaign", plan.meta.get("title", plan.id), f"campaigns/{plan.id}.md", plan.meta))
    for incident in open_incidents(repo):
        if incident.meta.get("waivers"):
            found.append(_waived("incident", incident.meta.get("title", incident.id), f"incidents/{incident.id}.md",
                                 incident.meta))
    for account in sorted(repo.accounts.values(), key=lambda account: account.id):
        if account.data.get("waivers") and account.status != "retired":
            found.append(_waived("account", display_name(repo, account.id), f"accounts/{account.id}.md", account.data))
    return found


def _waived(kind: str, title: object, page: str, fields: dict) -> dict[str, Any]:
    return {"kind": kind, "title": str(title), "page": page,
            "waivers": list(fields.get("waivers", []))}


def _counts(findings: list[Finding]) -> dict[str, int]:
    tally = Counter(f.severity for f in findings)
    return {severity: tally[severity] for severity in SEVERITIES}


def _by_rule(findings: list[Finding]) -> list[dict[str, Any]]:
    tally = Counter((f.rule, f.severity) for f in findings)
    return [{"rule": rule, **{severity: tally[(rule, severity)] for severity in SEVERITIES}}
            for rule in sorted({f.rule for f in findings})]


def _locator(site: Site) -> Callable[[str, int | None], str | None]:
    """The site page about the file (and line) a finding or overdue item names, if there is one."""
    account_of = account_at(site.repo)
    posts = {post.path: post for post in site.repo.posts}

    def page_of(path: str, line: int | None) -> str | None:
        if path == "accounts.yaml":
            account_id = account_of(line)
            return f"accounts/{account_id}.md" if account_id else "accounts/index.md"
        if path == "permissions.yaml":
            return "people.md"
        if path == "sources.yaml" or path.endswith("data/platforms.yaml"):  # the sources page lists both
            return "sources.md"
        if path.startswith("content/metrics/interactions/"):
            return "reports/reply-sla.md"
        if path in posts:
            return f"posts/{posts[path].id}.md"
        for folder, kind in (("content/campaigns/", "campaigns"), ("content/incidents/", "incidents"),
                             ("content/plans/", "plans"), ("content/reports/", "evaluations"),
                             ("content/markets/", "markets")):
            if path.startswith(folder) and path.endswith(".md"):
                return f"{kind}/{path.rsplit('/', 1)[-1].removesuffix('.md')}.md"
        return None

    return page_of


def _overdue(items: list[Item], page_of: Callable[[str, int | None], str | None]) -> list[dict[str, Any]]:
    """The first OVERDUE_SHOWN items of each kind (the audit's order), each kind's last
    shown one with how many more there are (`more`)."""
    shown: list[dict[str, Any]] = []
    count = Counter(item.kind for item in items)
    seen: Counter[str] = Counter()
    for item in items:
        seen[item.kind] += 1
        if seen[item.kind] <= OVERDUE_SHOWN:
            more = count[item.kind] - OVERDUE_SHOWN if seen[item.kind] == OVERDUE_SHOWN else 0
            shown.append({"kind": item.kind, "location": item.location, "message": item.message,
                          "severity": item.severity, "page": page_of(item.path, item.line), "more": more})
    return shown


def _finding(finding: Finding, page_of: Callable[[str, int | None], str | None]) -> dict[str, Any]:
    return {"finding": finding, "location": f"{finding.path}:{finding.line}" if finding.line else finding.path,
            "page": page_of(finding.path, finding.line)}


def _incident(site: Site, incident: Incident) -> dict[str, Any]:
    accounts = [account_id for account_id in incident.meta.get("accounts", []) if isinstance(account_id, str)]
    return {"incident": incident, "page": f"incidents/{incident.id}.md",
            "accounts": [{"id": account_id, "name": display_name(site.repo, account_id),
                          "known": account_id in site.repo.accounts} for account_id in accounts]}
