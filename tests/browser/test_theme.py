"""Our overrides of Material's templates change only what they say they change, so an upgrade
of Material that changes the original shows here (copy the new one and re-apply the change)."""

from __future__ import annotations

from pathlib import Path

import material

from tests.conftest import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "site" / "overrides"


def _body(template: str) -> str:
    """The template without its leading Jinja comment (Material's says it is generated)."""
    return template.split("-#}\n", 1)[1]


def test_the_search_dialog_override_only_adds_its_name() -> None:
    ours = (OVERRIDES / "partials" / "search.html").read_text("utf-8")
    theirs = (MATERIAL / "partials" / "search.html").read_text("utf-8")
    dialog = '<div class="md-search" data-md-component="search" role="dialog"'
    assert _body(ours) == _body(theirs).replace(dialog, dialog + " aria-label=\"{{ lang.t('search') }}\"", 1)
    assert _body(ours) != _body(theirs)


def test_the_language_selector_override_only_links_the_same_page() -> None:
    """Material links each language's home (extra.alternate's link); ours links the page being
    read in that language, and says which language each link's name is written in."""
    ours = (OVERRIDES / "partials" / "alternate.html").read_text("utf-8")
    theirs = (MATERIAL / "partials" / "alternate.html").read_text("utf-8")
    loop = "{% for alt in config.extra.alternate %}\n"
    same_page = ('          {% if page and page.url and alt.link.endswith("index.html") %}\n'
                 '            {% set href = base_url ~ "/" ~ alt.link[:-10] ~ page.url %}\n'
                 "          {% else %}\n"
                 "            {% set href = alt.link | url %}\n"
                 "          {% endif %}\n")
    link = '<a href="{{ alt.link | url }}" hreflang="{{ alt.lang }}"'
    expected = (_body(theirs).replace(loop, loop + same_page, 1)
                .replace(link, '<a href="{{ href }}" hreflang="{{ alt.lang }}" lang="{{ alt.lang }}"', 1))
    assert _body(ours) == expected
    assert _body(ours) != _body(theirs)


def test_every_override_is_checked_here() -> None:
    # main.html (parts shared between pages) is checked by tests/test_site_theme.py: the site
    # built with it is byte for byte the site built without it
    assert sorted(str(path.relative_to(OVERRIDES)) for path in OVERRIDES.rglob("*") if path.is_file()) == [
        "main.html", "partials/alternate.html", "partials/search.html"]
