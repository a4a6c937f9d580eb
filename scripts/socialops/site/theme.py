"""What the site adds to Material's templates (site/overrides/main.html)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field


@dataclass
class SharedParts:
    """Parts of Material's page rendered once and reused by every page they are the same for.

    A page outside the navigation has no active item in the tabs or the sidebar, so its copy
    of them depends only on the links, relative to the page's folder; the sidebar also holds
    the page's table of contents, so only a page without one shares it. The scripts' settings
    (Material's block config) depend only on the folder, for every page. One instance per
    build (on_env): a rebuild of `mkdocs serve` starts empty.
    """

    parts: dict[tuple[str, ...], str] = field(default_factory=dict)

    def key(self, block: str, page: object, nav: object) -> tuple[str, ...] | None:
        """The block's key for this page, or None when the page renders its own."""
        if page is None or getattr(page, "toc", None) is None:
            return None
        if block == "config":  # the scripts' settings: links relative to the folder, and the theme's words
            return (block, posixpath.dirname(page.url))  # type: ignore[attr-defined]
        if any(item is page for item in nav.pages):  # type: ignore[attr-defined]
            return None
        if block == "site_nav" and list(page.toc):  # type: ignore[attr-defined]
            return None
        hide = tuple(sorted(str(name) for name in (page.meta.get("hide") or ())))  # type: ignore[attr-defined]
        return (block, posixpath.dirname(page.url), *hide)  # type: ignore[attr-defined]

    def keep(self, key: tuple[str, ...] | None, part: str) -> str:
        if key is not None:
            self.parts[key] = part
        return part
