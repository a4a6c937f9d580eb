"""Merging imported rows into the metric files and writing them (model/metrics.py's
layout): each month's file is read, the new rows upserted by the table's key, the rows
sorted by it, and every changed file written at once through atomic.Change.

A row already there keeps its values: an empty cell is filled, an equal one is left, a
different one is a conflict, applied only with `force`. So importing the same export
twice writes the same bytes, and a re-export with other totals is shown, not hidden."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..model.metrics import Table, file_path


@dataclass(frozen=True)
class Conflict:
    path: str  # the metric file
    line: int  # its line of the row
    key: tuple[str, ...]  # the row's key (table.unique)
    column: str
    old: str
    new: str


@dataclass
class Plan:
    """What an import changes: the new text of each changed file, the rows added and
    changed, the conflicts (applied only with force), and files that cannot be merged."""

    files: dict[str, str] = field(default_factory=dict)  # repository-relative path -> new text
    added: int = 0
    changed: int = 0
    conflicts: list[Conflict] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (path, why)

    @property
    def rows_changed(self) -> int:
        return self.added + self.changed


def plan(root: Path, table: Table, key_folder: str, rows: Iterable[dict[str, str]], force: bool) -> Plan:
    """The change that upserts `rows` (each with the table's columns, as text) into the
    files of `key_folder` (the account or market) under `root`."""
    result = Plan()
    by_month: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_month.setdefault(row["date"][:7], []).append(row)
    for month, month_rows in sorted(by_month.items()):
        relpath = file_path(table, key_folder, month)
        existing = _read(root / relpath, table)
        if isinstance(existing, str):
            result.unreadable.append((relpath, existing))
            continue
        before = result.rows_changed
        merged = _merge(table, relpath, existing, month_rows, force, result)
        text = render(table, merged)
        # a file is rewritten only for a row that changed (not to re-sort one edited by hand)
        if result.rows_changed > before and text != _current_text(root / relpath):
            result.files[relpath] = text
    return result


def render(table: Table, rows: dict[tuple[str, ...], dict[str, str]]) -> str:
    """A metric file's text: the table's header, then the rows sorted by their key."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.header)
    for key in sorted(rows):
        writer.writerow([rows[key].get(column, "") for column in table.header])
    return out.getvalue()


# Rows as read: key -> (line, row).
_Rows = dict[tuple[str, ...], tuple[int, dict[str, str]]]


def _read(path: Path, table: Table) -> _Rows | str:
    """The rows of an existing metric file by key, or why it cannot be merged."""
    if not path.exists():
        return {}
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return f"cannot be read ({exc})"
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: _Rows = {}
    try:
        header = next(reader, [])
        if header != table.header:
            return f"its header is not the {table.id} table's ({','.join(table.header)})"
        while True:
            line = reader.line_num + 1
            cells = next(reader, None)
            if cells is None:
                return rows
            row = dict(zip(table.header, cells, strict=False))
            key = tuple(row.get(column, "") for column in table.unique)
            if key in rows:
                return f"line {line} repeats the row of line {rows[key][0]} ({', '.join(key)}): remove one first"
            rows[key] = (line, row)
    except csv.Error as exc:
        return f"is not valid CSV ({exc})"


def _merge(table: Table, relpath: str, existing: _Rows, incoming: list[dict[str, str]], force: bool,
           result: Plan) -> dict[tuple[str, ...], dict[str, str]]:
    merged = {key: dict(row) for key, (_, row) in existing.items()}
    for row in incoming:
        key = tuple(row[column] for column in table.unique)
        if key not in merged:
            merged[key] = {column: row.get(column, "") for column in table.header}
            result.added += 1
            continue
        current, changed = merged[key], False
        for column, value in row.items():
            old = current.get(column, "")
            if value == "" or value == old:
                continue
            if old != "":
                result.conflicts.append(Conflict(relpath, existing[key][0], key, column, old, value))
                if not force:
                    continue
            current[column], changed = value, True
        result.changed += changed
    return merged


def _current_text(path: Path) -> str | None:
    try:
        return path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
