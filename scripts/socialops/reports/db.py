"""The reports' database: an in-memory DuckDB with a table (or view) per metric table, the
rows of the files the loader accepted (read through `<table>_files`, typed as
model/metrics.py declares), kept between builds in the table's store (reports/store.py) or,
without one, read into memory; the LOCATED tables add each row's path and line, the
mentions each one's language and sentiment score (reports/sentiment.py), and the
model's own facts (accounts, posts) are two small tables to join them with. The SQL is plain
DuckDB SQL over named tables, so it can move to a warehouse that holds tables of the same names.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import duckdb

from ..model.entities import Repository
from ..model.metrics import CHOICE, COUNT, DATE, SHARE, SIGNED, TABLES, TEXT, TIME, Table
from . import sentiment, store
from .store import literal

# TIME is read as text and converted in the table (`_as_time`): ISO 8601 as the check accepts
# it (Z or an offset, seconds or not, fractions) is more than one strptime format
SQL_TYPES = {DATE: "DATE", TIME: "VARCHAR", COUNT: "BIGINT", SIGNED: "BIGINT", SHARE: "DOUBLE",
             TEXT: "VARCHAR", CHOICE: "VARCHAR"}

# The tables whose rows findings and pages name by `path:line` (a breached reply, the first
# mention of a spike): their tables carry both, as `path` and `line` columns (_located_table).
LOCATED = ("interactions", "mentions")
AGGREGATED = tuple(table for table in TABLES if table not in LOCATED)  # what the report queries add up


@dataclass(frozen=True, slots=True)
class Location:
    """Where a row of a metric file starts: its file (repo-relative, POSIX) and line."""

    path: str
    line: int


def metric_files(repo: Repository, table_id: str) -> list[Path]:
    """The files of a metric table that the loader accepted (a file with an error is left
    out of the reports; its finding says so)."""
    return [repo.root / path for path in repo.metrics.files.get(table_id, [])]


def table_view(table: Table, files: list[Path], name: str, filename: bool = False) -> str:
    """CREATE VIEW `name` over the table's CSV files, the columns typed by the contract; an
    empty view with the same columns when the table has no file. With `filename`, each row
    also has its file's path as read (a `filename` column)."""
    types = {column.name: SQL_TYPES[column.type] for column in table.columns}
    if not files:
        columns = ", ".join(f"NULL::{sql} AS {column}" for column, sql in types.items())
        return f"CREATE VIEW {name} AS SELECT {columns}{', NULL::VARCHAR AS filename' if filename else ''} WHERE false"
    paths = "[" + ", ".join(literal(str(path)) for path in files) + "]"
    declared = "{" + ", ".join(f"{literal(column)}: {literal(sql)}" for column, sql in types.items()) + "}"
    return (f"CREATE VIEW {name} AS SELECT * FROM read_csv({paths}, header = true, auto_detect = false, "
            f"columns = {declared}, delim = ',', quote = '\"', escape = '\"'{', filename = true' if filename else ''})")


def connect(repo: Repository, reading_threads: int | None = None,
            tables: Collection[str] = tuple(TABLES)) -> duckdb.DuckDBPyConnection:
    """A connection with the metric `tables` (all five unless told), the model's
    `account_facts` (and `post_facts` with the posts table), and with the posts table
    `post_month_latest` and `post_latest`. Each table's files are read once (`<table>_files`,
    a view over the CSV files), into its store in the user cache (reports/store.py: only the
    files changed since the last build are read) or, without one, into memory: a site build
    asks hundreds of questions of the same rows, and a view would parse every file again for
    each. The LOCATED tables carry each row's `path` and `line`. With `reading_threads`,
    DuckDB reads the files with that many threads (its own default afterwards): fewer than
    the CPUs leaves one to Python work done meanwhile."""
    db = duckdb.connect(":memory:")
    try:
        _settings(db)
        if reading_threads is not None:
            db.execute(f"SET threads = {int(reading_threads)}")
        for table in TABLES.values():
            if table.id in tables:
                _table(db, repo, table)
        _model_tables(db, repo, with_posts="posts" in tables)
        if reading_threads is not None:
            db.execute("RESET threads")
    except BaseException:
        db.close()  # it holds the stores it attached: the next build in this process opens them
        raise
    return db


def cursor(db: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """Another connection to `db`'s tables, with its settings, for another thread to ask
    questions of while this one does (a connection answers one thread at a time)."""
    found = db.cursor()
    _settings(found)
    return found


def _settings(db: duckdb.DuckDBPyConnection) -> None:
    db.execute("SET TimeZone = 'UTC'")  # timestamps read with their offsets compare as instants
    db.execute("SET enable_progress_bar = false")  # a long query would draw one on stdout, inside `mkdocs build`


def _table(db: duckdb.DuckDBPyConnection, repo: Repository, table: Table) -> None:
    """The table and, for the posts, their derived tables: in memory, copied from the table's
    store or read from the files when there is none (the posts' rows stay in the store)."""
    def read(files: list[Path]) -> str:
        return _read(db, repo, table, files, with_path=True)

    posts = table.id == "posts"
    # a mention's row also holds its text's reading, kept in the store with what it depends on
    depends_on = sentiment.version(sentiment.candidates(repo)) if table.id == "mentions" else ""
    schema = store.attach(db, repo, table, repo.metrics.files.get(table.id, []), read,
                          _post_derived if posts else None, POST_DERIVED if posts else (), depends_on)
    if schema is not None:
        try:
            _copy(db, table, schema)
            return
        except duckdb.Error:  # a block damaged on disk: read afresh, and the store made afresh next time
            for name in (table.id, *(POST_DERIVED if posts else ())):
                db.execute(f"DROP VIEW IF EXISTS {name}")
                db.execute(f"DROP TABLE IF EXISTS {name}")
            store.detach_and_remove(db, schema)
    rows = _read(db, repo, table, metric_files(repo, table.id), with_path=table.id in LOCATED)
    db.execute(f"CREATE TABLE {table.id} AS {rows}")
    if posts:
        _post_derived(db, "posts", "main", None)


def _copy(db: duckdb.DuckDBPyConnection, table: Table, schema: str) -> None:
    """The table from its store, copied into memory, where the pages' hundreds of questions
    run faster than over the store's compressed blocks (the report pages took 0.6 s, not
    0.9 s), but for the posts' rows: a million, which the pages read only by date (the month
    so far) or by post, so a view of the store."""
    posts = table.id == "posts"
    kept = "*" if table.id in LOCATED else "* EXCLUDE (path)"
    db.execute(f"CREATE {'VIEW' if posts else 'TABLE'} {table.id} AS SELECT {kept} FROM {schema}.{store.ROWS}")
    for derived in POST_DERIVED if posts else ():
        db.execute(f"CREATE TABLE {derived} AS FROM {schema}.{derived}")


# The posts' tables made from their rows as they are read:
# - a post's last reading in each month: "its latest numbers by the end of month M" is the last
#   of these up to M, so the month and scope pages read ~1 row per post and month, not every day's;
# - each post's newest LATEST_READINGS readings, `newness` 1 the newest (the post pages').
POST_DERIVED = ("post_month_latest", "post_latest")
LATEST_READINGS = 7


def _post_derived(db: duckdb.DuckDBPyConnection, rows: str, schema: str, changed: str | None) -> None:
    """The derived tables in `schema` from the posts' `rows` (a table); with `changed` (rows
    added or removed since they were made), made again for the posts those rows name only."""
    relation = f"(SELECT * EXCLUDE (path) FROM {rows})" if schema != "main" else rows
    month_latest = (f"SELECT m.* FROM {relation} m JOIN (SELECT post, max(date) AS date FROM {relation} "
                    "{where} GROUP BY post, date_trunc('month', date)) USING (post, date)")
    latest = (f"SELECT *, row_number() OVER (PARTITION BY post ORDER BY date DESC) AS newness FROM {relation} "
              f"{{where}} QUALIFY newness <= {LATEST_READINGS}")
    if changed is None:
        for name, sql in zip(POST_DERIVED, (month_latest, latest), strict=True):
            db.execute(f"CREATE OR REPLACE TABLE {schema}.{name} AS {sql.format(where='')}")
        return
    where = f"WHERE post IN (SELECT DISTINCT post FROM {changed})"
    for name, sql in zip(POST_DERIVED, (month_latest, latest), strict=True):
        db.execute(f"DELETE FROM {schema}.{name} {where}")
        db.execute(f"INSERT INTO {schema}.{name} {sql.format(where=where)}")


def _read(db: duckdb.DuckDBPyConnection, repo: Repository, table: Table, files: list[Path],
          with_path: bool) -> str:
    """A query of the table's rows read from `files`; `with_path`, each with its file (`path`,
    repo-relative), and for LOCATED tables the `line` it starts on."""
    name = f"{table.id}_read_{next(_reads)}"
    located = table.id in LOCATED
    db.execute(table_view(table, files, f"{name}_files", filename=located or with_path))
    if located:
        return _located_rows(db, repo, table, files, name)
    columns = ", ".join(_as_time(column.name) if column.type == TIME else column.name for column in table.columns)
    # the files are repo.root / path: the path is what follows the root's text and a separator
    relative = f"substr(filename, {len(str(repo.root)) + 2})"
    if os.sep != "/":  # the store's paths are POSIX, as the loader's
        relative = f"replace({relative}, {literal(os.sep)}, '/')"
    path = f", {relative} AS path" if with_path else ""
    return f"SELECT {columns}{path} FROM {name}_files"


_reads = itertools.count()


def _located_rows(db: duckdb.DuckDBPyConnection, repo: Repository, table: Table, files: list[Path],
                  name: str) -> str:
    """A query of the rows with each one's file (`path`, repo-relative) and the `line` it
    starts on (the header is line 1). DuckDB keeps no line numbers, but it reads the files in
    order into a table (insertion order is kept: each row's rowid follows the one before it),
    so a row's line is its place in its file + 2, unless the file has lines that are not rows
    (a blank line, a cell over several lines: _record_lines finds those files and their rows'
    lines). Text cells are stripped, and empty ones are NULL, as the loader reads them."""
    columns = ", ".join(_as_time(column.name) if column.type == TIME else
                        f"nullif(trim({column.name}), '') AS {column.name}" if column.type in (TEXT, CHOICE) else
                        column.name for column in table.columns)
    db.execute(f"CREATE TABLE {name}_rows AS SELECT {columns}, filename FROM {name}_files")
    by_name = {str(path): path for path in files}
    known, odd = [], []
    for filename, rows, first in db.execute(
            f"SELECT filename, count(*), min(rowid) FROM {name}_rows GROUP BY filename").fetchall():
        path = by_name[filename]
        known.append({"filename": filename, "path": path.relative_to(repo.root).as_posix(), "first": first})
        odd += [{"filename": filename, "place": place, "line": line}
                for place, line in enumerate(_record_lines(path, rows) or ())]
    json_table(db, f"{name}_file_paths", {"filename": "VARCHAR", "path": "VARCHAR", "first": "BIGINT"}, known)
    json_table(db, f"{name}_odd_lines", {"filename": "VARCHAR", "place": "BIGINT", "line": "BIGINT"}, odd)
    readings = table.id == "mentions"
    if readings:
        _readings(db, repo, f"{name}_rows", f"{name}_readings")
    return f"""
    SELECT r.* EXCLUDE (filename), f.path, coalesce(o.line, r.rowid - f.first + 2) AS line
           {", s.language, s.score" if readings else ""}
    FROM {name}_rows r JOIN {name}_file_paths f USING (filename)
    LEFT JOIN {name}_odd_lines o ON o.filename = r.filename AND o.place = r.rowid - f.first
    {f"LEFT JOIN {name}_readings s ON s.text = r.text" if readings else ""}"""


def _readings(db: duckdb.DuckDBPyConnection, repo: Repository, rows: str, name: str) -> None:
    """The table `name`: each text of the mentions' `rows` with its language and score
    (reports/sentiment.py), each distinct text read once."""
    among = sentiment.candidates(repo)
    found = []
    for (text,) in db.execute(f"SELECT DISTINCT text FROM {rows} WHERE text IS NOT NULL").fetchall():
        code, compound = sentiment.reading(text, among)
        found.append({"text": text, "language": code, "score": compound})
    json_table(db, name, {"text": "VARCHAR", "language": "VARCHAR", "score": "DOUBLE"}, found)


def _record_lines(path: Path, rows: int) -> list[int] | None:
    """The line each row of a CSV file starts on, in order, when a row's line is not its
    place + 2 (a blank line, which no reader counts as a row, or a quoted cell over lines);
    None when every line after the header is one row."""
    data = path.read_bytes()
    physical = data.count(b"\n") + (not data.endswith(b"\n"))
    if physical == rows + 1 and data.count(b"\r") == data.count(b"\r\n"):
        return None
    starts = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)  # the header
        start = 2
        for cells in reader:
            if cells:  # a blank line is no row
                starts.append(start)
            start = reader.line_num + 1
    return starts


def _as_time(name: str) -> str:
    """A TIMESTAMPTZ from ISO 8601 text with its offset; NULL for what is not one."""
    return f"coalesce(try_cast({name} AS TIMESTAMPTZ), try_strptime({name}, '%Y-%m-%dT%H:%M%z')) AS {name}"


def _model_tables(db: duckdb.DuckDBPyConnection, repo: Repository, with_posts: bool = True) -> None:
    """What the metric files do not say: each account's platform, market and time zone,
    each post's account, format and publishing moment in its account's time zone."""
    json_table(db, "account_facts", {"account": "VARCHAR", "platform": "VARCHAR", "market": "VARCHAR",
                                      "timezone": "VARCHAR"}, [
        {"account": account_id, "platform": str(account.platform or ""), "market": str(account.market or ""),
         "timezone": str(account.data.get("timezone", ""))} for account_id, account in sorted(repo.accounts.items())])
    if not with_posts:
        return
    rows = []
    for post in repo.posts:
        local = post.local_time
        rows.append({"post": post.id, "account": post.account_id, "format": str(post.meta.get("format") or ""),
                     "status": str(post.status or ""), "published": local.date().isoformat() if local else None,
                     "hour": local.hour if local else None,
                     "weekday": local.isoweekday() if local else None})  # 1 Monday .. 7 Sunday
    json_table(db, "post_facts", {"post": "VARCHAR", "account": "VARCHAR", "format": "VARCHAR", "status": "VARCHAR",
                                   "published": "DATE", "hour": "INTEGER", "weekday": "INTEGER"}, rows)


def json_table(db: duckdb.DuckDBPyConnection, name: str, columns: dict[str, str], rows: list[dict]) -> None:
    """A table from Python rows, passed as one JSON text: row by row inserts, or a list
    parameter per column, take about a millisecond per row (seconds for 10,000 posts)."""
    shape = json.dumps([columns])
    db.execute(f"CREATE TABLE {name} AS SELECT unnest(from_json($rows, {literal(shape)}), recursive := true)",
               {"rows": json.dumps(rows)})
