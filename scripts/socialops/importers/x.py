"""X (Twitter): the legacy tweet-activity file, the newer post export and the account
overview (metric-exports.md section 1). English headers, and Turkish as the web client
writes them. X's reposts (retweets) are our `shares`; its own "Shares" (sent in a DM or
copied as a link) have no column. "Promoted …" columns are paid results and are left out."""

from __future__ import annotations

from ..model.metrics import ACCOUNT_DAILY, POST_DAILY
from .layout import DATE, LINK, POST_ID, Layout

POST_EXPORT = Layout(
    "X post export (account_analytics_content_….csv)", POST_DAILY,
    {POST_ID: ("Post id", "Gönderi kimliği"),
     LINK: ("Post Link", "Gönderi Bağlantısı"),
     "impressions": ("Impressions", "Görüntülenmeler"),
     "likes": ("Likes", "Beğeni"),
     "comments": ("Replies", "Yanıtlar"),
     "shares": ("Reposts", "Yeniden gönderiler"),
     "saves": ("Bookmarks", "Yer İşaretleri"),
     "clicks": ("URL Clicks", "URL Tıklanma Sayısı"),
     "follows": ("New follows", "Yeni takip sayısı")},
    required=(POST_ID,),
)

TWEET_ACTIVITY = Layout(
    "X tweet activity, by Tweet (tweet_activity_metrics_….csv)", POST_DAILY,
    {POST_ID: ("Tweet id",),
     LINK: ("Tweet permalink",),
     "impressions": ("impressions",),
     "likes": ("likes",),
     "comments": ("replies",),
     "shares": ("retweets",),
     "clicks": ("url clicks",),
     "follows": ("follows",)},
    required=(POST_ID,),
)

ACCOUNT_OVERVIEW = Layout(
    "X account overview (account_overview_analytics.csv)", ACCOUNT_DAILY,
    {DATE: ("Date", "Tarih"),
     "impressions": ("Impressions", "Görüntülenmeler"),
     "likes": ("Likes", "Beğeni"),
     "comments": ("Replies", "Yanıtlar"),
     "shares": ("Reposts", "Yeniden gönderiler"),
     "saves": ("Bookmarks", "Yer İşaretleri"),
     "profile_visits": ("Profile visits", "Profil ziyaretleri"),
     "video_views": ("Video views",)},
    required=(DATE, "impressions"),
    forbidden=("Post id", "Gönderi kimliği", "Tweet id"),
)

LAYOUTS = (POST_EXPORT, TWEET_ACTIVITY, ACCOUNT_OVERVIEW)
