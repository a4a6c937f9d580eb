"""LinkedIn pages: the content workbook ("Metrics" sheet of daily totals, "All posts"
sheet), each with a note in row 1 and the headers in row 2 (metric-exports.md section 3,
unverified by a public sample: the headers several importers agree on). XLS or XLSX.

Totals are read, not the organic/sponsored split. Reposts (older files: Shares) are our
`shares`. A post's link holds its `urn:li:activity:` URN, which is what the repository's
published_url gives (model/metrics.py)."""

from __future__ import annotations

from ..model.metrics import ACCOUNT_DAILY, AUDIENCE, POST_DAILY
from .layout import COUNT_OF, DATE, LABEL, LINK, Layout

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

# The followers file: its "New followers" sheet counts the day's new followers, which no
# column holds (the accounts table keeps the follower count); its "Location" sheet is the
# region breakdown of all followers, stored as shares dated the export's day. Of the other
# breakdowns (job function, seniority, industry, company size) none is an audience dimension.
FOLLOWERS_LOCATION = Layout(
    "LinkedIn followers file, sheet \"Location\"", AUDIENCE,
    {LABEL: ("Location",), COUNT_OF: ("Total followers",)},
    required=(LABEL, COUNT_OF),
    sheet="Location",
    dimension="region",
)

LAYOUTS = (CONTENT_METRICS, CONTENT_POSTS, FOLLOWERS_LOCATION)
