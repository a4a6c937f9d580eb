"""What every page kind reads: the model, the findings, 'now', the interface language,
and one Jinja2 environment (autoescaping on, message catalogue installed)."""

from __future__ import annotations

import gettext
import hashlib
import os
import posixpath
import sys
from collections import defaultdict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import duckdb
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup

from .. import user_cache
from ..findings import Finding
from ..model.entities import Repository
from ..reports import db as reports_db
from . import i18n

T = TypeVar("T")


@dataclass(frozen=True)
class Output:
    """One generated file: text or bytes, or a file of the repository copied as it is."""

    content: str | bytes | None = None
    source: Path | None = None
    hidden: bool = False  # out of the navigation (per-post pages: Material renders the nav into every page)


@dataclass
class Site:
    repo: Repository
    now: datetime
    findings: list[Finding]
    language: str  # MkDocs/Material's theme.language: "en" or "zh"
    env: Environment
    findings_by_path: dict[str, list[Finding]] = field(default_factory=dict)
    translations: gettext.NullTranslations = field(default_factory=gettext.NullTranslations)
    site_url: str | None = None  # mkdocs.yml's site_url: where the site is published, when it says
    # page -> its finished HTML blocks, each standing in the page's Markdown as a placeholder
    html_blocks: dict[str, list[str]] = field(default_factory=dict)
    # page -> its whole content, finished HTML: MkDocs makes no Markdown parser for it (post pages)
    whole_html: dict[str, str] = field(default_factory=dict)
    # page -> what the search indexes of it, when not the whole page (a post's copy, not its tables)
    search_html: dict[str, str] = field(default_factory=dict)
    # what several page kinds share within one build (the reports' database: reports_db())
    shared: dict[str, object] = field(default_factory=dict)

    @classmethod
    def create(cls, repo: Repository, now: datetime, findings: list[Finding], language: str, site_dir: Path,
               site_url: str | None = None) -> Site:
        translations = i18n.translations(language, site_dir / "locale")
        env = Environment(loader=FileSystemLoader(site_dir / "templates"), autoescape=True, undefined=StrictUndefined,
                          trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"], keep_trailing_newline=True,
                          bytecode_cache=_compiled_templates())
        env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
        env.globals["href"] = _href
        env.filters["finished"] = _finished
        env.filters["datetime"] = lambda moment, form="medium": i18n.format_datetime(moment, form, language)
        env.filters["date"] = lambda day, form="medium": i18n.format_date(day, form, language)
        by_path: dict[str, list[Finding]] = defaultdict(list)
        for finding in findings:
            by_path[finding.path].append(finding)
        return cls(repo, now, findings, language, env, dict(by_path), translations, site_url)

    def gettext(self, message: str) -> str:
        """Our own string in the interface language, for text written outside templates
        (the environment's gettext needs a template context)."""
        return self.translations.gettext(message)

    def render(self, template: str, page: str, **context: object) -> str:
        """The template rendered as the page at `page` (its path in the site, e.g.
        "accounts/lanterna-us-x.md"), so `href()` in it gives links relative to that page."""
        return self.env.get_template(template).render(page=page, site=self, now=self.now, **context)

    def finished(self, page: str, html: str) -> str:
        """A placeholder for the page's Markdown, standing for `html`: finished HTML (from
        an autoescaped template) that the hook puts back after Markdown (`fill_in`). Python-
        Markdown would parse a large raw HTML block tag by tag (md_in_html) only to copy it."""
        blocks = self.html_blocks.setdefault(page, [])
        blocks.append(html)
        return f"\n\n{placeholder(len(blocks) - 1)}\n\n"

    def reports_db(self) -> duckdb.DuckDBPyConnection:
        """The build's one DuckDB connection over the metric files (reports, campaign and post pages)."""
        if "reports_db" not in self.shared:
            self.shared["reports_db"] = reports_db.connect(self.repo, tables=reports_db.AGGREGATED)
        found = self.shared["reports_db"]
        if isinstance(found, Future):  # started by start_reports_db: wait for it (its error, if any, is raised here)
            found = self.shared["reports_db"] = found.result()
        return found  # type: ignore[return-value]

    def located_db(self) -> duckdb.DuckDBPyConnection:
        """The interactions and mentions, each row with its path and line (the reply SLA and
        public opinion): a connection of their own, read in a moment, so that those pages need
        not wait for the reports' database (which has no such table)."""
        if "located_db" not in self.shared:
            self.shared["located_db"] = reports_db.connect(self.repo, tables=reports_db.LOCATED)
        return self.shared["located_db"]  # type: ignore[return-value]

    def start_reports_db(self, *prepare: Callable[[duckdb.DuckDBPyConnection], object]) -> None:
        """Read the metric files into the reports' database in a thread of its own, from now,
        then ask each of `prepare` of it there, in order, on a cursor of its own (questions
        that pages made later ask: `answer`). A page that needs only the database waits
        for its reading, not for the questions. DuckDB works without holding Python's lock,
        so the pages made meanwhile (the reply SLA and public opinion, from located_db) take
        no longer for it. It reads with one thread fewer than the CPUs (at least one): a
        reading thread on every CPU slowed the Python work beside it by more than the
        reading gained."""
        if "reports_db" in self.shared:
            return
        threads = max(1, (os.cpu_count() or 1) - 1)
        # DuckDB takes Python's lock back between its tasks (to check for Ctrl-C): beside a
        # thread running Python it waited up to the switch interval (5 ms) each time, and
        # reading the stores afresh took 6.2 s instead of 1.9 s; at 0.5 ms it took 2.4 s, and
        # the Python thread did no less work. Put back by close_databases.
        self.shared[SWITCH_INTERVAL] = sys.getswitchinterval()
        sys.setswitchinterval(min(sys.getswitchinterval(), DUCKDB_SWITCH_INTERVAL))

        def ask(step: Callable[[duckdb.DuckDBPyConnection], object]) -> object:
            with reports_db.cursor(reading.result()) as cursor:  # the reading's error, if any, is raised here
                return step(cursor)

        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reports-db")
        reading = pool.submit(reports_db.connect, self.repo, threads, reports_db.AGGREGATED)
        self.shared["reports_db"] = reading
        self.shared[PREPARED] = {step: pool.submit(ask, step) for step in prepare}
        pool.shutdown(wait=False)  # the thread ends when the database is read and asked

    def answer(self, step: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
        """What `step` finds in the reports' database: asked in the reading thread when
        start_reports_db was told to (waited for; its error, if any, is raised here), else now."""
        db = self.reports_db()
        asked = self.shared.get(PREPARED, {}).pop(step, None)  # type: ignore[attr-defined]
        return step(db) if asked is None else asked.result()

    def close_databases(self) -> None:
        """Close the build's DuckDB connections: each holds its tables' stores (reports/store.py),
        which the next build in this process (`mkdocs serve`) opens again."""
        if SWITCH_INTERVAL in self.shared:
            sys.setswitchinterval(self.shared.pop(SWITCH_INTERVAL))  # type: ignore[arg-type]
        for asked in self.shared.pop(PREPARED, {}).values():  # type: ignore[attr-defined]
            asked.exception()  # waited for: it holds a cursor of the database closed below
        for name in ("reports_db", "located_db"):
            found = self.shared.pop(name, None)
            if isinstance(found, Future):  # its error, if any, was raised to the page that asked
                found = None if found.exception() is not None else found.result()
            if found is not None:
                found.close()  # type: ignore[union-attr]

    def findings_for(self, path: str) -> list[Finding]:
        return self.findings_by_path.get(path, [])


SWITCH_INTERVAL = "switch_interval"  # Python's, as it was before start_reports_db
PREPARED = "prepared"  # the questions start_reports_db asks: step -> its Future
DUCKDB_SWITCH_INTERVAL = 0.0005  # seconds


def _compiled_templates() -> FileSystemBytecodeCache | None:
    """The templates compiled to Python bytecode, kept in the user cache: compiling them takes
    a build about half a second. Jinja keys each by the template's source; the folder is keyed
    by Jinja's version and this module (the environment's options shape the compiled code)."""
    folder = user_cache.folder() / "templates" / user_cache.key(
        user_cache.installed_version("jinja2"), hashlib.sha256(Path(__file__).read_bytes()).hexdigest())
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # compiled afresh, as on a first build
    return FileSystemBytecodeCache(str(folder))


def placeholder(index: int) -> str:
    """An HTML comment Markdown copies as it is (no writer text can make one: it is escaped)."""
    return f"<!-- socialops:html {index} -->"


def fill_in(html: str, blocks: list[str]) -> str:
    """The page's HTML from Markdown with each placeholder replaced by its finished block."""
    for index, block in enumerate(blocks):
        html = html.replace(placeholder(index), block, 1)
    return html


@lru_cache(maxsize=1 << 16)  # a build links the same pages from page after page
def link(page: str, target: str) -> str:
    """A relative URL from the generated page `page` to the page or file `target` (both
    paths in the site, `.md` for pages): raw HTML in a page is not rewritten by MkDocs, and
    relative links keep the site working from a folder or file://."""
    target, hash_mark, anchor = target.partition("#")
    if target.endswith(".md"):
        target = target.removesuffix(".md") + ".html"
    anchor = hash_mark + anchor
    return _relative(target, posixpath.dirname(page)) + anchor


def _relative(target: str, folder: str) -> str:
    """posixpath.relpath(target, folder or "."), without its os.getcwd() and abspath calls
    (a tenth of a second over a build's links) for the plain paths the pages link: relative,
    no "." or ".." part, no doubled or trailing slash."""
    to, start = target.split("/"), folder.split("/") if folder else []
    if target.startswith("/") or folder.startswith("/") or any(part in ("", ".", "..") for part in (*to, *start)):
        return posixpath.relpath(target, folder or ".")
    shared = 0
    while shared < min(len(to), len(start)) and to[shared] == start[shared]:
        shared += 1
    return "/".join([".."] * (len(start) - shared) + to[shared:]) or "."


@pass_context
def _finished(context, html: str) -> Markup:  # type: ignore[no-untyped-def]
    """`{% filter finished %}...{% endfilter %}`: the block's HTML skips Markdown."""
    return Markup(context["site"].finished(context["page"], html))


@pass_context
def _href(context, target: str) -> str:  # type: ignore[no-untyped-def]
    return link(context["page"], target)
