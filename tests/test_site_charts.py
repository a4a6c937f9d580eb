"""The chart component: a chart's data reaches the page as inert JSON, as a table and as a
CSV file beside the page; the chart library is the pinned package's own file."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from socialops.model.entities import LineMap, Policy, Repository
from socialops.site import charts
from socialops.site.context import Site
from tests.conftest import ROOT

RATE = charts.Chart("rate", "Engagement rate by market", "bar", ("Market", "Engagement rate"),
                    (("US", 3.0), ("JP", 1.25), ("=cmd()", None)), "percent")


def _site() -> Site:
    repo = Repository(root=ROOT, policy=Policy({}, LineMap()))
    return Site.create(repo, datetime(2026, 11, 26, tzinfo=UTC), [], "en", ROOT / "site")


def test_the_csv_sits_beside_its_page_and_defuses_spreadsheet_formulas() -> None:
    assert charts.csv_path("reports/2026-11.md", RATE) == "reports/2026-11.rate.csv"
    # an empty cell for a value not reported; a text starting with = gets an apostrophe
    assert charts.csv_text(RATE) == "Market,Engagement rate\nUS,3.0\nJP,1.25\n'=cmd(),\n"
    assert list(charts.files("reports/2026-11.md", [RATE])) == ["reports/2026-11.rate.csv"]


def test_the_embedded_json_cannot_end_its_script_element() -> None:
    data = {"title": "</script><script>alert(1)</script> & \u2028"}
    text = str(charts.embedded_json(data))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == data


def test_table_cells_are_written_for_people() -> None:
    assert charts.display(1234567, "count") == "1,234,567"
    assert charts.display(3.0, "percent") == "3.0 %"
    assert charts.display(None, "percent") == "—"
    assert charts.display("US", "percent") == "US"


COUNTS = [None, 0, 7, -3, 999, 1000, -1234, 1234567, 10**15 + 1]
RATES = [None, 0.0, 0.04, -0.04, 0.05, 0.15, 0.25, 2.675, 3.0, 99.95, 100.0, 12345.25, 1e-9, 1 / 3, 2 / 3 * 100]


@pytest.mark.parametrize(("unit", "values"), [("count", COUNTS), ("percent", RATES)])
def test_cells_written_by_duckdb_read_as_python_writes_them(unit: str, values: list) -> None:
    """The post pages' readings are written by DuckDB (display_sql): each cell as display()
    writes it, thousands, signs, rounding at the half and '—' alike."""
    import duckdb

    sql_type = "BIGINT" if unit == "count" else "DOUBLE"
    with duckdb.connect() as db:
        written = [db.execute(f"SELECT {charts.display_sql('v', unit)} FROM (SELECT $v::{sql_type} AS v)",
                              {"v": value}).fetchone()[0] for value in values]
    assert written == [charts.display(value, unit) for value in values]
    assert written[:3] == ["—", "0", "7"] if unit == "count" else written[:3] == ["—", "0.0 %", "0.0 %"]


def test_a_chart_renders_as_a_plot_a_table_and_a_download() -> None:
    site = _site()
    template = site.env.from_string('{% from "chart_macros.j2" import chart with context %}{{ chart(c) }}')
    html = template.render(page="reports/2026-11.md", c=charts.view(site, "reports/2026-11.md", RATE))
    assert '<div class="so-chart__plot" data-chart="chart-data-rate" role="img"' in html
    spec = json.loads(re.search(r'<script type="application/json" id="chart-data-rate">(.*?)</script>', html)[1])
    assert spec["rows"] == [["US", 3.0], ["JP", 1.25], ["=cmd()", None]] and spec["unit"] == "percent"
    assert spec["plotted"] == 0  # every series drawn
    assert '<tr><th scope="row">US</th><td>3.0 %</td></tr>' in html
    assert '<a href="2026-11.rate.csv" download>' in html


def test_a_chart_must_say_what_it_draws() -> None:
    with pytest.raises(ValueError, match="kind 'pie'"):
        charts.Chart("x", "X", "pie", ("a", "b"), ())


def test_the_library_is_the_pinned_packages_file() -> None:
    pinned = re.search(r'"plotly==([0-9.]+)"', (ROOT / "pyproject.toml").read_text("utf-8"))
    assert pinned and f"plotly=={pinned[1]}" in (ROOT / "requirements.lock").read_text("utf-8").splitlines()
    assert charts.plotly_js().name == "plotly.min.js" and charts.plotly_js().stat().st_size > 1_000_000
    assert charts.pages(_site()) == {charts.PLOTLY_ASSET: charts.Output(source=charts.plotly_js())}
    assert not (ROOT / "site" / "pages" / charts.PLOTLY_ASSET).exists()  # copied at build time, never committed
    assert isinstance(charts.plotly_js(), Path)
