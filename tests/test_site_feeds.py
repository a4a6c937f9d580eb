"""The ICS feeds, parsed back with icalendar and checked against values worked out by
hand from the post files."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from icalendar import Calendar, Event

from socialops.clock import parse_now
from socialops.site import build_site, feeds
from tests.conftest import DEMO_NOW, ROOT, demo_only, make_repo


@pytest.fixture(scope="module")
def demo_feeds() -> dict[str, bytes]:
    site = build_site(ROOT, parse_now(DEMO_NOW))
    return {path: output.content for path, output in feeds.pages(site).items()}  # type: ignore[misc]


def events(feed: bytes) -> dict[str, object]:
    return {str(event["UID"]): event for event in Calendar.from_ical(feed).walk("VEVENT")}


def post_ids(folder: str) -> set[str]:
    return {f"{path.parts[-3]}/{path.stem}" for path in (ROOT / "content" / "posts").glob(f"{folder}/*/*.md")}


@demo_only
def test_all_posts_feed_has_one_event_per_post_file(demo_feeds: dict[str, bytes]) -> None:
    found = events(demo_feeds["feeds/all.ics"])
    assert set(found) == {f"{pid}@socialops" for pid in post_ids("*")} and len(found) == 154


@demo_only
def test_account_and_market_feeds_hold_their_posts(demo_feeds: dict[str, bytes]) -> None:
    assert set(events(demo_feeds["feeds/accounts/lanterna-us-x.ics"])) == \
        {f"{pid}@socialops" for pid in post_ids("lanterna-us-x")}
    # the DE market: the two lanterna-de-* accounts in accounts.yaml
    assert set(events(demo_feeds["feeds/markets/DE.ics"])) == \
        {f"{pid}@socialops" for pid in post_ids("lanterna-de-*")}
    # every account in accounts.yaml has a feed, lanterna-mx-facebook too (it has no posts yet)
    accounts = yaml.safe_load((ROOT / "accounts.yaml").read_text("utf-8"))["accounts"]
    assert "lanterna-mx-facebook" in accounts and not post_ids("lanterna-mx-facebook")
    assert events(demo_feeds["feeds/accounts/lanterna-mx-facebook.ics"]) == {}
    assert sorted(demo_feeds) == sorted(
        ["feeds/all.ics"] + [f"feeds/accounts/{account_id}.ics" for account_id in accounts]
        + [f"feeds/markets/{market}.ics" for market in ("AE", "BR", "DE", "GB", "JP", "MX", "US")])


@demo_only
def test_an_event_starts_at_the_posts_time_in_its_accounts_zone(demo_feeds: dict[str, bytes]) -> None:
    """lanterna-us-x/2026-11-18-aura-902: 2026-11-18T10:30 in New York, EST (UTC-5): 15:30 UTC."""
    calendar = Calendar.from_ical(demo_feeds["feeds/all.ics"])
    event = events(demo_feeds["feeds/all.ics"])["lanterna-us-x/2026-11-18-aura-902@socialops"]
    start = event["DTSTART"]
    assert start.params["TZID"] == "America/New_York"
    assert start.dt.astimezone(UTC) == datetime(2026, 11, 18, 15, 30, tzinfo=UTC)
    assert "America/New_York" in [timezone["TZID"] for timezone in calendar.walk("VTIMEZONE")]
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["SUMMARY"]).startswith("Lanterna Audio · X: Safety notice: a small batch")
    assert "Sensitive: a director approves this post" in str(event["DESCRIPTION"])
    # "now" (2026-11-26T09:00+08:00) is 01:00 UTC: never the clock
    assert event["DTSTAMP"].dt == datetime(2026, 11, 26, 1, 0, tzinfo=UTC)
    assert "URL" not in event  # no site_url: a relative URL means nothing to a calendar app


@demo_only
def test_the_ics_text_says_tzid_and_the_raw_local_time(demo_feeds: dict[str, bytes]) -> None:
    text = demo_feeds["feeds/accounts/lanterna-jp-x.ics"].decode()
    assert "DTSTART;TZID=Asia/Tokyo:20261210T233000\r\n" in text  # the waived 23:30 JST post, as written
    assert "BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n" in text and text.endswith("END:VCALENDAR\r\n")


@demo_only
def test_cancelled_posts_stay_marked_cancelled_and_drafts_are_tentative(demo_feeds: dict[str, bytes]) -> None:
    found = events(demo_feeds["feeds/all.ics"])
    cancelled = found["lanterna-br-tiktok/2026-10-15-drift-905@socialops"]
    assert str(cancelled["STATUS"]) == "CANCELLED" and str(cancelled["SUMMARY"]).startswith("Cancelled: ")
    drafts = {path for path in (ROOT / "content" / "posts").glob("*/*/*.md") if "\nstatus: draft\n" in path.read_text()}
    assert len(drafts) == 22
    for path in drafts:
        assert str(found[f"{path.parts[-3]}/{path.stem}@socialops"]["STATUS"]) == "TENTATIVE"


def test_event_urls_when_mkdocs_yml_gives_the_site_address(tmp_path: Path) -> None:
    from tests.test_site import add_site_sources
    from tests.test_site_calendar import mkdocs_build

    root = make_repo(tmp_path, {"content/posts/acme-us-x/2026/2026-03-02-hello.md":
                                "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\nHello\n"})
    add_site_sources(root)
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("site_url: https://ops.example.com/social/\n")
    mkdocs_build(root, tmp_path / "public", "2026-03-01T12:00:00Z")
    event = events((tmp_path / "public" / "feeds" / "all.ics").read_bytes())["acme-us-x/2026-03-02-hello@socialops"]
    assert str(event["URL"]) == "https://ops.example.com/social/posts/acme-us-x/2026-03-02-hello.html"


def test_own_repository_feed_round_trips_copy_and_offsets(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {
        "content/posts/acme-de-instagram/2026/2026-03-29-dst.md":
            "---\npublish_at: 2026-03-29T09:00\nstatus: scheduled\nauthor: alice\n---\n"
            "Sommerzeit; Uhren vor, <script>alert(1)</script>, Komma.\n",
        "content/posts/acme-us-x/2026/2026-03-02-offset.md":
            "---\npublish_at: 2026-03-02T09:00:00+01:00\nstatus: cancelled\nauthor: alice\n---\nPlans changed.\n",
    })
    (root / "site").symlink_to(ROOT / "site")
    site = build_site(root, parse_now("2026-03-01T12:00:00Z"))
    outputs = feeds.pages(site)
    found = events(outputs["feeds/all.ics"].content)  # type: ignore[arg-type]
    dst = found["acme-de-instagram/2026-03-29-dst@socialops"]
    # 29 March 2026 is the day Berlin moves to CEST (UTC+2): 09:00 local is 07:00 UTC
    assert dst["DTSTART"].dt.astimezone(UTC) == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)
    assert dst["DTSTART"].dt.tzinfo == ZoneInfo("Europe/Berlin") or dst["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert str(dst["DESCRIPTION"]).startswith("Sommerzeit; Uhren vor, <script>alert(1)</script>, Komma.\n")
    offset = found["acme-us-x/2026-03-02-offset@socialops"]
    # +01:00 is 08:00 UTC, 03:00 in New York (EST): the account's zone
    assert offset["DTSTART"].dt.astimezone(UTC) == datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    assert str(offset["STATUS"]) == "CANCELLED"
    assert set(events(outputs["feeds/accounts/acme-gb-linkedin.ics"].content)) == set()  # type: ignore[arg-type]
    assert feeds.pages(site) == outputs  # same inputs, same bytes


@pytest.mark.parametrize("description", ["short", "x" * 61, "x" * 62, "x" * 63, "y" * 200, "新品发布 " * 30,
                                         "a\\b;c," * 20, "line one\nline two " * 10, "🎧é" * 50,
                                         *("x" * n + "\\," * 40 for n in range(4)), "^" * 150])
def test_an_event_is_written_as_icalendar_writes_it(description: str) -> None:
    # feeds.written skips icalendar's fold of short lines: the bytes must be the library's own
    event = Event()
    event.add("uid", "acme-us-x/2026-03-02-launch@socialops")
    event.add("dtstart", datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("America/New_York")))
    event.add("summary", description[:100])
    event.add("description", description)
    event.add("categories", ["X", "US", "spring"])
    assert feeds.written(event) == event.to_ical()
