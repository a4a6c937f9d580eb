"""TikTok Studio: the Overview, Content and FollowerHistory files (metric-exports.md
section 4). Their dates have no year and follow the UI language ("February 28",
"8 de marzo"): each takes the last year in which that day is not after the export's day
(--exported, else the file's modification day). Daily values can be negative.

Video views are our `views` (TikTok's only views); the "difference in followers" column
is not read: the follower count itself is."""

from __future__ import annotations

from ..model.metrics import ACCOUNT_DAILY, AUDIENCE, POST_DAILY
from .layout import DATE, LABEL, LINK, SHARE_OF, Layout

OVERVIEW = Layout(
    "TikTok Overview", ACCOUNT_DAILY,
    {DATE: ("Date",),
     "views": ("Video Views",),
     "profile_visits": ("Profile Views",),
     "likes": ("Likes",),
     "comments": ("Comments",),
     "shares": ("Shares",)},
    required=(DATE, "views"),
    date_order="mdy",
)

CONTENT = Layout(
    "TikTok Content", POST_DAILY,
    {LINK: ("Video link",),
     "likes": ("Total likes",),
     "comments": ("Total comments",),
     "shares": ("Total shares",),
     "views": ("Total views",)},
    required=(LINK,),
)

FOLLOWER_HISTORY = Layout(
    "TikTok FollowerHistory", ACCOUNT_DAILY,
    {DATE: ("Date",), "followers": ("Followers",)},
    required=(DATE, "followers"),
)

# Followers by territory, as fractions (metric-exports.md: unverified layout), dated the export's day.
FOLLOWER_TERRITORIES = Layout(
    "TikTok FollowerTopTerritories", AUDIENCE,
    {LABEL: ("Top Territories",), SHARE_OF: ("Distribution",)},
    required=(LABEL, SHARE_OF),
    dimension="region",
)

LAYOUTS = (OVERVIEW, CONTENT, FOLLOWER_HISTORY, FOLLOWER_TERRITORIES)
