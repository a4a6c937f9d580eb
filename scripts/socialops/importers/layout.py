"""What an export looks like, told once per kind of file: its header aliases, the table it
fills, and the few quirks (a metric named above the header, one in the last column, a
Total row). The platform modules are lists of these; `find` picks the one a file has."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model.metrics import Table
from .read import Sheet, header_key

# Keys a layout's `fields` may hold besides the table's own columns.
DATE = "date"  # the day a daily row is about
POST_ID = "post_id"  # the platform's id of a post
LINK = "link"  # the post's permalink
HANDLE = "handle"  # the page or account name the export shows (to find the account)
VALUE = "value"  # one-metric files: the value column
LABEL = "label"  # audience breakdowns: the region, age band... a row is about
COUNT_OF = "count_of"  # audience breakdowns: followers with that label (shares are computed)
SHARE_OF = "share_of"  # audience breakdowns: the share of followers with it (a fraction or a percentage)

HEADER_ROWS_SEARCHED = 5  # a note row or `sep=`/metric lines come before the header


@dataclass(frozen=True)
class Layout:
    """One kind of export file. `fields`: our column (or one of the keys above) -> the
    headers it goes by, as exported (normalised by header_key before comparing); the first
    header found wins. `required`: the fields that identify this kind of file."""

    name: str
    table: Table
    fields: Mapping[str, tuple[str, ...]]
    required: tuple[str, ...]
    sheet: str | None = None  # a workbook's sheet, by name; None: the CSV (or a workbook's first sheet)
    date_order: str = "mdy"  # all-number dates: month first (US-style exports)
    metric_above: bool = False  # Meta page-level files: the metric is named on the line above the header
    metric_last: bool = False  # YouTube Chart/Totals: the metric is the last column, named by its header
    metrics: Mapping[str, str] = field(default_factory=dict)  # one-metric files: metric name -> our column
    sum_by_date: bool = False  # several rows a day (YouTube Chart data, one per video): their sum
    skip_first_cells: tuple[str, ...] = ()  # rows whose first cell is one of these are totals, not data
    forbidden: tuple[str, ...] = ()  # headers that say it is another kind of file
    width: int = 0  # the number of headers the file has (one-metric files), 0: any
    dimension: str | None = None  # audience breakdowns: the audience table's dimension

    def aliases(self, name: str) -> tuple[str, ...]:
        return tuple(header_key(alias) for alias in self.fields.get(name, ()))


@dataclass
class Found:
    """A layout recognised in a sheet: where its header is and which column holds what."""

    layout: Layout
    sheet: Sheet
    header_index: int  # index in sheet.rows
    columns: dict[str, int]  # field -> column index
    metric: str | None = None  # one-metric files: our column the values go to (None: not stored)
    metric_name: str = ""  # as the file names it
    ignored: list[str] = field(default_factory=list)  # headers no field reads


def find(layouts: tuple[Layout, ...], sheets: list[Sheet]) -> Found | None:
    """The first layout whose required headers one of the first rows of a sheet has."""
    for layout in layouts:
        for sheet in _sheets_for(layout, sheets):
            for index, (_, cells) in enumerate(sheet.rows[:HEADER_ROWS_SEARCHED]):
                found = _match(layout, sheet, index, [header_key(cell) for cell in cells])
                if found:
                    return found
    return None


def _sheets_for(layout: Layout, sheets: list[Sheet]) -> list[Sheet]:
    if layout.sheet is None:
        return sheets[:1]
    return [sheet for sheet in sheets if header_key(sheet.name) == header_key(layout.sheet)]


def _match(layout: Layout, sheet: Sheet, index: int, headers: list[str]) -> Found | None:
    if any(header_key(name) in headers for name in layout.forbidden):
        return None
    if layout.width and len([header for header in headers if header]) != layout.width:
        return None
    columns: dict[str, int] = {}
    for name in layout.fields:
        for alias in layout.aliases(name):
            if alias in headers:
                columns[name] = headers.index(alias)  # the first of repeated headers
                break
    if layout.metric_last and headers and headers[-1] and DATE in columns and columns[DATE] != len(headers) - 1:
        columns[VALUE] = len(headers) - 1
    if not all(name in columns for name in layout.required):
        return None
    found = Found(layout, sheet, index, columns)
    if layout.metric_above:
        above = sheet.rows[index - 1][1] if index > 0 else []
        found.metric_name = next((cell.strip() for cell in above if cell.strip()), "")
    elif layout.metric_last:
        found.metric_name = sheet.rows[index][1][columns[VALUE]].strip()
    if layout.metric_above or layout.metric_last:
        found.metric = layout.metrics.get(header_key(found.metric_name))
    used = set(columns.values())
    found.ignored = [cell.strip() for position, cell in enumerate(sheet.rows[index][1])
                     if position not in used and cell.strip()]
    return found


def describe(layouts: tuple[Layout, ...]) -> str:
    """The kinds of file a platform's importer reads, for an error message."""
    return "; ".join(layout.name for layout in layouts)
