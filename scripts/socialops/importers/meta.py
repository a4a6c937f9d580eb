"""Meta Business Suite: Facebook and Instagram post files, the page-level daily files
(UTF-16, `sep=,`, the metric named on line 2, then "Date","Primary") and the legacy
Facebook post export with its second header row of "Lifetime: …" descriptions
(metric-exports.md section 2).

Views and Impressions stay apart (Meta replaced one with the other in 2024): each goes
to its own column. Reactions are our `likes`."""

from __future__ import annotations

from ..model.metrics import ACCOUNT_DAILY, POST_DAILY
from .layout import DATE, HANDLE, LINK, POST_ID, VALUE, Layout

FACEBOOK_POSTS = Layout(
    "Facebook posts (Meta Business Suite, Content export)", POST_DAILY,
    {POST_ID: ("Post ID",),
     LINK: ("Permalink",),
     HANDLE: ("Page name",),
     "views": ("Views",),
     "impressions": ("Impressions",),
     "reach": ("Reach",),
     "likes": ("Reactions",),
     "comments": ("Comments",),
     "shares": ("Shares",),
     "clicks": ("Link clicks",),
     "video_views": ("3-second video views",)},
    required=(POST_ID, "reach"),
    forbidden=("Lifetime Post Total Reach",),
)

FACEBOOK_LEGACY_POSTS = Layout(
    "Facebook posts, legacy Insights export (two header rows)", POST_DAILY,
    {POST_ID: ("Post ID",),
     LINK: ("Permalink",),
     "reach": ("Lifetime Post Total Reach",),
     "impressions": ("Lifetime Post Total Impressions",),
     "likes": ("Lifetime Post Stories by action type - like",),
     "comments": ("Lifetime Post Stories by action type - comment",),
     "shares": ("Lifetime Post Stories by action type - share",),
     "clicks": ("Lifetime Post Consumptions by type - link clicks",)},
    required=(POST_ID, "reach"),
)

INSTAGRAM_POSTS = Layout(
    "Instagram posts (Meta Business Suite, Content export)", POST_DAILY,
    {POST_ID: ("Post ID",),
     LINK: ("Permalink",),
     HANDLE: ("Account username",),
     "views": ("Views",),
     "impressions": ("Impressions",),
     "reach": ("Reach",),
     "likes": ("Likes",),
     "comments": ("Comments",),
     "shares": ("Shares",),
     "saves": ("Saves",),
     "follows": ("Follows",)},
    required=(POST_ID, LINK),
)

# The page-level files' metric names (line 2), Facebook's and Instagram's. Follows and
# content interactions are daily counts with no column in the accounts table.
PAGE_METRICS = {
    "views": "views", "facebook views": "views", "instagram views": "views",
    "viewers": "reach", "reach": "reach", "facebook reach": "reach", "instagram reach": "reach",
    "impressions": "impressions",
    "visits": "profile_visits", "facebook visits": "profile_visits", "instagram profile visits": "profile_visits",
    "profile visits": "profile_visits",
    "link clicks": "clicks", "facebook link clicks": "clicks", "instagram link clicks": "clicks",
}

PAGE_DAILY = Layout(
    "Meta page-level daily file (sep=, / metric name / \"Date\",\"Primary\")", ACCOUNT_DAILY,
    {DATE: ("Date",), VALUE: ("Primary",)},
    required=(DATE, VALUE),
    metric_above=True,
    metrics=PAGE_METRICS,
)

FACEBOOK = (FACEBOOK_LEGACY_POSTS, FACEBOOK_POSTS, PAGE_DAILY)
INSTAGRAM = (INSTAGRAM_POSTS, PAGE_DAILY)
