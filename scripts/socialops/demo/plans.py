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

Follower growth: 1,930 new followers on the two accounts (goal 1,500), from 4,870 entries;
engagements beat their goal of 60,000 (see the campaign's results). Interaction rate on
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
timezone: America/Sao_Paulo
accounts: [lanterna-br-tiktok]
owner: sofia-rossi
detected: 2026-10-14T09:20
acknowledged: 2026-10-14T09:35
escalated_to: mei-lin
escalated: 2026-10-14T09:50
platform_reports:
  - {reported: 2026-10-15T10:05, ticket: TT-BR-55820417, outcome: account removed on Oct 15}
  - {reported: 2026-10-15T10:12, ticket: TT-BR-55820533, outcome: account removed on Oct 15}
  - {reported: 2026-10-15T10:20, ticket: TT-BR-55820601, outcome: account removed on Oct 16}
statement: lanterna-br-tiktok/2026-10-14-phishing-warning-906
---
## Summary

Three accounts with names like "lanterna.br.oficial" sent followers direct messages
claiming they had won a Halo and asking for a "shipping fee" by Pix. Our account was
not compromised; the credential was rotated as a precaution.

## Response

- Oct 14 09:20 BRT: first reports from followers; community team confirmed the scam.
- Oct 14 09:50: escalated to the director (HQ), as the security playbook says.
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

# The response playbook of each incident kind (content/playbooks/<kind>.md).
PLAYBOOKS = {
    "security": """\
---
title: Security incidents (stolen account, impersonation, phishing in our name)
owner: mei-lin
reviewed: 2026-09-30
---
## Steps

1. Whoever sees it first opens an incident (content/incidents/<date>-<slug>.md) with
   `detected` and tells the community team. The community team takes charge and sets
   `acknowledged`.
2. If our account is affected: change its password from the vault entry, sign out every
   session, check the recovery e-mail and phone, and set the account's status in
   accounts.yaml to `compromised`. Nothing is posted to it meanwhile.
3. Escalate to the director as policy.yaml's incident_response asks, and record
   `escalated_to` and `escalated`.
4. Report every impersonating account to the platform; write each report's ticket in
   `platform_reports`.
5. Warn followers with a post (template below) and name it in `statement`.
6. Close the incident once the platform has acted; write the lessons, and carry them
   into this playbook.

## Contacts

- Director: Lin Mei (@mei-lin), phone in the team's on-call sheet.
- Community: Sofia Rossi (@sofia-rossi); the Arabic-speaking markets: Layla Haddad (@layla-haddad).
- Platforms: each platform's impersonation report form, from the logged-in account.
- Legal: legal@lanterna-audio.example, for anything involving followers' money or data.

## Templates

> Warning: accounts pretending to be us are sending messages about prizes. We never ask
> for money, card details or passwords, and we only write from this account. Please
> report and block them.

> Update: the accounts pretending to be us have been removed. Thank you for reporting them.
""",
    "public-opinion": """\
---
title: Public-opinion incidents (complaints, criticism, a post gone wrong)
owner: mei-lin
reviewed: 2026-09-30
---
## Steps

1. Open an incident with `detected`; the community team takes charge (`acknowledged`)
   and pauses scheduled posts on the accounts concerned if they could read as tone-deaf.
2. Collect the facts: what was said, where, how often (the mentions log), and what is true.
3. Escalate to the director within the limit for the severity; a high or critical one
   also goes to legal.
4. Answer publicly once, with facts and a way to reach us; move individual cases to
   direct messages. Name the statement post in `statement`.
5. Watch the mentions until they are back to normal (status `monitoring`), then resolve
   the incident with its lessons.

## Contacts

- Director: Lin Mei (@mei-lin).
- Community: Sofia Rossi (@sofia-rossi), Layla Haddad (@layla-haddad).
- Analytics (mention volume): Raj Patel (@raj-patel).
- Legal: legal@lanterna-audio.example.

## Templates

> We hear you. Here is what happened, and what we are doing about it: ... If this
> affects you, write to us in a direct message and we will sort it out personally.
""",
    "platform": """\
---
title: Platform incidents (a suspended account, removed content, a restricted feature)
owner: mei-lin
reviewed: 2026-09-30
---
## Steps

1. Open an incident with `detected`; set the account's status in accounts.yaml to
   `suspended` when the platform has suspended it. Nothing is posted to it meanwhile.
2. Read the platform's notice and the rule it cites; save it to the shared drive.
3. Escalate to the director within the limit for the severity.
4. Appeal through the platform's form within its deadline; record `appeal` (filed,
   ticket, outcome) and update the outcome when the platform decides.
5. If the appeal fails, decide with the director whether to change the content or the
   account's use; resolve the incident with its lessons.

## Contacts

- Director: Lin Mei (@mei-lin).
- Publishing: Grace Liu (@grace-liu), Omar Farouk (@omar-farouk), who hold the ad accounts.
- Platforms: each platform's business support, from the ad account.

## Templates

> Our account here is temporarily unavailable. You can reach us at
> https://shop.example.com/contact while we sort it out.
""",
    "other": """\
---
title: Other incidents (a tool down, a post sent too early, a wrong price)
owner: mei-lin
reviewed: 2026-09-30
---
## Steps

1. Open an incident with `detected`; whoever owns the area takes charge (`acknowledged`).
2. Stop the harm first: delete or correct the post, pause the scheduler.
3. Escalate to the director within the limit for the severity.
4. Correct in public where followers saw the mistake; name the post in `statement`.
5. Resolve the incident with its lessons.

## Contacts

- Director: Lin Mei (@mei-lin).
- Publishing: Grace Liu (@grace-liu), Omar Farouk (@omar-farouk).

## Templates

> Correction: our earlier post had a mistake. The right information is: ...
""",
}
