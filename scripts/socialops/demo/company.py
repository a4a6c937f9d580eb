"""The demo company, Lanterna Audio: its accounts, people, campaigns' dates and media sizes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
    registered: str = "2024-03-04"  # the day the director approved opening it
    verification: str = "verified"  # the platform's verification of the account


ACCOUNTS = [
    AccountTemplate("lanterna-us-x", "x", "@LanternaAudio", "Lanterna Audio", "US", ("en-US",), "America/New_York",
                    "https://x.com/LanternaAudio", "tom-baker", 30, ("08:30", "12:15", "17:45"),
                    registered="2023-05-15"),
    AccountTemplate("lanterna-us-instagram", "instagram", "lanterna.audio", "Lanterna Audio", "US", ("en-US",),
                    "America/Los_Angeles", "https://www.instagram.com/lanterna.audio", "tom-baker", 18, ("10:00", "18:30"),
                    registered="2023-05-15"),
    AccountTemplate("lanterna-gb-linkedin", "linkedin", "lanterna-audio", "Lanterna Audio UK", "GB", ("en-GB",),
                    "Europe/London", "https://www.linkedin.com/company/lanterna-audio", "tom-baker", 12, ("08:00", "12:30"),
                    registered="2023-09-01", verification="not-offered"),
    AccountTemplate("lanterna-de-instagram", "instagram", "lanterna.de", "Lanterna Audio Deutschland", "DE", ("de-DE",),
                    "Europe/Berlin", "https://www.instagram.com/lanterna.de", "anna-schmidt", 18, ("11:00", "19:00")),
    AccountTemplate("lanterna-de-facebook", "facebook", "LanternaAudioDE", "Lanterna Audio Deutschland", "DE", ("de-DE",),
                    "Europe/Berlin", "https://www.facebook.com/LanternaAudioDE", "anna-schmidt", 14, ("09:30", "17:00"),
                    registered="2024-03-04"),
    AccountTemplate("lanterna-jp-x", "x", "@LanternaJP", "Lanterna Audio Japan", "JP", ("ja-JP",), "Asia/Tokyo",
                    "https://x.com/LanternaJP", "yuki-tanaka", 28, ("07:45", "12:00", "20:00"),
                    registered="2024-07-22"),
    AccountTemplate("lanterna-br-tiktok", "tiktok", "@lanterna.br", "Lanterna Audio Brasil", "BR", ("pt-BR",),
                    "America/Sao_Paulo", "https://www.tiktok.com/@lanterna.br", "lucas-souza", 18, ("12:00", "19:30"),
                    registered="2025-02-10", verification="not-applied"),
    AccountTemplate("lanterna-ae-youtube", "youtube", "@LanternaArabia", "Lanterna Audio Arabia", "AE", ("ar-AE", "en-AE"),
                    "Asia/Dubai", "https://www.youtube.com/@LanternaArabia", "layla-haddad", 10, ("18:00", "20:30"),
                    registered="2026-09-08", verification="pending"),
    AccountTemplate("lanterna-mx-facebook", "facebook", "LanternaAudioMX", "Lanterna Audio México", "MX", ("es-MX",),
                    "America/Mexico_City", "https://www.facebook.com/LanternaAudioMX", "tom-baker", 0, ("10:00",),
                    status="retired", registered="2024-01-08"),
]

# Why and when the retired accounts were closed (policy 3.1).
RETIREMENTS = {"lanterna-mx-facebook": ("2026-06-30", "The Mexican distributor took over local social media on 1 July 2026.")}
# Accounts whose profile cannot show the shop's website yet, and why: a waiver of
# account-profile on the account, approved by the director (policy 3.3.2).
LINKS_PENDING = {"lanterna-ae-youtube": "YouTube shows a channel's links only once its verification is complete; "
                                        "applied for on 2026-09-08 and still pending."}
APPROVER = "mei-lin"  # the director who approves opening an account
MAILBOX = "social-{market}@lanterna-audio.example"  # one role mailbox per market, never a person's

# The company's courses (policy 4.3.3, 7.1): title, topics, date.
COURSES = {
    "law": ("Advertising and consumer law abroad", ("advertising-law", "consumer-rights"), "2026-06-02"),
    "ip": ("Copyright and licensing for social media", ("ip",), "2026-06-03"),
    "writing": ("Platform rules for writers", ("platform-rules",), "2026-06-03"),
    "publishing": ("Platform rules and account security", ("platform-rules", "account-security"), "2026-05-11"),
    "privacy": ("Personal data in comments and messages", ("data-protection", "consumer-rights"), "2026-08-04"),
    "crisis": ("Crisis response drill", ("crisis-response",), "2026-09-15"),
}
# handle -> name, roles, the courses taken (keys of COURSES)
PEOPLE = {
    "mei-lin": ("Lin Mei", ["director"], ("law", "ip", "crisis")),
    "tom-baker": ("Tom Baker", ["content"], ("law", "ip", "writing")),
    "anna-schmidt": ("Anna Schmidt", ["content"], ("law", "ip", "writing")),
    "yuki-tanaka": ("Yuki Tanaka", ["content"], ("law", "ip", "writing")),
    "lucas-souza": ("Lucas Souza", ["content"], ("law", "ip", "writing")),
    "layla-haddad": ("Layla Haddad", ["content", "community"], ("law", "ip", "writing", "privacy", "crisis")),
    "grace-liu": ("Grace Liu", ["publishing"], ("publishing",)),
    "omar-farouk": ("Omar Farouk", ["publishing"], ("publishing",)),
    "sofia-rossi": ("Sofia Rossi", ["community"], ("privacy", "crisis")),
    "raj-patel": ("Raj Patel", ["analytics"], ("privacy",)),
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
