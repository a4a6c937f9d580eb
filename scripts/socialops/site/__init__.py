"""The site's generated pages, built from the model. MkDocs calls `on_files` (see site/hooks.py).

Everything a writer typed is HTML-escaped by Jinja2's autoescaping before it reaches a
page: raw HTML in a post is shown, never run.
"""

from __future__ import annotations

import os
from collections import defaultdict
from datetime import datetime
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..clock import resolve_now
from ..model import loader
from ..model.entities import Post, Repository
from ..rules import docs

EXCERPT_CHARS = 280


def render_pages(repo: Repository, now: datetime, templates: Path) -> dict[str, str]:
    """Generated page path -> Markdown."""
    env = Environment(loader=FileSystemLoader(templates), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    return {
        "calendar.md": env.get_template("calendar.md.j2").render(**_calendar(repo, now)),
        "rules.md": docs.markdown(),
    }


def _calendar(repo: Repository, now: datetime) -> dict:
    hq = repo.policy.hq_timezone
    posts = sorted((p for p in repo.posts if p.publish_at is not None), key=lambda p: (p.publish_at, p.path))
    months: dict[str, list[dict]] = defaultdict(list)
    for post in posts:
        months[post.publish_at.astimezone(hq).strftime("%B %Y")].append(_row(post, hq))
    return {
        "hq_name": str(hq),
        "now": now.astimezone(hq),
        "live_count": sum(1 for p in posts if p.is_live),
        "draft_count": sum(1 for p in posts if p.status == "draft"),
        "months": [{"title": title, "posts": rows} for title, rows in months.items()],
    }


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


def on_files(files, /, *, config):  # type: ignore[no-untyped-def]
    """MkDocs hook: add the generated pages to the site."""
    from mkdocs.structure.files import File

    root = Path(config.config_file_path).parent
    repo = loader.load(root)
    now = resolve_now(os.environ.get("SOCIALOPS_NOW"), root, repo.policy)
    for path, content in render_pages(repo, now, root / "site" / "templates").items():
        files.append(File.generated(config, path, content=content))
    return files
