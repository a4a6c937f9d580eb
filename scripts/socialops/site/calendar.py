"""The publishing calendar: a month grid for each month that has posts (and the current
month, which is also the calendar's front page), an agenda of every post, filters by
account, market, platform and campaign that run in the reader's browser, and the ICS
feeds to subscribe to.

Days are HQ days (policy.yaml's hq_timezone): a post sits on the day it goes out at HQ,
and every entry shows its time at HQ and in the account's own time zone. Each post's
entry is rendered once and shared by its month page and the agenda: every calendar page
is in calendar/, so the relative links inside an entry are the same on all of them.
"""

from __future__ import annotations

import calendar as gregorian
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import format_date, format_datetime, format_skeleton
from markupsafe import Markup

from ..model.entities import Post
from . import feeds, i18n
from .context import Output, Site, link

FOLDER = "calendar"
AGENDA = "calendar/agenda.md"
FRONT = "calendar/index.md"
SCRIPT = "assets/socialops-calendar.js"
EXCERPT_CHARS = 80
SENSITIVE_TERMS = "sensitive-terms"  # the rule that finds a sensitive subject in a post not marked so


@dataclass(frozen=True)
class Entry:
    post: Post
    day: date | None  # the HQ day it goes out; None without a readable publish time
    html: Markup


@dataclass(frozen=True)
class Month:
    year: int
    month: int

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def page(self) -> str:
        return f"{FOLDER}/{self.key}.md"


def pages(site: Site) -> dict[str, Output]:
    locale = Locale.parse(i18n.locale_name(site.language))
    hq = site.repo.policy.hq_timezone
    today = site.now.astimezone(hq).date()
    entries = _entries(site, locale, hq)
    by_month: dict[Month, list[Entry]] = defaultdict(list)
    for entry in entries:
        if entry.day is not None:
            by_month[Month(entry.day.year, entry.day.month)].append(entry)
    months = sorted({*by_month, Month(today.year, today.month)}, key=lambda month: month.key)
    shared = _shared_blocks(site, locale, hq)
    outputs: dict[str, Output] = {}
    for index, month in enumerate(months):
        neighbours = (months[index - 1] if index else None, months[index + 1] if index + 1 < len(months) else None)
        content = _month_page(site, locale, month, by_month[month], today, neighbours, shared)
        outputs[month.page] = Output(content, hidden=True)
        if month == Month(today.year, today.month):
            outputs[FRONT] = Output(content)  # the same folder: the same links work
            site.html_blocks[FRONT] = site.html_blocks[month.page]  # and the same finished HTML
    outputs[AGENDA] = Output(_agenda_page(site, locale, entries, today, shared), hidden=True)
    return outputs


def sensitive_paths(site: Site) -> set[str]:
    """Posts on a sensitive subject: marked `risk: sensitive`, or with a listed term in them."""
    marked = {post.path for post in site.repo.posts if post.meta.get("risk") == "sensitive"}
    return marked | {finding.path for finding in site.findings if finding.rule == SENSITIVE_TERMS}


def _entries(site: Site, locale: Locale, hq: ZoneInfo) -> list[Entry]:
    """Every post's calendar entry, in publishing order; posts without a time last."""
    macros = site.env.get_template("calendar_macros.html.j2").make_module({"page": AGENDA, "site": site})
    sensitive = sensitive_paths(site)
    _ = site.gettext
    # the words every entry repeats, translated once (a gettext call per entry and word adds up at 10,000 posts)
    words = {"statuses": feeds.status_labels(site), "hq": _("HQ"), "local": _("Local"), "no_time": _("No publish time"),
             "no_copy": _("(no copy)"), "sensitive": _("Sensitive"), "waiver": _("Waiver: %(rules)s"),
             "pattern": _local_pattern(locale), "root": link(AGENDA, "index.md").removesuffix("index.html")}
    entries = []
    for post in sorted(site.repo.posts, key=lambda post: (post.publish_at is None, post.publish_at or site.now, post.id)):
        hq_time = post.publish_at.astimezone(hq) if post.publish_at else None
        view = _post_view(post, hq_time, words, locale, post.path in sensitive)
        entries.append(Entry(post, hq_time.date() if hq_time else None, macros.entry(view, words)))
    return entries


def _post_view(post: Post, hq_time: datetime | None, words: dict, locale: Locale, sensitive: bool) -> dict:
    """What an entry shows; links are relative to the calendar folder (`words["root"]` is
    the site's root from there), worked out here rather than by href() for every post."""
    account = post.account
    local = post.local_time
    root = words["root"]
    return {
        "href": f"{root}posts/{post.id}.html",
        "account_id": post.account_id,
        "account_name": account.data.get("name", account.id) if account else post.account_id,
        "account_href": f"{root}accounts/{account.id}.html" if account else None,
        "platform": post.platform or "",
        "platform_name": feeds.platform_name(post.platform),
        "market": account.market or "" if account else "",
        "campaign": post.meta.get("campaign", ""),
        "status": post.status or "",
        "status_label": words["statuses"][post.status or ""],
        "hq_iso": hq_time.isoformat() if hq_time else "",
        "hq_time": f"{hq_time:%H:%M}" if hq_time else "",
        "local_time": format_datetime(local, words["pattern"], tzinfo=local.tzinfo, locale=locale) if local else "",
        "local_zone": _zone_label(local) if local else "",
        "zone_name": getattr(local.tzinfo, "key", "") if local else "",
        "sensitive": sensitive,
        "waivers": ", ".join(waiver["rule"] for waiver in post.meta.get("waivers", [])),
        "excerpt": post.meta.get("title") or feeds.excerpt(post.text, EXCERPT_CHARS),
    }


def _zone_label(moment: datetime) -> str:
    """The zone's abbreviation (EST, CET), or its offset from UTC where the zone has no
    abbreviation in common use (the tz database writes "-03" for São Paulo)."""
    name = moment.tzname() or ""
    return name if name[:1].isalpha() else f"UTC{name}"


def _local_pattern(locale: Locale) -> str:
    """The locale's way to write a day and a 24-hour time ("Nov 18, 10:30" in English,
    "11月18日 10:30" in Chinese): its CLDR day and time patterns joined by its own glue.
    Found once rather than for every post."""
    skeletons = locale.datetime_skeletons
    glue = str(locale.datetime_formats["short"])
    return glue.replace("{1}", str(skeletons["MMMd"])).replace("{0}", str(skeletons["Hm"]))


def _shared_blocks(site: Site, locale: Locale, hq: ZoneInfo) -> dict[str, Markup]:
    """The filters and the subscribe list: the same on every calendar page, rendered once."""
    macros = site.env.get_template("calendar_macros.html.j2").make_module({"page": AGENDA, "site": site})
    repo = site.repo
    accounts = sorted(repo.accounts.values(), key=lambda account: (feeds.account_label(account), account.id))
    campaigns = sorted({str(post.meta["campaign"]) for post in repo.posts if post.meta.get("campaign")})
    options = {
        "account": [(account.id, feeds.account_label(account)) for account in accounts],
        "market": [(market, market) for market in sorted({a.market for a in accounts if a.market})],
        "platform": [(platform, feeds.platform_name(platform))
                     for platform in sorted({a.platform for a in accounts if a.platform})],
        "campaign": [(campaign, _campaign_title(site, campaign)) for campaign in campaigns],
    }
    groups: dict[str, list] = {"all": [], "accounts": [], "markets": []}
    for feed in feeds.all_feeds(repo):
        group = "accounts" if feed.account else "markets" if feed.market else "all"
        groups[group].append((feed, feeds.feed_title(site, feed)))
    return {"filters": macros.filters(options), "subscribe": macros.subscribe(groups),
            "zone": Markup.escape(hq.key), "now": f"{site.now.astimezone(hq):%Y-%m-%d %H:%M}"}


def _campaign_title(site: Site, campaign_id: str) -> str:
    campaign = site.repo.campaigns.get(campaign_id)
    return str(campaign.meta.get("title", campaign_id)) if campaign else campaign_id


def _month_page(site: Site, locale: Locale, month: Month, entries: list[Entry], today: date,
                neighbours: tuple[Month | None, Month | None], shared: dict[str, Markup]) -> str:
    by_day: dict[date, list[Markup]] = defaultdict(list)
    for entry in entries:
        assert entry.day is not None
        by_day[entry.day].append(entry.html)
    layout = gregorian.Calendar(firstweekday=locale.first_week_day)
    weeks = [[{"date": day, "outside": day.month != month.month, "today": day == today, "entries": by_day.get(day, [])}
              for day in week] for week in layout.monthdatescalendar(month.year, month.month)]
    weekdays = [{"short": locale.days["format"]["abbreviated"][(locale.first_week_day + offset) % 7],
                 "wide": locale.days["format"]["wide"][(locale.first_week_day + offset) % 7]} for offset in range(7)]
    previous, following = neighbours
    return site.render("calendar_month.md.j2", month.page, title=_month_title(locale, month), month=month,
                       weeks=weeks, weekdays=weekdays, count=len(entries), shared=shared,
                       previous=_link(locale, previous), next=_link(locale, following),
                       agenda=AGENDA, front=FRONT, script=SCRIPT)


def _month_title(locale: Locale, month: Month) -> str:
    return format_skeleton("yMMMM", date(month.year, month.month, 1), locale=locale)


def _link(locale: Locale, month: Month | None) -> dict | None:
    return {"page": month.page, "title": _month_title(locale, month)} if month else None


def _agenda_page(site: Site, locale: Locale, entries: list[Entry], today: date, shared: dict[str, Markup]) -> str:
    """Every post by month and day; today's day is there even without posts, so the
    reader sees where now is."""
    days: dict[date, list[Markup]] = defaultdict(list)
    days[today] = []
    undated = []
    for entry in entries:
        if entry.day is None:
            undated.append(entry.html)
        else:
            days[entry.day].append(entry.html)
    months: dict[Month, list[dict]] = defaultdict(list)
    for day in sorted(days):
        months[Month(day.year, day.month)].append({"date": day, "title": format_date(day, "full", locale=locale),
                                                   "today": day == today, "entries": days[day]})
    return site.render("calendar_agenda.md.j2", AGENDA, shared=shared, undated=undated, script=SCRIPT,
                       front=FRONT, months=[{"key": month.key, "page": month.page, "title": _month_title(locale, month),
                                             "days": month_days} for month, month_days in months.items()])
