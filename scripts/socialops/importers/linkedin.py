"""LinkedIn pages: the content workbook ("Metrics" sheet of daily totals, "All posts"
sheet), each with a note in row 1 and the headers in row 2 (metric-exports.md section 3,
unverified by a public sample: the headers several importers agree on). XLS or XLSX.

Totals are read, not the organic/sponsored split. Reposts (older files: Shares) are our
`shares`. A post's link holds its `urn:li:activity:` URN, which is what the repository's
published_url gives (model/metrics.py)."""

from __future__ import annotations

from ..model.metrics import ACCOUNT_DAILY, POST_DAILY
from .layout import DATE, LINK, Layout

CONTENT_METRICS = Layout(
    "LinkedIn content file, sheet \"Metrics\" (daily)", ACCOUNT_DAILY,
    {DATE: ("Date",),
     "impressions": ("Impressions (total)",),
     "clicks": ("Clicks (total)",),
     "likes": ("Reactions (total)",),
     "comments": ("Comments (total)",),
     "shares": ("Reposts (total)", "Shares (total)")},
    required=(DATE, "impressions"),
    sheet="Metrics",
)

CONTENT_POSTS = Layout(
    "LinkedIn content file, sheet \"All posts\"", POST_DAILY,
    {LINK: ("Post link",),
     "impressions": ("Impressions",),
     "video_views": ("Views (excluding off-site video views)",),
     "clicks": ("Clicks",),
     "likes": ("Likes",),
     "comments": ("Comments",),
     "shares": ("Reposts", "Shares"),
     "follows": ("Follows",)},
    required=(LINK,),
    sheet="All posts",
)

LAYOUTS = (CONTENT_METRICS, CONTENT_POSTS)
