"""The "Metric definitions" page: every KPI of socialops.reports.kpis with its formula in
words, its unit, its version, the day that version took effect and its history, and the
SQL the reports compute it with, so no formula changes without the page saying so."""

from __future__ import annotations

from ..reports.kpis import KPI_SQL, KPIS, SUMS
from .context import Output, Site
from .posts import front_matter

PAGE = "reports/metrics.md"


def pages(site: Site) -> dict[str, Output]:
    rows = [{"kpi": kpi, "name": site.gettext(kpi.name), "sql": KPI_SQL.get(kpi.id)} for kpi in KPIS.values()]
    title = site.gettext("Metric definitions")
    return {PAGE: Output(front_matter(title) + site.render("metric_definitions.md.j2", PAGE, title=title, rows=rows,
                                                          sums=sorted(SUMS.items())))}
