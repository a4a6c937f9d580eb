"""The rules reference, generated from the rules themselves (rules/docs.py), each rule's
policy section linking to the handbook's heading for it."""

from __future__ import annotations

from ..rules import docs
from . import handbook
from .context import Output, Site

PAGE = "rules.md"


def pages(site: Site) -> dict[str, Output]:
    numbered = handbook.headings(site)
    section_link = (lambda section: handbook.markdown_link(PAGE, handbook.resolve(section, numbered).target)) if numbered else None
    text = docs.markdown(section_link)
    if site.language != "en":  # the rules document themselves in English, in their code
        title, _, rest = text.partition("\n")
        text = f"{title}\n\n{site.render('rules-note.md.j2', PAGE).rstrip()}\n{rest}"
    return {PAGE: Output(text)}
