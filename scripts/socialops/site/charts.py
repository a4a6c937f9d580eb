"""Charts on the report pages: each one is drawn in the browser by plotly.js, and is also
its data as an HTML table (read by screen readers, printed, kept when scripts are off) and
a CSV file the site writes next to the page.

The JavaScript is the site's own: plotly.min.js is copied at build time from the pinned
`plotly` package (never committed, never fetched from a CDN), and site/pages/assets/
socialops-charts.js draws every chart of a page from the JSON the page carries in a
`<script type="application/json">` element (data, not code). The charts use only trace
types that load nothing (scatter and bar: no map tiles, no topojson, no MathJax), and
plotly's mode bar is hidden (its tooltips are English only; drag zooms and a double
click resets, as in any plotly chart).
"""

from __future__ import annotations

import csv
import io
import json
import posixpath
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

from .context import Output, Site, link

PLOTLY_ASSET = "assets/vendor/plotly.min.js"
CHARTS_SCRIPT = "assets/socialops-charts.js"  # in site/pages/assets: MkDocs copies it
KINDS = ("line", "bar", "scatter")
UNITS = ("count", "percent")
_SPREADSHEET_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a cell a spreadsheet would run


@dataclass(frozen=True)
class Chart:
    """One chart. `columns[0]` is the x axis (dates, categories, or numbers for a scatter);
    each further column is a series (a scatter: the y values, then an optional label per
    point). `unit` is the y axis's: "count", or "percent" (values already × 100)."""

    id: str  # unique on its page, a slug: the CSV is <page>.<id>.csv
    title: str
    kind: str
    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    unit: str = "count"
    plotted: int = 0  # how many series are drawn (0: all); the columns after them are in the table only (a bar's n)

    def __post_init__(self) -> None:
        if self.kind not in KINDS or self.unit not in UNITS or len(self.columns) < 2:
            raise ValueError(f"chart {self.id}: kind {self.kind!r}, unit {self.unit!r}, columns {self.columns!r}")


def csv_path(page: str, chart: Chart) -> str:
    """The chart's CSV, beside its page: reports/2026-11.md -> reports/2026-11.<id>.csv."""
    stem = page.removesuffix(".md")
    return f"{stem}.{chart.id}.csv"


def csv_text(chart: Chart) -> str:
    """The chart's data as CSV (UTF-8, a header row; an empty cell where a value is missing).
    A text cell a spreadsheet would read as a formula gets a leading apostrophe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([_cell(name) for name in chart.columns])
    for row in chart.rows:
        writer.writerow(["" if value is None else _cell(value) for value in row])
    return out.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, str) and value.startswith(_SPREADSHEET_FORMULA):
        return "'" + value
    return value


def files(page: str, charts: list[Chart]) -> dict[str, Output]:
    """The CSV files of a page's charts."""
    return {csv_path(page, chart): Output(csv_text(chart)) for chart in charts}


def view(site: Site, page: str, chart: Chart) -> dict[str, object]:
    """What templates/chart_macros.j2 writes for a chart."""
    return {
        "id": chart.id, "title": chart.title, "kind": chart.kind, "unit": chart.unit, "columns": chart.columns,
        "body": _table_rows([[display(value, chart.unit if index else "") for index, value in enumerate(row)]
                             for row in chart.rows]),
        "csv": posixpath.basename(csv_path(page, chart)),
        "json": embedded_json({"kind": chart.kind, "unit": chart.unit, "title": chart.title, "plotted": chart.plotted,
                               "columns": list(chart.columns), "rows": [list(map(_plain, row)) for row in chart.rows]}),
    }


def _table_rows(cells: list[list[str]]) -> Markup:
    """The data table's rows, the first cell of each its header, escaped: written here, not by
    a loop in the template, which took a report build a third of a second."""
    return Markup("".join(_table_row(row) for row in cells))  # noqa: S704 -- every cell escaped


def _table_row(row: list[str]) -> str:
    head = "".join(f'<th scope="row">{escape(cell)}</th>' for cell in row[:1])
    return f"<tr>{head}{''.join(f'<td>{escape(cell)}</td>' for cell in row[1:])}</tr>\n"


def display(value: object, unit: str) -> str:
    """A table cell: thousands separated, rates with one decimal and a % sign, '—' for none."""
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if unit == "percent":
        return f"{value:,.1f} %"
    return f"{value:,}" if isinstance(value, int) else f"{value:,.2f}"


def display_sql(column: str, unit: str) -> str:
    """display() in DuckDB SQL, for a column of whole numbers (unit "count") or of rates
    ("percent"): DuckDB's format() separates thousands and rounds as Python's does."""
    pattern = "{:,.1f} %" if unit == "percent" else "{:,}"
    return f"coalesce(format('{pattern}', {column}), '—')"


def _plain(value: object) -> object:
    return value if value is None or isinstance(value, int | float | str) else str(value)


def embedded_json(data: object) -> Markup:
    """JSON to stand inside <script type="application/json">: the HTML parser ends a script
    at `</script` whatever the JSON says, so `<`, `>` and `&` are written as \\u escapes
    (the JSON is the same to JSON.parse)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)  # noqa: S704 -- JSON with every character that could end the element escaped


def scripts(page: str) -> Markup:
    """The two scripts a page with charts loads, in order (deferred: after the page is parsed)."""
    return Markup(f'<script src="{link(page, PLOTLY_ASSET)}" defer></script>\n'  # noqa: S704 -- our own paths
                  f'<script src="{link(page, CHARTS_SCRIPT)}" defer></script>\n')


@cache
def plotly_js() -> Path:
    """plotly.min.js of the installed, pinned plotly package."""
    import plotly

    path = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"{path}: the plotly package has no plotly.min.js (pyproject.toml pins plotly)")
    return path


def pages(site: Site) -> dict[str, Output]:
    """The chart library, once for the whole site."""
    return {PLOTLY_ASSET: Output(source=plotly_js())}
