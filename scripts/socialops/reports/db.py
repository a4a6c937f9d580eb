"""The reports' database: an in-memory DuckDB with a view per metric table over the files
the loader accepted (`<table>_files`, typed as model/metrics.py declares), each read once
into a table named as the metric table, and the model's own facts (accounts, posts) as two
small tables to join them with. The SQL is plain DuckDB SQL over named tables, so it can
move to a warehouse that holds tables of the same names.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

from ..model.entities import Repository
from ..model.metrics import CHOICE, COUNT, DATE, SHARE, SIGNED, TABLES, TEXT, TIME, Table

# TIME is read as text and converted in the table (`_as_time`): ISO 8601 as the check accepts
# it (Z or an offset, seconds or not, fractions) is more than one strptime format
SQL_TYPES = {DATE: "DATE", TIME: "VARCHAR", COUNT: "BIGINT", SIGNED: "BIGINT", SHARE: "DOUBLE",
             TEXT: "VARCHAR", CHOICE: "VARCHAR"}

READ_BY_ROW = ("interactions", "mentions")  # reports/sla.py and reports/opinion.py, which name path:line


def metric_files(repo: Repository, table_id: str) -> list[Path]:
    """The files of a metric table that the loader accepted (a file with an error is left
    out of the reports; its finding says so)."""
    return [repo.root / path for path in repo.metrics.files.get(table_id, [])]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def table_view(table: Table, files: list[Path], name: str) -> str:
    """CREATE VIEW `name` over the table's CSV files, the columns typed by the contract; an
    empty view with the same columns when the table has no file."""
    types = {column.name: SQL_TYPES[column.type] for column in table.columns}
    if not files:
        columns = ", ".join(f"NULL::{sql} AS {name}" for name, sql in types.items())
        return f"CREATE VIEW {name} AS SELECT {columns} WHERE false"
    paths = "[" + ", ".join(_literal(str(path)) for path in files) + "]"
    declared = "{" + ", ".join(f"{_literal(name)}: {_literal(sql)}" for name, sql in types.items()) + "}"
    return (f"CREATE VIEW {name} AS SELECT * FROM read_csv({paths}, header = true, auto_detect = false, "
            f"columns = {declared}, delim = ',', quote = '\"', escape = '\"')")


def connect(repo: Repository, reading_threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """A connection with the five metric tables, the model's `account_facts` and `post_facts`,
    and `post_month_latest`. Each table is read from its files once (`<table>_files`, a view
    over the CSV files) into memory: a site build asks hundreds of questions of the same rows,
    and a view would parse every file again for each. The tables of READ_BY_ROW stay views:
    their reports read them row by row (reports/rows.py), and reading them here too would
    read every file twice. With `reading_threads`, DuckDB reads the files with that many
    threads (its own default afterwards): fewer than the CPUs leaves one to Python work done
    meanwhile."""
    db = duckdb.connect(":memory:")
    db.execute("SET TimeZone = 'UTC'")  # timestamps read with their offsets compare as instants
    db.execute("SET enable_progress_bar = false")  # a long query would draw one on stdout, inside `mkdocs build`
    if reading_threads is not None:
        db.execute(f"SET threads = {int(reading_threads)}")
    for table in TABLES.values():
        db.execute(table_view(table, metric_files(repo, table.id), f"{table.id}_files"))
        columns = ", ".join(_as_time(column.name) if column.type == TIME else column.name for column in table.columns)
        kind = "VIEW" if table.id in READ_BY_ROW else "TABLE"
        db.execute(f"CREATE {kind} {table.id} AS SELECT {columns} FROM {table.id}_files")
    # a post's last reading in each month: "its latest numbers by the end of month M" is the last
    # of these up to M, so the month and scope pages read ~1 row per post and month, not every day's
    db.execute("CREATE TABLE post_month_latest AS SELECT m.* FROM posts m JOIN (SELECT post, max(date) AS date "
               "FROM posts GROUP BY post, date_trunc('month', date)) USING (post, date)")
    _model_tables(db, repo)
    if reading_threads is not None:
        db.execute("RESET threads")
    return db


def _as_time(name: str) -> str:
    """A TIMESTAMPTZ from ISO 8601 text with its offset; NULL for what is not one."""
    return f"coalesce(try_cast({name} AS TIMESTAMPTZ), try_strptime({name}, '%Y-%m-%dT%H:%M%z')) AS {name}"


def _model_tables(db: duckdb.DuckDBPyConnection, repo: Repository) -> None:
    """What the metric files do not say: each account's platform, market and time zone,
    each post's account, format and publishing moment in its account's time zone."""
    _json_table(db, "account_facts", {"account": "VARCHAR", "platform": "VARCHAR", "market": "VARCHAR",
                                      "timezone": "VARCHAR"}, [
        {"account": account_id, "platform": str(account.platform or ""), "market": str(account.market or ""),
         "timezone": str(account.data.get("timezone", ""))} for account_id, account in sorted(repo.accounts.items())])
    rows = []
    for post in repo.posts:
        local = post.local_time
        rows.append({"post": post.id, "account": post.account_id, "format": str(post.meta.get("format") or ""),
                     "status": str(post.status or ""), "published": local.date().isoformat() if local else None,
                     "hour": local.hour if local else None,
                     "weekday": local.isoweekday() if local else None})  # 1 Monday .. 7 Sunday
    _json_table(db, "post_facts", {"post": "VARCHAR", "account": "VARCHAR", "format": "VARCHAR", "status": "VARCHAR",
                                   "published": "DATE", "hour": "INTEGER", "weekday": "INTEGER"}, rows)


def _json_table(db: duckdb.DuckDBPyConnection, name: str, columns: dict[str, str], rows: list[dict]) -> None:
    """A table from Python rows, passed as one JSON text: row by row inserts, or a list
    parameter per column, take about a millisecond per row (seconds for 10,000 posts)."""
    shape = json.dumps([columns])
    db.execute(f"CREATE TABLE {name} AS SELECT unnest(from_json($rows, {_literal(shape)}), recursive := true)",
               {"rows": json.dumps(rows)})
