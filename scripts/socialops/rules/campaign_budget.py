"""A campaign's budget covers the paid promotion of its posts.

Policy 2.2.3: promotion spends the resources the plan set. The boosts of a campaign's
posts (`boost.budget`, leaving out cancelled posts) add up to no more than the
campaign's `budget`. Boosts in another currency than the budget's cannot be added up:
the boost rule names each one.

The sum takes every post of the campaign, so a check in parts (a large repository on
several CPUs) adds up each part's boosts (collect) and judges the totals in one place
(judge), and a check of some files reports it when the campaign's file is among them
(then every post is loaded).

Fix: lower the boosts, or raise the campaign's budget with the director's approval.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.entities import Repository, money
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
    return judge(ctx, [collect(ctx)])


def collect(ctx: Context) -> dict[str, tuple[float, int]]:
    """The boosts of the posts loaded here, per campaign (see boost_spending)."""
    return boost_spending(ctx.repo)


def judge(ctx: Context, collected: list[dict[str, tuple[float, int]]]) -> Iterator[Hit]:
    """Each campaign whose boosts, added up over every part's posts, exceed its budget."""
    spent: dict[str, tuple[float, int]] = {}
    for part in collected:
        for campaign_id, (amount, posts) in part.items():
            total, count = spent.get(campaign_id, (0, 0))
            spent[campaign_id] = (total + amount, count + posts)
    for campaign_id, (total, count) in sorted(spent.items()):
        campaign = ctx.repo.campaigns[campaign_id]
        amount, currency = money(campaign.meta.get("budget")) or (0, "")
        if total > amount:
            yield Hit(campaign.path, campaign.line("budget"),
                      f"the boosts of {count} post{'' if count == 1 else 's'} add up to {total:,g} {currency}, "
                      f"over the campaign's budget of {amount:,g} {currency}",
                      "lower the boosts, or raise the budget with the director's approval")


def boost_spending(repo: Repository) -> dict[str, tuple[float, int]]:
    """Per campaign with a budget: the boosts of its loaded posts in the budget's currency
    (cancelled posts left out) added up, and how many posts they are."""
    spent: dict[str, tuple[float, int]] = {}
    for post in repo.posts:
        campaign_id = post.meta.get("campaign")
        campaign = repo.campaigns.get(campaign_id) if isinstance(campaign_id, str) else None
        boost = money(post.meta.get("boost", {}).get("budget"))
        budget = money(campaign.meta.get("budget")) if campaign else None
        if campaign is None or boost is None or budget is None or post.status == "cancelled" or boost[1] != budget[1]:
            continue
        total, count = spent.get(campaign.id, (0, 0))
        spent[campaign.id] = (total + boost[0], count + 1)
    return spent
