"""The demo repository: Lanterna Audio's overseas social media operations, Oct-Dec 2026.

`generate(out)` writes the whole content repository (accounts, people, policy, ~150
posts, campaigns, an incident, media, and .github/CODEOWNERS generated from them).
Everything is derived from a seed, so the committed demo can be regenerated and
compared. With `accounts=` and `posts=` it scales up the same company for the benchmark.

The demo is written around one reference date, `DEMO_NOW`: before it posts are
published, after it they are scheduled or drafts. The demo's policy.yaml names it as
`reference_time`, so the demo's check stays green as the real calendar moves on.
"""

from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from . import copy, media

DEMO_NOW = "2026-11-26T09:00:00+08:00"
START, END = date(2026, 10, 1), date(2026, 12, 31)
DRAFTS_FROM = date(2026, 12, 18)  # the plan is not final after this day yet
SITE = "https://shop.example.com"


@dataclass(frozen=True)
class AccountTemplate:
    id: str
    platform: str
    handle: str
    name: str
    market: str
    languages: tuple[str, ...]
    timezone: str
    url: str
    writer: str
    posts: int  # posts in the demo quarter
    slots: tuple[str, ...]  # local posting times
    status: str = "active"


ACCOUNTS = [
    AccountTemplate("lanterna-us-x", "x", "@LanternaAudio", "Lanterna Audio", "US", ("en-US",), "America/New_York",
                    "https://x.com/LanternaAudio", "tom-baker", 30, ("08:30", "12:15", "17:45")),
    AccountTemplate("lanterna-us-instagram", "instagram", "lanterna.audio", "Lanterna Audio", "US", ("en-US",),
                    "America/Los_Angeles", "https://www.instagram.com/lanterna.audio", "tom-baker", 18, ("10:00", "18:30")),
    AccountTemplate("lanterna-gb-linkedin", "linkedin", "lanterna-audio", "Lanterna Audio UK", "GB", ("en-GB",),
                    "Europe/London", "https://www.linkedin.com/company/lanterna-audio", "tom-baker", 12, ("08:00", "12:30")),
    AccountTemplate("lanterna-de-instagram", "instagram", "lanterna.de", "Lanterna Audio Deutschland", "DE", ("de-DE",),
                    "Europe/Berlin", "https://www.instagram.com/lanterna.de", "anna-schmidt", 18, ("11:00", "19:00")),
    AccountTemplate("lanterna-de-facebook", "facebook", "LanternaAudioDE", "Lanterna Audio Deutschland", "DE", ("de-DE",),
                    "Europe/Berlin", "https://www.facebook.com/LanternaAudioDE", "anna-schmidt", 14, ("09:30", "17:00")),
    AccountTemplate("lanterna-jp-x", "x", "@LanternaJP", "Lanterna Audio Japan", "JP", ("ja-JP",), "Asia/Tokyo",
                    "https://x.com/LanternaJP", "yuki-tanaka", 28, ("07:45", "12:00", "20:00")),
    AccountTemplate("lanterna-br-tiktok", "tiktok", "@lanterna.br", "Lanterna Audio Brasil", "BR", ("pt-BR",),
                    "America/Sao_Paulo", "https://www.tiktok.com/@lanterna.br", "lucas-souza", 18, ("12:00", "19:30")),
    AccountTemplate("lanterna-ae-youtube", "youtube", "@LanternaArabia", "Lanterna Audio Arabia", "AE", ("ar-AE", "en-AE"),
                    "Asia/Dubai", "https://www.youtube.com/@LanternaArabia", "layla-haddad", 10, ("18:00", "20:30")),
    AccountTemplate("lanterna-mx-facebook", "facebook", "LanternaAudioMX", "Lanterna Audio México", "MX", ("es-MX",),
                    "America/Mexico_City", "https://www.facebook.com/LanternaAudioMX", "tom-baker", 0, ("10:00",),
                    status="retired"),
]

PEOPLE = {
    "mei-lin": ("Lin Mei", ["director"], "2026-09-15"),
    "tom-baker": ("Tom Baker", ["content"], "2026-06-02"),
    "anna-schmidt": ("Anna Schmidt", ["content"], "2026-06-02"),
    "yuki-tanaka": ("Yuki Tanaka", ["content"], "2026-06-03"),
    "lucas-souza": ("Lucas Souza", ["content"], "2026-06-03"),
    "layla-haddad": ("Layla Haddad", ["content", "community"], "2026-07-20"),
    "grace-liu": ("Grace Liu", ["publishing"], "2026-05-11"),
    "omar-farouk": ("Omar Farouk", ["publishing"], "2026-05-11"),
    "sofia-rossi": ("Sofia Rossi", ["community"], "2026-08-04"),
    "raj-patel": ("Raj Patel", ["analytics"], "2026-08-04"),
}
# Each market's writer is reviewed by another market's content lead and the director.
REVIEWERS = {"tom-baker": "anna-schmidt", "anna-schmidt": "tom-baker", "yuki-tanaka": "tom-baker",
             "lucas-souza": "anna-schmidt", "layla-haddad": "tom-baker"}


@dataclass(frozen=True)
class CampaignPlan:
    id: str
    accounts: tuple[str, ...]
    start: date
    end: date


CAMPAIGNS = [
    CampaignPlan("halloween-giveaway-2026", ("lanterna-us-x", "lanterna-us-instagram"), date(2026, 10, 20), date(2026, 11, 1)),
    CampaignPlan("halo-launch-2026", tuple(a.id for a in ACCOUNTS if a.status == "active"), date(2026, 11, 10),
                 date(2026, 12, 15)),
    CampaignPlan("holiday-qa-2026", ("lanterna-de-facebook", "lanterna-gb-linkedin"), date(2026, 12, 1), date(2026, 12, 19)),
]

IMAGE_SIZES = {"instagram": (1080, 1350), "x": (1600, 900), "facebook": (1200, 630), "linkedin": (1200, 627)}
VIDEO_SIZES = {"tiktok": (540, 960), "youtube": (640, 360)}
ALT = {
    "en": "Lanterna {product} on a dark background, with its name below",
    "de": "Lanterna {product} vor dunklem Hintergrund, darunter der Produktname",
    "ja": "暗い背景に置かれたLanterna {product}と製品名",
    "pt": "Lanterna {product} em fundo escuro, com o nome do produto abaixo",
    "ar": "سماعة لانتيرنا {product} على خلفية داكنة مع اسم المنتج",
}


@dataclass
class Generated:
    files: dict[str, str] = field(default_factory=dict)
    images: dict[str, tuple[str, tuple[int, int]]] = field(default_factory=dict)
    videos: dict[str, tuple[str, tuple[int, int]]] = field(default_factory=dict)


def generate(out: Path, accounts: int | None = None, posts: int | None = None, seed: int = 2026,
             with_media: bool = True) -> Generated:
    """Write the demo repository into `out` and return what was written."""
    plan = build(accounts, posts, seed)
    for relpath, text in plan.files.items():
        path = out / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    from ..github import codeowners  # generated from the settings just written, as the command does

    codeowners.write(out)
    plan.files[codeowners.CODEOWNERS] = (out / codeowners.CODEOWNERS).read_text(encoding="utf-8")
    if with_media:
        for relpath, (product, size) in plan.images.items():
            media.write_image(out / relpath, product, size)
        for relpath, (product, size) in plan.videos.items():
            media.write_video(out / relpath, product, size)
    return plan


def build(accounts: int | None = None, posts: int | None = None, seed: int = 2026) -> Generated:
    rng = random.Random(seed)
    templates = _scaled_accounts(accounts)
    counts = _post_counts(templates, posts)
    result = Generated()
    result.images["content/media/brand/avatar.png"] = ("brand", (400, 400))
    result.files["accounts.yaml"] = _accounts_yaml(templates)
    result.files["permissions.yaml"] = _permissions_yaml(templates)
    result.files["policy.yaml"] = POLICY_YAML
    for campaign_id, text in CAMPAIGN_FILES.items():
        result.files[f"content/campaigns/{campaign_id}.md"] = text
    result.files["content/incidents/2026-10-14-br-tiktok-phishing.md"] = INCIDENT
    now = datetime.fromisoformat(DEMO_NOW)
    for template in templates:
        for post in _account_posts(template, counts[template.id], now, rng, result):
            result.files[post[0]] = post[1]
    return result


def _scaled_accounts(wanted: int | None) -> list[AccountTemplate]:
    if wanted is None:
        return list(ACCOUNTS)
    active = [a for a in ACCOUNTS if a.status == "active"]
    scaled = []
    for index in range(wanted):
        base = active[index % len(active)]
        copy_no = index // len(active)
        suffix = f"-{copy_no:02d}" if copy_no else ""
        scaled.append(AccountTemplate(**{**base.__dict__, "id": base.id + suffix, "handle": base.handle + suffix.replace("-", "")}))
    return scaled


def _post_counts(templates: list[AccountTemplate], total: int | None) -> dict[str, int]:
    if total is None:
        return {t.id: t.posts for t in templates}
    share, extra = divmod(total, len(templates))
    return {t.id: share + (1 if i < extra else 0) for i, t in enumerate(templates)}


def _account_posts(template: AccountTemplate, count: int, now: datetime, rng: random.Random,
                   result: Generated) -> list[tuple[str, str]]:
    zone = ZoneInfo(template.timezone)
    language = template.languages[0]
    days = (END - START).days + 1
    used: set[tuple[date, str]] = set()  # (day, slot) taken on this account
    campaign_turns: dict[str, int] = {}
    everyday = copy.EVERYDAY.get(language, [])
    written = []
    for index in range(count):
        day = START + timedelta(days=int(index * days / count) + rng.randrange(max(days // count, 1)))
        day = min(day, END)
        slot = next((s for s in _rotated(template.slots, index) if (day, s) not in used), None)
        if slot is None:
            continue
        used.add((day, slot))
        local = datetime.combine(day, time.fromisoformat(slot), zone)
        campaign = next((c for c in CAMPAIGNS if template.id in c.accounts and c.start <= day <= c.end), None)
        text, product = _copy_for(template, language, campaign, campaign_turns, everyday, index, rng)
        written.append(_post(template, local, now, text, product, campaign, index, rng, result))
    written.extend(_special_posts(template, now, rng, result))
    return written


def _rotated(slots: tuple[str, ...], index: int) -> list[str]:
    start = index % len(slots)
    return list(slots[start:] + slots[:start])


def _copy_for(template: AccountTemplate, language: str, campaign: CampaignPlan | None, turns: dict[str, int],
              everyday: list[str], index: int, rng: random.Random) -> tuple[str, str]:
    product = rng.choice(list(copy.PRODUCTS))
    if campaign:
        lines = copy.CAMPAIGN_COPY[campaign.id].get(language, [])
        turn = turns.get(campaign.id, 0)
        if turn < len(lines):
            turns[campaign.id] = turn + 1
            product = {"halloween-giveaway-2026": "Drift", "halo-launch-2026": "Halo"}.get(campaign.id, product)
            return lines[turn], product
    return everyday[index % len(everyday)], product


def _link(template: AccountTemplate, product: str, campaign: CampaignPlan | None) -> str:
    name = campaign.id if campaign else "always-on"
    return f"{SITE}/{product.lower()}?utm_source={template.platform}&utm_medium=social&utm_campaign={name}"


def _post(template: AccountTemplate, local: datetime, now: datetime, text: str, product: str,
          campaign: CampaignPlan | None, index: int, rng: random.Random, result: Generated,
          extra: dict | None = None) -> tuple[str, str]:
    language = template.languages[0]
    lang2 = language[:2]
    body = text.format(product=product, feature=copy.PRODUCTS[product][lang2], link=_link(template, product, campaign))
    slug = _slug(template, product, campaign, index)
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
    fields.update(extra or {})
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
                           {"disclosure": "partnership", "format": "text"}))
        day = datetime(2026, 11, 18, 10, 30, tzinfo=zone)
        notice = ("Safety notice: a small batch of Aura charging cases sold in October may not charge fully. "
                  "Check your serial number and get a free replacement: {link}")
        posts.append(_post(template, day, now, notice, "Aura", None, 901, rng, result,
                           {"risk": "sensitive", "format": "text"}))
    if template.id == "lanterna-de-instagram":
        day = datetime(2026, 10, 22, 13, 0, tzinfo=zone)
        posts.append(_post(template, day, now, copy.PARTNER_COPY["de-DE"], "Aura", None, 902, rng, result,
                           {"disclosure": "ad"}))
    if template.id == "lanterna-jp-x":
        day = datetime(2026, 12, 10, 23, 30, tzinfo=zone)
        waiver = [{"rule": "cadence",
                   "reason": "The Halo live stream from the Shenzhen lab starts at 23:30 JST; announced for weeks."}]
        posts.append(_post(template, day, now, copy.WAIVED_COPY["ja-JP"], "Halo", halo, 903, rng, result,
                           {"waivers": waiver, "format": "text"}))
    if template.id == "lanterna-br-tiktok":
        day = datetime(2026, 10, 15, 12, 0, tzinfo=zone)
        posts.append(_post(template, day, now, copy.EVERYDAY["pt-BR"][2], "Drift", None, 904, rng, result,
                           {"status": "cancelled"}))
    return posts


def _front_matter(fields: dict) -> str:
    lines = []
    for key, value in fields.items():
        if isinstance(value, list):
            lines.append(f"{key}:")
            for item in value:
                first = True
                for item_key, item_value in item.items():
                    lines.append(f"{'  - ' if first else '    '}{item_key}: {_scalar(item_value)}")
                    first = False
        else:
            lines.append(f"{key}: {_scalar(value)}")
    return "\n".join(lines) + "\n"


def _scalar(value: object) -> str:
    """The value as a plain YAML scalar where that reads back as the same text, else quoted."""
    text = str(value)
    plain_safe = not re.search(r": |\s#|^[-?:,\[\]{}#&*!|>'\"%@`]|^(yes|no|on|off|true|false|null|~)$", text, re.I)
    if plain_safe and text.strip() == text and not re.fullmatch(r"[\d.:+-]+", text):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _accounts_yaml(templates: list[AccountTemplate]) -> str:
    lines = ["# Every company account (policy section 3). Ids are lower-case slugs; a post's folder",
             "# under content/posts/ is its account id. `vault` says where the credential lives,",
             "# never the credential itself.", "accounts:"]
    for t in templates:
        languages = ", ".join(t.languages)
        lines += [
            f"  {t.id}:",
            f"    platform: {t.platform}",
            f"    handle: {_scalar(t.handle)}",
            f"    name: {_scalar(t.name)}",
            f"    market: {t.market}",
            f"    languages: [{languages}]",
            f"    timezone: {t.timezone}",
            f"    url: {t.url}",
            f"    status: {t.status}",
            "    profile:",
            "      avatar: content/media/brand/avatar.png",
            f"      bio: {_scalar(_BIOS[t.languages[0][:2]])}",
            "      contact: social@lanterna-audio.example",
            f"      website: {SITE}/{t.market.lower()}",
            "    security:",
            "      two_factor: true",
            f"      vault: {_scalar('op://Social Media/' + t.id + '/password')}",
            f"      password_rotated: {'2026-09-28' if t.market in ('US', 'GB', 'MX') else '2026-10-12'}",
        ]
    return "\n".join(lines) + "\n"


_BIOS = {"en": "Sound, made carefully. Headphones and speakers from Lanterna Audio.",
         "de": "Klang mit Sorgfalt gemacht. Kopfhörer und Lautsprecher von Lanterna Audio.",
         "ja": "丁寧につくる音。Lanterna Audioのヘッドホンとスピーカー。",
         "pt": "Som feito com cuidado. Fones e caixas de som da Lanterna Audio.",
         "ar": "صوت مصنوع بعناية. سماعات ومكبرات صوت من لانتيرنا أوديو.",
         "es": "Sonido hecho con cuidado. Audífonos y bocinas de Lanterna Audio."}


def _permissions_yaml(templates: list[AccountTemplate]) -> str:
    lines = ["# People, roles and per-account grants (policy sections 2 and 3.3).",
             "# People are keyed by GitHub handle. This file is the single source of .github/CODEOWNERS.",
             "people:"]
    for handle, (name, roles, training) in PEOPLE.items():
        lines.append(f"  {handle}: {{name: {name}, roles: [{', '.join(roles)}], training: {training}}}")
    lines.append("grants:")
    for t in templates:
        if t.status == "retired":
            continue
        publishers = "grace-liu" if t.market in ("US", "GB", "BR") else "omar-farouk"
        responders = "layla-haddad" if t.market == "AE" else "sofia-rossi"
        lines += [f"  {t.id}:",
                  f"    writers: [{t.writer}]",
                  f"    reviewers: [mei-lin, {REVIEWERS[t.writer]}]",
                  f"    publishers: [{publishers}]",
                  f"    responders: [{responders}]"]
    lines += ["# Sensitive posts and waivers need one of these people's approval (policy 3.3.2).",
              "sensitive_approvers: [mei-lin]",
              "# The last periodic review of these permissions (policy 3.3.3).",
              "review: {date: 2026-10-05, by: mei-lin}"]
    return "\n".join(lines) + "\n"


def policy_yaml(hq_timezone: str, owned_domains: list[str], reference_time: str | None) -> str:
    """policy.yaml with the demo's parameters: the demo's own, and the start of a company's
    (`socialops init`: its HQ zone and domains, no reference time)."""
    clock = ("# The demo's fixed 'now': its posts are written around this moment, so the check, the\n"
             "# hooks, CI and the site agree and stay green as the calendar moves on. Delete this line\n"
             "# in your own repository: then 'now' is the real clock. (--now overrides it.)\n"
             f"reference_time: {reference_time}\n") if reference_time else ""
    domains = f"    owned_domains: [{', '.join(owned_domains)}]\n" if owned_domains else ""
    return ("# The operating policy's parameters. Rule ids and options: `socialops rules`.\n"
            "version: 1\n" + clock + f"hq_timezone: {hq_timezone}\n" + """\
reply_sla:
  important_hours: 4
  general_business_days: 2
intervals:
  permission_review_days: 90
  password_rotation_days: 90
  password_grace_days: 14
  training_valid_days: 365
  campaign_evaluation_days: 14
rules:
  cadence:
    max_per_day: 3
    min_gap_minutes: 120
    quiet_hours: {start: "23:00", end: "07:00"}
    platforms:
      x: {max_per_day: 5, min_gap_minutes: 90}
  post-missed:
    grace_minutes: 60
  links:
""" + domains + """\
    blocked_domains: [bit.ly, tinyurl.com, t.ly, ow.ly]
  text-entities:
    max: {instagram.hashtags: 5}
""")


POLICY_YAML = policy_yaml("Asia/Shanghai", ["shop.example.com"], DEMO_NOW)

CAMPAIGN_FILES = {
    "halloween-giveaway-2026": """\
---
title: Halloween speaker giveaway (US)
type: giveaway
owner: tom-baker
start: 2026-10-20T09:00
end: 2026-10-31T23:59
timezone: America/New_York
accounts: [lanterna-us-x, lanterna-us-instagram]
goals:
  entries: 4000
  new_followers: 1500
budget: {amount: 2400, currency: USD}
prizes:
  - {name: Lanterna Drift speaker, quantity: 10, value: 129, currency: USD}
eligibility: Legal residents of the 50 United States and D.C., 18 or older.
official_rules: https://shop.example.com/rules/halloween-giveaway-2026
collects_data: true
legal_review: {by: mei-lin, date: 2026-10-12}
---
## Theme

Halloween party playlists: followers share their costume idea and the song they will
play at their party; ten Drift speakers make the party louder.

## Rules

NO PURCHASE NECESSARY. A PURCHASE WILL NOT INCREASE YOUR CHANCES OF WINNING. Void
where prohibited. Open to legal residents of the 50 United States and D.C., 18 or
older. Enter by following @LanternaAudio and commenting on the giveaway post with a
costume idea; one entry per person per day. Free alternative entry by mail is
described in the official rules. Ten winners are drawn at random on November 1, 2026
and notified by direct message from the official account only. Odds depend on the
number of eligible entries.

This promotion is in no way sponsored, endorsed or administered by, or associated
with, Instagram or X. Each entrant gives a complete release of Instagram and X.

## Prizes

Ten Lanterna Drift speakers, approximate retail value USD 129 each (total USD 1,290).

## Data

We collect entrants' handles and, from winners only, a shipping address. Controller:
Lanterna Audio Inc., privacy@lanterna-audio.example. The data is used only to run the
giveaway and ship prizes and is deleted 60 days after the giveaway ends.

## Schedule

- Oct 20: launch posts on X and Instagram
- Oct 28: three-days-left reminder
- Oct 31: last call; entries close 23:59 ET
- Nov 1: draw and winner announcement

## Promotion

Organic posts on both accounts, a story sequence on Instagram, pinned post on X.

## Risks

Fake "winner" accounts contacting entrants: the announcement says we only write from
the official account. Entries from outside the US: filtered at the draw.

## Evaluation

4,870 entries (goal 4,000) and 1,930 new followers (goal 1,500). Interaction rate on
the launch post was 6.8 % against a 2.1 % account average. Two impersonation accounts
were reported and removed within a day. Lesson: announce the draw time in the first
post; many entrants asked.
""",
    "halo-launch-2026": """\
---
title: Lanterna Halo launch
type: launch
owner: mei-lin
start: 2026-11-10T00:00
end: 2026-12-15T23:59
accounts: [lanterna-us-x, lanterna-us-instagram, lanterna-gb-linkedin, lanterna-de-instagram, lanterna-de-facebook, lanterna-jp-x, lanterna-br-tiktok, lanterna-ae-youtube]
goals:
  reach: 2500000
  engagement_rate: 0.035
  site_visits: 60000
budget: {amount: 48000, currency: USD}
---
## Theme

Studio sound you can wear all day: Halo weighs 240 g and plays for 38 hours. Every
market tells the story in its own way: engineering in the UK and Japan, colour and
gifting in the US and Germany, unboxing and battery life in Brazil, in-store
experience in the UAE.

## Schedule

Launch day is November 10 in every market's morning; a second wave follows for the
holiday season from December 1.

## Promotion

Organic posts on all eight active accounts; paid promotion of the launch post on
Instagram US and DE; retail partners share the LinkedIn announcement.

## Risks

Stock shortages in DE: posts link to the store locator, not a checkout. Claims about
sound quality stay factual: weight, battery hours and the tuning process.

## Evaluation

Written after December 15.
""",
    "holiday-qa-2026": """\
---
title: Ask our acoustic engineers (holiday Q&A)
type: qa
owner: anna-schmidt
start: 2026-12-01T09:00
end: 2026-12-19T18:00
timezone: Europe/Berlin
accounts: [lanterna-de-facebook, lanterna-gb-linkedin]
goals:
  questions: 300
  comments: 800
---
## Theme

Before the holidays, our acoustic team answers questions about Halo and Aura live.

## Rules

Questions in the comments of the announcement post; we answer as many as we can live
and publish a summary afterwards. No personal data is collected.

## Schedule

- Dec 1: announcement on Facebook (DE) and LinkedIn (GB)
- Dec 10: live Q&A, 18:00 CET / 17:00 GMT
- Dec 17: summary post with the recording

## Promotion

Organic only; the community team pins the announcement.

## Risks

Support questions in public: the community team moves them to direct messages.
""",
}

INCIDENT = """\
---
title: Phishing DMs impersonating Lanterna Brasil on TikTok
kind: security
severity: medium
status: resolved
opened: 2026-10-14T09:20
resolved: 2026-10-16T18:00
accounts: [lanterna-br-tiktok]
owner: sofia-rossi
---
## Summary

Three accounts with names like "lanterna.br.oficial" sent followers direct messages
claiming they had won a Halo and asking for a "shipping fee" by Pix. Our account was
not compromised; the credential was rotated as a precaution.

## Response

- Oct 14 09:20 BRT: first reports from followers; community team confirmed the scam.
- Oct 14 11:00: warning post published; the scheduled post of Oct 15 cancelled to keep
  the warning on top.
- Oct 15: all three accounts reported to TikTok; two removed the same day.
- Oct 16 18:00: third account removed; incident closed.

## Timeline

Opened Oct 14, resolved Oct 16 (56 hours).

## Lessons

Announce every giveaway's winner process in the first post, and say we never ask for
money. Added to the giveaway checklist.
"""
