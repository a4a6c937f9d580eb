"""Reading the metric files (model/metrics.py): where they may lie, and each file's rows
checked cell by cell against its table, in one pass.

A file's result depends only on its path, its bytes and this code, so it is kept
between runs (user_cache.Packs, keyed by a digest of those): a check of a million
unchanged rows reads and hashes the files, and validates none of them again. The
cross-references (accounts, posts, people) depend on other files, so they are judged
afresh every run from the few distinct names each file's summary keeps
(`references`).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from .. import user_cache
from .entities import MetricFile, Post, Repository
from .files import decode
from .layout import ACCOUNTS, PERMISSIONS
from .metrics import CHOICE, COUNT, DATE, METRICS_DIR, SHARE, SIGNED, TABLES, TEXT, TIME, Table, platform_post_id
from .parse_cache import code_version

# pre-commit's check-added-large-files refuses files over 2 MB (.pre-commit-config.yaml):
# a month of one account's numbers is a few hundred kilobytes at most
MAX_BYTES = 2 * 1024 * 1024
MAX_PROBLEMS = 50  # per file: past this one finding counts the rest (a wrong export can fail every row)
MONTH_FILE = re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])\.csv")  # fullmatch
IMPORT_HINT = "convert the platform's export with `socialops import PLATFORM FILE`, which writes UTF-8 metric files"
LEFT_OUT = "the reports leave this file out until it is fixed"
FILES_RULE = "metric-files"
REFERENCES_RULE = "metric-references"


@dataclass(frozen=True)
class Problem:
    line: int | None
    message: str
    hint: str


@dataclass(frozen=True)
class Place:
    table: Table
    key: str
    month: str


# -- where metric files lie -------------------------------------------------------------

def list_paths(root: Path) -> list[str]:
    """Every file under content/metrics (repository-relative, sorted), and every linked
    folder in it as itself (reading it gives its one finding)."""
    top = os.path.join(root, METRICS_DIR)
    if not os.path.lexists(top):
        return []
    if os.path.realpath(top) != os.path.join(os.path.realpath(root), METRICS_DIR):
        return [METRICS_DIR]
    found: list[str] = []
    for directory, subdirs, files in os.walk(top):
        relative = Path(directory).relative_to(root).as_posix()
        linked = [name for name in subdirs if os.path.islink(os.path.join(directory, name))]
        subdirs[:] = sorted(name for name in subdirs if name not in linked and not name.startswith("."))
        found.extend(f"{relative}/{name}" for name in linked)
        found.extend(f"{relative}/{name}" for name in files if not name.startswith("."))
    return sorted(found)


def place(relpath: str) -> Place | Problem:
    """The table, account or market, and month a path names, or why it names none."""
    parts = relpath.split("/")
    layout = f"metric files lie at {METRICS_DIR}/<table>/<account-or-market>/<yyyy-mm>.csv"
    if len(parts) != 5:
        return Problem(None, "not where a metric file belongs: " + layout, "move the file there, or remove it")
    table = TABLES.get(parts[2])
    if table is None:
        from .. import suggest

        close = suggest.closest(parts[2], TABLES)
        return Problem(None, f"unknown metric table '{parts[2]}'",
                       suggest.did_you_mean(close) if close else f"use one of {', '.join(TABLES)}")
    match = MONTH_FILE.fullmatch(parts[4])
    if match is None:
        return Problem(None, f"the file name '{parts[4]}' is not a month: " + layout,
                       "name the file by its month, e.g. 2026-10.csv (one file per month)")
    return Place(table, parts[3], parts[4].removesuffix(".csv"))


def in_scope(relpath: str) -> str | None:
    """The account a metric file's cross-references need the posts of, or None (a
    market's file, or a path that is no metric file)."""
    parts = relpath.split("/")
    table = TABLES.get(parts[2]) if len(parts) == 5 and relpath.startswith(METRICS_DIR + "/") else None
    return parts[3] if table is not None and table.key == "account" else None


def is_metric_path(relpath: str) -> bool:
    return relpath == METRICS_DIR or relpath.startswith(METRICS_DIR + "/")


# -- one file's rows ------------------------------------------------------------------------

@dataclass
class Summary:
    """A file read: its problems and its summary for the cross-references."""

    file: MetricFile
    problems: list[Problem] = field(default_factory=list)


class FileCache:
    """Each metric file's Summary, kept between runs under a digest of its path and bytes."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.packs = user_cache.Packs("metrics", _version(), user_cache.key(os.path.realpath(root)))
        self.hits = 0

    def summary(self, relpath: str, place: Place, raw: bytes) -> Summary:
        digest = hashlib.blake2b(relpath.encode("utf-8", "surrogatepass") + b"\0" + raw, digest_size=20).hexdigest()
        folder, _, name = relpath.rpartition("/")
        stored = self.packs.get(folder, name, digest)
        if stored is not None:
            with contextlib.suppress(ValueError, TypeError, KeyError, IndexError):  # not an entry this code wrote
                summary = _decode(relpath, place, stored)
                summary.file.digest = digest
                self.hits += 1
                return summary
        summary = read_rows(relpath, place, raw)
        summary.file.digest = digest
        self.packs.put(folder, name, digest, _encode(summary))
        return summary

    def save(self) -> None:
        self.packs.save(lambda folder: user_cache.listing(os.path.join(self.root, folder)))


@cache
def _version() -> str:
    """The model's code version and the platform ids a mention may name."""
    return hashlib.sha256(f"{code_version()}\0{','.join(_platforms())}".encode()).hexdigest()[:24]


@cache
def _platforms() -> tuple[str, ...]:
    from ..platforms import limits

    return (*sorted(limits()["platforms"]), "web")


def _encode(summary: Summary) -> dict:
    file = summary.file
    return {"rows": file.rows, "posts": file.posts, "platform_ids": file.platform_ids,
            "responders": file.responders, "escalated_to": file.escalated_to, "ids": file.ids,
            "problems": [[p.line, p.message, p.hint] for p in summary.problems]}


def _decode(relpath: str, place: Place, entry: Any) -> Summary:
    file = MetricFile(relpath, place.table.id, place.key, place.month, int(entry["rows"]),
                      [(str(p), int(line), str(day)) for p, line, day in entry["posts"]],
                      [(str(p), int(line), str(value)) for p, line, value in entry["platform_ids"]],
                      [(str(h), int(line)) for h, line in entry["responders"]],
                      [(str(h), int(line)) for h, line in entry["escalated_to"]],
                      [(str(i), int(line)) for i, line in entry["ids"]])
    problems = [Problem(None if line is None else int(line), str(message), str(hint))
                for line, message, hint in entry["problems"]]
    return Summary(file, problems)


def read_rows(relpath: str, place: Place, raw: bytes) -> Summary:
    """Every row checked against the table: types, required cells, choices, the file's
    month and folder, duplicates; and the names the rows give, for the cross-references."""
    summary = Summary(MetricFile(relpath, place.table.id, place.key, place.month))
    problem = _encoding_problem(raw) or _line_end_problem(raw)
    if problem is not None:
        summary.problems.append(problem)
        return summary
    text = decode(raw)
    if text.text is None:
        assert text.problem is not None
        summary.problems.append(Problem(text.problem.line, text.problem.message, IMPORT_HINT))
        return summary
    _Rows(place, summary).read(text.text)
    return summary


def _encoding_problem(raw: bytes) -> Problem | None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return Problem(1, "the file is UTF-16 text (it starts with a UTF-16 byte order mark); metric files are UTF-8",
                       IMPORT_HINT)
    if raw.startswith(b"\xef\xbb\xbf"):
        return Problem(1, "the file starts with a byte order mark; metric files are UTF-8 without one",
                       IMPORT_HINT + ", or save it as 'CSV UTF-8' without BOM")
    return None


_LINE_END_NAMES = {b"\r\n": "CRLF (Windows)", b"\n": "LF", b"\r": "CR (old Mac)"}


def _line_end_problem(raw: bytes) -> Problem | None:
    """Rows that end with different line ends (a file edited on two systems): DuckDB reads
    a file's rows with one kind, and fails on the others. A line end inside a quoted cell is
    the cell's text: `csv` tells where each row ends, as DuckDB reads quotes (one opens a
    cell only at the cell's start)."""
    if b"\r" not in raw:
        return None  # LF only: what `socialops import` writes
    ends = [line[len(line.rstrip(b"\r\n")):] for line in raw.splitlines(keepends=True)]  # CRLF, LF, CR
    reader = csv.reader(io.StringIO(raw.decode("utf-8", "replace"), newline=""))  # split at the same three
    kind = b""
    with contextlib.suppress(csv.Error):  # a row csv cannot read is the row checks' finding
        for _ in reader:
            end = ends[reader.line_num - 1] if reader.line_num <= len(ends) else b""
            if not end:
                continue  # the last row, without a line end
            kind = kind or end
            if end != kind:
                line = reader.line_num
                return Problem(line, f"line {line} ends with {_LINE_END_NAMES[end]}, the lines before it with "
                               f"{_LINE_END_NAMES[kind]}: the reports read a file with one kind of line end",
                               "save the file again with one kind of line end (an editor's line ending setting, "
                               "or `dos2unix FILE`)")
    return None


_POST = TABLES["posts"].header.index("post")
_PLATFORM_ID = TABLES["posts"].header.index("platform_post_id")
_DIMENSION, _SHARE = TABLES["audience"].header.index("dimension"), TABLES["audience"].header.index("share")
OVERLAPPING = ("interest",)  # a follower has several interests: their shares may sum past 1
SHARE_ROUNDING = 0.005  # shares rounded to whole percent may sum to a little over 1
Check = Callable[[str], str | None]  # a cell's value -> what is wrong with it, or None


class _Rows:
    """One pass over a file's rows."""

    def __init__(self, place: Place, summary: Summary) -> None:
        self.place = place
        self.table = place.table
        self.summary = summary
        self.file = summary.file
        self.extra = 0  # problems past MAX_PROBLEMS, counted
        self.seen: dict[tuple[str, ...], int] = {}
        self.posts: dict[str, tuple[int, str]] = {}
        self.platform_ids: dict[tuple[str, str], int] = {}
        self.responders: dict[str, int] = {}
        self.escalated: dict[str, int] = {}
        self.shares: dict[tuple[str, str], tuple[int, float]] = {}  # (date, dimension) -> (first line, sum)

    def problem(self, line: int | None, message: str, hint: str) -> None:
        if len(self.summary.problems) < MAX_PROBLEMS:
            self.summary.problems.append(Problem(line, message, hint))
        else:
            self.extra += 1

    def read(self, text: str) -> None:
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = next(reader, None)
            if not header:
                what = "the file is empty" if header is None else "the first line is empty; it must be the header"
                self.problem(1, what, f"start the file with the header: {','.join(self.table.header)}")
                return
            if not self._header_ok(header):
                return
            self._rows(reader)
        except csv.Error as exc:
            self.problem(max(reader.line_num, 1), f"not readable as CSV: {exc}",
                         "quote a cell that holds a comma, quote or line break with double quotes (\"\")")
        finally:
            self._finish()

    def _header_ok(self, header: list[str]) -> bool:
        from .. import suggest

        expected = self.table.header
        if header == expected:
            return True
        known = set(expected)
        ok = True
        for name in header:
            if name not in known:
                close = suggest.closest(name, [column for column in expected if column not in header])
                self.problem(1, f"unknown column '{name}' in the {self.table.id} table",
                             suggest.did_you_mean(close) if close else f"the header is: {','.join(expected)}")
                ok = False
        missing = [name for name in expected if name not in header]
        if missing:
            self.problem(1, f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}",
                         f"the header is: {','.join(expected)}; leave a cell empty when not reported")
            ok = False
        if ok:
            what = "a column is repeated" if len(header) != len(expected) else "the columns are in another order"
            self.problem(1, what, f"the header is: {','.join(expected)}")
        return False

    def _rows(self, reader: Iterator[list[str]]) -> None:
        table = self.table
        # Optional whole-number cells are checked together with one linear pattern (most
        # of a row, and most of the time of a cold check); a row it refuses is checked
        # cell by cell for the message. Optional text cells need no check at all.
        numbers = [index for index, column in enumerate(table.columns)
                   if column.type in (COUNT, SIGNED) and not column.required]
        numbers_pattern = numbers_row(tuple(table.columns[index].type for index in numbers))
        checks = [(index, column.name, column.required, _column_check(table, column.name))
                  for index, column in enumerate(table.columns)
                  if index not in numbers and (column.required or column.type != TEXT or
                                               (table.id, column.name) == ("mentions", "platform"))]
        number_checks = [(index, table.columns[index].name, _column_check(table, table.columns[index].name))
                         for index in numbers]
        width = len(table.columns)
        unique = [table.header.index(name) for name in table.unique]
        row_checks = _row_checks(self)
        line = 1
        for row in reader:
            start, line = line + 1, reader.line_num  # type: ignore[attr-defined]
            if not row:
                continue  # a blank line (csv reads it as no cells)
            self.file.rows += 1
            if len(row) != width:
                self.problem(start, f"the row has {len(row)} cells; the header has {width}",
                             "give every row one cell per column, empty when not reported")
                continue
            bad = False
            for index, name, required, check in checks:
                value = row[index]
                if not value:
                    if required:
                        self.problem(start, f"{name} is empty", f"fill in {name}: the {table.id} table needs it")
                        bad = True
                    continue
                wrong = check(value)
                if wrong is not None:
                    self.problem(start, f"{name}: {wrong}", _type_hint(name, table))
                    bad = True
            if numbers and numbers_pattern.fullmatch(",".join([row[index] for index in numbers])) is None:
                for index, name, check in number_checks:
                    wrong = check(row[index]) if row[index] else None
                    if wrong is not None:
                        self.problem(start, f"{name}: {wrong}", _type_hint(name, table))
                        bad = True
            if bad:
                continue
            key = tuple([row[index] for index in unique])
            first = self.seen.setdefault(key, start)
            if first != start:
                self.problem(start, f"duplicate row: {_key_text(table, key)} is also on line {first}",
                             "keep one of the rows (a re-import should replace the month's file)")
            for check_row in row_checks:
                check_row(row, start)

    def _finish(self) -> None:
        for (day, dimension), (line, total) in self.shares.items():
            if total > 1 + SHARE_ROUNDING:
                self.problem(line, f"the shares of {dimension} on {day} add up to {total:.3g}, more than 1",
                             f"each follower has one {dimension}: its shares sum to 1 at most (0.25 for 25 %)")
        if self.extra:
            self.summary.problems.append(Problem(None, f"{self.extra} more problems in this file like those above",
                                                 "fix the file (or import it again) and check it once more"))
        self.file.posts = [(post, line, day) for post, (line, day) in self.posts.items()]
        self.file.platform_ids = [(post, line, value) for (post, value), line in self.platform_ids.items()]
        self.file.responders = list(self.responders.items())
        self.file.escalated_to = list(self.escalated.items())
        if self.table.unique == ("id",):
            self.file.ids = [(key[0], line) for key, line in self.seen.items()]

    # what each table's rows must agree on beyond their cells' types

    def month(self, column: str) -> Callable[[list[str], int], None]:
        index = self.table.header.index(column)
        month = self.place.month

        def check(row: list[str], line: int) -> None:
            if row[index][:7] != month:
                self.problem(line, f"{column} {row[index][:10]} is not in {month}, the month this file is named by",
                             f"move the row to {month_file(self.table.id, self.place.key, row[index][:7])}")
        return check

    def folder(self, column: str) -> Callable[[list[str], int], None]:
        index = self.table.header.index(column)
        key = self.place.key

        def check(row: list[str], line: int) -> None:
            if row[index] != key:
                self.problem(line, f"{column} '{row[index]}' does not match the folder '{key}'",
                             f"move the row to {month_file(self.table.id, row[index], self.place.month)}, "
                             f"or correct the {column}")
        return check

    def post_account(self, column: str) -> Callable[[list[str], int], None]:
        """The post id's account must be the folder's: a post's numbers and interactions
        are its account's."""
        index = self.table.header.index(column)

        def check(row: list[str], line: int) -> None:
            post = row[index]
            account, slash, _ = post.partition("/")
            if not post:
                return
            if not slash:
                self.problem(line, f"post '{post}' is not a post id (<account>/<yyyy-mm-dd-slug>)",
                             "use the post's id: its account folder and file name without .md")
            elif account != self.place.key:
                self.problem(line, f"post '{post}' belongs to account '{account}', not to this folder's "
                                   f"'{self.place.key}'",
                             f"move the row to {month_file(self.table.id, account, self.place.month)}"
                             if self.table.id == "posts" else "give a post of this account, or none")
        return check

    def remember_post(self, column: str, date_column: str) -> Callable[[list[str], int], None]:
        index, day_index = self.table.header.index(column), self.table.header.index(date_column)

        def note(row: list[str], line: int) -> None:
            post = row[index]
            if not post:
                return
            day = row[day_index][:10]
            seen = self.posts.get(post)
            if seen is None or day < seen[1]:
                self.posts[post] = (line, day)
        return note

    def remember_platform_id(self, row: list[str], line: int) -> None:
        value = row[_PLATFORM_ID]
        if value:
            self.platform_ids.setdefault((row[_POST], value), line)

    def interaction_times(self, row: list[str], line: int) -> None:
        header = self.table.header
        received = _moment(row[header.index("received")])
        for column in ("first_response", "resolved"):
            value = row[header.index(column)]
            if value and _moment(value) < received:
                self.problem(line, f"{column} {value} is before received {row[header.index('received')]}",
                             f"correct {column} or received (both with their UTC offset)")
        responder, escalated = row[header.index("responder")], row[header.index("escalated_to")]
        if responder:
            self.responders.setdefault(responder, line)
        if escalated:
            self.escalated.setdefault(escalated, line)

    def audience_share(self, row: list[str], line: int) -> None:
        dimension = row[_DIMENSION]
        if dimension in OVERLAPPING:
            return
        key = (row[0], dimension)
        first, total = self.shares.get(key, (line, 0.0))
        self.shares[key] = (first, total + float(row[_SHARE]))

    def mention_url(self, row: list[str], line: int) -> None:
        url = row[self.table.header.index("url")]
        if url and (not url.startswith("https://") or any(char.isspace() for char in url)):
            self.problem(line, f"url '{url[:80]}' is not an https link", "give the mention's https:// address")


def _row_checks(rows: _Rows) -> list[Callable[[list[str], int], None]]:
    table = rows.table.id
    if table == "accounts":
        return [rows.month("date"), rows.folder("account")]
    if table == "posts":
        return [rows.month("date"), rows.post_account("post"), rows.remember_post("post", "date"),
                rows.remember_platform_id]
    if table == "interactions":
        return [rows.month("received"), rows.folder("account"), rows.interaction_times, rows.post_account("post"),
                rows.remember_post("post", "received")]
    if table == "mentions":
        return [rows.month("date"), rows.folder("market"), rows.mention_url]
    return [rows.month("date"), rows.folder("account"), rows.audience_share]


def id_siblings(root: Path, paths: set[str]) -> set[str]:
    """The other months' files of each path's table and folder when the table is keyed
    by id (an id is unique in the account or market, not just in its month)."""
    found: set[str] = set()
    for relpath in paths:
        where = place(relpath)
        if isinstance(where, Place) and where.table.unique == ("id",):
            folder = relpath.rpartition("/")[0]
            with contextlib.suppress(OSError):
                found.update(f"{folder}/{name}" for name in os.listdir(os.path.join(root, folder))
                             if MONTH_FILE.fullmatch(name))
    return found


def repeated_ids(files: list[MetricFile]) -> dict[str, list[Problem]]:
    """By path, the ids that an earlier month's file of the same table and folder has."""
    first: dict[tuple[str, str, str], tuple[str, int]] = {}
    found: dict[str, list[Problem]] = {}
    for file in sorted(files, key=lambda file: file.path):
        problems: list[Problem] = []
        for row_id, line in file.ids:
            seen = first.setdefault((file.table, file.key, row_id), (file.path, line))
            if seen[0] != file.path and len(problems) < MAX_PROBLEMS:
                problems.append(Problem(line, f"id '{row_id}' is also in {seen[0]} (line {seen[1]})",
                                        "give each row its own id: ids are unique in the account's (or market's) "
                                        "files of every month"))
        if problems:
            found[file.path] = problems
    return found


def month_file(table: str, key: str, month: str) -> str:
    return f"{METRICS_DIR}/{table}/{key}/{month}.csv"


def _key_text(table: Table, key: tuple[str, ...]) -> str:
    return ", ".join(f"{name} {value}" for name, value in zip(table.unique, key, strict=True))


def _type_hint(name: str, table: Table) -> str:
    column = next(column for column in table.columns if column.name == name)
    return {
        DATE: "write the date as YYYY-MM-DD",
        TIME: "write the time as ISO 8601 with its offset, e.g. 2026-10-14T09:30:00+02:00",
        COUNT: "write a whole number without separators (1234), or leave the cell empty when not reported",
        SIGNED: "write a whole number without separators (-12, 1234), or leave the cell empty",
        SHARE: "write a fraction from 0 to 1 (0.25 for 25%)",
    }.get(column.type, f"use one of: {', '.join(column.choices or _platforms())}")


def _column_check(table: Table, name: str) -> Check:
    if (table.id, name) == ("mentions", "platform"):  # a platform id of data/platforms.yaml, or web
        return _choice(_platforms())
    column = next(column for column in table.columns if column.name == name)
    return _checker(column.type, column.choices)


def _checker(kind: str, choices: tuple[str, ...]) -> Check:
    if kind == DATE:
        return _date
    if kind == TIME:
        return _time
    if kind == COUNT:
        return _count
    if kind == SIGNED:
        return _signed
    if kind == SHARE:
        return _share
    if kind == CHOICE:
        return _choice(choices)
    return _text


@cache
def numbers_row(types: tuple[str, ...]) -> re.Pattern[str]:
    """Whole-number cells joined by commas, each empty or as its type allows: one
    pattern per table, with no two ways to match a cell (linear time)."""
    cell = {COUNT: f"[0-9]{{0,{MAX_DIGITS}}}", SIGNED: f"(?:-?[0-9]{{1,{MAX_DIGITS}}})?"}
    return re.compile(",".join(cell[kind] for kind in types))


def _text(value: str) -> str | None:
    return None


MAX_DIGITS = 18  # a whole number the reports' 64-bit integers hold


def _count(value: str) -> str | None:
    if value.isascii() and value.isdigit() and len(value) <= MAX_DIGITS:
        return None
    if value.isascii() and value.isdigit():
        return f"'{value[:40]}' has more than {MAX_DIGITS} digits"
    return f"'{value[:40]}' is not a whole number of 0 or more"


def _signed(value: str) -> str | None:
    digits = value[1:] if value.startswith("-") else value
    if digits.isascii() and digits.isdigit():
        return None if len(digits) <= MAX_DIGITS else f"'{value[:40]}' has more than {MAX_DIGITS} digits"
    return f"'{value[:40]}' is not a whole number"


_DECIMAL = frozenset("0123456789.eE+-")  # what float() and the reports' DOUBLE both read (not 1_0, not ' 1')


def _share(value: str) -> str | None:
    try:
        number = float(value) if _DECIMAL.issuperset(value) else -1.0
    except ValueError:
        number = -1.0
    if 0.0 <= number <= 1.0:  # NaN fails both comparisons
        return None
    return f"'{value[:40]}' is not a fraction from 0 to 1"


@lru_cache(maxsize=4096)
def _date(value: str) -> str | None:  # a month's file repeats its ~30 dates: each is parsed once
    if len(value) == 10 and value[4] == value[7] == "-" and (value[:4] + value[5:7] + value[8:]).isdigit() \
            and value.isascii():
        with contextlib.suppress(ValueError):
            date.fromisoformat(value)
            return None
    return f"'{value[:40]}' is not a date (YYYY-MM-DD)"


# YYYY-MM-DDThh:mm[:ss[.ffffff]] and an offset, as the reports' TIMESTAMPTZ reads it
TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?"
                       r"(Z|[+-][0-9]{2}:[0-9]{2})?")


def _time(value: str) -> str | None:
    shape = TIMESTAMP.fullmatch(value)
    if shape is not None:
        with contextlib.suppress(ValueError):
            datetime.fromisoformat(value)
            return None if shape.group(1) else f"'{value[:40]}' has no UTC offset"
    return f"'{value[:40]}' is not a date and time (ISO 8601 with its offset)"


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value)


def _choice(choices: tuple[str, ...]) -> Check:
    allowed = frozenset(choices)

    def check(value: str) -> str | None:
        if value in allowed:
            return None
        from .. import suggest

        close = suggest.closest(value, choices)
        return f"'{value[:40]}' is not one of {', '.join(choices)}" + (f" ({suggest.did_you_mean(close)})"
                                                                       if close else "")
    return check


# -- the cross-references: accounts, markets, posts, people ----------------------------------

def reference_problems(repo: Repository, file: MetricFile, known_posts: dict[str, str],
                       posts: dict[str, Post]) -> Iterator[Problem]:
    """What a file's rows name that does not exist, or contradicts its post.
    `known_posts`: every post file's id, folded, to the id as spelt; `posts`: the
    loaded posts by id."""
    table = TABLES[file.table]
    if repo.unreadable & {ACCOUNTS, PERMISSIONS}:
        return  # the names they define are unknown: their one syntax finding says why
    if table.key == "account":
        if file.key not in repo.accounts:
            yield _unknown_key(repo, file, "account", sorted(repo.accounts))
            return
    else:
        markets = sorted({account.market for account in repo.accounts.values() if account.market})
        if file.key not in markets:
            yield _unknown_key(repo, file, "market", markets)
            return
    yield from _post_references(repo, file, known_posts, posts)
    yield from _people(repo, file)


def _unknown_key(repo: Repository, file: MetricFile, kind: str, known: list[str]) -> Problem:
    from .. import suggest

    close = suggest.closest(file.key, known)
    if kind == "account":
        what, hint = "an account in accounts.yaml", "name the folder by an account id of accounts.yaml"
    else:
        what = "the market of an account in accounts.yaml"
        hint = f"name the folder by a market of accounts.yaml ({', '.join(known)})"
    return Problem(None, f"the folder '{file.key}' is not {what}", suggest.did_you_mean(close) if close else hint)


def _post_references(repo: Repository, file: MetricFile, known_posts: dict[str, str],
                     posts: dict[str, Post]) -> Iterator[Problem]:
    for post_id, line, day in file.posts:
        spelt = known_posts.get(post_id.casefold())
        if spelt is None:
            yield _unknown_post(file, post_id, line, known_posts)
            continue
        post = posts.get(spelt)
        if post is None or post.local_time is None:
            continue  # an unreadable post: its own finding says why
        if file.table == "posts" and post.status != "published":
            yield Problem(line, f"numbers for {spelt}, whose status is {post.status or 'not set'}",
                          "a post has numbers once it is out: set its status to published (with its published_url), "
                          "or check the post id")
            continue
        published = post.local_time.date().isoformat()
        if day < published:
            what = "numbers" if file.table == "posts" else "an interaction"
            yield Problem(line, f"{what} for {spelt} dated {day}, before it was published on {published}",
                          "check the post id and the date: a post has no numbers before its publish day")
    posts_by_id = {post_id.casefold(): post for post_id, post in posts.items()}
    for post_id, line, value in file.platform_ids:
        post = posts_by_id.get(post_id.casefold())
        url = post.meta.get("published_url") if post else None
        if post is None or not isinstance(url, str):
            continue
        expected = platform_post_id(post.platform, url)
        if expected is not None and expected != value:
            yield Problem(line, f"platform_post_id '{value}' is not the id in {post.id}'s published_url ({expected})",
                          f"use {expected}, or correct the post's published_url")


def _unknown_post(file: MetricFile, post_id: str, line: int, known_posts: dict[str, str]) -> Problem:
    from .. import suggest

    account = post_id.partition("/")[0]
    same_account = [spelt for spelt in known_posts.values() if spelt.startswith(account + "/")]
    close = suggest.closest(post_id, same_account)
    return Problem(line, f"unknown post '{post_id}': no file content/posts/{account}/<year>/"
                         f"{post_id.partition('/')[2]}.md",
                   suggest.did_you_mean(close) if close else "use the id of a post in content/posts "
                                                             "(<account>/<yyyy-mm-dd-slug>)")


def _people(repo: Repository, file: MetricFile) -> Iterator[Problem]:
    from .. import suggest

    grant = repo.grants.get(file.key)
    responders = repo.members(grant.responders) if grant else []
    for handle, line in file.responders:
        if handle not in responders:
            close = suggest.closest(handle, responders)
            if close:
                hint = suggest.did_you_mean(close)
            elif responders:
                hint = f"the account's responders are {', '.join(responders)}; or add the person to its grant"
            else:
                hint = f"add the person to grants.{file.key}.responders in permissions.yaml"
            yield Problem(line, f"responder '{handle}' is not among {file.key}'s responders", hint)
    for handle, line in file.escalated_to:
        if handle not in repo.people:
            close = suggest.closest(handle, repo.people)
            yield Problem(line, f"escalated_to '{handle}' is not a person in permissions.yaml",
                          suggest.did_you_mean(close) if close else "use a person's handle from permissions.yaml")
