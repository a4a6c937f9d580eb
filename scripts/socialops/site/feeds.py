"""ICS feeds of the publishing calendar (RFC 5545, written by the `icalendar` library):
every post, and one feed per account and per market, for calendar apps to subscribe to.

An event starts at the post's publish time in its account's time zone, with that zone's
VTIMEZONE in the feed. Its UID is the post id, so an app updates the same event when the
post moves or changes status; a cancelled post stays in the feed, marked CANCELLED. The
feeds are byte-for-byte the same for the same repository and "now": DTSTAMP is "now",
never the clock, and each post's event is written once and shared by the feeds it is in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from ..model.entities import Account, Post, Repository
from .context import Output, Site

PRODID = "-//socialops//publishing calendar//EN"
UID_DOMAIN = "socialops"  # UIDs must not change when the site moves, so not the site's address
END = b"END:VCALENDAR\r\n"
# RFC 5545 3.8.1.11: an event is TENTATIVE, CONFIRMED or CANCELLED
EVENT_STATUS = {"draft": "TENTATIVE", "scheduled": "CONFIRMED", "published": "CONFIRMED", "cancelled": "CANCELLED"}
SUMMARY_CHARS = 60
FOLD_OCTETS = 75  # icalendar folds a line of 75 octets or more (RFC 5545 3.1: at most 75)
PLATFORM_NAMES = {"x": "X", "instagram": "Instagram", "facebook": "Facebook", "linkedin": "LinkedIn",
                  "tiktok": "TikTok", "youtube": "YouTube", "threads": "Threads", "bluesky": "Bluesky",
                  "mastodon": "Mastodon", "pinterest": "Pinterest"}


@dataclass(frozen=True)
class Feed:
    """One subscribable feed: all posts, one account's or one market's."""

    path: str  # in the site, e.g. feeds/accounts/lanterna-us-x.ics
    account: Account | None = None
    market: str | None = None

    def takes(self, post: Post) -> bool:
        if self.account is not None:
            return post.account is self.account
        if self.market is not None:
            return post.account is not None and post.account.market == self.market
        return True


def all_feeds(repo: Repository) -> list[Feed]:
    """Every feed the site publishes, in the order the subscribe list shows them."""
    markets = sorted({account.market for account in repo.accounts.values() if account.market})
    return [Feed("feeds/all.ics"),
            *(Feed(f"feeds/accounts/{account_id}.ics", account=repo.accounts[account_id])
              for account_id in sorted(repo.accounts)),
            *(Feed(f"feeds/markets/{market}.ics", market=market) for market in markets)]


def platform_name(platform: str | None) -> str:
    return PLATFORM_NAMES.get(platform or "", platform or "?")


def account_label(account: Account) -> str:
    """An account as people know it: its name and platform (names repeat across platforms)."""
    return f"{account.data.get('name', account.id)} · {platform_name(account.platform)}"


def status_labels(site: Site) -> dict[str, str]:
    _ = site.gettext
    return {"draft": _("Draft"), "scheduled": _("Scheduled"), "published": _("Published"),
            "cancelled": _("Cancelled"), "": _("No status")}


def feed_title(site: Site, feed: Feed) -> str:
    if feed.account is not None:
        return account_label(feed.account)
    if feed.market is not None:
        return site.gettext("Market %(market)s") % {"market": feed.market}
    return site.gettext("All posts")


def excerpt(text: str, limit: int) -> str:
    """The copy on one line, cut at `limit` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


def pages(site: Site) -> dict[str, Output]:
    """Each event has the URL of its post's page when mkdocs.yml gives the site's address
    (site_url); without it, none: a relative URL means nothing to a calendar app."""
    dated = sorted((post for post in site.repo.posts if post.publish_at is not None),
                   key=lambda post: (post.publish_at, post.id))
    labels = status_labels(site)
    events = {post.id: _event(site, post, labels, site.site_url) for post in dated}
    zones = _Zones(dated)
    outputs = {}
    for feed in all_feeds(site.repo):
        members = [post for post in dated if feed.takes(post)]
        outputs[feed.path] = Output(_calendar(site, feed, zones.for_posts(members), (events[p.id] for p in members)))
    return outputs


def uid(post: Post) -> str:
    return f"{post.id}@{UID_DOMAIN}"


def start(post: Post) -> datetime:
    """The publish time in the account's zone (a TZID the app resolves by the VTIMEZONE),
    or as UTC when the zone is not an IANA one."""
    moment = post.local_time
    assert moment is not None
    return moment if isinstance(moment.tzinfo, ZoneInfo) else moment.astimezone(UTC)


def _event(site: Site, post: Post, labels: dict[str, str], site_url: str | None) -> bytes:
    _ = site.gettext
    account = post.account
    name = account_label(account) if account else post.account_id
    title = post.meta.get("title") or excerpt(post.text, SUMMARY_CHARS) or _("(no copy)")
    summary = f"{name}: {title}"
    if post.status in ("draft", "cancelled"):  # apps that ignore STATUS still show these
        summary = f"{labels[post.status]}: {summary}"
    categories = [platform_name(post.platform)]
    if account and account.market:
        categories.append(account.market)
    if post.meta.get("campaign"):
        categories.append(post.meta["campaign"])
    # Event() and add() write the same bytes as Event.new, a quarter faster (10,000 posts)
    event = Event()
    event.add("uid", uid(post))
    event.add("dtstamp", site.now.astimezone(UTC))
    event.add("dtstart", start(post))
    event.add("summary", summary)
    event.add("description", _description(site, post, labels))
    event.add("categories", categories)
    if post.status in EVENT_STATUS:
        event.add("status", EVENT_STATUS[post.status])
    if site_url:
        event.add("url", f"{site_url.rstrip('/')}/posts/{post.id}.html")
    return written(event)


def written(component: Event) -> bytes:
    """`component.to_ical()`, byte for byte: icalendar's content lines, folded as icalendar
    folds them, a cut at a time rather than a character at a time (10,000 posts: 90,000 lines)."""
    return b"".join(folded(line.encode("utf-8")) for line in component.content_lines() if line)


def folded(line: bytes) -> bytes:
    """A content line and its CRLF, folded the way icalendar's _foldline folds it: pieces of at
    most 74 octets, cut between characters (never inside a UTF-8 sequence) and not right after
    a backslash or caret, which would split an escape (icalendar issue #1501)."""
    pieces = []
    start = 0
    while len(line) - start >= FOLD_OCTETS:
        cut = start + FOLD_OCTETS - 1
        while line[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: back to the character's start
            cut -= 1
        if line[cut - 1] in b"\\^" and cut - 1 > start:
            cut -= 1
        pieces.append(line[start:cut])
        start = cut
    pieces.append(line[start:])
    return b"\r\n ".join(pieces) + b"\r\n"


def _description(site: Site, post: Post, labels: dict[str, str]) -> str:
    _ = site.gettext
    hq = site.repo.policy.hq_timezone
    local = post.local_time
    assert local is not None and post.publish_at is not None
    account = post.account
    lines = [post.text, "",
             _("Status: %(status)s") % {"status": labels[post.status or ""]},
             _("Local time: %(time)s") % {"time": f"{local:%Y-%m-%d %H:%M} ({local.tzname()})"},
             _("HQ time: %(time)s") % {"time": f"{post.publish_at.astimezone(hq):%Y-%m-%d %H:%M} ({hq.key})"}]
    if account:
        lines.append(_("Account: %(account)s") % {"account": f"{account_label(account)} {account.data.get('handle', '')}"})
    if post.meta.get("campaign"):
        lines.append(_("Campaign: %(campaign)s") % {"campaign": post.meta["campaign"]})
    if post.meta.get("risk") == "sensitive":
        lines.append(_("Sensitive: a director approves this post"))
    lines += [_("Waiver of %(rule)s: %(reason)s") % {"rule": waiver["rule"], "reason": waiver["reason"]}
              for waiver in post.meta.get("waivers", [])]
    return "\n".join(lines)


def _calendar(site: Site, feed: Feed, timezones: list[Timezone], events: Iterable[bytes]) -> bytes:
    """The feed's calendar: its properties and time zones from icalendar, then the events
    already written (icalendar writes a calendar as its parts in order)."""
    calendar = Calendar.new(name=feed_title(site, feed), prodid=PRODID, method="PUBLISH", calscale="GREGORIAN",
                            uid=f"{feed.path}@{UID_DOMAIN}")
    for timezone in timezones:
        calendar.add_component(timezone)
    head = calendar.to_ical()
    assert head.endswith(END)
    return head[:-len(END)] + b"".join(events) + END


class _Zones:
    """The VTIMEZONE of each zone the posts use, made once, covering every post's year."""

    def __init__(self, posts: list[Post]) -> None:
        years = [post.publish_at.year for post in posts if post.publish_at]
        self.first = date(min(years, default=2000), 1, 1)
        self.last = date(max(years, default=2000) + 1, 1, 1)
        self.made: dict[str, Timezone] = {}

    def for_posts(self, posts: list[Post]) -> list[Timezone]:
        keys = sorted({zone.key for post in posts if isinstance(zone := start(post).tzinfo, ZoneInfo)})
        return [self._zone(key) for key in keys]

    def _zone(self, key: str) -> Timezone:
        if key not in self.made:
            self.made[key] = Timezone.from_tzid(key, first_date=self.first, last_date=self.last)
        return self.made[key]
