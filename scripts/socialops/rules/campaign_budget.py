"""A campaign's budget covers the paid promotion of its posts.

Policy 2.2.3: promotion spends the resources the plan set. The boosts of a campaign's
posts (`boost.budget`, leaving out cancelled posts) add up to no more than the
campaign's `budget`. Boosts in another currency than the budget's cannot be added up:
the boost rule names each one.

Fix: lower the boosts, or raise the campaign's budget with the director's approval.
"""

from __future__ import annotations

from collections.abc import Iterator

from .base import Context, Example, Hit, post_file

ID = "campaign-budget"
SECTION = "2.2.3"
LEVEL = "error"
OPTIONS: dict = {}
_CAMPAIGN = ("---\ntitle: Spring launch\ntype: launch\nowner: dana\nstart: 2026-03-01T00:00\nend: 2026-03-31T23:59\n"
             "accounts: [acme-us-x]\nbudget: {amount: 1000, currency: USD}\n---\n## Theme\n\nSpring.\n")


def _boosted(day: int, amount: int) -> dict[str, str]:
    return post_file(f"publish_at: 2026-03-{day:02d}T09:00\nstatus: scheduled\nauthor: alice\ncampaign: spring-launch\n"
                     f"boost:\n  budget: {{amount: {amount}, currency: USD}}\n  start: 2026-03-{day:02d}\n"
                     f"  end: 2026-03-{day + 6:02d}\n  audience: Adults in the US\n",
                     name=f"acme-us-x/2026/2026-03-{day:02d}-spring")


EXAMPLES = [
    Example("Two boosts within the budget", {"content/campaigns/spring-launch.md": _CAMPAIGN, **_boosted(2, 600),
                                             **_boosted(12, 400)}, True),
    Example("Two boosts over the budget", {"content/campaigns/spring-launch.md": _CAMPAIGN, **_boosted(2, 600),
                                           **_boosted(12, 500)}, False, (8,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    spent: dict[str, float] = {}
    boosted: dict[str, int] = {}
    for post in ctx.repo.posts:
        boost, campaign_id = post.meta.get("boost"), post.meta.get("campaign")
        campaign = ctx.repo.campaigns.get(campaign_id) if isinstance(campaign_id, str) else None
        if not isinstance(boost, dict) or campaign is None or post.status == "cancelled":
            continue
        budget = campaign.meta.get("budget")
        if budget and boost["budget"]["currency"] == budget["currency"]:
            spent[campaign.id] = spent.get(campaign.id, 0) + boost["budget"]["amount"]
            boosted[campaign.id] = boosted.get(campaign.id, 0) + 1
    for campaign_id, total in sorted(spent.items()):
        campaign = ctx.repo.campaigns[campaign_id]
        budget = campaign.meta["budget"]
        if total > budget["amount"]:
            count = boosted[campaign_id]
            yield Hit(campaign.path, campaign.line("budget"),
                      f"the boosts of {count} post{'' if count == 1 else 's'} add up to {total:,g} {budget['currency']}, "
                      f"over the campaign's budget of {budget['amount']:,g} {budget['currency']}",
                      "lower the boosts, or raise the budget with the director's approval")
