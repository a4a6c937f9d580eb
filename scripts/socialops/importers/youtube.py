"""YouTube Studio (Advanced mode, export): "Table data.csv" (one row per video, its first
row the Total, dropped), "Chart data.csv" (one metric per video per day) and "Totals.csv"
(one metric per day) (metric-exports.md section 5).

YouTube's Views are our `video_views`; Impressions (thumbnails shown) our `impressions`;
Subscribers gained on a video our `follows`. Chart data's rows of a day are summed into
the channel's day: that is the channel's total only when the chart lists every video, so
prefer Totals.csv for the channel (both give the same row, and a difference is reported
as a conflict)."""

from __future__ import annotations

from ..model.metrics import ACCOUNT_DAILY, POST_DAILY
from .layout import DATE, POST_ID, VALUE, Layout

# The one-metric files' metric names -> our column. Watch time and net subscribers have none.
METRICS = {"views": "video_views", "impressions": "impressions"}

TABLE_DATA = Layout(
    "YouTube Table data.csv", POST_DAILY,
    {POST_ID: ("Content",),
     "video_views": ("Views",),
     "impressions": ("Impressions",),
     "follows": ("Subscribers",)},
    required=(POST_ID, "video_views"),
    skip_first_cells=("Total",),
    forbidden=("Date",),
)

CHART_DATA = Layout(
    "YouTube Chart data.csv", ACCOUNT_DAILY,
    {DATE: ("Date",), POST_ID: ("Content",)},
    required=(DATE, POST_ID, VALUE),
    metric_last=True,
    metrics=METRICS,
    sum_by_date=True,
    date_order="dmy",
)

TOTALS = Layout(
    "YouTube Totals.csv", ACCOUNT_DAILY,
    {DATE: ("Date",)},
    required=(DATE, VALUE),
    metric_last=True,
    metrics=METRICS,
    date_order="dmy",
    width=2,
)

LAYOUTS = (TABLE_DATA, CHART_DATA, TOTALS)
