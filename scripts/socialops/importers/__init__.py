"""`socialops import PLATFORM FILE`: a platform's native analytics export -> the normalised
metric files of model/metrics.py.

One pass: read the file (read.py), recognise which of the platform's exports it is
(layout.py and the platform modules), find the account, turn each row into a row of the
accounts or posts table (a bad row is a finding with its line; a post the repository does
not have is reported and skipped, never guessed), and merge the rows into the month files
(store.py), all of them or, on a conflict without --force, none."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import UsageError
from ..findings import Finding
from ..model.entities import Account, Post, Repository
from ..model.metrics import AUDIENCE, COUNT, POST_DAILY, platform_post_id
from . import linkedin, meta, store, tiktok, x, youtube
from .layout import COUNT_OF, DATE, HANDLE, LABEL, LINK, POST_ID, SHARE_OF, VALUE, Found, Layout, describe, find
from .read import (
    BadValue,
    DateStyle,
    ExportError,
    clean_text,
    header_key,
    parse_day,
    parse_share,
    parse_whole,
    read_export,
)

RULE = "import"
PROGRESS_FROM = 2_000  # rows: below this a file is read before a bar would show

PLATFORMS: dict[str, tuple[Layout, ...]] = {
    "facebook": meta.FACEBOOK,
    "instagram": meta.INSTAGRAM,
    "x": x.LAYOUTS,
    "linkedin": linkedin.LAYOUTS,
    "tiktok": tiktok.LAYOUTS,
    "youtube": youtube.LAYOUTS,
}
_KEYS = (DATE, POST_ID, LINK, HANDLE, VALUE, LABEL, COUNT_OF, SHARE_OF)  # fields that are not metric columns


@dataclass(frozen=True)
class Request:
    root: Path
    platform: str
    file: Path
    account: str | None = None
    force: bool = False
    exported: date | None = None  # the export's day; None: the file's modification day
    progress: bool = False  # a progress bar on stderr for large files (the CLI: only on a terminal)


@dataclass
class Outcome:
    layout: str
    account: str
    exported: date
    exported_from: str  # where the export's day came from, to say so
    findings: list[Finding] = field(default_factory=list)
    plan: store.Plan = field(default_factory=store.Plan)
    written: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)  # the export's columns no column of ours takes
    rows_read: int = 0


def run(request: Request, repo: Repository | None = None) -> Outcome:
    """Import `request.file`. UsageError when the file or the account cannot be used at
    all; otherwise an Outcome whose findings say what was skipped and why."""
    layouts = PLATFORMS.get(request.platform)
    if layouts is None:
        raise UsageError(f"unknown platform {request.platform!r}; one of: {', '.join(PLATFORMS)}")
    try:
        sheets = read_export(request.file)
    except ExportError as exc:
        raise UsageError(f"{request.file}: {exc}") from None
    found = find(layouts, sheets)
    if found is None:
        first = next((cells for sheet in sheets for _, cells in sheet.rows if any(cells)), [])
        raise UsageError(f"{request.file}: not an export this importer reads for {request.platform} "
                         f"(its first row: {', '.join(cell.strip() for cell in first[:8])}); "
                         f"it reads: {describe(layouts)}")
    if repo is None:
        from ..model.layout import POSTS_DIR
        from ..model.loader import load

        # with --account, only that account's posts are read (a path in its folder scopes the load)
        scope = {f"{POSTS_DIR}/{request.account}/import"} if request.account else None
        repo = load(request.root, scope)
    importer = _Import(request, repo, found)
    return importer.run()


class _Import:
    def __init__(self, request: Request, repo: Repository, found: Found) -> None:
        self.request, self.repo, self.found = request, repo, found
        self.layout = found.layout
        self.path = str(request.file)
        self.findings: list[Finding] = []
        self.rows = list(_data_rows(found))
        self.types = {column.name: column.type for column in self.layout.table.columns}
        self.headers = found.sheet.rows[found.header_index][1]

    # -- findings ---------------------------------------------------------------------------

    def problem(self, line: int | None, message: str, hint: str, severity: str = "error") -> None:
        """A finding on the export file; in a workbook, its line is the row of the sheet named."""
        sheet = self.found.sheet.name
        where = f"sheet {sheet!r}, row {line}: " if sheet and line else ""
        self.findings.append(Finding(self.path, line, RULE, severity, where + message, hint))

    # -- the pass ------------------------------------------------------------------------

    def run(self) -> Outcome:
        account = self._account()
        exported, exported_from = self._exported(account)
        outcome = Outcome(self.layout.name, account.id, exported, exported_from, ignored=self.found.ignored,
                          rows_read=len(self.rows))
        if (self.layout.metric_above or self.layout.metric_last) and self.found.metric is None:
            header_line = self.found.sheet.rows[self.found.header_index][0]
            self.problem(header_line, f"the metric {self.found.metric_name!r} has no column in the accounts table; "
                                      "nothing imported from this file",
                         f"columns: {', '.join(self.layout.table.header[2:])}", "warning")
            outcome.findings = self.findings
            return outcome
        style = DateStyle(self.layout.date_order, exported)
        if self.layout.table is POST_DAILY:
            rows = self._post_rows(account, exported)
        elif self.layout.table is AUDIENCE:
            rows = self._audience_rows(account, exported)
        else:
            rows = self._account_rows(account, style)
        outcome.plan = store.plan(self.request.root, self.layout.table, account.id, rows, self.request.force)
        for relpath, why in outcome.plan.unreadable:
            self.problem(None, f"{relpath} {why}; nothing imported", f"fix {relpath}, then import again")
        outcome.findings = self.findings
        if outcome.plan.unreadable or (outcome.plan.conflicts and not self.request.force):
            return outcome
        if outcome.plan.files:
            from .. import atomic

            outcome.written = atomic.Change(self.request.root, outcome.plan.files, force=True).apply()
        return outcome

    def _progress(self) -> Iterator[tuple[int, list[str]]]:
        if not self.request.progress or len(self.rows) < PROGRESS_FROM:
            return iter(self.rows)
        try:
            from tqdm import tqdm
        except ImportError:
            return iter(self.rows)
        return iter(tqdm(self.rows, desc=self.request.file.name, unit=" rows", leave=False))

    # -- the account and the day ------------------------------------------------------

    def _account(self) -> Account:
        platform = self.request.platform
        candidates = [account for account in self.repo.accounts.values() if account.platform == platform]
        if self.request.account:
            account = self.repo.accounts.get(self.request.account)
            if account is None or account.platform != platform:
                raise UsageError(f"--account {self.request.account}: no {platform} account of that id in accounts.yaml"
                                 f"; {platform} accounts: {_choices(candidates)}")
            return account
        if not candidates:
            raise UsageError(f"accounts.yaml has no {platform} account to import into")
        hints = self._hints()
        named = [account for account in candidates if _names(account) & hints]
        if len(named) == 1:
            return named[0]
        posted = [account for account in (named or candidates) if self._matches_posts(account)]
        if len(posted) == 1:
            return posted[0]
        if len(candidates) == 1:
            return candidates[0]
        choices = named or posted or candidates
        raise UsageError(f"{self.path}: which {platform} account is this export of? Give --account with one of: "
                         f"{_choices(choices)}")

    def _hints(self) -> set[str]:
        """Names in the export that may be the account's: its handle or page-name column,
        the handle in its links, the parts of its file name."""
        hints = set()
        stem = self.request.file.stem
        for prefix in ("daily_tweet_activity_metrics_", "tweet_activity_metrics_"):
            if stem.startswith(prefix):
                hints.add(stem.removeprefix(prefix).rsplit("_", 3)[0].casefold())
        hints.update(part.casefold() for part in stem.split("_") if part)
        columns = self.found.columns
        for _, cells in self.rows[:50]:
            if HANDLE in columns:
                hints.add(_cell(cells, columns[HANDLE]).strip().lstrip("@").casefold())
            if LINK in columns:
                hints.add(_link_handle(_cell(cells, columns[LINK])))
        hints.discard("")
        return hints

    def _matches_posts(self, account: Account) -> bool:
        index = _post_index(self.repo, account)
        return any(self._post_for(index, cells) for _, cells in self.rows[:50])

    def _exported(self, account: Account) -> tuple[date, str]:
        if self.request.exported:
            return self.request.exported, "--exported"
        try:
            modified = self.request.file.stat().st_mtime
        except OSError:
            modified = datetime.now(UTC).timestamp()
        day = datetime.fromtimestamp(modified, account.timezone or UTC).date()
        return day, "the file's modification day; set it with --exported"

    # -- rows -----------------------------------------------------------------------------

    def _metrics(self, line: int, cells: list[str]) -> dict[str, str] | None:
        """Our metric columns of a row, as text; None (and a finding) when a cell is bad."""
        values: dict[str, str] = {}
        headers = self.headers
        for name, index in self.found.columns.items():
            column = self.found.metric if name == VALUE else name
            if column is None or (name in _KEYS and name != VALUE):
                continue
            try:
                number = parse_whole(_cell(cells, index))
            except BadValue as exc:
                self.problem(line, f"{headers[index].strip()}: {exc}; row skipped",
                             "correct the cell, or export the file again")
                return None
            if number is None:
                continue
            if number < 0 and self.types.get(column) == COUNT:
                self.problem(line, f"{headers[index].strip()}: {number} is negative; row skipped",
                             f"{column} counts cannot be negative: correct the cell")
                return None
            values[column] = str(number)
        return values

    def _account_rows(self, account: Account, style: DateStyle) -> list[dict[str, str]]:
        rows: dict[str, dict[str, str]] = {}
        first_line: dict[str, int] = {}
        column = self.found.columns[DATE]
        for line, cells in self._progress():
            try:
                day = parse_day(_cell(cells, column), style).isoformat()
            except BadValue as exc:
                self.problem(line, f"{exc}; row skipped", "dates read: 2025-08-01; 01/19/2017; Fri, Mar 21, 2025; "
                                                          "8 de marzo (with --exported)")
                continue
            values = self._metrics(line, cells)
            if values is None:
                continue
            if day in rows and not self.layout.sum_by_date:
                self.problem(line, f"{day} is already on line {first_line[day]}; this row is skipped",
                             "an export has one row a day: export the file again")
                continue
            if day in rows:
                for name, value in values.items():
                    rows[day][name] = str(int(rows[day].get(name) or 0) + int(value))
                continue
            first_line[day] = line
            rows[day] = {"date": day, "account": account.id, **values}
        return list(rows.values())

    def _audience_rows(self, account: Account, exported: date) -> list[dict[str, str]]:
        """A breakdown of followers, dated the export's day: each value's share, as given
        (a fraction or a percentage), or its count over the sum of the counts."""
        columns = self.found.columns
        shares: dict[str, Decimal] = {}
        first_line: dict[str, int] = {}
        for line, cells in self._progress():
            label = clean_text(_cell(cells, columns[LABEL]))
            try:
                if SHARE_OF in columns:
                    share = parse_share(_cell(cells, columns[SHARE_OF]))
                else:
                    count = parse_whole(_cell(cells, columns[COUNT_OF]))
                    share = None if count is None else Decimal(count)
                    if share is not None and share < 0:
                        raise BadValue(f"{count} followers is negative")
            except BadValue as exc:
                self.problem(line, f"{exc}; row skipped", "correct the cell, or export the file again")
                continue
            if share is None or not label:
                continue
            if label in shares:
                self.problem(line, f"{label!r} is already on line {first_line[label]}; this row is skipped",
                             "export the file again", "warning")
                continue
            first_line[label], shares[label] = line, share
        if COUNT_OF in columns:
            total = sum(shares.values())
            shares = {label: count / total for label, count in shares.items()} if total else {}
        return [{"date": exported.isoformat(), "account": account.id, "dimension": self.layout.dimension or "",
                 "value": label, "share": _share_text(share)} for label, share in shares.items()]

    def _post_rows(self, account: Account, exported: date) -> list[dict[str, str]]:
        index = _post_index(self.repo, account)
        rows: dict[str, dict[str, str]] = {}
        first_line: dict[str, int] = {}
        for line, cells in self._progress():
            post = self._post_for(index, cells)
            if post is None and "e+" in self._export_id(cells).casefold():
                self.problem(line, f"the post id {self._export_id(cells)} was rounded by a spreadsheet; row skipped",
                             "use the file as downloaded: a spreadsheet that opened and saved it rounds long ids")
                continue
            if post is None:
                shown = self._post_shown(cells)
                self.problem(line, f"no published post of {account.id} in the repository is {shown}; row skipped",
                             "a post is found by its published_url: set it on the post's file, or ignore a post "
                             "not made through the repository", "warning")
                continue
            published = post.local_time.date() if post.local_time else None
            if published and exported < published:
                self.problem(line, f"the export's day {exported} is before {post.id} was published ({published}); "
                                   "row skipped", "give the day the file was exported with --exported")
                continue
            values = self._metrics(line, cells)
            if values is None:
                continue
            if post.id in rows:
                self.problem(line, f"{post.id} is already on line {first_line[post.id]}; this row is skipped",
                             "an export has one row a post: export the file again", "warning")
                continue
            first_line[post.id] = line
            url = post.meta.get("published_url")
            platform_id = (platform_post_id(account.platform, url) if isinstance(url, str) else None) or \
                self._export_id(cells)
            rows[post.id] = {"date": exported.isoformat(), "post": post.id, "platform_post_id": platform_id or "",
                             **values}
        return list(rows.values())

    def _export_id(self, cells: list[str]) -> str:
        column = self.found.columns.get(POST_ID)
        return clean_text(_cell(cells, column)) if column is not None else ""

    def _post_shown(self, cells: list[str]) -> str:
        for name in (POST_ID, LINK):
            column = self.found.columns.get(name)
            if column is not None and _cell(cells, column).strip():
                return f"{name.replace('_', ' ')} {clean_text(_cell(cells, column))}"
        return "named by this row"

    def _post_for(self, index: dict[str, Post], cells: list[str]) -> Post | None:
        for candidate in self._post_keys(cells):
            if candidate in index:
                return index[candidate]
        return None

    def _post_keys(self, cells: list[str]) -> list[str]:
        """What a row may be found by: the export's id (a Facebook `<page>_<post>` id also
        by its post part), the id in its link, and the link itself."""
        keys = []
        columns = self.found.columns
        if POST_ID in columns:
            value = clean_text(_cell(cells, columns[POST_ID]))
            keys += [value, value.rpartition("_")[2]] if "_" in value and self.request.platform == "facebook" \
                else [value]
        if LINK in columns:
            link = clean_text(_cell(cells, columns[LINK]))
            keys += [platform_post_id(self.request.platform, link) or "", _link_key(link)]
        return [key for key in keys if key]


# -- helpers ----------------------------------------------------------------------------


def _data_rows(found: Found) -> Iterator[tuple[int, list[str]]]:
    """The rows under the header: not blank, not the legacy Facebook export's second header
    row ("Lifetime: …" descriptions), not a Total row."""
    skip = {header_key(cell) for cell in found.layout.skip_first_cells}
    rows = found.sheet.rows[found.header_index + 1:]
    if rows and any(header_key(cell).startswith("lifetime:") for cell in rows[0][1]):
        rows = rows[1:]
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if skip and cells and header_key(cells[0]) in skip:
            continue
        yield line, cells


def _share_text(share: Decimal) -> str:
    """A share as stored: four decimals, no trailing zeros (0.4167, 0.25, 1)."""
    text = f"{share.quantize(Decimal('0.0001')):f}".rstrip("0").rstrip(".")
    return text or "0"


def _cell(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _post_index(repo: Repository, account: Account) -> dict[str, Post]:
    """The account's published posts by their platform id and by their link."""
    index: dict[str, Post] = {}
    for post in repo.posts:
        url = post.meta.get("published_url")
        if post.account_id != account.id or post.status != "published" or not isinstance(url, str):
            continue
        platform_id = platform_post_id(account.platform, url)
        if platform_id:
            index[platform_id] = post
        index[_link_key(url)] = post
    index.pop("", None)
    return index


def _link_key(link: str) -> str:
    """A permalink compared by its path (Facebook's `pfbid…` links carry no id: they are
    found by the link itself, with or without the host, `www.` or a final slash)."""
    path = urlsplit(link.strip()).path.rstrip("/")
    return f"path:{path}" if path.startswith("/") and path.count("/") >= 2 else ""


def _link_handle(link: str) -> str:
    """The account a post link names: x.com/<handle>/status/…, tiktok.com/@<user>/video/…,
    facebook.com/<page>/posts/…"""
    parts = [part for part in urlsplit(link.strip()).path.split("/") if part]
    return parts[0].lstrip("@").casefold() if len(parts) >= 2 else ""


def _names(account: Account) -> set[str]:
    names = {str(account.data.get(key) or "").strip().lstrip("@").casefold() for key in ("handle", "name")}
    url = str(account.data.get("url") or "")
    names.add(urlsplit(url).path.rstrip("/").rpartition("/")[2].lstrip("@").casefold())
    names.discard("")
    return names


def _choices(accounts: list[Account]) -> str:
    return ", ".join(f"{account.id} ({account.data.get('handle', '')})" for account in accounts) or "none"
