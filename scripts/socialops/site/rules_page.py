"""The rules reference, generated from the rules themselves (rules/docs.py)."""

from __future__ import annotations

from ..rules import docs
from .context import Output, Site


def pages(site: Site) -> dict[str, Output]:
    return {"rules.md": Output(docs.markdown())}
