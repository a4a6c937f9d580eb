"""The site builds from the repository and escapes what writers type (test_site_safety.py: it
loads nothing from outside and builds reproducibly)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import ROOT, demo_only, make_repo


def build(root: Path, out: Path, now: str = "", config: str = "mkdocs.yml", strict: bool = True,
          quiet: bool = True) -> subprocess.CompletedProcess:
    """`mkdocs build` of the repository at `root` into `out`, "now" being `now` (else the
    repository's reference time, else the clock). `strict=False` builds as `make serve`
    does, for a repository with policy errors on purpose (they fail a strict build)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOCIALOPS_NOW": now}
    flags = ["--strict" if strict else "--no-strict"] + (["--quiet"] if quiet else [])
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", *flags, "-f", str(root / config),
                           "-d", str(out)], capture_output=True, text=True, env=env, timeout=300)


def add_site_sources(root: Path) -> None:
    """This repository's mkdocs.yml and site/ in a test repository, so it builds as this one does."""
    for name in ("mkdocs.yml", "site"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)


def build_both_languages(root: Path, out: Path) -> subprocess.CompletedProcess:
    """The site as `make site` builds it: English into `out`, then Simplified Chinese into
    `out`/zh (in this order: each build empties its own folder first). The first failed build."""
    for config, folder in (("mkdocs.yml", out), ("mkdocs.zh.yml", out / "zh")):
        result = build(root, folder, config=config)
        if result.returncode != 0:
            break
    return result


@demo_only
def test_demo_site_builds_and_every_page_is_reachable_from_home(tmp_path: Path) -> None:
    """Both languages build, and following links from the home page (the navigation, the
    calendar, the pages' own links) reaches every page and feed of the site: nothing is
    generated that a stakeholder cannot find."""
    out = tmp_path / "public"
    result = build_both_languages(ROOT, out)
    assert result.returncode == 0, result.stderr
    calendar = (out / "calendar" / "index.html").read_text()
    assert "lanterna-jp-x" in calendar and "Asia/Shanghai" in calendar
    built = {path.resolve() for path in out.rglob("*") if path.suffix in (".html", ".ics") and path.name != "404.html"}
    reached = _reachable(out / "index.html", out)
    assert sorted(str(path) for path in built - reached) == []
    for kind in ("posts", "accounts", "campaigns", "incidents", "handbook", "howto", "feeds", "zh/posts"):
        assert any(str(path.relative_to(out.resolve())).startswith(kind + "/") for path in reached), kind


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href and "://" not in href and not href.startswith(("#", "mailto:", "javascript:")):
            self.targets.append(href.split("#")[0].split("?")[0])


def _reachable(start: Path, root: Path) -> set[Path]:
    seen, queue = {start}, [start]
    while queue:
        page = queue.pop()
        if page.suffix != ".html":
            continue
        links = _Links()
        links.feed(page.read_text("utf-8"))
        for target in links.targets:
            if not target:
                continue
            found = (page.parent / target).resolve()
            if found.is_dir():
                found = found / "index.html"
            if found.is_file() and found.is_relative_to(root.resolve()) and found not in seen:
                seen.add(found)
                queue.append(found)
    return {path.resolve() for path in seen}


def test_writer_html_is_shown_not_run(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {
        "content/posts/acme-us-x/2026/2026-03-02-xss.md":
            "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\n"
            "<script>alert('x')</script> <img src=x onerror=alert(1)> **not bold**\n",
    })
    add_site_sources(root)
    out = tmp_path / "public"
    result = build(root, out, now="2026-03-01T12:00:00Z")  # the fixture's accounts are in order then
    assert result.returncode == 0, result.stderr
    calendar = (out / "calendar" / "agenda.html").read_text()  # every post, whatever month "now" is
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in calendar
    assert "<script>alert" not in calendar and "<img src=x" not in calendar
    assert "**not bold**" in calendar  # the copy is shown exactly as it will be posted


def test_the_threat_model_names_only_files_that_exist() -> None:
    """Every repository path the threat model points at (in backticks) is there, so the
    page cannot keep pointing at code or tests that moved."""
    page = (ROOT / "site" / "pages" / "threat-model.md").read_text("utf-8")
    named = set(re.findall(r"`((?:scripts|tests|site|\.github)/[^`\s]+)`", page))
    assert len(named) > 15
    assert sorted(path for path in named if not (ROOT / path).exists()) == []
