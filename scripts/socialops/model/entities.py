"""The in-memory model every check and page reads. Built only by `loader.load`.

Field values in `meta`/`data` are the validated ones: a field that failed its schema
is left out, so rules can trust the type of whatever they find.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import ClassVar
from zoneinfo import ZoneInfo

from .. import user_cache
from ..findings import Finding
from .media import MediaCache, MediaInfo, inspect
from .yamltext import LineMap

LIVE_STATUSES = ("scheduled", "published")  # posts that take a slot on an account's calendar
BLOCKED_ACCOUNT_STATUSES = ("paused", "suspended", "compromised", "retired")
# Policy 3.2.4 and 7.3 ask for a fast response and an upward report; these are the
# limits when policy.yaml's incident_response leaves a severity out.
DEFAULT_INCIDENT_RESPONSE: dict[str, dict] = {
    "critical": {"acknowledge_hours": 1, "escalate_hours": 2, "escalate_to": "director"},
    "high": {"acknowledge_hours": 2, "escalate_hours": 4, "escalate_to": "director"},
    "medium": {"acknowledge_hours": 4, "escalate_hours": 24, "escalate_to": "director"},
    "low": {"acknowledge_hours": 24, "escalate_to": "director"},
}
THREAD_BREAK = re.compile(r"---[ \t]*")  # a line that splits a thread's parts (fullmatch)
# A `#`, `##` or `###` heading: its title is the rest of the line. Possessive `\s++`:
# a lazy title followed by optional spaces and #s took cubic time on a long run of spaces.
HEADING = re.compile(r"#{1,3}\s++(.+)")


def money(value: object) -> tuple[float, str] | None:
    """(amount, currency) of a budget mapping ({amount, currency}), or None when it is
    missing or either part failed its schema (and so was left out of the model)."""
    if not isinstance(value, dict) or "amount" not in value or "currency" not in value:
        return None
    return value["amount"], value["currency"]


def post_id(relpath: str) -> str:
    """`<account-id>/<yyyy-mm-dd>-<slug>` from a post's path: stable, used in URLs and
    metric files; compared ignoring case, as case-insensitive disks and URLs do."""
    parts = relpath.removesuffix(".md").split("/")
    return f"{parts[2] if len(parts) > 3 else ''}/{parts[-1]}"


@dataclass
class MediaFile:
    """A media path as posts name it: its checked location, or why it has none. Shared by
    every post that uses the file, so the file is read once."""

    path: Path | None
    problem: str | None = None
    hint: str = ""  # what to do about the problem
    cache: MediaCache | None = None

    @cached_property
    def info(self) -> MediaInfo | None:
        """What the file is (format, size, duration...), read from its header on first use."""
        if self.path is None:
            return None
        return self.cache.info(self.path) if self.cache else inspect(self.path)


@dataclass
class Account:
    id: str
    data: dict
    lines: LineMap
    path: str = "accounts.yaml"
    avatar: MediaFile | None = None  # the profile's avatar file, when the profile names one

    def line(self, *keys: object) -> int:
        return self.lines.line(("accounts", self.id) + keys)

    @property
    def platform(self) -> str | None:
        return self.data.get("platform")

    @property
    def status(self) -> str | None:
        return self.data.get("status")

    @property
    def market(self) -> str | None:
        return self.data.get("market")

    @cached_property
    def timezone(self) -> ZoneInfo | None:
        from .schema import zone

        name = self.data.get("timezone")
        return zone(name) if name else None


@dataclass(frozen=True)
class TrainingRecord:
    """One course a person took: what it covered and when (policy 4.3.3, 7.1)."""

    course: str
    topics: tuple[str, ...]  # empty for the older single-date form: a course of no named topic
    day: date
    line: int


@dataclass
class Person:
    handle: str
    name: str
    roles: list[str]
    training: list[TrainingRecord]
    line: int

    @property
    def last_trained(self) -> date | None:
        """The date of the person's latest course, of any topic."""
        return max((record.day for record in self.training), default=None)

    def last_trained_in(self, topic: str) -> date | None:
        """The date of the latest course that covered `topic`."""
        return max((record.day for record in self.training if topic in record.topics), default=None)


@dataclass
class Team:
    id: str
    github: str  # org/team-slug
    members: list[str]
    line: int


@dataclass
class Grant:
    account_id: str
    writers: list[str]
    reviewers: list[str]
    publishers: list[str]
    responders: list[str]
    line: int


@dataclass
class Policy:
    data: dict
    lines: LineMap
    path: str = "policy.yaml"

    @property
    def hq_timezone(self) -> ZoneInfo:
        from .schema import zone

        return zone(self.data.get("hq_timezone", "UTC"))

    @property
    def reference_time(self) -> datetime | None:
        """The repository's fixed 'now' (see clock.resolve_now), or None: the real clock."""
        from .schema import parse_datetime

        value = self.data.get("reference_time")
        return parse_datetime(value) if isinstance(value, str) else None

    def interval(self, name: str, default: int) -> int:
        return self.data.get("intervals", {}).get(name, default)

    def incident_response(self, severity: str) -> dict:
        """How soon an incident of `severity` is acknowledged and escalated (hours), and to
        whom: policy.yaml's incident_response, else the defaults."""
        return self.data.get("incident_response", {}).get(severity) or DEFAULT_INCIDENT_RESPONSE.get(severity, {})


@dataclass
class MediaRef:
    """One media item of a post: its place in the list, its fields, and the file."""

    index: int
    spec: dict
    media: MediaFile

    @property
    def file(self) -> Path | None:
        return self.media.path

    @property
    def problem(self) -> str | None:
        return self.media.problem

    @property
    def info(self) -> MediaInfo | None:
        return self.media.info


def _heading_title(text: str) -> str | None:
    """A heading line's lower-cased title, without the closing #s a heading may end with."""
    heading = HEADING.match(text)
    return heading.group(1).rstrip().rstrip("#").strip().lower() if heading else None


def body_sections(body: str) -> dict[str, str]:
    """A Markdown body's sections by lower-cased heading."""
    found: dict[str, str] = {}
    current = None
    for text in body.split("\n"):
        title = _heading_title(text)
        if title is not None:
            current = title
            found[current] = ""
        elif current is not None:
            found[current] += text + "\n"
    return {name: content.strip() for name, content in found.items()}


def heading_lines(body: str, body_line: int) -> dict[str, int]:
    """The file line of each heading of a body, by lower-cased title (the first, if repeated)."""
    found: dict[str, int] = {}
    for number, text in enumerate(body.split("\n"), start=body_line):
        title = _heading_title(text)
        if title is not None:
            found.setdefault(title, number)
    return found


@dataclass
class Document:
    """A Markdown file with front matter: a post, campaign, incident, plan, report or market brief."""

    path: str
    meta: dict
    body: str
    body_line: int
    lines: LineMap

    def line(self, *keys: object) -> int:
        return self.lines.line(keys)

    @property
    def id(self) -> str:
        """Campaigns and incidents are named by their file; posts by account and file."""
        return self.path.rsplit("/", 1)[-1].removesuffix(".md")



@dataclass
class Post(Document):
    account_id: str = ""
    account: Account | None = None
    publish_at: datetime | None = None  # aware; None when missing or unreadable
    media: list[MediaRef] = field(default_factory=list)

    @property
    def id(self) -> str:
        return post_id(self.path)

    @property
    def status(self) -> str | None:
        return self.meta.get("status")

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES

    @property
    def platform(self) -> str | None:
        return self.account.platform if self.account else None

    @cached_property
    def local_time(self) -> datetime | None:
        if self.publish_at is None or self.account is None or self.account.timezone is None:
            return self.publish_at
        return self.publish_at.astimezone(self.account.timezone)

    @cached_property
    def parts(self) -> list[tuple[str, int]]:
        """The copy as posted, with the line each piece starts on: one part, or a thread's
        parts split on lines of `---`."""
        thread = self.meta.get("format") == "thread"
        parts: list[tuple[str, int]] = []
        lines: list[str] = []
        start = self.body_line
        for number, text in enumerate(self.body.split("\n"), start=self.body_line):
            if thread and THREAD_BREAK.fullmatch(text):
                parts.append(("\n".join(lines).strip(), start))
                lines, start = [], number + 1
                continue
            if not lines and not text.strip():
                start = number + 1  # the part starts at its first non-blank line
                continue
            lines.append(text)
        parts.append(("\n".join(lines).strip(), start))
        return [part for part in parts if part[0]] or [("", self.body_line)]

    @property
    def text(self) -> str:
        """The whole copy; a thread's parts separated by blank lines."""
        return "\n\n".join(text for text, _ in self.parts)


@dataclass
class Campaign(Document):
    KIND: ClassVar[str] = "campaign"
    SPAN: ClassVar[tuple[str, str]] = ("start", "end")  # the front matter's first and last moment
    start: datetime | None = None
    end: datetime | None = None

    def set_span(self, first: datetime | None, last: datetime | None) -> None:
        self.start, self.end = first, last

    @cached_property
    def sections(self) -> dict[str, str]:
        """Body sections by lower-cased `##` heading."""
        return body_sections(self.body)


# The times of an incident's response besides opened and resolved, by their key path in
# the front matter (platform_reports' items are added by index).
RESPONSE_TIMES = (("detected",), ("acknowledged",), ("escalated",), ("appeal", "filed"), ("appeal", "decided"))
OPEN_INCIDENT_STATUSES = ("open", "monitoring")


@dataclass
class Incident(Document):
    KIND: ClassVar[str] = "incident"
    SPAN: ClassVar[tuple[str, str]] = ("opened", "resolved")
    opened: datetime | None = None
    resolved: datetime | None = None
    times: dict[tuple, datetime] = field(default_factory=dict)  # the response's other times (RESPONSE_TIMES), aware
    # The file of the post `statement` names, found by the loader whichever posts it loads
    # (a finding on an incident must not depend on which posts a check loaded); None: no such file.
    statement_path: str | None = None

    def set_span(self, first: datetime | None, last: datetime | None) -> None:
        self.opened, self.resolved = first, last

    def time(self, *keys: object) -> datetime | None:
        return self.times.get(keys)

    @property
    def detected(self) -> datetime | None:
        """When the clock of the response starts: detection, else the incident's opening."""
        return self.time("detected") or self.opened

    @property
    def is_open(self) -> bool:
        return self.meta.get("status") in OPEN_INCIDENT_STATUSES

    @property
    def playbook_id(self) -> str | None:
        """The playbook it follows: the one it names, else its kind's."""
        return self.meta.get("playbook") or self.meta.get("kind")

    @cached_property
    def sections(self) -> dict[str, str]:
        """Body sections by lower-cased heading: summary, response, timeline, lessons."""
        return body_sections(self.body)


@dataclass
class Playbook(Document):
    """How to respond to one kind of incident: content/playbooks/<kind>.md."""

    KIND: ClassVar[str] = "playbook"

    @cached_property
    def sections(self) -> dict[str, str]:
        """Body sections by lower-cased heading: steps, contacts, templates."""
        return body_sections(self.body)


def _year(text: str) -> int | None:
    """Four ASCII digits as a year (str.isdigit alone would take other scripts' digits)."""
    return int(text) if len(text) == 4 and text.isascii() and text.isdigit() else None


@dataclass(frozen=True)
class Figure:
    """One KPI figure of a plan (a goal) or a report (a result): for an account or a
    market, with the front-matter line it is written on."""

    scope: str  # "accounts" or "markets"
    owner: str  # the account id or market code
    kpi: str
    value: float
    line: int


class SectionedDocument(Document):
    """A document read as a whole: its front matter and its body's sections."""

    @cached_property
    def sections(self) -> dict[str, str]:
        """Body sections by lower-cased heading."""
        return body_sections(self.body)

    def figures(self, key: str) -> list[Figure]:
        """The per-account and per-market KPI figures under `key` (goals, results)."""
        found: list[Figure] = []
        for scope in ("accounts", "markets"):
            for owner, values in self.meta.get(key, {}).get(scope, {}).items():
                for kpi, value in values.items():
                    found.append(Figure(scope, owner, kpi, value, self.line(key, scope, owner, kpi)))
        return found


@dataclass
class Plan(SectionedDocument):
    """An annual plan, content/plans/<yyyy>.md: goals per account and market by KPI id."""

    KIND: ClassVar[str] = "plan"

    @property
    def year(self) -> int | None:
        return _year(self.id)


@dataclass
class Report(SectionedDocument):
    """A quarter's evaluation report, content/reports/<yyyy>-q<n>.md (policy 6.4)."""

    KIND: ClassVar[str] = "report"

    @property
    def quarter(self) -> tuple[int, int] | None:
        """(year, quarter) from the file name, or None when it is not named <yyyy>-q<n>."""
        year, dash_q, quarter = self.id[:4], self.id[4:6], self.id[6:]
        if _year(year) is None or dash_q != "-q" or quarter not in ("1", "2", "3", "4"):
            return None
        return int(year), int(quarter)


@dataclass
class MarketBrief(SectionedDocument):
    """What writers need to know about a market, content/markets/<MARKET>.md (policy 4.1.1)."""

    KIND: ClassVar[str] = "market"

    @property
    def market(self) -> str:
        return self.id


@dataclass
class MetricFile:
    """What a check keeps of one metric file (content/metrics/<table>/<key>/<yyyy-mm>.csv):
    not its rows (the reports read those with DuckDB) but what its rows name, for the
    cross-references, each with the line it is first named on."""

    path: str
    table: str  # the table id (model/metrics.py TABLES)
    key: str  # the account or market its folder names
    month: str  # yyyy-mm from its name
    rows: int = 0
    # (post id as written, line, earliest date it has numbers for); posts and interactions
    posts: list[tuple[str, int, str]] = field(default_factory=list)
    # (post id, line, platform_post_id): each distinct pair once
    platform_ids: list[tuple[str, int, str]] = field(default_factory=list)
    responders: list[tuple[str, int]] = field(default_factory=list)  # (handle, first line)
    escalated_to: list[tuple[str, int]] = field(default_factory=list)  # (handle, first line)
    ids: list[tuple[str, int]] = field(default_factory=list)  # (id, line) of interactions and mentions
    # a digest of its path and bytes as the check read them: the reports' store keys the rows it keeps by it
    digest: str = ""


@dataclass
class MetricFiles:
    """The metric files under content/metrics that a check read."""

    # table id (every table of model/metrics.py) -> sorted repository-relative paths of its
    # files that have no error: the only ones the reports query (a file with an error is
    # left out, and its finding says so)
    files: dict[str, list[str]] = field(default_factory=dict)
    read: dict[str, MetricFile] = field(default_factory=dict)  # every metric file read, by path
    every: bool = True  # every file under content/metrics was read (not a check of some paths)


@dataclass
class Repository:
    root: Path
    policy: Policy
    accounts: dict[str, Account] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    teams: dict[str, Team] = field(default_factory=dict)
    grants: dict[str, Grant] = field(default_factory=dict)
    permissions: dict = field(default_factory=dict)
    permissions_lines: LineMap = field(default_factory=LineMap)
    sources: dict = field(default_factory=dict)  # sources.yaml, validated ({} when there is none)
    sources_lines: LineMap = field(default_factory=LineMap)
    posts: list[Post] = field(default_factory=list)
    campaigns: dict[str, Campaign] = field(default_factory=dict)
    incidents: list[Incident] = field(default_factory=list)
    playbooks: dict[str, Playbook] = field(default_factory=dict)  # by id: the file name without .md
    plans: dict[str, Plan] = field(default_factory=dict)  # by year
    reports: dict[str, Report] = field(default_factory=dict)  # by <yyyy>-q<n>
    markets: dict[str, MarketBrief] = field(default_factory=dict)  # by market code
    problems: list[Finding] = field(default_factory=list)  # syntax and schema findings of the load
    texts: dict[str, str] = field(default_factory=dict)  # the text of every file read, by path
    post_paths: list[str] = field(default_factory=list)  # every post file, loaded or not
    codeowners: str | None = None  # the committed .github/CODEOWNERS, None when missing or unreadable
    # Files there but not readable as a whole (a syntax error, a link, bad bytes): one
    # finding says so, and rules do not report what is only missing because of it.
    unreadable: set[str] = field(default_factory=set)
    # (path, *keys) of each value its schema refused: left out of the model, so a rule
    # must not read its absence as a choice (the schema finding says what is wrong).
    invalid: set[tuple] = field(default_factory=set)
    media_cache: MediaCache | None = None  # what the media files are, kept between runs
    metrics: MetricFiles = field(default_factory=MetricFiles)

    def keep_caches(self) -> None:
        """Write what this run learnt (media files, counts, verdicts) for the next run."""
        if self.media_cache:
            self.media_cache.save()
        user_cache.save_memos()

    def add_plan(self, plan: Campaign | Incident) -> None:
        if isinstance(plan, Campaign):
            self.campaigns[plan.id] = plan
        else:
            self.incidents.append(plan)

    def members(self, names: list[str]) -> list[str]:
        """The people a list in permissions.yaml names: person handles as they are, team
        ids expanded to their members; in order, without repeats."""
        found: dict[str, None] = {}
        for name in names:
            team = self.teams.get(name)
            found.update(dict.fromkeys(team.members if team else [name]))
        return list(found)

    @property
    def sensitive_approvers(self) -> list[str]:
        return self.members(self.permissions.get("sensitive_approvers", []))
