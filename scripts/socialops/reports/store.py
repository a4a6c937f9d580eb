"""The metric tables kept between builds: one DuckDB database file per table in the user
cache, holding the rows of each metric file the reports read, by the file's path and the
digest the check made of its bytes (MetricFile.digest). A build reads again only the files
that are new or changed since the last one and drops the rows of those changed or gone, as
the check keeps each file's summary (model/metric_files.py): a site built again after an
analyst adds a month's export parses that export, not the million rows before it.

    <cache>/reports/<repository key>/<version>/<table>.duckdb

The version is a digest of the reading code and DuckDB's version, so a new release of
either starts afresh; the stores of a repository no build has used for 30 days (a deleted
checkout) are removed when another repository's are first made. A store another build
holds (DuckDB lets one process write it), or none at all (a cache folder that cannot be
written), leaves the build to read every file into memory, as without a store. One that
is damaged (as ATTACH, its catalog or the copy into memory finds: reports/db.py), or holds
anything but the tables written here (a cache folder restored in CI must not be able to
put SQL of its own into a build: _holds_only_ours), is made afresh. The posts' rows are
read only as pages ask for them: a data block of theirs damaged on disk fails that build
with DuckDB's message (and DuckDB 1.5 stopped the process on one block damaged by hand);
deleting the cache's reports/ folder mends it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

import duckdb

from .. import user_cache
from ..model.entities import Repository
from ..model.metrics import Table

# read(files): a query of the rows of `files` (repo-relative, absolute paths) with the table's
# columns and `path`, as reports/db.py reads them (it may make tables in memory for it first)
Read = Callable[[list[Path]], str]
# derive(db, rows, schema, changed): the tables made from the rows (`rows`: a table) in `schema`,
# all of them (changed None), or again for what `changed` (rows added or removed) names
Derive = Callable[[duckdb.DuckDBPyConnection, str, str, str | None], None]
FILES = "files"  # path, digest: the files whose rows the store holds
# paths passed as one JSON text: DuckDB binds a Python list of 600 paths in a quarter of a second
_PATHS = "(SELECT unnest(from_json($paths, '[\"VARCHAR\"]')))"
ROWS = "rows"


def attach(db: duckdb.DuckDBPyConnection, repo: Repository, table: Table, paths: list[str], read: Read,
           derive: Derive | None = None, derived: tuple[str, ...] = (), depends_on: str = "") -> str | None:
    """The schema of the table's store, attached to `db` and holding the rows of `paths` (the
    repo-relative files the reports read), read from the files that changed since it was
    last used; with `derive`, also the `derived` tables it makes, made again when a file
    changed. `depends_on`: what the rows read depend on besides the files' bytes (a file is
    read again when it changes). None when there is no usable store: the caller reads the
    files itself."""
    if not repo.metrics.every:  # a check of some files: those few are read, and the store kept for every file's
        return None
    digests = {path: repo.metrics.read[path].digest if path in repo.metrics.read else "" for path in paths}
    if not all(digests.values()):  # a model not loaded by a check (no digests): nothing to key the rows by
        return None
    digests = {path: digest + depends_on for path, digest in digests.items()}
    schema = f"{table.id}_store"
    try:
        location = _location(repo, table)
    except OSError:
        return None  # no folder to write in
    for _ in range(2):
        try:
            db.execute(f"ATTACH {literal(str(location))} AS {schema}")
        except duckdb.Error as error:
            if _in_use(error):
                return None
            _remove(location)  # damaged: made afresh
            continue
        try:
            ours = _holds_only_ours(db, schema, derived)
            kept = _kept(db, schema) if ours else None
        except duckdb.Error:  # damaged within
            ours = False
        if not ours:
            detach_and_remove(db, schema)  # damaged, or not ours: made afresh
            continue
        try:
            _sync(db, repo, schema, kept, digests, read, derive)
        except duckdb.Error:
            # the files are read into memory instead (a file DuckDB cannot read fails there
            # with its own message), and the next build makes the store afresh
            detach_and_remove(db, schema)
            return None
        return schema
    return None


def _in_use(error: duckdb.Error) -> bool:
    """Whether ATTACH failed because another process (its lock) or connection of this one holds the file."""
    message = str(error)
    return "Could not set lock on file" in message or "already attached" in message


def _kept(db: duckdb.DuckDBPyConnection, schema: str) -> dict[str, str] | None:
    """The digests of the files whose rows the store holds, by path; None for a new store."""
    if not db.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = $db AND table_name = $files",
                      {"db": schema, "files": FILES}).fetchone()[0]:
        return None
    return dict(db.execute(f"SELECT path, digest FROM {schema}.{FILES}").fetchall())


def _holds_only_ours(db: duckdb.DuckDBPyConnection, schema: str, derived: tuple[str, ...]) -> bool:
    """The store holds tables of ours and nothing else: no view (SQL that a read would run),
    no sequence, no column default, generated column or CHECK constraint (expressions that a
    read or write would run). A macro stored there runs only when named with the store's
    schema, which no query does (a bare name never finds it), so it needs no check: listing
    the functions took 17 ms a store."""
    others = db.execute(
        "SELECT (SELECT count(*) FROM duckdb_views() WHERE database_name = $db AND NOT internal) "
        "+ (SELECT count(*) FROM duckdb_sequences() WHERE database_name = $db) "
        "+ (SELECT count(*) FROM duckdb_columns() WHERE database_name = $db AND column_default IS NOT NULL) "
        "+ (SELECT count(*) FROM duckdb_constraints() WHERE database_name = $db AND constraint_type = 'CHECK') "
        "+ (SELECT count(*) FROM duckdb_tables() WHERE database_name = $db AND table_name NOT IN $ours)",
        {"db": schema, "ours": [FILES, ROWS, *derived]}).fetchone()
    return bool(others) and others[0] == 0


def _sync(db: duckdb.DuckDBPyConnection, repo: Repository, schema: str, kept: dict[str, str] | None,
          digests: dict[str, str], read: Read, derive: Derive | None) -> None:
    """Drop the rows of the files changed or gone, read the new and changed ones, and make
    the derived tables again for what changed, in one transaction (a build stopped half way
    leaves the store as it was). A transaction writes to one database: what it needs in
    memory (the rows read, the rows dropped) is made before it."""
    rows = f"{schema}.{ROWS}"
    new = kept is None
    kept = kept or {}
    stale = sorted(path for path, digest in kept.items() if digests.get(path) != digest)
    fresh = sorted(path for path, digest in digests.items() if kept.get(path) != digest)
    fresh_rows = read([repo.root / path for path in fresh]) if fresh or new else ""
    stale_paths = {"paths": json.dumps(stale)}
    if stale and derive is not None:
        db.execute(f"CREATE OR REPLACE TEMP TABLE {schema}_dropped AS FROM {rows} WHERE path IN {_PATHS}", stale_paths)
    db.execute("BEGIN TRANSACTION")
    try:
        if new:  # the first build: the rows go straight into the store
            db.execute(f"CREATE TABLE {schema}.{FILES} (path VARCHAR, digest VARCHAR)")
            db.execute(f"CREATE TABLE {rows} AS {fresh_rows}")
        else:
            if stale:
                db.execute(f"DELETE FROM {rows} WHERE path IN {_PATHS}", stale_paths)
                db.execute(f"DELETE FROM {schema}.{FILES} WHERE path IN {_PATHS}", stale_paths)
            if fresh:
                db.execute(f"INSERT INTO {rows} BY NAME {fresh_rows}")
        if fresh:
            db.execute(f"INSERT INTO {schema}.{FILES} SELECT file[1], file[2] FROM "
                       "(SELECT unnest(from_json($files, '[[\"VARCHAR\"]]')) AS file)",
                       {"files": json.dumps([[path, digests[path]] for path in fresh])})
        if derive is not None and (new or stale or fresh):
            changed = [f"FROM {schema}_dropped"] * bool(stale) + [f"FROM ({fresh_rows})"] * bool(fresh)
            derive(db, rows, schema, None if new else f"({' UNION ALL BY NAME '.join(changed)})")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def _location(repo: Repository, table: Table) -> Path:
    """The store's file; the folder made, and other versions' stores of this repository
    removed. The repository's folder is marked used (its time set to now); the first store
    of a repository removes those of others unused for UNUSED_DAYS (a checkout deleted,
    a worktree gone), which nothing else would."""
    reports = user_cache.folder() / "reports"
    base = reports / user_cache.key(os.path.realpath(repo.root))
    folder = base / _version()
    if not folder.is_dir():
        if not base.is_dir():
            _remove_unused(reports)
        for old in base.glob("*"):
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
        folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # a folder whose time cannot be set is only removed sooner
        os.utime(base)
    return folder / f"{table.id}.duckdb"


UNUSED_DAYS = 30


def _remove_unused(reports: Path) -> None:
    """Remove the stores of repositories no build has used for UNUSED_DAYS: folders named
    as _location names them (a key of 32 hex digits), in the cache's own reports/ folder
    (not one a link points elsewhere), never following a link."""
    if reports.is_symlink() or not reports.is_dir():
        return
    cutoff = time.time() - UNUSED_DAYS * 86_400
    with contextlib.suppress(OSError), os.scandir(reports) as entries:
        for entry in entries:
            if (len(entry.name) == 32 and set(entry.name) <= _HEX and entry.is_dir(follow_symlinks=False)
                    and entry.stat(follow_symlinks=False).st_mtime < cutoff):
                shutil.rmtree(entry.path, ignore_errors=True)


_HEX = set("0123456789abcdef")


def detach_and_remove(db: duckdb.DuckDBPyConnection, schema: str) -> None:
    """Detach a store found damaged (or not ours) after it was attached, and remove it: made afresh."""
    location = db.execute("SELECT path FROM duckdb_databases() WHERE database_name = $db", {"db": schema}).fetchone()
    db.execute(f"DETACH {schema}")
    if location:
        _remove(Path(location[0]))


def _remove(location: Path) -> None:
    for path in (location, location.with_name(location.name + ".wal")):
        with contextlib.suppress(OSError):
            path.unlink()


@cache
def _version() -> str:
    """What the rows kept depend on: the code that reads and derives them, the tables'
    contract (model/metrics.py) and DuckDB's version."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256(duckdb.__version__.encode())
    for path in (package / "reports" / "db.py", package / "reports" / "store.py", package / "model" / "metrics.py"):
        digest.update(b"\0" + path.read_bytes())
    return digest.hexdigest()[:24]


def literal(text: str) -> str:
    """A SQL string literal of `text` (ATTACH takes no parameter)."""
    return "'" + text.replace("'", "''") + "'"
