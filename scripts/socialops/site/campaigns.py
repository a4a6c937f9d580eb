"""A page per campaign (the plan from its front matter, the body's sections, its posts on a
timeline, goals, and the evaluation the campaign-evaluation rule asks for once it ended),
and the list of campaigns.

A plan's body is the writer's Markdown. It is rendered here, not by MkDocs, with raw HTML
turned off (a tag is shown as text), links kept only when they go to an http(s) address
and images left out (shown by their alt text: the site loads nothing from outside).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import TypeVar

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ..model.entities import Account, Campaign, Document, Post, Repository, money
from ..rules import campaign_budget, registry
from . import reports
from .context import Output, Site
from .feeds import account_label
from .posts import Clock, Moment, boost_view, front_matter, labels, person_name, translated, up, web_url

# Interface strings of the campaign and incident pages (translated once per build).
PLAN_LABELS = {
    "campaigns": "Campaigns", "incidents": "Incidents", "plan": "Plan", "type": "Type", "owner": "Owner",
    "start": "Start", "end": "End", "accounts": "Accounts", "goals": "Goals", "metric": "Metric", "target": "Target",
    "budget": "Budget", "prizes": "Prizes", "prize": "Prize", "quantity": "Quantity", "value": "Value",
    "eligibility": "Eligibility", "official_rules": "Official rules", "collects_data": "Collects personal data",
    "legal_review": "Legal review", "yes": "yes", "no": "no", "posts": "Posts", "no_posts": "No posts name this campaign.",
    "no_time": "no time set", "evaluation": "Evaluation", "upcoming": "upcoming", "running": "running",
    "ended": "ended", "no_span": "no dates", "state": "State", "campaign": "Campaign",
    "evaluation_missing": "Evaluation missing", "evaluated": "evaluated", "no_campaigns": "No campaigns yet.",
    "not_in_accounts": "not in accounts.yaml", "plan_text": "The plan", "no_goals": "No goals set.",
    "none": "none", "not_set": "not set", "severity": "Severity", "status": "Status", "opened": "Opened",
    "resolved": "Resolved", "kind": "Kind", "no_incidents": "No incidents recorded.", "incident": "Incident",
    "incident_open": "open", "incident_monitoring": "monitoring", "incident_resolved": "resolved",
}


# -- writers' Markdown, safely ------------------------------------------------------------------


class _SafeLinks(Treeprocessor):
    """Links only to http(s) addresses; images as their alt text (nothing loaded from outside)."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if element.tag == "a" and not web_url(element.get("href")):
                element.tag = "span"
                element.attrib.clear()
            elif element.tag == "a":
                element.set("rel", "nofollow noopener noreferrer")
            elif element.tag == "img":
                alt = element.get("alt", "")
                element.tag = "span"
                element.attrib.clear()
                element.text = f"[{alt}]" if alt else ""


def writer_markdown() -> Markdown:
    """Python-Markdown without raw HTML: the block and inline HTML handlers are removed,
    so a tag is text and the serializer escapes it; links are checked after every other
    step (the unescape step included), so the URL checked is the one written out."""
    markdown = Markdown(extensions=["sane_lists"])
    markdown.preprocessors.deregister("html_block")
    markdown.inlinePatterns.deregister("html")
    markdown.treeprocessors.register(_SafeLinks(markdown), "so_safe_links", -10)
    return markdown


AnyDocument = TypeVar("AnyDocument", bound=Document)


def document_pages(site: Site, folder: str, documents: Iterable[AnyDocument], template: str,
                   view: Callable[[AnyDocument, str], dict[str, object]], t: dict[str, str],
                   **index: object) -> dict[str, Output]:
    """A page per document (`<folder>/<id>.md`: its view and its body as the writer's
    Markdown, out of the nav) and their list (`<folder>/index.md`, `<folder>.md.j2`, titled
    t[folder], in the nav): campaigns, incidents, plans and evaluations alike."""
    markdown = writer_markdown()
    out: dict[str, Output] = {}
    rows = []
    for document in documents:
        page = f"{folder}/{document.id}.md"
        shown = view(document, page)
        out[page] = Output(front_matter(str(document.meta.get("title", document.id)))
                           + site.render(template, page, markdown=render_markdown(markdown, document.body), **shown),
                           hidden=True)  # reached from the list, which is in the nav
        rows.append(shown)
    page = f"{folder}/index.md"
    out[page] = Output(front_matter(t[folder]) + site.render(f"{folder}.md.j2", page, t=t, rows=rows, **index))
    return out


def render_markdown(markdown: Markdown, text: str) -> Markup:
    """The writer's Markdown as HTML that runs nothing (see writer_markdown); headings one level down, under the page's."""
    html = markdown.reset().convert(text)
    for level in range(5, 0, -1):
        html = html.replace(f"<h{level}>", f"<h{level + 1}>").replace(f"</h{level}>", f"</h{level + 1}>")
    return Markup(html)  # noqa: S704 -- made by writer_markdown, which escapes raw HTML and checks every link


# -- the pages ----------------------------------------------------------------------------------


def pages(site: Site) -> dict[str, Output]:
    repo = site.repo
    t = {**labels(site), **translated(site, PLAN_LABELS)}
    clock = Clock(site.language)
    options = registry.configure(repo.policy.data.get("rules", {}))["campaign-evaluation"].options
    spending = campaign_budget.boost_spending(repo)
    days = repo.policy.interval("campaign_evaluation_days", 14)
    by_campaign: dict[str, list[Post]] = {}
    for post in repo.posts:
        if post.meta.get("campaign"):
            by_campaign.setdefault(post.meta["campaign"], []).append(post)

    def view(campaign: Campaign, page: str) -> dict[str, object]:
        posts = by_campaign.get(campaign.id, [])
        return {**_view(site, campaign, page, t, clock, posts, options["min_words"], days),
                **_promotion(campaign, posts, spending.get(campaign.id), up(page))}

    return document_pages(site, "campaigns", sorted(repo.campaigns.values(), key=_by_start), "campaign.md.j2", view, t)


def _by_start(plan: Campaign) -> tuple:
    return (plan.start is None, plan.start.timestamp() if plan.start else 0, plan.id)


def state(start: datetime | None, end: datetime | None, now: datetime) -> str:
    if start is None or end is None:
        return "no_span"
    return "upcoming" if now < start else "running" if now <= end else "ended"


def account_links(repo: Repository, ids: list[str], root: str) -> list[tuple[str, str | None]]:
    """(name, url of its page) of each account a plan names; no url for an unknown id."""
    found: list[tuple[str, str | None]] = []
    for account_id in ids:
        account: Account | None = repo.accounts.get(account_id)
        found.append((account_label(account) if account else account_id,
                      f"{root}accounts/{account_id}.html" if account else None))
    return found


def moment(clock: Clock, value: datetime | None) -> Moment | None:
    return clock.moment(value, str(value.tzinfo)) if value else None


def _view(site: Site, campaign: Campaign, page: str, t: dict[str, str], clock: Clock, posts: list[Post],
          min_words: int, days: int) -> dict[str, object]:
    repo, meta, root = site.repo, campaign.meta, up(page)
    phase = state(campaign.start, campaign.end, site.now)
    words = len(campaign.sections.get("evaluation", "").split())
    due = campaign.end + timedelta(days=days) if campaign.end else None
    return {
        "t": t, "campaign": campaign, "title": meta.get("title", campaign.id), "url": f"{root}{page[:-3]}.html",
        "state": phase, "posts_count": len(posts),
        "start": moment(clock, campaign.start), "end": moment(clock, campaign.end),
        "owner": person_name(repo, meta.get("owner")), "accounts": account_links(repo, meta.get("accounts", []), root),
        "goals": sorted(meta.get("goals", {}).items()), "goal_rows": reports.goal_rows(site, site.reports_db(), campaign),
        "budget": _budget(meta.get("budget")), "prizes": meta.get("prizes", []),
        "official_rules": web_url(meta.get("official_rules")),
        "legal_review": meta.get("legal_review"), "legal_reviewer": person_name(repo, meta.get("legal_review", {}).get("by")),
        "evaluation_missing": phase == "ended" and words < min_words, "evaluation_due": due.date() if due else None,
        "evaluation_overdue": bool(due and due <= site.now and words < min_words), "min_words": min_words, "words": words,
        "evaluation_days": days,
        "timeline": _timeline(repo, posts, root, clock, t),
        "findings": site.findings_for(campaign.path), "rules_url": root + "rules.html",
        "waivers": campaign.meta.get("waivers", []),
    }


def _budget(value: object) -> dict | None:
    budget = money(value)
    return {"amount": budget[0], "currency": budget[1]} if budget else None


def _promotion(campaign: Campaign, posts: list[Post], spent: tuple[float, int] | None, root: str) -> dict[str, object]:
    """The campaign's boosted posts and how much of its budget they use (the campaign-budget
    rule's sum: cancelled posts and boosts in another currency left out)."""
    budget = money(campaign.meta.get("budget"))
    boosted = sorted((post for post in posts if isinstance(post.meta.get("boost"), dict)),
                     key=lambda post: (str(post.meta["boost"].get("start", "")), post.id))
    rows = [{"url": f"{root}posts/{post.id}.html", "id": post.id, "status": post.status or "unknown",
             "account": account_label(post.account) if post.account else post.account_id,
             "boost": boost_view(post.meta["boost"]),
             "other_currency": bool(budget and money(post.meta["boost"].get("budget"))
                                    and post.meta["boost"]["budget"]["currency"] != budget[1])} for post in boosted]
    used = spent[0] if spent else 0
    return {"boosts": rows, "budget_used": used if budget else None,
            "budget_share": round(100 * used / budget[0]) if budget and budget[0] else None,
            "over_budget": bool(budget and used > budget[0])}


def _timeline(repo: Repository, posts: list[Post], root: str, clock: Clock, t: dict[str, str]) -> list[dict]:
    """The campaign's posts in publishing order (posts without a time last), each with what
    the calendar's filters read (data-* attributes)."""
    ordered = sorted(posts, key=lambda post: (post.publish_at is None, post.publish_at or datetime.min, post.path))
    return [{
        "url": f"{root}posts/{post.id}.html", "id": post.id,
        "when": clock.moment(post.local_time, str(post.local_time.tzinfo)) if post.local_time else None,
        "account": account_label(post.account) if post.account else post.account_id, "account_id": post.account_id,
        "market": post.account.market if post.account else "", "platform": post.platform or "",
        "campaign": post.meta.get("campaign", ""), "status": post.status or "unknown",
        "sensitive": post.meta.get("risk") == "sensitive", "waivers": len(post.meta.get("waivers", [])),
    } for post in ordered]
