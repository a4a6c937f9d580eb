"""The stakeholders' site, generated from the model inside `mkdocs build` (site/hooks.py
calls `on_files`). `render_pages` is the table of contents: one module per page kind,
each with a `pages(site)` function that builds its templates' context from the model.

Everything a writer typed is HTML-escaped by Jinja2's autoescaping before it reaches a
page: raw HTML in a post is shown, never run.
"""

from __future__ import annotations

import gc
import logging
import os
from datetime import datetime
from functools import partial
from pathlib import Path

from mkdocs.plugins import CombinedEvent, event_priority

from .. import user_cache
from ..check import run_loaded
from ..clock import resolve_now
from ..model import loader
from . import (
    accounts,
    calendar,
    campaigns,
    charts,
    evaluations,
    feeds,
    handbook,
    home,
    incidents,
    markets,
    media_credits,
    metric_definitions,
    opinion,
    people,
    plans,
    playbooks,
    posts,
    reply_sla,
    reports,
    rules_page,
    sources,
)
from .context import Output, Site, fill_in
from .theme import SharedParts

# MkDocs' own logger family: a strict build (mkdocs.yml sets it: CI, `make site`) fails
# on what it logs at warning level or above, even with --quiet.
log = logging.getLogger("mkdocs.plugins.socialops")

# The build under way's finished HTML blocks (on_files -> on_page_content) and what the search
# indexes of the pages it does not index whole (on_files -> on_page_context)
_html_blocks: dict[str, list[str]] = {}
_search_html: dict[str, str] = {}
_whole_html: dict[str, str] = {}

PAGE_KINDS = (home, calendar, posts, campaigns, accounts, incidents, playbooks, plans, evaluations, markets, people,
              media_credits, handbook, rules_page, sources, feeds, charts, reports, reply_sla, opinion, metric_definitions)


def render_pages(site: Site) -> dict[str, Output]:
    """Generated file path (relative to the site's docs folder) -> its content."""
    pages: dict[str, Output] = {}
    # The model and the findings live through the build: frozen, Python's collector stops
    # walking them each time the objects the pages make start a full collection (its time
    # in render_pages went from 0.25 s to 0.08 s for 10,000 posts).
    gc.freeze()
    try:
        # read (and asked, in the order the pages need the answers) while the pages before
        # the first that needs it are made (the home page's reply SLA and spikes among them)
        site.start_reports_db(posts.reading_rows, reports.report_numbers)
        for kind in PAGE_KINDS:
            pages.update(kind.pages(site))
    finally:
        site.close_databases()
        gc.unfreeze()  # `mkdocs serve` builds again in this process: this build's model can go
    user_cache.save_memos()  # what the pages worked out (the mentions' scores) is kept for the next build
    return pages


def build_site(root: Path, now: datetime | None = None, language: str = "en", site_url: str | None = None) -> Site:
    """The site's model: the repository, its findings at `now`, the interface language and
    the address the site is published at (absolute links in the feeds), if known."""
    repo = loader.load(root)
    if now is None:
        now = resolve_now(os.environ.get("SOCIALOPS_NOW"), root, repo.policy)
    result = run_loaded(repo, now)  # in this process: `mkdocs serve` must not fork
    return Site.create(repo, now, result.findings + result.config_errors, language, root / "site", site_url)


def on_files(files, /, *, config):  # type: ignore[no-untyped-def]
    """MkDocs hook: add the generated pages to the site."""
    from mkdocs.structure.files import File, InclusionLevel

    root = Path(config.config_file_path).parent
    site = build_site(root, language=config.theme["language"], site_url=config.site_url or None)
    _warn_of_errors(site)
    pages = render_pages(site)
    _html_blocks.clear()
    _html_blocks.update(site.html_blocks)
    _search_html.clear()
    _search_html.update(site.search_html)
    _whole_html.clear()
    _whole_html.update(site.whole_html)
    for path, output in pages.items():
        inclusion = InclusionLevel.NOT_IN_NAV if output.hidden else InclusionLevel.UNDEFINED
        if output.source is not None:
            files.append(File.generated(config, path, abs_src_path=str(output.source), inclusion=inclusion))
        else:
            files.append(File.generated(config, path, content=output.content, inclusion=inclusion))
    return files


def on_env(env, /, *, config, files):  # type: ignore[no-untyped-def]
    """MkDocs hook: the parts of Material's pages shared between pages (site/overrides/main.html)."""
    env.globals["socialops_shared"] = SharedParts()
    return env


def on_pre_page(page, /, *, config, files):  # type: ignore[no-untyped-def]
    """MkDocs hook: a page whose whole content is finished HTML is rendered without Markdown.
    Page.render makes a Markdown parser with every extension for each page and runs it, which
    for 10,000 post pages costs more than all the rest of their pages' content."""
    html = _whole_html.get(page.file.src_uri)
    if html is not None:
        page.render = partial(_render_finished, page, html)
    return page


def _render_finished(page, html: str, config, files) -> None:  # type: ignore[no-untyped-def]
    """What Page.render sets, for a page without Markdown: its content, no table of contents,
    no anchors (the post template gives its headings no ids) and no links to check."""
    from mkdocs.structure.toc import get_toc

    page.content = html
    page.toc = get_toc([])
    page.present_anchor_ids = set()
    page.links_to_anchors = {}


def on_page_content(html, /, *, page, config, files):  # type: ignore[no-untyped-def]
    """MkDocs hook: a generated page's finished HTML blocks in place of their placeholders."""
    blocks = _html_blocks.get(page.file.src_uri)
    return fill_in(html, blocks) if blocks else html


@event_priority(100)  # before the search plugin indexes the page
def _search_sees_its_part(context, /, *, page, config, nav):  # type: ignore[no-untyped-def]
    if page.file.src_uri in _search_html:
        page.meta["socialops_content"] = page.content
        page.content = _search_html[page.file.src_uri]
    return context


@event_priority(-100)  # after it, before the theme renders the page
def _page_gets_its_content(context, /, *, page, config, nav):  # type: ignore[no-untyped-def]
    if "socialops_content" in page.meta:
        page.content = page.meta.pop("socialops_content")
    return context


# MkDocs hook: the search indexes a post page by its copy and facts, not by its labels and tables
on_page_context = CombinedEvent(_search_sees_its_part, _page_gets_its_content)


def _warn_of_errors(site: Site) -> None:
    """Policy errors are logged as errors, so a strict build (CI) fails on them, and a
    `--no-strict` one (`make serve`) still shows the site. The check's warnings are not
    logged: the pages show them."""
    for finding in site.findings:
        if finding.severity == "error":
            where = f"{finding.path}:{finding.line}" if finding.line else finding.path
            log.error("socialops check: %s: %s [%s]", where, finding.message, finding.rule)
