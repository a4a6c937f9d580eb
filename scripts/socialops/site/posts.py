"""A page per post: the post as its platform will show it (avatar, name, handle, the copy
with hashtags, mentions and links marked, each part of a thread as its own card, the media),
its length counted the platform's way against the limit, and what a reviewer checks beside
it: status, local and HQ time, the published link, campaign, author, findings and waivers.

Per-post pages stay out of the navigation (Material renders the whole nav into every page).
Media are copied into the site only when the loader found them inside the repository and
the model read them as a raster image or a browser video: an SVG or HTML file opened from
the site would run its scripts, so such files are named, never copied.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
from markupsafe import Markup

from .. import counting, platforms
from ..model.entities import Account, MediaFile, Post, Repository, money
from ..reports import queries
from ..rules import registry, text_length
from ..rules.text_entities import PATTERNS
from . import i18n
from .charts import display_sql
from .context import Output, Site

MEDIA_FOLDER = "content/media"  # copied to media/<path under it>
IMAGE_FORMATS = {"PNG", "JPEG", "GIF", "WEBP"}  # Pillow's names; raster only, never SVG
VIDEO_CONTAINERS = {"mp4", "mov", "webm"}
SHOWN_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".mp4", ".m4v", ".mov", ".webm"}
_TITLE_UNSAFE = str.maketrans("", "", "<>&\"'`")


def web_url(value: object) -> str | None:
    """`value` when it is an http(s) address with a host and nothing a browser would read
    differently (spaces, control characters); None otherwise (javascript:, data:, ...)."""
    if not isinstance(value, str) or not value.isprintable() or " " in value:
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    return value if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def front_matter(title: str) -> str:
    """The page's front matter with a plain-text title. MkDocs themes write page.title into
    <title> through `striptags`, which turns entities back into characters, unescaped: the
    title keeps no character that could close the element or start a tag."""
    plain = " ".join(title.translate(_TITLE_UNSAFE).split()) or "-"
    return f"---\ntitle: {json.dumps(plain)}\n---\n"  # a JSON string is a YAML string


def person_name(repo: Repository, handle: str | None) -> str:
    person = repo.people.get(handle or "")
    return person.name if person else handle or ""


def account_name(account: Account | None, fallback: str) -> str:
    return str(account.data.get("name") or account.id) if account else fallback


# -- the copy, marked ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    text: str
    kind: str = ""  # "", "hashtag", "mention" or "link"
    href: str | None = None  # for a link to an http(s) address


def marked(text: str, platform: str | None) -> list[Segment]:
    """The copy cut into plain text and entities, found the way the checks count them
    (rules/text_entities.py); on X, links as twitter-text finds them (bare domains too),
    the same links `counting` weighs as 23 each."""
    spans = [(start, end, "link") for start, end in _links(text, platform)]
    taken = sorted(spans)
    for kind, pattern in (("hashtag", PATTERNS["hashtags"]), ("mention", PATTERNS["mentions"])):
        for match in pattern.finditer(text):
            spans.append((match.start(), match.end(), kind))
    segments: list[Segment] = []
    position = 0
    for start, end, kind in sorted(spans):
        if start < position or (kind != "link" and _inside(taken, start)):
            continue  # a hashtag or mention inside a link is part of the link
        if start > position:
            segments.append(Segment(text[position:start]))
        piece = text[start:end]
        href = web_url(piece if "://" in piece else "https://" + piece) if kind == "link" else None
        segments.append(Segment(piece, kind, href))
        position = end
    if position < len(text):
        segments.append(Segment(text[position:]))
    return segments


def _inside(links: list[tuple[int, int, str]], position: int) -> bool:
    return any(start <= position < end for start, end, _ in links)


def _links(text: str, platform: str | None) -> list[tuple[int, int]]:
    if platform == "x" and not any(len(word) > counting.LONGEST_LINK and "." in word for word in text.split()):
        # twitter-text's scan is quadratic on a long dotted run; `counting` counts such a
        # run by its characters, not as a link, and so does this preview (pattern below)
        return [tuple(found["indices"]) for found in counting.x_links()(text)]  # type: ignore[misc]
    return [(match.start(), match.end()) for match in PATTERNS["links"].finditer(text)]


# -- counted length -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Count:
    length: int
    limit: int
    unit: str  # how it is counted (a key of text_length.UNITS)

    @property
    def over(self) -> bool:
        return self.length > self.limit


def counts(post: Post, tighter: dict) -> dict[tuple[str, int], list[Count]]:
    """(field, index of the piece) -> its count against each of the platform's limits
    (a thread's parts are counted one by one, as text_length checks them)."""
    found: dict[tuple[str, int], list[Count]] = {}
    for limit in platforms.text_limits(post.platform, post.meta.get("format")):
        count = counting.COUNTERS[limit["counting"]]
        maximum = text_length.limit_for(post.platform, limit, tighter)
        for index, (text, _line, _what) in enumerate(text_length.pieces(post, limit["field"])):
            found.setdefault((limit["field"], index), []).append(
                Count(count(text), maximum, limit["counting"]))
    return found


# -- media --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Medium:
    name: str  # the path as the post names it
    kind: str  # "image", "video" or "file" (shown by name only)
    url: str = ""  # its path in the site, for image and video
    alt: str = ""
    width: int = 0
    height: int = 0
    note: str = ""  # why a file is not shown


def site_media_path(repo: Repository, media: MediaFile) -> str | None:
    """Where a media file goes in the site (media/<path under content/media>), or None
    when it is not to be copied: not found by the loader (missing, outside the repository,
    a link), outside content/media, or not a raster image or browser video by its contents."""
    info = media.info
    if media.path is None or info is None or info.problem or media.path.suffix.lower() not in SHOWN_SUFFIXES:
        return None
    if not (info.kind == "image" and info.format in IMAGE_FORMATS
            or info.kind == "video" and info.format in VIDEO_CONTAINERS):
        return None
    relative = Path(os.path.relpath(media.path, repo.root)).as_posix()
    if not relative.startswith(MEDIA_FOLDER + "/"):
        return None
    return "media/" + relative.removeprefix(MEDIA_FOLDER + "/")


def copy_media(repo: Repository, media: MediaFile, copies: dict[str, Output]) -> str | None:
    """The file's path in the site, adding it to `copies` once."""
    path = site_media_path(repo, media)
    if path is not None and path not in copies:
        copies[path] = Output(source=media.path)
    return path


def _medium(site: Site, post: Post, index: int, root: str, t: dict[str, str], copies: dict[str, Output]) -> Medium:
    ref = post.media[index]
    name = str(ref.spec.get("file", ""))
    alt = str(ref.spec.get("alt", ""))
    url = copy_media(site.repo, ref.media, copies)
    info = ref.info
    if url is None or info is None:
        reason = ref.problem or (info.problem if info and info.problem else None)
        note = reason or t["not_copied"]
        return Medium(name, "file", alt=alt, note=note)
    return Medium(name, info.kind, root + url, alt, info.width, info.height)


# -- the page -----------------------------------------------------------------------------------

# Interface strings of a post page, translated once per build: 10,000 pages call no gettext.
LABELS = {
    "preview": "Preview", "details": "Details", "status": "Status", "local_time": "Local time", "hq_time": "HQ time",
    "published_at": "Published at", "campaign": "Campaign", "author": "Author", "format": "Format",
    "language": "Language", "disclosure": "Disclosure", "legal_review": "Legal review",
    "substantiation": "Substantiation", "risk": "Risk", "file": "File", "title": "Title",
    "alt_text": "Alt text", "none": "none", "not_set": "not set", "not_readable": "not set or not readable",
    "no_zone": "the account has no time zone", "not_published": "not published", "no_link": "no link given",
    "no_campaign": "no such campaign", "sensitive_mark": "Sensitive: a director approves", "sensitive": "sensitive",
    "unknown_platform": "unknown platform", "no_limit": "No length limit is known for this platform.",
    "waivers": "Waivers", "rule": "Rule", "reason": "Reason", "none_sentence": "None.",
    "findings": "Findings", "severity": "Severity", "line": "Line", "message": "Message",
    "no_findings": "None: the check finds nothing in this file.",
    "not_copied": "not shown: only PNG, JPEG, GIF and WebP images and MP4, MOV and WebM videos under content/media "
                  "are copied into the site",
}
STATUS_LABELS = {"draft": "draft", "scheduled": "scheduled", "published": "published", "cancelled": "cancelled",
                 "unknown": "no status"}
SEVERITY_LABELS = {"error": "error", "warning": "warning", "info": "info"}


def labels(site: Site) -> dict[str, str]:
    """Every fixed string of the post, campaign and incident pages, in the interface language."""
    found = dict(LABELS)
    for group in (STATUS_LABELS, SEVERITY_LABELS, text_length.UNITS):
        found.update(group)
    return translated(site, found)


def translated(site: Site, messages: dict[str, str]) -> dict[str, str]:
    """`messages` in the interface language, as plain text (the templates escape it), through
    the environment's own catalogue."""
    template = site.env.from_string("{% autoescape false %}{% for k, m in messages.items() %}{{ k }}\0{{ _(m) }}\0"
                                    "{% endfor %}{% endautoescape %}")
    parts = template.render(messages=messages).split("\0")
    return dict(zip(parts[0:-1:2], parts[1::2], strict=True))


@dataclass
class Card:
    segments: list[Segment]
    counts: list[Count] = field(default_factory=list)


@dataclass
class Moment:
    """A time as the page shows it: ISO for <time datetime>, the locale's words, the zone."""

    iso: str
    text: str
    zone: str


class Clock:
    """Times in the interface language's words, the CLDR way (Babel); each date and each
    time of day is formatted once: Babel takes a tenth of a millisecond per call."""

    def __init__(self, language: str) -> None:
        from babel import Locale

        self.locale = Locale.parse(i18n.locale_name(language))
        self.pattern = str(self.locale.datetime_formats["medium"]).replace("'", "")
        self._dates: dict[date, str] = {}
        self._times: dict[tuple[int, int], str] = {}

    def moment(self, value: datetime, zone: str) -> Moment:
        from babel.dates import format_date, format_time

        day = value.date()
        if day not in self._dates:
            self._dates[day] = format_date(day, "medium", locale=self.locale)
        key = (value.hour, value.minute)
        if key not in self._times:
            self._times[key] = format_time(value.time().replace(second=0, microsecond=0), "short", locale=self.locale)
        return Moment(value.isoformat(), self.pattern.replace("{0}", self._times[key]).replace("{1}", self._dates[day]),
                      zone)


def pages(site: Site) -> dict[str, Output]:
    repo = site.repo
    tighter = registry.configure(repo.policy.data.get("rules", {}))["text-length"].options["max"]
    copies: dict[str, Output] = {}
    out: dict[str, Output] = {}
    shared = {"t": labels(site), "clock": Clock(site.language), "tighter": tighter, "copies": copies,
              "metrics": site.answer(reading_rows)}  # one query for every post page
    template = site.env.get_template("post.html.j2")
    search = site.env.get_template("post_search.html.j2")
    for post in sorted(repo.posts, key=lambda post: post.path):
        page = f"posts/{post.id}.md"
        if page not in out:  # two files with one id: the duplicate is a finding; the first has the page
            view = post_view(site, post, page, **shared)  # type: ignore[arg-type]
            # the page is finished HTML: its Markdown is its title only (front matter)
            out[page] = Output(front_matter(f"{view['name']} {post.id}"), hidden=True)
            site.whole_html[page] = template.render(view)
            site.search_html[page] = search.render(view)
    return {**out, **copies}


def boost_view(boost: object) -> dict | None:
    """A post's paid promotion as the pages show it: budget, days, audience, objective."""
    if not isinstance(boost, dict):
        return None
    spend = money(boost.get("budget"))
    return {"amount": spend[0] if spend else None, "currency": spend[1] if spend else "", "start": boost.get("start"),
            "end": boost.get("end"), "audience": boost.get("audience"), "objective": boost.get("objective")}


def up(page: str) -> str:
    """The relative way from a page's folder to the site's root (href for many links at once)."""
    return "../" * page.count("/")


def post_view(site: Site, post: Post, page: str, t: dict[str, str], clock: Clock, tighter: dict,
              copies: dict[str, Output], metrics: dict[str, Markup] | None = None) -> dict[str, object]:
    """Everything the post template shows, computed here so the template only writes it."""
    repo = site.repo
    root = up(page)
    account = post.account
    counted = counts(post, tighter)
    status = post.status if post.status in STATUS_LABELS else "unknown"
    avatar = copy_media(repo, account.avatar, copies) if account and account.avatar else None
    campaign = post.meta.get("campaign")
    plan = repo.campaigns.get(campaign or "")
    zone = account.timezone if account and account.timezone else None
    meta = post.meta
    return {
        "t": t, "post": post, "status": status, "sensitive": meta.get("risk") == "sensitive", "risk": meta.get("risk"),
        "waivers": meta.get("waivers", []), "findings": site.findings_for(post.path), "rules_url": root + "rules.html",
        "name": account_name(account, post.account_id), "handle": account.data.get("handle", "") if account else "",
        "account_url": f"{root}accounts/{account.id}.html" if account else None,
        "avatar_url": root + avatar if avatar else None, "platform": post.platform or "",
        "title": meta.get("title"), "title_counts": counted.get(("title", 0), []), "has_limits": bool(counted),
        "cards": [Card(marked(text, post.platform), counted.get(("text", index), []))
                  for index, (text, _line) in enumerate(post.parts)],
        "media": [_medium(site, post, index, root, t, copies) for index in range(len(post.media))],
        "local": clock.moment(post.local_time, zone.key) if post.local_time and zone else None,
        "hq": clock.moment(post.publish_at.astimezone(repo.policy.hq_timezone), repo.policy.hq_timezone.key)
        if post.publish_at else None,
        "published_url": web_url(meta.get("published_url")),
        "campaign": campaign, "campaign_url": f"{root}campaigns/{campaign}.html" if plan else None,
        "campaign_title": plan.meta.get("title", campaign) if plan else campaign,
        "author": person_name(repo, meta.get("author")), "boost": boost_view(meta.get("boost")),
        "facts": [(t["format"], meta.get("format")), (t["language"], meta.get("language")),
                  (t["disclosure"], meta.get("disclosure"))]
        + [(label, value) for label, value in ((t["substantiation"], meta.get("substantiation")),
                                               (t["legal_review"], _legal_review(meta.get("legal_review")))) if value],
        "metrics": (metrics or {}).get(post.id), "reports_url": root + "reports/metrics.html",
    }


def _legal_review(review: dict | None) -> str | None:
    """Who reviewed the post for its market's law, and when (legal-review)."""
    return f"{review['by']}, {review['date']}" if review else None


METRIC_COLUMNS = (("impressions", "count"), ("reach", "count"), ("engagements", "count"), ("engagement_rate", "percent"),
                  ("clicks", "count"), ("video_views", "count"), ("follows", "count"))


def reading_rows(db: duckdb.DuckDBPyConnection) -> dict[str, Markup]:
    """Each post's latest readings (policy 4.4.3) as the rows of its page's table, newest
    first, each cell as the reports write it ('—' when not reported). DuckDB writes them, in
    one query: numbers and dates only, nothing a writer typed. As Python objects, the
    70,000 readings of 10,000 posts took a build a third of a second."""
    cells = ", ".join(display_sql(name, unit) for name, unit in METRIC_COLUMNS)
    row = (f"""concat('<tr><th scope="row"><time datetime="', day, '">', day, '</time></th><td>', """
           f"concat_ws('</td><td>', {cells}), '</td></tr>')")
    return {post: Markup(rows) for post, rows in db.execute(  # noqa: S704 -- numbers and dates only
        f"SELECT post, string_agg({row}, chr(10) ORDER BY newness) "
        f"FROM (SELECT *, date::VARCHAR AS day FROM ({queries.latest_readings_sql()})) GROUP BY post").fetchall()}
