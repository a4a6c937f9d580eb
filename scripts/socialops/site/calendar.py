"""The publishing calendar."""

from __future__ import annotations

from collections import defaultdict

from ..model.entities import Post
from .context import Output, Site

EXCERPT_CHARS = 280


def pages(site: Site) -> dict[str, Output]:
    repo = site.repo
    hq = repo.policy.hq_timezone
    posts = sorted((p for p in repo.posts if p.publish_at is not None), key=lambda p: (p.publish_at, p.path))
    months: dict[str, list[dict]] = defaultdict(list)
    for post in posts:
        months[post.publish_at.astimezone(hq).strftime("%B %Y")].append(_row(post, hq))
    page = "calendar.md"
    return {page: Output(site.render("calendar.md.j2", page,
                                     hq_name=str(hq),
                                     live_count=sum(1 for p in posts if p.is_live),
                                     draft_count=sum(1 for p in posts if p.status == "draft"),
                                     months=[{"title": title, "posts": rows} for title, rows in months.items()]))}


def _row(post: Post, hq) -> dict:  # type: ignore[no-untyped-def]
    text = post.text
    return {
        "local": post.local_time.strftime("%a %d %b %H:%M"),
        "hq": post.publish_at.astimezone(hq).strftime("%a %d %b %H:%M"),
        "account": post.account_id,
        "platform": post.platform or "?",
        "market": post.account.market if post.account else "?",
        "status": post.status or "unknown",
        "campaign": post.meta.get("campaign", ""),
        "excerpt": text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…",
    }
