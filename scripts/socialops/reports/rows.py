"""The rows of the metric files the loader accepted, each with its file and line, for the
reports that judge single rows (reply SLAs, mentions) and name them in findings.

The reports that add numbers up query the same files with DuckDB (reports/db.py); these
two read rows one by one because a finding must say `path:line`, which DuckDB does not
keep. Interactions and mentions are small tables (a row per message), so Python's csv
module is fast enough.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ..model.entities import Repository


@dataclass(frozen=True, slots=True)
class Row:
    path: str  # repo-relative, POSIX
    line: int  # the line the row starts on (the header is line 1)
    cells: dict[str, str]

    def text(self, column: str) -> str | None:
        value = self.cells.get(column)
        return (value.strip() or None) if value else None

    def time(self, column: str) -> datetime | None:
        """The cell as an aware datetime; None when empty or not a time with an offset (the
        loader's metric-files rule reports such a cell, and leaves the file out)."""
        return parse_time(self.text(column))

    def day(self, column: str) -> date | None:
        value = self.text(column)
        try:
            return date.fromisoformat(value) if value else None
        except ValueError:
            return None


def parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def accepted_files(repo: Repository, table_id: str) -> list[str]:
    """The table's files that loaded without errors (repo-relative, sorted)."""
    return sorted(repo.metrics.files.get(table_id, []))


def rows(repo: Repository, table_id: str) -> Iterator[Row]:
    """Every row of the table's accepted files, in file order."""
    for relpath in accepted_files(repo, table_id):
        yield from _file_rows(Path(repo.root), relpath)


def _file_rows(root: Path, relpath: str) -> Iterator[Row]:
    try:
        with (root / relpath).open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)  # not DictReader: a dict per row from zip() is a third of its time
            header = next(reader, None)
            if header is None:
                return
            width = len(header)
            start = 2  # the line after the header
            for cells in reader:
                if cells:  # DictReader skips blank lines too
                    # a short row's missing cells are absent; a long row's extra cells are dropped
                    yield Row(relpath, start, dict(zip(header, cells[:width], strict=False)))
                start = reader.line_num + 1  # a quoted cell may span lines
    except (OSError, UnicodeDecodeError, csv.Error):
        return  # the loader's finding on the file says what is wrong with it
