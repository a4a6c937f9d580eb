"""The demo's posts: an account's quarter of copy, media, statuses and the special cases."""

from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from . import copy
from .company import (
    ALT,
    CAMPAIGNS,
    DRAFTS_FROM,
    END,
    IMAGE_SIZES,
    SITE,
    START,
    VIDEO_SIZES,
    AccountTemplate,
    CampaignPlan,
)


@dataclass
class Generated:
    files: dict[str, str] = field(default_factory=dict)
    images: dict[str, tuple[str, tuple[int, int]]] = field(default_factory=dict)
    videos: dict[str, tuple[str, tuple[int, int]]] = field(default_factory=dict)


def history_start(template: AccountTemplate, count: int) -> date:
    """The first day of an account's posts: the demo quarter, or for a scaled-up account
    as many years back as its posts need at the demo's pace, or at least one post every
    other day (the benchmark's history)."""
    quarter = (END - START).days + 1
    pace = max(template.posts, quarter // 2)  # posts per quarter
    if count <= template.posts:
        return START
    return END - timedelta(days=max(quarter, quarter * count // pace) - 1)


def account_posts(template: AccountTemplate, count: int, now: datetime, rng: random.Random,
                   result: Generated) -> list[tuple[str, str]]:
    zone = ZoneInfo(template.timezone)
    language = template.languages[0]
    start = history_start(template, count)
    days = (END - start).days + 1
    used: set[tuple[date, str]] = set()  # (day, slot) taken on this account
    campaign_turns: dict[str, int] = {}
    everyday = copy.EVERYDAY.get(language, [])
    written = []
    for index in range(count):
        day = start + timedelta(days=int(index * days / count) + rng.randrange(max(days // count, 1)))
        day = min(day, END)
        slot = next((s for s in _rotated(template.slots, index) if (day, s) not in used), None)
        if slot is None:
            continue
        used.add((day, slot))
        local = datetime.combine(day, time.fromisoformat(slot), zone)
        campaign = next((c for c in CAMPAIGNS if template.id in c.accounts and c.start <= day <= c.end), None)
        turn = campaign_turns.get(campaign.id, 0) if campaign else None
        text, product, theme = _copy_for(template, language, campaign, campaign_turns, everyday, index, rng)
        first_of_campaign = campaign is not None and turn == 0 and campaign_turns.get(campaign.id) == 1
        extra = _launch_boost(template, campaign, local) if first_of_campaign else {}
        if extra.get("disclosure") == "ad":
            text = copy.AD_LABELS[language] + text
        written.append(_post(template, local, now, text, product, campaign, index, rng, result, {"theme": theme, **extra}))
    written.extend(_special_posts(template, now, rng, result))
    return written


# Paid promotion of the Halo launch post on Instagram US and DE (the campaign plan's
# Promotion section): budget in the campaign's currency, two weeks from the post's day.
LAUNCH_BOOSTS = {
    "lanterna-us-instagram": (6000, "Adults 18-44 in the US who follow music, audio or tech accounts"),
    "lanterna-de-instagram": (4500, "Adults 18-44 in Germany and Austria interested in music and technology"),
}
BOOST_DAYS = 14


def _launch_boost(template: AccountTemplate, campaign: CampaignPlan | None, local: datetime) -> dict:
    if campaign is None or campaign.id != "halo-launch-2026" or template.id not in LAUNCH_BOOSTS:
        return {}
    amount, audience = LAUNCH_BOOSTS[template.id]
    boost = {"budget": {"amount": amount, "currency": "USD"}, "start": local.date().isoformat(),
             "end": (local.date() + timedelta(days=BOOST_DAYS - 1)).isoformat(), "audience": audience,
             "objective": "reach"}
    if template.market != "DE":
        return {"boost": boost}
    # Germany: the post itself is labelled as an ad (boost-disclosure), so legal reviews it (legal-review)
    reviewed = (local.date() - timedelta(days=7)).isoformat()
    return {"boost": boost, "disclosure": "ad", "legal_review": {"by": "mei-lin", "date": reviewed}}


def _rotated(slots: tuple[str, ...], index: int) -> list[str]:
    start = index % len(slots)
    return list(slots[start:] + slots[:start])


def _copy_for(template: AccountTemplate, language: str, campaign: CampaignPlan | None, turns: dict[str, int],
              everyday: list[str], index: int, rng: random.Random) -> tuple[str, str, str]:
    """The post's copy, its product and its theme."""
    product = rng.choice(list(copy.PRODUCTS))
    if campaign:
        lines = copy.CAMPAIGN_COPY[campaign.id].get(language, [])
        turn = turns.get(campaign.id, 0)
        if turn < len(lines):
            turns[campaign.id] = turn + 1
            product = {"halloween-giveaway-2026": "Drift", "halo-launch-2026": "Halo"}.get(campaign.id, product)
            return lines[turn], product, copy.CAMPAIGN_THEMES[campaign.id]
    return everyday[index % len(everyday)], product, copy.EVERYDAY_THEMES[language][index % len(everyday)]


def _link(template: AccountTemplate, product: str, campaign: CampaignPlan | None) -> str:
    name = campaign.id if campaign else "always-on"
    return f"{SITE}/{product.lower()}?utm_source={template.platform}&utm_medium=social&utm_campaign={name}"


def _post(template: AccountTemplate, local: datetime, now: datetime, text: str, product: str,
          campaign: CampaignPlan | None, index: int, rng: random.Random, result: Generated,
          extra: dict | None = None, slug: str | None = None) -> tuple[str, str]:
    language = template.languages[0]
    lang2 = language[:2]
    body = text.format(product=product, feature=copy.PRODUCTS[product][lang2], link=_link(template, product, campaign))
    slug = slug or _slug(template, product, campaign, index)
    fields: dict[str, object] = {"publish_at": local.strftime("%Y-%m-%dT%H:%M")}
    if local.date() >= DRAFTS_FROM:
        fields["status"] = "draft"
    elif local.astimezone(now.tzinfo) < now:
        fields["status"] = "published"
    else:
        fields["status"] = "scheduled"
    fields["author"] = template.writer
    if campaign:
        fields["campaign"] = campaign.id
    fields["language"] = language
    fields.update(_media_fields(template, product, index, lang2, result))
    if template.platform == "youtube":
        titles = copy.YOUTUBE_TITLES[language]
        fields["title"] = titles[index % len(titles)].format(product=product)
    fields["disclosure"] = "none"
    fields["risk"] = "normal"
    extra = dict(extra or {})
    boost = extra.pop("boost", None)
    fields.update(extra)
    if boost:
        fields["boost"] = boost
    if fields["status"] == "published":
        fields["published_url"] = _published_url(template, rng)
    path = f"content/posts/{template.id}/{local.year}/{local.date().isoformat()}-{slug}.md"
    return path, "---\n" + _front_matter(fields) + "---\n" + body + "\n"


def _slug(template: AccountTemplate, product: str, campaign: CampaignPlan | None, index: int) -> str:
    topic = campaign.id.rsplit("-", 1)[0] if campaign else product.lower()
    return f"{topic}-{index + 1:03d}"


def _media_fields(template: AccountTemplate, product: str, index: int, lang2: str, result: Generated) -> dict:
    platform = template.platform
    if platform in VIDEO_SIZES:
        size = VIDEO_SIZES[platform]
        file = f"content/media/video/{product.lower()}-{size[0]}x{size[1]}.mp4"
        result.videos[file] = (product, size)
        return {"format": "video", "media": [{"file": file, "source": "original"}]}
    if platform == "x" and index % 3:
        return {"format": "text"}
    size = IMAGE_SIZES.get(platform, (1200, 630))
    suffix = "jpg" if platform == "instagram" else "png" if platform == "x" else "jpg"
    file = f"content/media/images/{product.lower()}-{size[0]}x{size[1]}.{suffix}"
    result.images[file] = (product, size)
    alt = ALT[lang2].format(product=product)
    items = [{"file": file, "alt": alt, "source": "original"}]
    fmt = "image"
    if platform == "instagram" and index % 4 == 1:
        other = "Aura" if product != "Aura" else "Drift"
        second = f"content/media/images/{other.lower()}-{size[0]}x{size[1]}.{suffix}"
        result.images[second] = (other, size)
        items.append({"file": second, "alt": ALT[lang2].format(product=other), "source": "original"})
        fmt = "carousel"
    return {"format": fmt, "media": items}


def _published_url(template: AccountTemplate, rng: random.Random) -> str:
    digits = "".join(rng.choice(string.digits) for _ in range(17))
    short = "".join(rng.choice(string.ascii_letters + string.digits + "_-") for _ in range(11))
    handle = template.handle.lstrip("@")
    return {
        "x": f"https://x.com/{handle}/status/18{digits}",
        "instagram": f"https://www.instagram.com/p/{short}/",
        "linkedin": f"https://www.linkedin.com/feed/update/urn:li:activity:72{digits}/",
        "facebook": f"https://www.facebook.com/{handle}/posts/pfbid0{short}{digits[:6]}",
        "tiktok": f"https://www.tiktok.com/@{handle}/video/74{digits}",
        "youtube": f"https://www.youtube.com/watch?v={short}",
    }[template.platform]


def _special_posts(template: AccountTemplate, now: datetime, rng: random.Random,
                   result: Generated) -> list[tuple[str, str]]:
    """The posts that show a feature: a disclosed partnership, a waiver, a sensitive notice, a cancellation."""
    zone = ZoneInfo(template.timezone)
    halo = next(c for c in CAMPAIGNS if c.id == "halo-launch-2026")
    posts = []
    if template.id == "lanterna-us-x":
        day = datetime(2026, 10, 9, 15, 0, tzinfo=zone)
        posts.append(_post(template, day, now, copy.PARTNER_COPY["en-US"], "Drift", None, 900, rng, result,
                           {"disclosure": "partnership", "format": "text", "theme": "promotion",
                            "legal_review": {"by": "mei-lin", "date": "2026-10-06"}}))
        day = datetime(2026, 11, 18, 10, 30, tzinfo=zone)
        notice = ("Safety notice: a small batch of Aura charging cases sold in October may not charge fully. "
                  "Check your serial number and get a free replacement: {link}")
        posts.append(_post(template, day, now, notice, "Aura", None, 901, rng, result,
                           {"risk": "sensitive", "format": "text", "theme": "company"}))
    if template.id == "lanterna-de-instagram":
        day = datetime(2026, 10, 22, 13, 0, tzinfo=zone)
        posts.append(_post(template, day, now, copy.PARTNER_COPY["de-DE"], "Aura", None, 902, rng, result,
                           {"disclosure": "ad", "theme": "promotion", "legal_review": {"by": "mei-lin", "date": "2026-10-19"}}))
    if template.id == "lanterna-jp-x":
        day = datetime(2026, 12, 10, 23, 30, tzinfo=zone)
        waiver = [{"rule": "cadence",
                   "reason": "The Halo live stream from the Shenzhen lab starts at 23:30 JST; announced for weeks."}]
        posts.append(_post(template, day, now, copy.WAIVED_COPY["ja-JP"], "Halo", halo, 903, rng, result,
                           {"waivers": waiver, "format": "text", "theme": "product"}))
    if template.id == "lanterna-br-tiktok":
        day = datetime(2026, 10, 15, 12, 0, tzinfo=zone)
        posts.append(_post(template, day, now, copy.EVERYDAY["pt-BR"][2], "Drift", None, 904, rng, result,
                           {"status": "cancelled", "theme": "community"}))
        # the phishing incident's public statement; its own random source, so the posts
        # generated after it stay as they were
        day = datetime(2026, 10, 14, 11, 0, tzinfo=zone)
        posts.append(_post(template, day, now, copy.WARNING_COPY["pt-BR"], "Halo", None, 905,
                           random.Random("lanterna-br-tiktok-warning"), result, {"theme": "community"},
                           slug="phishing-warning-906"))
    return posts


def _front_matter(fields: dict) -> str:
    lines = []
    for key, value in fields.items():
        if isinstance(value, dict) and any(isinstance(item, dict) for item in value.values()):
            # a mapping with mappings inside (boost): one line a field, the inner ones in flow style
            lines.append(f"{key}:")
            lines += [f"  {item_key}: {_flow(item_value)}" for item_key, item_value in value.items()]
        elif isinstance(value, list):
            lines.append(f"{key}:")
            for item in value:
                first = True
                for item_key, item_value in item.items():
                    lines.append(f"{'  - ' if first else '    '}{item_key}: {scalar(item_value)}")
                    first = False
        elif isinstance(value, dict):
            lines.append(f"{key}: {{{', '.join(f'{k}: {scalar(v)}' for k, v in value.items())}}}")
        else:
            lines.append(f"{key}: {scalar(value)}")
    return "\n".join(lines) + "\n"


def _flow(value: object) -> str:
    """A value of a mapping inside the front matter: numbers as numbers, mappings in flow style."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return scalar(value)


def scalar(value: object) -> str:
    """The value as a plain YAML scalar where that reads back as the same text, else quoted."""
    text = str(value)
    plain_safe = not re.search(r": |\s#|^[-?:,\[\]{}#&*!|>'\"%@`]|^(yes|no|on|off|true|false|null|~)$", text, re.I)
    if plain_safe and text.strip() == text and not re.fullmatch(r"[\d.:+-]+", text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
