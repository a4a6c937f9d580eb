"""The site builds from the repository and escapes what writers type (test_site_safety.py: it
loads nothing from outside and builds reproducibly)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT, demo_only, make_repo


def build(root: Path, out: Path, now: str = "", config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOCIALOPS_NOW": now}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(root / config),
                           "-d", str(out)], capture_output=True, text=True, env=env, timeout=300)


def build_both_languages(root: Path, out: Path) -> subprocess.CompletedProcess:
    """The site as `make site` builds it: English into `out`, then Simplified Chinese into
    `out`/zh (in this order: each build empties its own folder first). The first failed build."""
    for config, folder in (("mkdocs.yml", out), ("mkdocs.zh.yml", out / "zh")):
        result = build(root, folder, config=config)
        if result.returncode != 0:
            break
    return result


@demo_only
def test_demo_site_builds(tmp_path: Path) -> None:
    out = tmp_path / "public"
    result = build(ROOT, out)
    assert result.returncode == 0, result.stderr
    for page in ("index.html", "calendar/index.html", "rules.html", "threat-model.html"):
        assert (out / page).is_file()
    assert 'href="threat-model.html"' in (out / "index.html").read_text(), "the threat model is in the navigation"
    calendar = (out / "calendar" / "index.html").read_text()
    assert "lanterna-jp-x" in calendar and "Asia/Shanghai" in calendar


def test_writer_html_is_shown_not_run(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {
        "content/posts/acme-us-x/2026/2026-03-02-xss.md":
            "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\n"
            "<script>alert('x')</script> <img src=x onerror=alert(1)> **not bold**\n",
    })
    for name in ("mkdocs.yml", "site"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
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
