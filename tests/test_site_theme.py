"""The parts of Material's pages rendered once and shared (site/overrides/main.html): a site
built with them is byte for byte the site Material renders page by page."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from socialops.site.theme import SharedParts
from tests.test_site_posts import CAMPAIGN, THREAD, built, site_repo


def test_shared_parts_give_the_same_site_as_material_alone(tmp_path: Path) -> None:
    files = {"content/posts/acme-us-x/2026/2026-03-02-thread.md": THREAD,
             "content/posts/acme-us-x/2026/2026-03-04-plain.md":
                 "---\npublish_at: 2026-03-04T10:00\nstatus: draft\nauthor: alice\nformat: text\n---\nHello\n",
             "content/posts/acme-de-instagram/2026/2026-03-03-plain.md":
                 "---\npublish_at: 2026-03-03T10:00\nstatus: draft\nauthor: alice\nformat: text\n---\nHallo #neu\n",
             "content/campaigns/spring.md": CAMPAIGN}
    shared = built(site_repo(tmp_path / "shared", files), tmp_path / "out-shared")
    plain_root = site_repo(tmp_path / "plain", files)
    (plain_root / "site" / "overrides" / "main.html").unlink()
    plain = built(plain_root, tmp_path / "out-plain")
    pages = sorted(path.relative_to(plain) for path in plain.rglob("*.html"))
    assert Path("posts/acme-us-x/2026-03-04-plain.html") in pages
    assert sorted(path.relative_to(shared) for path in shared.rglob("*.html")) == pages
    for page in pages:
        assert (shared / page).read_bytes() == (plain / page).read_bytes(), page


def page(url: str, toc: list, hide: list | None = None) -> SimpleNamespace:
    return SimpleNamespace(url=url, toc=toc, meta={"hide": hide} if hide else {})


def test_only_pages_outside_the_navigation_share_the_navigation_by_folder() -> None:
    parts = SharedParts()
    home = page("index.html", [])
    nav = SimpleNamespace(pages=[home])
    post, other, elsewhere = page("posts/a/1.html", []), page("posts/a/2.html", []), page("posts/b/1.html", [])
    assert parts.key("site_nav", post, nav) == parts.key("site_nav", other, nav) != parts.key("site_nav", elsewhere, nav)
    assert parts.key("site_nav", home, nav) is None and parts.key("tabs", home, nav) is None  # its own item is active
    with_toc = page("posts/a/3.html", ["a heading"])
    assert parts.key("site_nav", with_toc, nav) is None  # the sidebar holds its table of contents
    assert parts.key("tabs", with_toc, nav) == parts.key("tabs", post, nav)
    hidden = page("posts/a/4.html", [], ["navigation"])
    assert parts.key("site_nav", hidden, nav) != parts.key("site_nav", post, nav)
    assert parts.key("config", home, nav) == ("config", "") and parts.key("config", post, nav) == ("config", "posts/a")
