"""The demo's annual plan, its third-quarter evaluation report and the market briefs.

The story: Lanterna Audio moved its social media operations into this repository in
the summer of 2026; the director approved the 2026 plan on 6 July, so the third
quarter is the first one evaluated (its report was due 30 days after 30 September).
One improvement action of that report is done, the other is open and not yet due.
"""

from __future__ import annotations

PLAN_FILES = {
    "2026": """\
---
title: Overseas social media plan 2026
owner: mei-lin
approved: {by: mei-lin, date: 2026-07-06}
goals:
  accounts:
    lanterna-us-x: {follower_growth: 6000, engagement_rate: 2.0}
    lanterna-us-instagram: {follower_growth: 9000, engagement_rate: 3.5}
    lanterna-gb-linkedin: {follower_growth: 1500, clicks: 4000}
    lanterna-de-instagram: {follower_growth: 4000, engagement_rate: 3.0}
    lanterna-de-facebook: {reply_sla_compliance: 95}
    lanterna-jp-x: {follower_growth: 5000, engagement_rate: 1.8}
    lanterna-br-tiktok: {video_views: 1200000}
    lanterna-ae-youtube: {video_views: 300000}
  markets:
    US: {reach: 4000000, conversions: 2500}
    DE: {reach: 1500000}
    JP: {reach: 2000000}
---
## Strategy

Make Lanterna the audio brand people recommend to friends in six markets: show the
products in use, answer every question fast, and launch the Halo headphone in November
with one coordinated campaign across every account.

## Markets

The US and Japan carry the reach goals; Germany and the UK build trust (repair, parts,
retail partners); Brazil and the UAE grow with short video. Each market brief says what
its audience expects and what to avoid.

## Content themes

Product, tips, community, sustainability, behind the scenes, company news and
promotion, as listed in policy.yaml. No more than a third of an account's posts are
promotion.

## Resources

One writer per market, two publishers, two community managers and one analyst; the
director approves sensitive posts. Paid promotion only inside campaign budgets.
""",
}

REPORT_FILES = {
    "2026-q3": """\
---
title: Evaluation 2026 Q3
owner: raj-patel
results:
  accounts:
    lanterna-us-x: {follower_growth: 1480, engagement_rate: 2.3}
    lanterna-us-instagram: {follower_growth: 2010, engagement_rate: 3.1}
    lanterna-gb-linkedin: {follower_growth: 420, clicks: 1130}
    lanterna-de-instagram: {follower_growth: 960, engagement_rate: 3.4}
    lanterna-de-facebook: {reply_sla_compliance: 91}
    lanterna-jp-x: {follower_growth: 1320, engagement_rate: 1.6}
    lanterna-br-tiktok: {video_views: 390000}
    lanterna-ae-youtube: {video_views: 64000}
  markets:
    US: {reach: 1150000, conversions: 540}
    DE: {reach: 410000}
    JP: {reach: 470000}
actions:
  - {action: Publish the Halo launch calendar for every market, owner: mei-lin, due: 2026-11-01, status: done, done: 2026-10-28}
  - {action: Cover weekend replies on the German Facebook page, owner: sofia-rossi, due: 2026-12-15, status: open}
---
## Summary

The first quarter run from this repository: July to September 2026, measured against
the 2026 plan. Counts are compared with a quarter of the year's targets, rates with the
targets themselves: most accounts are on track.

## Findings

- The US and German accounts are on track or ahead: Instagram engagement in Germany
  (3.4 %) is above its goal; US Instagram is slightly below (3.1 % against 3.5 %).
- Japan's engagement rate (1.6 %) is below the goal of 1.8 %: posts at 07:45 reach
  commuters but get few replies; the evening slot does better.
- Reply-SLA compliance on the German Facebook page fell to 91 % (goal 95 %): questions
  sent on Saturdays waited until Monday.
- The UAE YouTube channel is behind on views (64,000 of 300,000 for the year): the
  launch videos in November are its chance to catch up.

## Improvement actions

The actions are listed in the front matter with their owners and due dates; the site
shows which are open and which are late.
""",
}

_MARKETS = {
    "US": ("United States", "tom-baker", "2026-09-14", ["en-US"], """\
## Audience

Commuters, students and home-office workers, 18-44, who buy audio online after reading
reviews. Instagram for product looks, X for news, support and launches.

## Culture

Direct, upbeat copy; humour is welcome. Giveaways need official rules, "no purchase
necessary" and the sweepstakes wording of the campaign rules.

## Holidays

Halloween (31 October), Thanksgiving (fourth Thursday of November) and Black Friday
the day after, the December holidays; back to school in August.

## Taboo topics

Party politics and elections, guns, religion, and jokes about tragedies in the news.
Health claims about hearing need substantiation.
"""),
    "GB": ("United Kingdom", "tom-baker", "2026-09-14", ["en-GB"], """\
## Audience

Retail buyers, partners, engineers and job seekers on LinkedIn: the company page speaks
to the trade, not to consumers.

## Culture

Understated, factual British English; no superlatives without evidence (the ASA
expects claims to be substantiated).

## Holidays

Bank holidays; Boxing Day (26 December) sales; the retail year closes with Christmas.

## Taboo topics

Politics, the royal family, and comparisons with named competitors.
"""),
    "DE": ("Germany", "anna-schmidt", "2026-08-20", ["de-DE"], """\
## Audience

Quality-minded buyers, 25-54, who read specifications, ask about repair and data
protection, and expect an answer in German.

## Culture

Sachlich and precise: facts before emotion. Advertising is labelled "Werbung"; du on
Instagram, Sie in customer service unless the customer writes du.

## Holidays

Tag der Deutschen Einheit (3 October), Advent and the Christmas markets, Christmas
(24-26 December); Sunday is a quiet day.

## Taboo topics

Nazi-era symbols and wordplay (a criminal offence), the World Wars, and comparative
claims the UWG forbids.
"""),
    "JP": ("Japan", "yuki-tanaka", "2026-10-05", ["ja-JP"], """\
## Audience

Commuters and gamers, 18-39, on X; they reply little but share and bookmark often.

## Culture

Polite, modest copy (desu/masu); emoji sparingly; the brand apologises first when
something goes wrong.

## Holidays

New Year (1-3 January), Golden Week (late April to early May), Obon (mid-August);
Christmas Eve is a couples' evening, not a family one.

## Taboo topics

Politics, the imperial family, territorial disputes, and the number four in product
bundles.
"""),
    "BR": ("Brazil", "lucas-souza", "2026-10-12", ["pt-BR"], """\
## Audience

Young urban listeners, 16-29, on TikTok; music-first, price-aware, buying in
instalments.

## Culture

Warm, informal Portuguese (você), humour and trends; reply fast and in Portuguese.

## Holidays

Children's Day (12 October), Black Friday in November, Christmas and New Year; Carnival
in February or March.

## Taboo topics

Party politics, football club rivalries in brand copy, and religion.
"""),
    "AE": ("United Arab Emirates", "layla-haddad", "2026-11-02", ["ar-AE", "en-AE"], """\
## Audience

Expatriates and Emiratis, 20-44, on YouTube; Arabic and English side by side.

## Culture

Respectful, family-friendly copy and images; modest clothing in every visual.

## Holidays

UAE National Day (2 December); during Ramadan no daytime food or music promotions,
and posting moves to the evening; Eid al-Fitr and Eid al-Adha.

## Taboo topics

Religion, politics and the ruling families, alcohol, and dating.
"""),
}


def _brief(title: str, owner: str, reviewed: str, languages: list[str], body: str) -> str:
    return (f"---\ntitle: {title}\nowner: {owner}\nreviewed: {reviewed}\n"
            f"languages: [{', '.join(languages)}]\n---\n{body}")


MARKET_FILES = {market: _brief(*parts) for market, parts in _MARKETS.items()}
