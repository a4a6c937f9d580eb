"""TODO(#8): the media_credits pages."""

from __future__ import annotations

from .context import Output, Site


def pages(site: Site) -> dict[str, Output]:
    return {}
