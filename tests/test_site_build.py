"""The site build and the policy: errors fail a strict build (CI, `make site`), a
non-strict `mkdocs serve`-style build still renders."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_repo
from tests.test_site import add_site_sources, build

# 281 characters: one past X's 280 (tweet length: each of these ASCII letters weighs 1).
TOO_LONG = "a" * 281


def _site_repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path, {
        "content/posts/acme-us-x/2026/2026-03-02-long.md":
            f"---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\n{TOO_LONG}\n",
    })
    add_site_sources(root)
    return root




def test_a_policy_error_fails_the_strict_build_and_says_where(tmp_path: Path) -> None:
    root = _site_repo(tmp_path)
    strict = build(root, root / "public")
    assert strict.returncode == 1
    assert "content/posts/acme-us-x/2026/2026-03-02-long.md:6" in strict.stderr
    assert "[text-length]" in strict.stderr
    relaxed = build(root, root / "public", strict=False)
    assert relaxed.returncode == 0, relaxed.stderr
    assert (root / "public" / "index.html").is_file()
