"""The markets (policy 2.2.2, 4.1.1): a page per market with its brief (audience, culture,
holidays, taboo topics, when it was reviewed and when it is next due), its accounts, and
its content mix by theme and by format; and the list of markets, a brief missing or late
marked. Every market with a brief or an account not retired has a page."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta

from babel import Locale

from ..model.entities import Post
from ..model.schema import parse_date
from ..rules.market_brief import DEFAULT_DAYS
from . import i18n
from .campaigns import account_links, render_markdown, writer_markdown
from .context import Output, Site
from .plans import market_codes, planning_labels
from .posts import front_matter, person_name, up


def pages(site: Site) -> dict[str, Output]:
    t = planning_labels(site)
    names = Locale.parse(i18n.locale_name(site.language)).territories
    today = site.now.astimezone(site.repo.policy.hq_timezone).date()
    days = site.repo.policy.interval("market_brief_days", DEFAULT_DAYS)
    markdown = writer_markdown()
    out: dict[str, Output] = {}
    rows = []
    for code in market_codes(site.repo):
        page = f"markets/{code}.md"
        view = _view(site, code, names.get(code, code), page, t, today, days)
        brief = site.repo.markets.get(code)
        body = render_markdown(markdown, brief.body) if brief else ""
        out[page] = Output(front_matter(str(view["title"])) + site.render("market.md.j2", page, markdown=body, **view),
                           hidden=True)  # reached from the list, which is in the nav
        rows.append(view)
    page = "markets/index.md"
    out[page] = Output(front_matter(t["markets"]) + site.render("markets.md.j2", page, t=t, rows=rows))
    return out


def _view(site: Site, code: str, name: str, page: str, t: dict[str, str], today: date, days: int) -> dict[str, object]:
    repo, root = site.repo, up(page)
    brief = repo.markets.get(code)
    meta = brief.meta if brief else {}
    account_ids = [account.id for account in repo.accounts.values() if account.market == code]
    posts = [post for post in repo.posts if post.is_live and post.account_id in account_ids]
    reviewed = meta.get("reviewed")
    next_review = (parse_date(reviewed) + timedelta(days=days)).isoformat() if reviewed else None
    return {
        "t": t, "code": code, "title": f"{name} ({code})", "url": f"{root}{page[:-3]}.html", "has_brief": brief is not None,
        "owner": person_name(repo, meta.get("owner")), "reviewed": reviewed, "next_review": next_review,
        "review_overdue": next_review is not None and next_review < today.isoformat(),
        "languages": meta.get("languages", []), "accounts": account_links(repo, account_ids, root),
        "themes": _mix(posts, lambda post: post.meta.get("theme"), t["no_theme"]),
        "formats": _mix(posts, lambda post: post.meta.get("format"), t["no_format"]), "post_count": len(posts),
        "findings": site.findings_for(brief.path) if brief else [], "rules_url": root + "rules.html",
    }


def _mix(posts: list[Post], key: Callable[[Post], object], missing: str) -> list[tuple[str, int, str]]:
    """(value, posts, share) by how many posts have it, most first; posts without it last."""
    counts = Counter(key(post) for post in posts)
    unset = counts.pop(None, 0)
    rows = [(str(value), count) for value, count in sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))]
    if unset:
        rows.append((missing, unset))
    return [(value, count, f"{count / len(posts) * 100:.0f} %") for value, count in rows]
