"""The reports' database: an in-memory DuckDB with one view per metric table over the
files the loader accepted (`<table>_files`), typed as model/metrics.py declares, read once into a table of the same name, and the model's own facts
(accounts, posts) as two small tables to join them with. The SQL is plain DuckDB SQL over
named views, so it can move to a warehouse with the same table names.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from ..model.entities import Repository
from ..model.metrics import CHOICE, COUNT, DATE, SHARE, SIGNED, TABLES, TEXT, TIME, Table

SQL_TYPES = {DATE: "DATE", TIME: "TIMESTAMPTZ", COUNT: "BIGINT", SIGNED: "BIGINT", SHARE: "DOUBLE",
             TEXT: "VARCHAR", CHOICE: "VARCHAR"}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def metric_files(repo: Repository, table_id: str) -> list[Path]:
    """The files of a metric table that the loader accepted (a file with an error is left
    out of the reports; its finding says so)."""
    return [repo.root / path for path in repo.metrics.files.get(table_id, [])]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def table_view(table: Table, files: list[Path]) -> str:
    """CREATE VIEW over the table's CSV files, the columns typed by the contract; an empty
    view with the same columns when the table has no file."""
    types = {column.name: SQL_TYPES[column.type] for column in table.columns}
    if not files:
        columns = ", ".join(f"NULL::{sql} AS {name}" for name, sql in types.items())
        return f"CREATE VIEW {table.id} AS SELECT {columns} WHERE false"
    paths = "[" + ", ".join(_literal(str(path)) for path in files) + "]"
    declared = "{" + ", ".join(f"{_literal(name)}: {_literal(sql)}" for name, sql in types.items()) + "}"
    return (f"CREATE VIEW {table.id} AS SELECT * FROM read_csv({paths}, header = true, auto_detect = false, "
            f"columns = {declared}, delim = ',', quote = '\"', escape = '\"', timestampformat = '%Y-%m-%dT%H:%M:%S%z')")


def connect(repo: Repository) -> duckdb.DuckDBPyConnection:
    """A connection with the five metric tables, the model's `account_facts` and `post_facts`,
    and `post_month_latest`. Each table is read from its files once (`<table>_files`, a view
    over the CSV files) into memory: a site build asks hundreds of questions of the same rows,
    and a view would parse every file again for each."""
    db = duckdb.connect(":memory:")
    db.execute("SET TimeZone = 'UTC'")  # timestamps read with their offsets compare as instants
    for table in TABLES.values():
        db.execute(table_view(table, metric_files(repo, table.id)).replace(f"VIEW {table.id} ", f"VIEW {table.id}_files ", 1))
        db.execute(f"CREATE TABLE {table.id} AS SELECT * FROM {table.id}_files")
    # a post's last reading in each month: "its latest numbers by the end of month M" is the last
    # of these up to M, so the month and scope pages read ~1 row per post and month, not every day's
    db.execute("CREATE TABLE post_month_latest AS SELECT * FROM posts "
               "QUALIFY row_number() OVER (PARTITION BY post, date_trunc('month', date) ORDER BY date DESC) = 1")
    _model_tables(db, repo)
    return db


def _model_tables(db: duckdb.DuckDBPyConnection, repo: Repository) -> None:
    """What the metric files do not say: each account's platform, market and time zone,
    each post's account, format and publishing moment in its account's time zone."""
    db.execute("CREATE TABLE account_facts (account VARCHAR, platform VARCHAR, market VARCHAR, timezone VARCHAR)")
    db.executemany("INSERT INTO account_facts VALUES (?, ?, ?, ?)", [
        (account_id, str(account.platform or ""), str(account.market or ""), str(account.data.get("timezone", "")))
        for account_id, account in sorted(repo.accounts.items())] or [("", "", "", "")])
    db.execute("DELETE FROM account_facts WHERE account = ''")
    db.execute("CREATE TABLE post_facts (post VARCHAR, account VARCHAR, format VARCHAR, status VARCHAR, "
               "published DATE, hour INTEGER, weekday INTEGER)")
    rows = []
    for post in repo.posts:
        local = post.local_time
        rows.append((post.id, post.account_id, str(post.meta.get("format") or ""), post.status or "",
                     local.date() if local else None, local.hour if local else None,
                     local.isoweekday() if local else None))  # 1 Monday .. 7 Sunday
    if rows:
        db.executemany("INSERT INTO post_facts VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
