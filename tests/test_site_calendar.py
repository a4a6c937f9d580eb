"""The publishing calendar: month grids in HQ days, the agenda, today, marks, filters,
subscribe links. Expected values are worked out here from the post files themselves."""

from __future__ import annotations

import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from jinja2.ext import babel_extract

from socialops.clock import parse_now
from socialops.site import build_site, calendar
from socialops.site.context import Site, fill_in
from tests.conftest import DEMO_NOW, ROOT, demo_only, make_repo
from tests.test_site import build

SHANGHAI = ZoneInfo("Asia/Shanghai")
SMALL_NOW = "2026-03-04T10:00:00+08:00"


def mkdocs_build(root: Path, out: Path, now: str = "", strict: bool = True) -> None:
    result = build(root, out, now, strict=strict)
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("calendar") / "public"
    mkdocs_build(ROOT, out)
    return out


class Posts(HTMLParser):
    """Each `.so-post` entry of a page: its attributes, its text, its links, and the
    calendar day (`<time datetime>` of the enclosing cell or agenda day)."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[dict] = []
        self.day = ""
        self.current: dict | None = None
        self.depth = 0
        self.todays: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if "so-today" in classes:
            self.todays.append(found)
        if self.current is None and tag == "time" and found.get("datetime", "") and len(found["datetime"] or "") == 10:
            self.day = found["datetime"] or ""
        if self.current is not None:
            self.depth += tag == "li"
            if tag == "a":
                self.current["links"].append(found.get("href"))
            self.current["classes"] += classes
        elif tag == "li" and "so-post" in classes:
            self.current = {"attrs": found, "day": self.day, "text": "", "links": [], "classes": []}

    def handle_endtag(self, tag: str) -> None:
        if self.current is not None and tag == "li":
            if self.depth == 0:
                self.entries.append(self.current)
                self.current = None
            else:
                self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current["text"] += data


def entries(page: Path) -> Posts:
    parser = Posts()
    parser.feed(page.read_text("utf-8"))
    return parser


def demo_posts() -> dict[str, datetime]:
    """Post id -> its publish time at HQ, read from the files: publish_at is local time of
    the account's zone (accounts.yaml) when it has no offset."""
    zones = {account_id: data["timezone"] for account_id, data in
             yaml.safe_load((ROOT / "accounts.yaml").read_text("utf-8"))["accounts"].items()}
    found = {}
    for path in (ROOT / "content" / "posts").glob("*/*/*.md"):
        written = re.search(r"^publish_at: (\S+)$", path.read_text("utf-8"), re.MULTILINE).group(1)
        moment = datetime.fromisoformat(written)
        account = path.parts[-3]
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo(zones[account]))
        found[f"{account}/{path.stem}"] = moment.astimezone(SHANGHAI)
    return found


def post_id(entry: dict) -> str:
    link = next(link for link in entry["links"] if link.startswith("../posts/"))
    return link.removeprefix("../posts/").removesuffix(".html")


@demo_only
def test_each_month_page_holds_the_posts_of_its_hq_month_on_their_hq_day(demo_site: Path) -> None:
    posts = demo_posts()
    months = sorted({moment.strftime("%Y-%m") for moment in posts.values()})
    assert months == ["2026-10", "2026-11", "2026-12"]
    for month in months:
        shown = entries(demo_site / "calendar" / f"{month}.html").entries
        expected = {pid: moment.date().isoformat() for pid, moment in posts.items() if moment.strftime("%Y-%m") == month}
        assert {post_id(entry): entry["day"] for entry in shown} == expected
        assert len(shown) == len(expected)


@demo_only
def test_the_agenda_lists_every_post_once_in_publishing_order(demo_site: Path) -> None:
    posts = demo_posts()
    shown = [post_id(entry) for entry in entries(demo_site / "calendar" / "agenda.html").entries]
    assert sorted(shown) == sorted(posts) and len(shown) == 154
    assert [posts[pid] for pid in shown] == sorted(posts[pid] for pid in shown)


@demo_only
def test_the_front_page_is_the_month_of_now_with_today_marked(demo_site: Path) -> None:
    front = demo_site / "calendar" / "index.html"
    assert (demo_site / "calendar" / "index.html").read_text("utf-8") != ""
    page = entries(front)
    # DEMO_NOW is 2026-11-26T09:00+08:00: HQ's today is 26 November
    assert DEMO_NOW.startswith("2026-11-26T09:00")
    assert "<h1 id=\"november-2026\">November 2026" in front.read_text("utf-8")
    assert len(page.todays) == 1 and page.todays[0].get("aria-current") == "date"
    assert '<time datetime="2026-11-26">26</time> <span class="so-today__label">Today</span>' in front.read_text("utf-8")
    agenda = entries(demo_site / "calendar" / "agenda.html")
    assert len(agenda.todays) == 1 and agenda.todays[0].get("aria-current") == "date"
    assert "so-today" not in (demo_site / "calendar" / "2026-10.html").read_text("utf-8")


@demo_only
def test_previous_and_next_months_link_to_each_other(demo_site: Path) -> None:
    def links(month: str) -> tuple[list[str], list[str]]:
        text = (demo_site / "calendar" / f"{month}.html").read_text("utf-8")
        return re.findall(r'href="([^"]+)" rel="prev"', text), re.findall(r'href="([^"]+)" rel="next"', text)

    assert links("2026-10") == ([], ["2026-11.html"])
    assert links("2026-11") == (["2026-10.html"], ["2026-12.html"])
    assert links("2026-12") == (["2026-11.html"], [])


@demo_only
def test_an_entry_shows_platform_account_name_status_and_both_times(demo_site: Path) -> None:
    """lanterna-us-x/2026-11-18-aura-902: publish_at 2026-11-18T10:30 in New York (EST,
    UTC-5) is 15:30 UTC, 23:30 in Shanghai the same day; it says `risk: sensitive`."""
    page = entries(demo_site / "calendar" / "2026-11.html").entries
    entry = next(e for e in page if post_id(e) == "lanterna-us-x/2026-11-18-aura-902")
    assert entry["day"] == "2026-11-18"
    assert entry["attrs"]["data-account"] == "lanterna-us-x" and entry["attrs"]["data-market"] == "US"
    assert entry["attrs"]["data-platform"] == "x" and entry["attrs"]["data-status"] == "published"
    text = " ".join(entry["text"].split())
    assert "HQ 23:30" in text and "Local Nov 18, 10:30 EST" in text
    assert "X · Lanterna Audio" in text and "Published" in text and "Sensitive" in text
    assert "so-mark--sensitive" in entry["classes"]
    assert "../accounts/lanterna-us-x.html" in entry["links"]


@demo_only
def test_a_waiver_is_marked_with_its_rule(demo_site: Path) -> None:
    """lanterna-jp-x/2026-12-10-halo-launch-904 waives cadence; 23:30 JST is 22:30 at HQ."""
    entry = next(e for e in entries(demo_site / "calendar" / "2026-12.html").entries
                 if post_id(e) == "lanterna-jp-x/2026-12-10-halo-launch-904")
    assert entry["day"] == "2026-12-10" and "so-mark--waiver" in entry["classes"]
    text = " ".join(entry["text"].split())
    assert "Waiver: cadence" in text and "HQ 22:30" in text and "Local Dec 10, 23:30 JST" in text
    assert entry["attrs"]["data-campaign"] == "halo-launch-2026"


@demo_only
def test_filters_cover_every_account_market_platform_and_campaign_and_need_the_script(demo_site: Path) -> None:
    accounts = yaml.safe_load((ROOT / "accounts.yaml").read_text("utf-8"))["accounts"]
    page = (demo_site / "calendar" / "index.html").read_text("utf-8")

    def options(name: str) -> list[str]:
        select = re.search(rf'<select id="so-filter-{name}" name="{name}">(.*?)</select>', page, re.DOTALL).group(1)
        return re.findall(r'<option value="([^"]*)"', select)

    assert options("account") != [] and sorted(options("account")) == ["", *sorted(accounts)]
    assert options("market") == ["", *sorted({a["market"] for a in accounts.values()})]
    assert options("platform") == ["", *sorted({a["platform"] for a in accounts.values()})]
    assert options("campaign") == ["", *sorted(p.stem for p in (ROOT / "content" / "campaigns").glob("*.md"))]
    for name in ("account", "market", "platform", "campaign"):
        assert f'<label for="so-filter-{name}">' in page
    # without JavaScript the filters stay hidden and no post is
    assert '<form class="so-filters" hidden' in page and re.search(r'class="so-post[^>]* hidden', page) is None
    assert '<script src="../assets/socialops-calendar.js" defer></script>' in page
    script = (demo_site / "assets" / "socialops-calendar.js").read_text("utf-8")
    assert all(f'"{name}"' in script for name in ("account", "market", "platform", "campaign"))
    assert "so-filter-" in script and ".hidden" in script


@demo_only
def test_subscribe_links_reach_the_feeds_and_every_local_link_resolves(demo_site: Path) -> None:
    accounts = yaml.safe_load((ROOT / "accounts.yaml").read_text("utf-8"))["accounts"]
    for name in ("index", "2026-10", "agenda"):
        page = demo_site / "calendar" / f"{name}.html"
        text = page.read_text("utf-8")
        assert 'href="../feeds/all.ics"' in text
        for account_id in accounts:
            assert f'href="../feeds/accounts/{account_id}.ics"' in text
        for link in re.findall(r'href="(\.\./(?:feeds|calendar|assets)/[^"#?]+|[0-9a-z-]+\.html)', text):
            assert (page.parent / link).resolve().is_file(), link
    assert (demo_site / "feeds" / "markets" / "DE.ics").is_file()


@demo_only
def test_chinese_interface_names_months_and_weekdays_the_chinese_way() -> None:
    site = build_site(ROOT, parse_now(DEMO_NOW), language="zh")
    page = _page(site, "calendar/index.md")
    assert "\n---\n# 2026年11月\n" in page
    # CLDR: weeks start on Monday in Chinese (and in English without a territory)
    headers = re.findall(r'<th scope="col"><abbr title="([^"]+)">', page)
    assert headers == ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]
    assert "今天" in page and "筛选" in page and "总部 <time" in page and "当地 11月18日 10:30" in page
    english = _page(build_site(ROOT, parse_now(DEMO_NOW)), "calendar/index.md")
    assert re.findall(r'<th scope="col"><abbr title="([^"]+)">', english)[:2] == ["Monday", "Tuesday"]


def _page(site: Site, path: str) -> str:
    """A generated calendar page as MkDocs gets it, its finished HTML blocks in place."""
    return fill_in(str(calendar.pages(site)[path].content), site.html_blocks.get(path, []))


def _messages(path: Path) -> set[str]:
    method = babel_extract if path.suffix == ".j2" else "python"
    options = {"extensions": "jinja2.ext.i18n", "trim_blocks": "1", "lstrip_blocks": "1"}
    return {message[1] for message in extract_from_file(method, str(path), keywords={"_": None, "gettext": None},
                                                         options=options)}


@pytest.mark.parametrize("catalogue, sources", [
    ("calendar.po", ["site/templates/calendar_macros.html.j2", "site/templates/calendar_month.md.j2",
                     "site/templates/calendar_agenda.md.j2", "scripts/socialops/site/calendar.py"]),
    ("feeds.po", ["scripts/socialops/site/feeds.py"]),
])
def test_every_interface_string_has_a_chinese_translation(catalogue: str, sources: list[str]) -> None:
    with (ROOT / "site" / "locale" / "zh_Hans" / catalogue).open("rb") as handle:
        translated = {message.id: message.string for message in read_po(handle) if message.id}
    used = set().union(*(_messages(ROOT / source) for source in sources))
    assert len(used) > 10
    assert sorted(used - {mid for mid, text in translated.items() if text}) == []
    assert sorted(set(translated) - used) == []  # nothing stale


# A small repository of one's own: a cancelled post, a sensitive one not marked so, a
# waiver, and copy that tries to run script.
SMALL = {
    "content/posts/acme-us-x/2026/2026-03-02-cancelled.md":
        "---\npublish_at: 2026-03-02T09:00\nstatus: cancelled\nauthor: alice\n---\nPlans changed.\n",
    "content/posts/acme-us-x/2026/2026-03-05-recall.md":
        "---\npublish_at: 2026-03-05T09:00\nstatus: draft\nauthor: alice\n---\nVoluntary recall of some charging cases.\n",
    "content/posts/acme-de-instagram/2026/2026-03-04-late.md":
        "---\npublish_at: 2026-03-04T23:30\nstatus: scheduled\nauthor: alice\nwaivers:\n"
        "  - {rule: cadence, reason: The launch stream starts at 23:30 and was announced for weeks.}\n---\nHeute Nacht live.\n",
    "content/posts/acme-us-x/2026/2026-04-01-xss.md":
        "---\npublish_at: 2026-04-01T09:00\nstatus: draft\nauthor: alice\n---\n"
        "<script>alert('x')</script> <img src=x onerror=alert(1)> <svg onload=alert(2)> [x](javascript:alert(3))\n",
}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_repo(tmp_path_factory.mktemp("small"), SMALL)
    (root / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text("utf-8"), "utf-8")
    (root / "site").symlink_to(ROOT / "site")
    out = root.parent / "public"
    mkdocs_build(root, out, SMALL_NOW, strict=False)  # the unmarked "recall" is an error
    return out


def test_own_repository_marks_cancelled_sensitive_and_waived_posts(small_site: Path) -> None:
    march = entries(small_site / "calendar" / "2026-03.html").entries
    by_id = {post_id(entry): entry for entry in march}
    assert sorted(by_id) == ["acme-de-instagram/2026-03-04-late", "acme-us-x/2026-03-02-cancelled",
                             "acme-us-x/2026-03-05-recall"]
    cancelled = by_id["acme-us-x/2026-03-02-cancelled"]
    # 09:00 EST (UTC-5) on 2 March is 14:00 UTC, 22:00 in Shanghai
    assert cancelled["attrs"]["data-status"] == "cancelled" and cancelled["day"] == "2026-03-02"
    assert "HQ 22:00" in cancelled["text"] and "Cancelled" in cancelled["text"]
    # "recall" is on the sensitive list and the post does not say risk: sensitive
    assert "so-mark--sensitive" in by_id["acme-us-x/2026-03-05-recall"]["classes"]
    assert "so-mark--sensitive" not in cancelled["classes"]
    late = by_id["acme-de-instagram/2026-03-04-late"]
    # 23:30 CET (UTC+1) on 4 March is 22:30 UTC, 06:30 on 5 March in Shanghai
    assert late["day"] == "2026-03-05" and "HQ 06:30" in late["text"] and "Local Mar 4, 23:30 CET" in late["text"]
    assert "so-mark--waiver" in late["classes"] and "Waiver: cadence" in late["text"]
    assert "Acme Deutschland" in late["text"] and "../accounts/acme-de-instagram.html" in late["links"]


def test_own_repository_today_is_the_hq_day_of_now(small_site: Path) -> None:
    front = entries(small_site / "calendar" / "index.html")
    assert len(front.todays) == 1 and front.todays[0]["aria-current"] == "date"
    assert '<time datetime="2026-03-04">4</time> <span class="so-today__label">Today</span>' in \
        (small_site / "calendar" / "index.html").read_text("utf-8")
    assert sorted(p.name for p in (small_site / "calendar").glob("*.html")) == [
        "2026-03.html", "2026-04.html", "agenda.html", "index.html"]


def test_writer_markup_in_the_calendar_is_shown_not_run(small_site: Path) -> None:
    for page in ("2026-04.html", "agenda.html"):
        text = (small_site / "calendar" / page).read_text("utf-8")
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in text
        assert "<script>alert" not in text and "<img src=x" not in text and "<svg onload" not in text
        assert 'href="javascript:' not in text


def test_the_calendar_is_the_same_for_the_same_inputs(tmp_path: Path) -> None:
    root = make_repo(tmp_path, SMALL)
    (root / "site").symlink_to(ROOT / "site")
    now = parse_now(SMALL_NOW)
    first = calendar.pages(build_site(root, now))
    again = calendar.pages(build_site(root, now))
    assert {path: output.content for path, output in first.items()} == \
        {path: output.content for path, output in again.items()}
    assert first["calendar/index.md"].hidden is False and first["calendar/2026-03.md"].hidden is True
