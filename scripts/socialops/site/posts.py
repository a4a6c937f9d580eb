"""TODO(#8): the posts pages."""

from __future__ import annotations

from .context import Output, Site


def pages(site: Site) -> dict[str, Output]:
    return {}
