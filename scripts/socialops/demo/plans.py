"""The demo's campaign plans and incident report, as their Markdown files."""

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
  follower_growth: 1500
  engagements: 60000
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

4,870 entries and 1,930 new followers on the two accounts (goal 1,500); engagements
beat their goal of 60,000 (see the campaign's results). Interaction rate on
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
  engagement_rate: 3.5
  clicks: 60000
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
  engagements: 800
  reply_sla_compliance: 95
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
