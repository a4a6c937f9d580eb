"""The page of each post: the preview a stakeholder sees (name, handle, avatar, the copy with
its entities marked, each thread part on its own, media), the length counted as the platform
counts it against its limit, and the facts around it; nothing a writer typed runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from socialops.site import posts
from tests.conftest import ROOT, demo_only, make_repo
from tests.test_site import add_site_sources, build

NOW = "2026-03-01T12:00:00+08:00"
PART_ONE = "<script>alert('x')</script> Hello #spring @acme https://acme.com/a?b=1&c=2"
PART_TWO = "Part two <img src=x onerror=alert(1)> [click](javascript:alert(3))"
THREAD = f"""---
publish_at: 2026-03-02T09:00
status: published
author: alice
format: thread
campaign: spring
published_url: javascript:alert(1)
risk: sensitive
media:
  - file: content/media/photo.png
    alt: '"><script>alert(2)</script>'
    source: original
  - file: content/media/evil.svg
    alt: An SVG with a script
    source: original
  - file: content/media/clip.mp4
    alt: A short clip
    source: original
waivers:
  - rule: cadence
    reason: Launch day needs this slot, agreed with the director.
---
{PART_ONE}
---
{PART_TWO}
"""
SVG = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.domain)</script></svg>\n'
CAMPAIGN = """---
title: Spring
type: launch
owner: dana
start: 2026-02-01T09:00
end: 2026-03-31T18:00
accounts: [acme-us-x]
---
## Theme

Spring.
"""


def site_repo(tmp_path: Path, files: dict) -> Path:
    """A repository of `files` with this project's site sources, as a user's own repository has them."""
    root = make_repo(tmp_path, files)
    add_site_sources(root)
    return root


def built(root: Path, out: Path, now: str | None = NOW) -> Path:
    """The site of `root` at `now`, built as `make serve` builds it: not strict, since these
    repositories have policy errors on purpose (a strict build fails on them)."""
    result = build(root, out, now or "", strict=False)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("posts")
    root = site_repo(tmp, {
        "content/posts/acme-us-x/2026/2026-03-02-thread.md": THREAD,
        "content/posts/acme-de-instagram/2026/2026-03-03-plain.md":
            "---\npublish_at: 2026-03-03T10:00\nstatus: draft\nauthor: alice\nformat: text\n---\nHallo #neu\n",
        "content/media/photo.png": {"image": [64, 48, "PNG"]},
        "content/media/evil.svg": SVG,
        "content/media/clip.mp4": {"video": [64, 36, 1, 10]},
        "content/campaigns/spring.md": CAMPAIGN,
    })
    return built(root, tmp / "public")


def page(site: Path, post_id: str) -> str:
    return (site / "posts" / f"{post_id}.html").read_text("utf-8")


def preview(html: str) -> str:
    return html[html.index('<article class="so-preview'):html.index("</article>", html.index('<article class="so-preview'))]


def test_the_preview_shows_account_name_handle_and_avatar(site: Path) -> None:
    html = preview(page(site, "acme-us-x/2026-03-02-thread"))
    assert 'class="so-preview so-preview--x"' in html
    assert re.search(r'class="so-preview__name"><a href="../../accounts/acme-us-x.html">Acme</a>', html)
    assert '<span class="so-preview__handle">@acme</span>' in html
    assert '<img class="so-preview__avatar" src="../../media/avatar.png"' in html
    assert (site / "media" / "avatar.png").read_bytes() == (ROOT / "tests/fixtures/base/content/media/avatar.png").read_bytes()


def test_each_thread_part_is_a_card_counted_the_way_x_counts(site: Path) -> None:
    html = preview(page(site, "acme-us-x/2026-03-02-thread"))
    # X (docs.x.com counting-characters): ASCII weighs 1, a URL 23, each part on its own
    # (X links only real top-level domains: an .example address would count by its characters)
    url = "https://acme.com/a?b=1&c=2"
    part_one = len(PART_ONE) - len(url) + 23
    part_two = len(PART_TWO)  # no dotted word: no URL
    assert re.findall(r'<span class="so-count">([^<]*)</span>', html) == [f"{part_one} / 280", f"{part_two} / 280"]
    assert html.count('<section class="so-preview__card">') == 2


def test_hashtags_mentions_and_links_are_marked(site: Path) -> None:
    html = preview(page(site, "acme-us-x/2026-03-02-thread"))
    assert '<span class="so-entity so-entity--hashtag">#spring</span>' in html
    assert '<span class="so-entity so-entity--mention">@acme</span>' in html
    assert ('<a class="so-entity so-entity--link" href="https://acme.com/a?b=1&amp;c=2" '
            'rel="nofollow noopener noreferrer">https://acme.com/a?b=1&amp;c=2</a>') in html
    other = preview(page(site, "acme-de-instagram/2026-03-03-plain"))
    assert '<span class="so-entity so-entity--hashtag">#neu</span>' in other
    assert '<span class="so-count">10 / 2200</span>' in other  # Instagram: 10 characters ("Hallo #neu")


def test_nothing_a_writer_typed_runs(site: Path) -> None:
    html = page(site, "acme-us-x/2026-03-02-thread")
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'alt="&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"' in html
    for path in site.rglob("*.html"):
        text = path.read_text("utf-8")
        assert not re.search(r"""(?:href|src)\s*=\s*["']?\s*javascript:""", text, re.IGNORECASE), path


def test_media_raster_and_video_are_copied_svg_is_only_named(site: Path) -> None:
    html = preview(page(site, "acme-us-x/2026-03-02-thread"))
    assert '<img src="../../media/photo.png"' in html and (site / "media" / "photo.png").is_file()
    video = re.search(r"<video [^>]*>", html).group(0)
    assert 'src="../../media/clip.mp4"' in video and "controls" in video and "autoplay" not in video
    assert (site / "media" / "clip.mp4").is_file()
    assert not (site / "media" / "evil.svg").exists()
    assert "<code>content/media/evil.svg</code>" in html and "evil.svg\"" not in html


def test_facts_findings_and_waivers(site: Path) -> None:
    html = page(site, "acme-us-x/2026-03-02-thread")
    assert '<span class="so-mark so-mark--sensitive">' in html and '<span class="so-mark so-mark--waiver">' in html
    assert "Launch day needs this slot, agreed with the director." in html
    assert '<a href="../../campaigns/spring.html">Spring</a>' in html
    assert "<td>Alice Writer</td>" in html
    # the javascript: link was refused by the schema: no link, a finding on the page says why
    assert "<td>no link given</td>" in html and "published_url" in html
    # local (America/New_York) and HQ (Asia/Shanghai) time of 2026-03-02 09:00 in New York (UTC-5)
    assert '<time datetime="2026-03-02T09:00:00-05:00">Mar 2, 2026, 9:00\u202fAM</time> (America/New_York)' in html
    assert '<time datetime="2026-03-02T22:00:00+08:00">Mar 2, 2026, 10:00\u202fPM</time> (Asia/Shanghai)' in html


def test_post_pages_stay_out_of_the_navigation(site: Path) -> None:
    """Material renders the navigation into every page: a post in it would cost every page."""
    home = (site / "index.html").read_text("utf-8")
    navigation = home[home.index("md-nav--primary"):home.index("md-content")]
    assert 'href="campaigns/index.html"' in navigation and 'href="incidents/index.html"' in navigation
    assert "posts/" not in navigation


def test_only_http_links_are_kept() -> None:
    assert posts.web_url("https://a.example/x?y=1") == "https://a.example/x?y=1"
    for bad in ("javascript:alert(1)", " javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x",
                "https://a.example/\nx", "//a.example", "https:///x", None, 3):
        assert posts.web_url(bad) is None, bad


def test_a_page_title_cannot_close_the_title_element() -> None:
    assert posts.front_matter("</title><script>x</script> & Co") == '---\ntitle: "/titlescriptx/script Co"\n---\n'


@demo_only
def test_demo_post_counted_by_hand(tmp_path_factory: pytest.TempPathFactory) -> None:
    out = built(ROOT, tmp_path_factory.mktemp("demo") / "public", now=None)  # the demo's reference_time
    # content/posts/lanterna-us-x/2026/2026-10-09-drift-901.md: ASCII text, then one URL (23)
    before_url = ("#ad Our friends at Trailhead Coffee Co. built a brew-along playlist for Lanterna Drift. "
                  "Try it on your next camping trip. ")
    html = page(out, "lanterna-us-x/2026-10-09-drift-901")
    assert f'<span class="so-count">{len(before_url) + 23} / 280</span>' in html  # 145
    assert '<span class="so-entity so-entity--hashtag">#ad</span>' in html
    assert 'href="https://x.com/LanternaAudio/status/1850378495183801253"' in html
    # content/posts/lanterna-jp-x/2026/2026-10-07-drift-003.md: 30 CJK characters and
    # full-width punctuation weigh 2 each, the 5 letters of "Drift" 1 each
    copy = "週末はお気に入りのプレイリストとDriftで。今なにを聴いていますか？"
    assert len(copy) == 35
    assert '<span class="so-count">65 / 280</span>' in page(out, "lanterna-jp-x/2026-10-07-drift-003")
    assert '<span class="so-preview__name"><a href="../../accounts/lanterna-jp-x.html">Lanterna Audio Japan</a>' in \
        page(out, "lanterna-jp-x/2026-10-07-drift-003")
    # every post has its page
    assert len(list((out / "posts").rglob("*.html"))) == len(list((ROOT / "content/posts").rglob("*.md")))


def test_every_interface_string_has_a_chinese_translation() -> None:
    """The labels of the post, campaign and incident pages and the messages their templates
    format are all in site/locale/zh_Hans (posts.po, campaigns.po, incidents.po)."""
    from babel.messages.pofile import read_po

    from socialops.rules import text_length
    from socialops.site import campaigns, incidents

    translated: dict[str, str] = {}
    for name in ("posts", "campaigns", "incidents"):
        with (ROOT / "site" / "locale" / "zh_Hans" / f"{name}.po").open("rb") as handle:
            translated.update({m.id: m.string for m in read_po(handle) if m.id and m.string})
    used = {*posts.LABELS.values(), *posts.STATUS_LABELS.values(), *posts.SEVERITY_LABELS.values(),
            *text_length.UNITS.values(), *campaigns.PLAN_LABELS.values(), *incidents.SEVERITY_LABELS.values()}
    for template in ("post.html.j2", "campaign.md.j2", "incident.md.j2"):
        used |= set(re.findall(r'_\("([^"]+)"', (ROOT / "site" / "templates" / template).read_text("utf-8")))
    assert sorted(used - set(translated)) == []


def test_search_finds_a_post_by_its_copy_and_facts_without_its_tables(site: Path) -> None:
    entries = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    found = [entry for entry in entries if entry["location"] == "posts/acme-us-x/2026-03-02-thread.html"]
    assert [entry["title"] for entry in found] == ["Acme acme-us-x/2026-03-02-thread"]
    text = found[0]["text"]
    assert "Hello #spring @acme" in text and "Part two" in text  # both parts of the thread
    assert "published" in text and "Spring" in text and "Alice Writer" in text  # status, campaign, author
    assert "&lt;script&gt;" in text and "<script>" not in text  # escaped, as on the page
    assert "HQ time" not in text and "Findings" not in text  # the labels of every post page are not indexed
    assert "HQ time" in page(site, "acme-us-x/2026-03-02-thread")  # the page itself is whole
