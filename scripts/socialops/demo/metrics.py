"""The demo's metric files (model/metrics.py), from a seed and the demo's story.

Every account has a day's row from 2026-08-01 to the day before DEMO_NOW (the retired
Mexican account until it was retired, at the end of September); every published post
has daily snapshots of its lifetime totals from its publish day for 30 days or until
the day before DEMO_NOW, growing fast and then saturating; interactions are mostly
answered within the reply SLA by the account's responders, some late, a few
complaints escalated; mentions come in each market's language; audience breakdowns
are read on the first of each month. The story shows in the numbers:

- the Halloween giveaway (US, Oct 20-31) lifts both US accounts' followers and
  engagement: together they gain exactly 1,930 followers over the campaign, as its
  evaluation says;
- the phishing incident on TikTok Brasil (Oct 14-16) is a spike of negative mentions
  (golpe, phishing) in BR, complaints in its interactions, and a dip in followers;
- the Halo launch (Nov 10) lifts impressions everywhere.

The generator has a random stream of its own, so the posts are the same with or
without it.
"""

from __future__ import annotations

import csv
import io
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import yaml

from ..model.metrics import TABLES, file_path, platform_post_id
from . import settings
from .company import DEMO_NOW, AccountTemplate

FIRST_DAY = date(2026, 8, 1)
SNAPSHOT_DAYS = 30
GIVEAWAY = (date(2026, 10, 20), date(2026, 10, 31))
GIVEAWAY_FOLLOWERS = 1930  # the campaign's evaluation: new followers on the two US accounts
_ON_X = round(GIVEAWAY_FOLLOWERS * 0.45)
GIVEAWAY_SHARES = {"lanterna-us-x": _ON_X, "lanterna-us-instagram": GIVEAWAY_FOLLOWERS - _ON_X}
INCIDENT = (date(2026, 10, 14), date(2026, 10, 16))
LAUNCH = date(2026, 11, 10)
RETIRED_UNTIL = date(2026, 9, 30)
META = ("instagram", "facebook")  # Meta reports views, no longer impressions
DIRECTOR = "mei-lin"


@dataclass(frozen=True)
class Profile:
    """An account's scale: followers on Aug 1, daily impressions, engagement per impression."""

    followers: int
    impressions: int
    engagement: float


PROFILES = {
    "x": Profile(48_000, 26_000, 0.021), "instagram": Profile(62_000, 31_000, 0.038),
    "linkedin": Profile(9_400, 5_200, 0.029), "facebook": Profile(15_500, 8_800, 0.017),
    "tiktok": Profile(27_000, 44_000, 0.052), "youtube": Profile(12_300, 9_600, 0.031),
}
SCALE = {"US": 1.0, "GB": 0.8, "DE": 0.7, "JP": 0.9, "BR": 1.1, "AE": 0.6, "MX": 0.3}


@dataclass(frozen=True)
class PublishedPost:
    id: str
    account: str
    published: datetime  # local
    url: str
    video: bool
    campaign: str | None


def write(templates: list[AccountTemplate], post_files: dict[str, str], seed: int = 2026) -> dict[str, str]:
    """Every metric file of the demo: repository path -> CSV text."""
    rng = random.Random(seed * 7919 + 11)
    yesterday = (datetime.fromisoformat(DEMO_NOW).date()) - timedelta(days=1)
    posts = _published(templates, post_files)
    rows: dict[tuple[str, str, str], list[list[str]]] = {}  # (table, key, month) -> rows

    def add(table: str, key: str, day: str, row: list[str]) -> None:
        rows.setdefault((table, key, day[:7]), []).append(row)

    for template in templates:
        last = min(yesterday, RETIRED_UNTIL) if template.status == "retired" else yesterday
        for row in _account_days(template, last, posts, rng):
            add("accounts", template.id, row[0], row)
        account_posts = [post for post in posts if post.account == template.id]
        for post in account_posts:
            for row in _post_days(template, post, yesterday, rng):
                add("posts", template.id, row[0], row)
        if template.status != "retired":
            for row in _interactions(template, account_posts, last, rng):
                add("interactions", template.id, row[5], row)
        for row in _audience(template, last, rng):
            add("audience", template.id, row[0], row)
    markets = sorted({t.market for t in templates if t.status != "retired"})
    for market in markets:
        for row in _mentions(market, yesterday, rng):
            add("mentions", market, row[1], row)
    return {file_path(TABLES[table], key, month): _csv(TABLES[table].header, table_rows)
            for (table, key, month), table_rows in sorted(rows.items())}


def _csv(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _published(templates: list[AccountTemplate], post_files: dict[str, str]) -> list[PublishedPost]:
    known = {t.id for t in templates}
    found = []
    for relpath, text in sorted(post_files.items()):
        parts = relpath.split("/")
        if not relpath.startswith("content/posts/") or parts[2] not in known or not relpath.endswith(".md"):
            continue
        meta = yaml.safe_load(text.split("---\n", 2)[1])
        if meta.get("status") != "published" or "published_url" not in meta:
            continue
        published = meta["publish_at"]
        published = published if isinstance(published, datetime) else datetime.fromisoformat(str(published))
        found.append(PublishedPost(f"{parts[2]}/{parts[-1].removesuffix('.md')}", parts[2], published.replace(tzinfo=None),
                                   meta["published_url"], meta.get("format") == "video", meta.get("campaign")))
    return found


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _profile(template: AccountTemplate) -> Profile:
    base = PROFILES.get(template.platform, PROFILES["x"])
    scale = SCALE.get(template.market, 0.5)
    return Profile(int(base.followers * scale), int(base.impressions * scale), base.engagement)


def _lift(template: AccountTemplate, day: date) -> tuple[float, float]:
    """(reach lift, engagement lift) of the story's events on an account's day."""
    reach, engagement = 1.0, 1.0
    if template.market == "US" and GIVEAWAY[0] <= day <= GIVEAWAY[1]:
        reach, engagement = 1.6, 2.6
    if template.market == "BR" and INCIDENT[0] <= day <= INCIDENT[1]:
        reach, engagement = 1.3, 0.7
    if LAUNCH <= day <= LAUNCH + timedelta(days=4):
        reach *= 2.2 - 0.25 * (day - LAUNCH).days
    return reach, engagement


def _account_days(template: AccountTemplate, last: date, posts: list[PublishedPost],
                  rng: random.Random) -> list[list[str]]:
    profile = _profile(template)
    post_days = {post.published.date() for post in posts if post.account == template.id}
    growth = _follower_growth(template, profile, last, post_days, rng)
    followers = profile.followers
    rows = []
    for day in _days(FIRST_DAY, last):
        followers += growth[day]
        reach_lift, engagement_lift = _lift(template, day)
        weekday = 0.8 if day.weekday() >= 5 else 1.0
        posted = 1.35 if day in post_days else 1.0
        shown = int(profile.impressions * weekday * posted * reach_lift * rng.uniform(0.85, 1.15))
        engaged = shown * profile.engagement * engagement_lift * rng.uniform(0.85, 1.15)
        likes, comments = int(engaged * 0.72), int(engaged * 0.11)
        shares, saves = int(engaged * 0.1), int(engaged * 0.07)
        video = template.platform in ("tiktok", "youtube") or (template.platform == "x" and day in post_days)
        row = {
            "date": day.isoformat(), "account": template.id, "followers": followers,
            "profile_visits": int(shown * rng.uniform(0.01, 0.02)),
            "impressions": "" if template.platform in META or template.platform == "tiktok" else shown,
            "views": int(shown * 1.3) if template.platform in META or template.platform == "tiktok" else "",
            "reach": int(shown * rng.uniform(0.55, 0.7)), "likes": likes, "comments": comments, "shares": shares,
            "saves": "" if template.platform in ("linkedin", "youtube") else saves,
            "clicks": int(shown * rng.uniform(0.004, 0.009)),
            "video_views": int(shown * rng.uniform(0.3, 0.45)) if video else "",
            "conversions": int(shown * rng.uniform(0.0002, 0.0005)),
        }
        rows.append([str(row[name]) for name in TABLES["accounts"].header])
    return rows


def _follower_growth(template: AccountTemplate, profile: Profile, last: date, post_days: set[date],
                     rng: random.Random) -> dict[date, int]:
    """Each day's change in followers: a small steady gain, more on posting days; a
    dip in BR during the incident; the giveaway's gain on the US accounts, which the
    two share so that together they gain GIVEAWAY_FOLLOWERS over it."""
    growth = {}
    for day in _days(FIRST_DAY, last):
        base = profile.followers * 0.00025 * (1.5 if day in post_days else 1.0) * rng.uniform(0.5, 1.5)
        if template.market == "BR" and INCIDENT[0] <= day <= INCIDENT[1]:
            base = -profile.followers * 0.002 * rng.uniform(0.8, 1.2)
        growth[day] = round(base)
    if template.id in GIVEAWAY_SHARES and last >= GIVEAWAY[1]:
        target = GIVEAWAY_SHARES[template.id]
        days = list(_days(*GIVEAWAY))
        weights = [1.6 if day in (GIVEAWAY[0], GIVEAWAY[1]) else 1.0 for day in days]
        total = sum(weights)
        spread = [int(target * weight / total) for weight in weights]
        spread[-1] += target - sum(spread)  # the last day makes it exact
        for day, gained in zip(days, spread, strict=True):
            growth[day] = gained
    return growth


def _post_days(template: AccountTemplate, post: PublishedPost, yesterday: date,
               rng: random.Random) -> list[list[str]]:
    """A post's lifetime totals read each day: they grow fast and then level off."""
    profile = _profile(template)
    day0 = post.published.date()
    reach_lift, engagement_lift = _lift(template, day0)
    boost = 2.0 if post.campaign else 1.0
    final_shown = profile.impressions * 0.6 * reach_lift * boost * rng.uniform(0.6, 1.5)
    rate = profile.engagement * engagement_lift * rng.uniform(0.7, 1.4)
    speed = rng.uniform(0.7, 1.3)  # days to reach about two thirds of the total
    platform_id = platform_post_id(template.platform, post.url) or ""
    rows = []
    for age, day in enumerate(_days(day0, min(yesterday, day0 + timedelta(days=SNAPSHOT_DAYS - 1)))):
        part = 1 - math.exp(-(age + 0.6) / speed)
        shown = int(final_shown * part)
        engaged = shown * rate
        row = {
            "date": day.isoformat(), "post": post.id, "platform_post_id": platform_id,
            "follows": int(engaged * 0.02),
            "impressions": "" if template.platform in META or template.platform == "tiktok" else shown,
            "views": int(shown * 1.25) if template.platform in META or template.platform == "tiktok" else "",
            "reach": int(shown * 0.7), "likes": int(engaged * 0.72), "comments": int(engaged * 0.11),
            "shares": int(engaged * 0.1),
            "saves": "" if template.platform in ("linkedin", "youtube") else int(engaged * 0.07),
            "clicks": int(shown * 0.007), "video_views": int(shown * 0.42) if post.video else "",
            "conversions": int(shown * 0.0004),
        }
        rows.append([str(row[name]) for name in TABLES["posts"].header])
    return rows


# -- interactions ---------------------------------------------------------------------------

def _interactions(template: AccountTemplate, posts: list[PublishedPost], last: date,
                  rng: random.Random) -> list[list[str]]:
    """Comments, messages and mentions handled: most answered within the SLA (4 hours
    when important, the same or next working day otherwise), a few late, some
    complaints escalated; the BR incident's flood of scam reports."""
    zone = ZoneInfo(template.timezone)
    responder = settings.responder(template)
    now = datetime.fromisoformat(DEMO_NOW)
    short = template.id.removeprefix("lanterna-")
    rows = []
    for day in _days(FIRST_DAY, last):
        incident = template.market == "BR" and INCIDENT[0] <= day <= INCIDENT[1]
        count = rng.randint(9, 14) if incident else rng.choice((0, 1, 1, 2, 2, 3, 4))
        for number in range(count):
            received = datetime.combine(day, time(rng.randint(7, 21), rng.randrange(60)), zone)
            if received >= now:
                continue
            channel = "dm" if incident else rng.choice(("comment", "comment", "dm", "mention"))
            category = "complaint" if incident else rng.choice(("question",) * 5 + ("feedback",) * 3 + ("complaint",) * 2)
            important = incident or category == "complaint" or rng.random() < 0.12
            first, resolved, escalated = _handling(received, important, category, now, rng)
            if incident and number < 3:
                escalated = DIRECTOR  # the first reports of the scam went to the director
            post = _post_before(posts, received) if channel == "comment" else None
            row = [f"{short}-{day:%Y%m%d}-{number + 1:02d}", template.id, channel,
                   "important" if important else "general", category, _iso(received),
                   _iso(first), _iso(resolved), responder if first else "", escalated, post or ""]
            rows.append(row)
    return rows


def _handling(received: datetime, important: bool, category: str, now: datetime,
              rng: random.Random) -> tuple[datetime | None, datetime | None, str]:
    late = rng.random() < 0.06
    if important:
        delay = timedelta(hours=rng.uniform(5, 9)) if late else timedelta(minutes=rng.uniform(12, 200))
    else:
        delay = timedelta(hours=rng.uniform(52, 80)) if late else timedelta(hours=rng.uniform(0.5, 20))
    first = received + delay
    if first >= now:
        return None, None, ""  # not answered yet
    resolved = None
    escalated = ""
    if category == "complaint":
        resolved = first + timedelta(hours=rng.uniform(2, 40))
        escalated = DIRECTOR if rng.random() < 0.15 else ""
        if resolved >= now:
            resolved = None
    return first, resolved, escalated


def _post_before(posts: list[PublishedPost], received: datetime) -> str | None:
    local = received.replace(tzinfo=None)
    earlier = [post for post in posts if post.published <= local]
    return earlier[-1].id if earlier else None


def _iso(moment: datetime | None) -> str:
    return moment.isoformat(timespec="seconds") if moment else ""


# -- mentions --------------------------------------------------------------------------------

MENTIONS = {
    "en": (["Just got the Lanterna Halo and the battery really lasts", "Lanterna Drift is the best speaker I've owned",
            "Loving my Aura earbuds on the commute", "Great support from Lanterna, sorted in a day"],
           ["Anyone tried Lanterna's new headphones?", "Lanterna Audio has a store in the mall now",
            "Comparing the Lanterna Halo with my old pair"],
           ["My Lanterna Aura case stopped charging, not happy", "Still waiting for my Lanterna order",
            "Lanterna support took ages to answer"]),
    "de": (["Der Lanterna Halo klingt fantastisch", "Akku vom Drift hält ewig, top!", "Toller Service von Lanterna"],
           ["Hat jemand den Lanterna Halo schon getestet?", "Lanterna gibt es jetzt auch bei uns im Laden"],
           ["Lieferung von Lanterna dauert zu lange", "Mein Aura-Etui lädt nicht mehr"]),
    "pt": (["O Lanterna Halo é muito confortável", "A bateria do Drift dura demais, adorei",
            "Atendimento da Lanterna foi rápido"],
           ["Alguém já testou o Lanterna Halo?", "Vi a Lanterna no shopping hoje"],
           ["Meu fone Aura parou de carregar", "Pedido da Lanterna ainda não chegou"]),
    "ja": (["Lanterna Haloの音がとても良い", "Driftのバッテリーが長持ちで満足", "Lanternaのサポートが丁寧でした"],
           ["Lanterna Haloを試した人いますか", "新しいLanternaのイヤホンが気になる"],
           ["Auraのケースが充電できなくなった", "Lanternaの注文がまだ届かない"]),
    "ar": (["سماعة لانتيرنا هالو رائعة", "بطارية درفت تدوم طويلاً", "Great sound from the Lanterna Halo in Dubai"],
           ["هل جرب أحد سماعات لانتيرنا الجديدة؟", "Lanterna has a pop-up store in Dubai Mall"],
           ["تأخر طلبي من لانتيرنا", "Lanterna support in Dubai was slow to reply"]),
}
SCAM = ["Cuidado: golpe no TikTok usando o nome da Lanterna, pedem Pix para frete",
        "Perfil falso da Lanterna me mandou DM dizendo que ganhei um Halo. Golpe!",
        "Phishing em nome da Lanterna Brasil, não paguem nada", "Lanterna, tem perfil falso de vocês pedindo taxa de envio",
        "Quase caí no golpe do falso sorteio da Lanterna"]
GIVEAWAY_TEXT = ["Entered the Lanterna Halloween giveaway, fingers crossed for a Drift",
                 "My costume idea for the Lanterna giveaway: a giant speaker", "Lanterna's Halloween playlist giveaway is fun"]
LANGUAGE = {"US": "en", "GB": "en", "DE": "de", "BR": "pt", "JP": "ja", "AE": "ar", "MX": "en"}
PLATFORMS = {"US": ("x", "instagram", "web"), "GB": ("linkedin", "x", "web"), "DE": ("instagram", "facebook", "web"),
             "BR": ("tiktok", "instagram", "web"), "JP": ("x", "web"), "AE": ("youtube", "instagram", "web")}


def _mentions(market: str, last: date, rng: random.Random) -> list[list[str]]:
    positive, neutral, negative = MENTIONS[LANGUAGE[market]]
    platforms = PLATFORMS.get(market, ("web",))
    rows = []
    for day in _days(FIRST_DAY, last):
        texts: list[str] = []
        for _ in range(rng.randint(1, 4)):
            pick = rng.random()
            texts.append(rng.choice(positive if pick < 0.5 else neutral if pick < 0.85 else negative))
        if market == "BR" and INCIDENT[0] <= day <= INCIDENT[1]:
            texts += [rng.choice(SCAM) for _ in range(rng.randint(14, 22))]
        if market == "US" and GIVEAWAY[0] <= day <= GIVEAWAY[1]:
            texts += [rng.choice(GIVEAWAY_TEXT) for _ in range(rng.randint(3, 6))]
        for number, text in enumerate(texts, start=1):
            platform = rng.choice(platforms)
            mention_id = f"{market.lower()}-{day:%Y%m%d}-{number:02d}"
            rows.append([mention_id, day.isoformat(), platform, market, _mention_url(platform, rng), text,
                         str(int(rng.lognormvariate(6.5, 1.1)))])
    return rows


def _mention_url(platform: str, rng: random.Random) -> str:
    number = rng.randrange(10**17, 10**18)
    return {"x": f"https://x.com/user{number % 997}/status/{number}",
            "instagram": f"https://www.instagram.com/p/C{number % 10**10:010d}/",
            "tiktok": f"https://www.tiktok.com/@user{number % 991}/video/{number}",
            "facebook": f"https://www.facebook.com/user{number % 983}/posts/{number}",
            "linkedin": f"https://www.linkedin.com/feed/update/urn:li:activity:{number}/",
            "youtube": f"https://www.youtube.com/watch?v=v{number % 10**10:010d}",
            "web": f"https://forum.example.com/t/{number % 100000}"}[platform]


# -- audience --------------------------------------------------------------------------------

REGIONS = {"US": ("US-CA", "US-NY", "US-TX", "US-FL", "US-IL"), "GB": ("GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"),
           "DE": ("DE-BY", "DE-NW", "DE-BE", "DE-HH", "DE-BW"), "BR": ("BR-SP", "BR-RJ", "BR-MG", "BR-RS"),
           "JP": ("JP-13", "JP-27", "JP-14", "JP-23"), "AE": ("AE-DU", "AE-AZ", "AE-SH"), "MX": ("MX-CMX", "MX-JAL")}
AGES = ("13-17", "18-24", "25-34", "35-44", "45-54", "55+")
INTERESTS = ("music", "technology", "fitness", "gaming", "travel")


def _audience(template: AccountTemplate, last: date, rng: random.Random) -> list[list[str]]:
    rows = []
    for month in (8, 9, 10, 11):
        day = date(2026, month, 1)
        if day > last:
            break
        dimensions = {"region": REGIONS.get(template.market, ()), "age": AGES, "gender": ("female", "male"),
                      "interest": INTERESTS}
        for dimension, values in dimensions.items():
            for value, share in zip(values, _shares(len(values), dimension != "interest", rng), strict=True):
                rows.append([day.isoformat(), template.id, dimension, value, f"{share:.3f}"])
    return rows


def _shares(count: int, whole: bool, rng: random.Random) -> list[float]:
    """Shares of followers; those of a dimension that splits everyone sum to at most 1
    (rounded down: the rest is unknown), interests overlap and each stays below 1."""
    weights = [rng.uniform(0.5, 3.0) for _ in range(count)]
    if not whole:
        return [min(0.9, weight / 4) for weight in weights]
    total = sum(weights) * 1.05  # some followers' region or age is not known
    return [math.floor(weight / total * 1000) / 1000 for weight in weights]
