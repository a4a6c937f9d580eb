"""A boosted post's promotion is paid from a campaign, in its currency, on dates that make sense.

Policy 2.2.3: the publishing and promotion team runs paid promotion within the plan's
resources. A post's `boost` names its budget, first and last day and audience. The
post belongs to a campaign (`campaign:`) whose `budget` pays for it, in the same
currency; the promotion ends on or after its start, and does not start before the post
is published (campaign-budget adds the boosts up against the budget).

Fix: add `campaign:` and the campaign's budget, give the boost the budget's currency
(converted), or correct the dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..model.entities import Post, money
from ..model.schema import parse_date
from .base import Context, Example, Hit, post_file

ID = "boost"
SECTION = "2.2.3"
LEVEL = "error"
OPTIONS: dict = {}
_CAMPAIGN = ("---\ntitle: Spring launch\ntype: launch\nowner: dana\nstart: 2026-03-01T00:00\nend: 2026-03-31T23:59\n"
             "accounts: [acme-us-x]\nbudget: {amount: 5000, currency: USD}\n---\n## Theme\n\nSpring.\n")
_POST = ("publish_at: 2026-03-02T09:00\nstatus: scheduled\nauthor: alice\ncampaign: spring-launch\nboost:\n"
         "  budget: {{amount: 800, currency: {currency}}}\n  start: 2026-03-02\n  end: 2026-03-09\n"
         "  audience: Adults 25-45 in the US who follow audio brands\n")
EXAMPLES = [
    Example("Paid from the campaign, in its currency",
            {**post_file(_POST.format(currency="USD")), "content/campaigns/spring-launch.md": _CAMPAIGN}, True),
    Example("Boost in euros, budget in dollars",
            {**post_file(_POST.format(currency="EUR")), "content/campaigns/spring-launch.md": _CAMPAIGN}, False, (7,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    for post in ctx.repo.posts:
        boost = post.meta.get("boost")
        if not isinstance(boost, dict) or not ctx.reported(post.path):
            continue
        yield from _dates(post, boost)
        yield from _paid_by(ctx, post, boost)


def _dates(post: Post, boost: dict) -> Iterator[Hit]:
    start, end = _day(boost.get("start")), _day(boost.get("end"))
    if start and end and end < start:
        yield Hit(post.path, post.line("boost", "end"), f"the boost ends on {end}, before it starts on {start}",
                  "correct boost.start or boost.end")
    published = post.local_time.date() if post.local_time else None
    if start and published and start < published:
        yield Hit(post.path, post.line("boost", "start"),
                  f"the boost starts on {start}, before the post is published on {published}",
                  "start the promotion on or after the publishing day")


def _paid_by(ctx: Context, post: Post, boost: dict) -> Iterator[Hit]:
    campaign_id = post.meta.get("campaign")
    spend = money(boost.get("budget"))
    if campaign_id is None:
        if (post.path, "campaign") not in ctx.repo.invalid:
            yield Hit(post.path, post.line("boost"), "the post is boosted but belongs to no campaign: no budget pays for it",
                      "add campaign: <id> of the campaign whose budget pays for the promotion")
        return
    campaign = ctx.repo.campaigns.get(campaign_id)
    if campaign is None:
        return  # the references rule reports the unknown campaign
    if "budget" not in campaign.meta:
        if (campaign.path, "budget") not in ctx.repo.invalid:
            yield Hit(post.path, post.line("boost"), f"the post is boosted but campaign {campaign_id} has no budget",
                      f"add budget: {{amount: ..., currency: ...}} to {campaign.path}")
        return
    budget = money(campaign.meta["budget"])
    if spend and budget and spend[1] != budget[1]:
        yield Hit(post.path, post.line("boost", "budget", "currency"),
                  f"the boost is in {spend[1]} but campaign {campaign_id}'s budget is in {budget[1]}",
                  f"give the boost's budget in {budget[1]}, converted at the rate the invoice uses")


def _day(value: object) -> date | None:
    return parse_date(value) if isinstance(value, str) else None
