"""The site is safe and self-contained: the same inputs give the same bytes, nothing is loaded
from outside it, and nothing a writer typed ever runs in a reader's browser.

The checks read every file of the built site, whatever pages exist, so a new page kind is
covered the day it is added.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import struct
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import BASE, ROOT, demo_only, make_repo
from tests.test_site import add_site_sources, build

EPOCH = int(dt.datetime(2001, 2, 3, tzinfo=dt.UTC).timestamp())  # far from any real build day
EXTERNAL_URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)  # http://x, https://x, //x
# what a browser fetches on its own from CSS and scripts (a link a reader clicks is fine)
EXTERNAL_LOAD = re.compile(r"""(?:src|href)\s*=\s*["'](?:https?:)?//|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:https?:)?//""")
# attributes whose URL the browser loads by itself, per element (a's href only when clicked)
LOADED = {"script": "src", "img": "src", "iframe": "src", "frame": "src", "source": "src", "audio": "src",
          "video": "src", "track": "src", "embed": "src", "input": "src", "object": "data"}
NOT_LOADED_LINKS = {"canonical", "alternate", "author", "license", "me", "next", "prev", "help", "search"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "poster", "xlink:href", "background", "srcset", "ping"}
ACTIVE_SCHEME = re.compile(r"^(?:javascript|vbscript):")
# Libraries copied into the site from a pinned package (socialops.site.charts): checked by
# test_the_vendored_chart_library_only_links_out, since their map code names tile servers
VENDORED = {"assets/vendor/plotly.min.js"}


class _Elements(HTMLParser):
    """Every start tag (name, attributes) of a page, the text inside its scripts, and its text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def parse(path: Path) -> _Elements:
    page = _Elements()
    page.feed(path.read_text("utf-8"))
    page.close()
    return page


def html_files(site: Path) -> Iterator[Path]:
    return (path for path in sorted(site.rglob("*.html")) if path.is_file())


def _without_controls(url: str) -> str:
    """A URL as a browser reads its scheme: HTML strips these before deciding it is javascript:."""
    return "".join(character for character in url if ord(character) > 0x20).lower()


# --- (a) reproducible -------------------------------------------------------------------

def _build_with(root: Path, out: Path, **environment: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)
        result = build(root, out)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def two_demo_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo built twice with the same SOURCE_DATE_EPOCH, into different folders and with
    different hash seeds (so an unsorted set or dict of strings shows as different bytes)."""
    folder = tmp_path_factory.mktemp("reproducible")
    first, second = folder / "first", folder / "second" / "public"
    _build_with(ROOT, first, SOURCE_DATE_EPOCH=str(EPOCH), PYTHONHASHSEED="1")
    _build_with(ROOT, second, SOURCE_DATE_EPOCH=str(EPOCH), PYTHONHASHSEED="2")
    return first, second


@demo_only
def test_the_same_inputs_give_byte_identical_files(two_demo_builds: tuple[Path, Path]) -> None:
    first, second = two_demo_builds
    files = sorted(str(path.relative_to(first)) for path in first.rglob("*") if path.is_file())
    assert files == sorted(str(path.relative_to(second)) for path in second.rglob("*") if path.is_file())
    assert len(files) > 10
    assert [name for name in files if (first / name).read_bytes() != (second / name).read_bytes()] == []


@demo_only
def test_the_sitemap_is_stamped_with_source_date_epoch(two_demo_builds: tuple[Path, Path]) -> None:
    """MkDocs stamps the gzip copy of the sitemap with the build day (the pages' update date):
    with SOURCE_DATE_EPOCH that day, not today. (The sitemap lists no pages, hence no dates,
    while mkdocs.yml has no site_url.)"""
    site = two_demo_builds[0]
    sitemap = (site / "sitemap.xml").read_text("utf-8")
    packed = (site / "sitemap.xml.gz").read_bytes()
    assert struct.unpack("<I", packed[4:8])[0] == EPOCH  # the gzip header's MTIME (RFC 1952)
    assert gzip.decompress(packed).decode("utf-8") == sitemap


# --- (b) nothing loaded from outside ------------------------------------------------------

def outside_loads(site: Path) -> list[str]:
    """What a browser would fetch from another host while showing the site."""
    offenders = []
    for path in sorted(site.rglob("*")):
        name = str(path.relative_to(site))
        if path.suffix == ".html":
            page = parse(path)
            for tag, attributes in page.tags:
                url = _loaded_url(tag, attributes)
                if url is not None and EXTERNAL_URL.match(url):
                    offenders.append(f"{name}: <{tag}> loads {url}")
                if EXTERNAL_LOAD.search(attributes.get("style", "")):
                    offenders.append(f"{name}: <{tag} style> loads {attributes['style'][:80]}")
            offenders += [f"{name}: <script> {script[match.start():match.start() + 80]}"
                          for script in page.scripts for match in EXTERNAL_LOAD.finditer(script)]
        elif path.suffix in (".css", ".js") and name not in VENDORED:
            text = path.read_text("utf-8", errors="replace")
            offenders += [f"{name}: {text[match.start():match.start() + 80]}" for match in EXTERNAL_LOAD.finditer(text)]
    return offenders


def _loaded_url(tag: str, attributes: dict[str, str]) -> str | None:
    if tag == "link" and not set(attributes.get("rel", "").lower().split()) & NOT_LOADED_LINKS:
        return attributes.get("href")
    if tag == "video" and "poster" in attributes:
        return attributes["poster"]
    return attributes.get(LOADED[tag]) if tag in LOADED else None


@demo_only
def test_the_demo_site_loads_nothing_from_outside(two_demo_builds: tuple[Path, Path]) -> None:
    assert outside_loads(two_demo_builds[0]) == []


def test_the_vendored_chart_library_only_links_out() -> None:
    """plotly.min.js names outside addresses only as links a reader clicks (`a.href = ...`,
    `<a href=...>` in map attributions): no script src, no CSS url() or @import. Its map
    tiles load only for map traces, which socialops-charts.js never makes (line, bar and
    scatter only), and the logo link is off (displaylogo: false)."""
    from socialops.site import charts

    text = charts.plotly_js().read_text("utf-8", errors="replace")
    found = [match.group(0) for match in EXTERNAL_LOAD.finditer(text)]
    assert found and all(re.fullmatch(r"""href\s*=\s*["'](?:https?:)?//""", load) for load in found), found
    script = (ROOT / "site" / "pages" / charts.CHARTS_SCRIPT).read_text("utf-8")
    assert "displaylogo: false" in script and "displayModeBar: false" in script
    named = set(re.findall(r'"([a-z]+)"', script))
    assert {"scatter", "bar"} <= named and not {"scattergeo", "scattermap", "choropleth", "choroplethmap",
                                                "densitymap", "scattermapbox", "choroplethmapbox"} & named


def test_the_outside_check_sees_what_a_browser_would_fetch(tmp_path: Path) -> None:
    """The check itself: each of these would load from another host; the links would not."""
    (tmp_path / "page.html").write_text(
        '<link rel="stylesheet" href="https://cdn.example/x.css"><script src="//cdn.example/x.js"></script>'
        '<img src="HTTPS://img.example/a.png"><div style="background: url(https://img.example/b.png)"></div>'
        '<a href="https://example.com/ok">a link a reader clicks</a><link rel="canonical" href="https://example.com/">'
        '<img src="media/local.png"><script>fetch("x"); var s = \'<img src="https://t.example/p.gif">\';</script>',
        "utf-8")
    (tmp_path / "style.css").write_text("@import url('https://fonts.example/font.css'); .a { background: url(img/x.png) }")
    assert outside_loads(tmp_path) == [
        "page.html: <link> loads https://cdn.example/x.css", "page.html: <script> loads //cdn.example/x.js",
        "page.html: <img> loads HTTPS://img.example/a.png",
        "page.html: <div style> loads background: url(https://img.example/b.png)",
        "page.html: <script> src=\"https://t.example/p.gif\">';",
        "style.css: url('https://fonts.example/font.css'); .a { background: url(img/x.png) }"]


# --- (c) what writers type never runs -------------------------------------------------------

MARK = "data-soxss"  # on every tag a writer typed: if a built page has an element with it, raw HTML got through
SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert("SOXSS-svg")</script><circle r="5"/></svg>\n'
POST = f"""---
publish_at: 2026-03-02T09:00
status: published
author: alice
campaign: soxss-campaign
format: image
media:
  - file: content/media/soxss.svg
    alt: 'SOXSS alt <img {MARK} src=x onerror=alert("SOXSS-alt")>'
    source: original
published_url: "javascript:alert('SOXSS-url')"
---
SOXSS-copy <script {MARK}>alert("SOXSS-script")</script> <img {MARK} src=x onerror=alert("SOXSS-img")>
<a {MARK} href="javascript:alert('SOXSS-a')">click</a> [md link](javascript:alert('SOXSS-md'))
<b {MARK} onmouseover="alert('SOXSS-b')">**bold**</b> <svg {MARK} onload="alert('SOXSS-inline-svg')"></svg>
 java&#x09;script:alert('SOXSS-entity') #hashtag @mention
"""
CAMPAIGN = f"""---
title: 'SOXSS campaign <script {MARK}>alert("SOXSS-title")</script>'
type: launch
owner: alice
start: 2026-03-01T00:00
end: 2026-03-31T23:59
accounts: [acme-us-x]
---
## Theme

<script {MARK}>alert("SOXSS-campaign")</script>
<iframe {MARK} src="javascript:alert('SOXSS-iframe')"></iframe>
<img {MARK} src=x onerror="alert('SOXSS-campaign-img')"> [md link](javascript:alert('SOXSS-campaign-md'))
<div {MARK} markdown="1" style="background:url(https://evil.example/x.png)">*inside*</div>
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose writers typed markup into every field the site shows, built without
    --strict (its findings must not stop a preview; what matters is what the pages contain)."""
    tmp_path = tmp_path_factory.mktemp("hostile")
    accounts = (BASE / "accounts.yaml").read_text("utf-8")
    accounts = accounts.replace("bio: Acme makes things.", f"bio: 'SOXSS-bio <img {MARK} src=x onerror=alert(1)>'", 1)
    accounts = accounts.replace("website: https://acme.example}", "website: \"javascript:alert('SOXSS-web')\"}", 1)
    assert "SOXSS-bio" in accounts and "SOXSS-web" in accounts
    root = make_repo(tmp_path, {
        "accounts.yaml": accounts,
        "content/media/soxss.svg": SVG,
        "content/posts/acme-us-x/2026/2026-03-02-soxss.md": POST,
        "content/campaigns/soxss-campaign.md": CAMPAIGN,
    })
    add_site_sources(root)
    out = tmp_path / "public"
    result = build(root, out, strict=False)
    assert result.returncode == 0, result.stderr
    return out


def active_writer_content(site: Path) -> list[str]:
    """Everything in the built pages that a browser would run or treat as markup."""
    found = []
    for path in html_files(site):
        name = str(path.relative_to(site))
        page = parse(path)
        for tag, attributes in page.tags:
            if MARK in attributes:
                found.append(f"{name}: a <{tag}> element a writer typed")
            found += [f"{name}: <{tag} {attribute}>" for attribute in attributes if attribute.startswith("on")]
            found += [f"{name}: <{tag} {attribute}={value!r}>" for attribute, value in attributes.items()
                      if attribute in URL_ATTRIBUTES and ACTIVE_SCHEME.match(_without_controls(value))]
        found += [f"{name}: a script with {script.strip()[:60]!r}" for script in page.scripts if "SOXSS" in script]
    return found


def test_nothing_a_writer_typed_is_active_on_any_page(hostile_site: Path) -> None:
    assert active_writer_content(hostile_site) == []


def test_what_writers_typed_is_shown_as_text(hostile_site: Path) -> None:
    """The post did reach the site (so the test above is not passing on an empty site), its
    markup shown as the characters the writer typed."""
    shown = "".join("".join(parse(path).text) for path in html_files(hostile_site))
    assert "SOXSS-copy" in shown
    assert f'<script {MARK}>alert("SOXSS-script")</script>' in shown


def test_an_svg_from_the_repository_is_never_copied_into_the_site(hostile_site: Path) -> None:
    """An SVG is a document that can carry script: served from the site's origin, it would run."""
    copied = [str(path.relative_to(hostile_site)) for path in hostile_site.rglob("*")
              if path.is_file() and (path.suffix.lower() == ".svg" or b"SOXSS-svg" in path.read_bytes())]
    assert copied == []


def test_the_active_content_check_finds_each_kind(tmp_path: Path) -> None:
    """The check itself, on a page where each of the things it looks for got through."""
    (tmp_path / "bad.html").write_text(
        f'<p><b {MARK}>x</b></p><img src="a.png" ONERROR="x()"><a href=" JAVA\tSCRIPT:alert(1)">y</a>'
        '<script>alert("SOXSS-script")</script><a href="https://ok.example/">fine</a>', "utf-8")
    assert active_writer_content(tmp_path) == [
        "bad.html: a <b> element a writer typed", "bad.html: <img onerror>",
        "bad.html: <a href=' JAVA\\tSCRIPT:alert(1)'>", "bad.html: a script with 'alert(\"SOXSS-script\")'"]
