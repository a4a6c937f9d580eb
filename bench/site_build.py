"""The site benchmark: `mkdocs build` of a synthetic repository against a bare Material
build of as many plain pages, out of the navigation, in the same run (issue #8: <= 1.5x).

The bare build is the floor any site of one page per post pays: Material's theme and
search over the same number of pages, each the post's copy under a title, with no
hooks. The socialops build is the repository's own mkdocs.yml and site/ folder.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]

BARE_CONFIG = """\
site_name: bare
docs_dir: pages
use_directory_urls: false
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - Home: index.md
not_in_nav: |
  /posts/
"""


def prepare(repo: Path, work: Path) -> tuple[Path, Path]:
    """Config files of the two builds: the repository with this project's site sources,
    and the bare site with one plain page per post file (made once per repository)."""
    work.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "site"):
        target = repo / name
        if target.is_dir():
            shutil.rmtree(target)
        source = PROJECT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target)
    bare = work / f"bare-{repo.name}"
    if not (bare / ".complete").exists():
        _write_bare(repo, bare)
    return repo / "mkdocs.yml", bare / "mkdocs.yml"


def _write_bare(repo: Path, bare: Path) -> None:
    import frontmatter

    if bare.exists():
        shutil.rmtree(bare)
    pages = bare / "pages"
    (pages / "posts").mkdir(parents=True)
    (pages / "index.md").write_text("# Bare\n\nA plain page per post.\n")
    for number, path in enumerate(sorted((repo / "content" / "posts").rglob("*.md"))):
        post = frontmatter.load(path)
        (pages / "posts" / f"{number:06d}.md").write_text(f"# {path.stem}\n\n{post.content}\n")
    (bare / "mkdocs.yml").write_text(BARE_CONFIG)
    (bare / ".complete").write_text("ok\n")


def build_command(python: str, config: Path, out: Path, now: str) -> list[str]:
    # --no-strict: a synthetic repository may hold policy errors; the build is timed either way.
    return ["env", "NO_MKDOCS_2_WARNING=1", f"SOCIALOPS_NOW={now}", python, "-m", "mkdocs", "build", "--no-strict",
            "--quiet", "-f", str(config), "-d", str(out)]


def measure(repo: Path, work: Path, python: str, now: str, repeat: int,
            best_of: Callable[[list[str], int], tuple[float, float, str]]) -> dict:
    site_config, bare_config = prepare(repo, work)
    bare = best_of(build_command(python, bare_config, work / "public-bare", now), repeat)
    site = best_of(build_command(python, site_config, work / "public-site", now), repeat)
    posts = sum(1 for _ in (repo / "content" / "posts").rglob("*.md"))
    pages = sum(1 for _ in (work / "public-site").rglob("*.html"))
    return {"posts": posts, "site_pages": pages,
            "bare": {"seconds": round(bare[0], 3), "peak_mib": round(bare[1], 1)},
            "site": {"seconds": round(site[0], 3), "peak_mib": round(site[1], 1),
                     "ms_per_post": round(site[0] * 1000 / posts, 2), "x_bare": round(site[0] / bare[0], 3)}}
