"""The normalised metric files (policy 6): what each table holds, where its files live,
and how a post's platform id is read from its `published_url`. The one place that knows.

Storage: CSV, UTF-8, `\\n` line ends, one header row, one file per table, per account
(or market) and per month: `content/metrics/<table>/<account-or-market>/<yyyy-mm>.csv`.
CSV because a change to a month's numbers is a reviewable line diff in the pull request
(Parquet is binary: a diff says only "changed"), and because a month of one account is
a few kilobytes to a few hundred, well inside what git and pre-commit handle; DuckDB
reads the same files in place for the reports.

An empty cell means "not reported", never zero: Meta stopped reporting impressions in
2024-2025 (metric-exports.md), and a zero would read as a collapse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

METRICS_DIR = "content/metrics"

# column types: the loader checks each cell, the reports' DuckDB views declare them alike
DATE = "date"  # YYYY-MM-DD
TIME = "time"  # ISO 8601 date and time with its offset (Z or +hh:mm)
COUNT = "count"  # a whole number >= 0
SIGNED = "signed"  # a whole number, may be negative (TikTok's daily comments can be)
SHARE = "share"  # a fraction 0..1
TEXT = "text"
CHOICE = "choice"  # one of Column.choices


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool = False  # an empty cell is a finding
    choices: tuple[str, ...] = ()
    meaning: str = ""


@dataclass(frozen=True)
class Table:
    id: str  # also the folder under content/metrics/
    key: str  # what the folder under the table is named by: "account" or "market"
    columns: tuple[Column, ...]
    unique: tuple[str, ...]  # the columns that identify a row: a second row with them is a duplicate
    meaning: str

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.columns]


_ENGAGEMENT = (
    Column("impressions", COUNT, meaning="times shown (X, LinkedIn, YouTube thumbnails; Meta before its 2024 switch)"),
    Column("views", COUNT, meaning="Meta's Views (counts repeats; replaced impressions in 2024), TikTok video views"),
    Column("reach", COUNT, meaning="unique accounts reached"),
    Column("likes", SIGNED, meaning="likes and reactions"),
    Column("comments", SIGNED, meaning="comments and replies"),
    Column("shares", SIGNED, meaning="shares, reposts, retweets"),
    Column("saves", SIGNED, meaning="saves and bookmarks"),
    Column("clicks", COUNT, meaning="link clicks"),
    Column("video_views", COUNT, meaning="video views as the platform counts them"),
    Column("conversions", COUNT, meaning="conversions attributed to the account or post"),
)

ACCOUNT_DAILY = Table(
    "accounts", "account",
    (Column("date", DATE, True, meaning="the account's local day"),
     Column("account", TEXT, True, meaning="the account id (accounts.yaml); must match the folder"),
     Column("followers", COUNT, meaning="followers at the end of the day"),
     Column("profile_visits", COUNT, meaning="profile or page visits"),
     *_ENGAGEMENT),
    ("date", "account"),
    "per account per day: the day's totals, and the follower count at its end",
)

POST_DAILY = Table(
    "posts", "account",
    (Column("date", DATE, True, meaning="the day the numbers were read (the export's day)"),
     Column("post", TEXT, True, meaning="the post id, <account>/<yyyy-mm-dd-slug>; its account must match the folder"),
     Column("platform_post_id", TEXT, meaning="the platform's id of the post, as read from its published_url"),
     Column("follows", COUNT, meaning="follows the post brought"),
     *_ENGAGEMENT),
    ("date", "post"),
    "per post per day: the post's lifetime totals as read on that day (a snapshot)",
)

INTERACTIONS = Table(
    "interactions", "account",
    (Column("id", TEXT, True, meaning="the interaction's id, unique in the account"),
     Column("account", TEXT, True, meaning="the account id; must match the folder"),
     Column("channel", CHOICE, True, ("comment", "dm", "mention")),
     Column("priority", CHOICE, True, ("important", "general")),
     Column("category", CHOICE, True, ("question", "complaint", "feedback")),
     Column("received", TIME, True),
     Column("first_response", TIME, meaning="empty while unanswered"),
     Column("resolved", TIME, meaning="empty while open"),
     Column("responder", TEXT, meaning="a handle among the account's responders (permissions.yaml)"),
     Column("escalated_to", TEXT, meaning="a person's handle (permissions.yaml), when escalated"),
     Column("post", TEXT, meaning="the post id it concerns, if any")),
    ("id",),
    "interactions log: one row per comment, message or mention handled",
)

MENTIONS = Table(
    "mentions", "market",
    (Column("id", TEXT, True, meaning="unique in the market"),
     Column("date", DATE, True),
     Column("platform", TEXT, True, meaning="a platform id of data/platforms.yaml, or web"),
     Column("market", TEXT, True, meaning="the market code; must match the folder"),
     Column("url", TEXT, meaning="https link to the mention"),
     Column("text", TEXT, True),
     Column("reach", COUNT)),
    ("id",),
    "mentions of the brand found by monitoring (policy 7.3)",
)

AUDIENCE = Table(
    "audience", "account",
    (Column("date", DATE, True),
     Column("account", TEXT, True, meaning="the account id; must match the folder"),
     Column("dimension", CHOICE, True, ("region", "age", "gender", "interest", "language")),
     Column("value", TEXT, True, meaning="e.g. US-CA, 25-34, female, music"),
     Column("share", SHARE, True, meaning="the share of followers, 0 to 1")),
    ("date", "account", "dimension", "value"),
    "audience breakdowns of followers (policy 5.3)",
)

TABLES: dict[str, Table] = {table.id: table for table in (ACCOUNT_DAILY, POST_DAILY, INTERACTIONS, MENTIONS, AUDIENCE)}


def file_path(table: Table, key: str, month: str) -> str:
    """`content/metrics/<table>/<account-or-market>/<yyyy-mm>.csv`."""
    return f"{METRICS_DIR}/{table.id}/{key}/{month}.csv"


# -- a post's id on its platform, from its published_url ----------------------------------

_DIGITS = re.compile(r"[0-9]+")
_X_STATUS = re.compile(r"/status(?:es)?/([0-9]+)")
_TIKTOK_VIDEO = re.compile(r"/video/([0-9]+)")
_INSTAGRAM = re.compile(r"/(?:p|reel|reels|tv)/([A-Za-z0-9_-]+)")
_LINKEDIN_URN = re.compile(r"urn:li:(?:activity|share|ugcPost):[0-9]+")
_YOUTUBE_PATH = re.compile(r"/(?:shorts|live|embed)/([A-Za-z0-9_-]{11})")
_FACEBOOK = re.compile(r"/(?:posts|videos|reel)/([A-Za-z0-9_.-]+)")


def platform_post_id(platform: str | None, url: str) -> str | None:
    """The id the platform's exports use for the post at `url`, or None when the link
    does not carry it (a Facebook `pfbid…` link: join on the export's Post ID instead).

    x: the number after /status/; tiktok: after /video/; instagram: the shortcode after
    /p/ or /reel/; linkedin: the whole `urn:li:activity:<id>` (share and activity
    numbers differ); youtube: the 11-character video id (watch?v=, youtu.be/, /shorts/);
    facebook: the post or video id when the link shows it."""
    parts = urlsplit(url)
    path = parts.path
    match: re.Match[str] | None
    if platform == "x":
        match = _X_STATUS.search(path)
    elif platform == "tiktok":
        match = _TIKTOK_VIDEO.search(path)
    elif platform == "instagram":
        match = _INSTAGRAM.search(path)
    elif platform == "linkedin":
        urn = _LINKEDIN_URN.search(url)
        return urn.group(0) if urn else None
    elif platform == "youtube":
        if parts.hostname == "youtu.be":
            video = path.strip("/")
            return video if len(video) == 11 else None
        video = parse_qs(parts.query).get("v", [""])[0]
        if len(video) == 11:
            return video
        match = _YOUTUBE_PATH.search(path)
    elif platform == "facebook":
        match = _FACEBOOK.search(path)
        if match and match.group(1).startswith("pfbid"):
            return None
        if match is None:
            story = parse_qs(parts.query).get("story_fbid", [""])[0]
            return story if _DIGITS.fullmatch(story) else None
    else:
        return None
    return match.group(1) if match else None
