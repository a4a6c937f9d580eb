"""Every market with an account has a current market brief.

Policy 2.2.2 (know the markets) and 4.1.1-4.1.2 (plan content from each market's
culture, habits and interests): content/markets/<MARKET>.md, named by the market's
ISO 3166-1 code as accounts.yaml writes it, describes the audience, the culture, the
holidays and the taboo topics, each in its own `##` section. It is reviewed at least
every `intervals.market_brief_days` (policy.yaml): a brief nobody has checked for a
year no longer describes the market.

Fix: write the brief, add the missing section, or review it and update `reviewed`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..model.entities import MarketBrief
from ..model.layout import ACCOUNTS, MARKETS_DIR
from ..model.schema import countries, parse_date
from .base import Context, Example, Hit

ID = "market-brief"
SECTION = "4.1.1"
LEVEL = "warning"
OPTIONS: dict = {}
DEFAULT_DAYS = 180
SECTIONS = ("audience", "culture", "holidays", "taboo topics")
_BRIEF = """---
title: Germany
owner: alice
reviewed: 2026-02-01
---
## Audience

Audio enthusiasts, 25-44.

## Culture

Direct, factual copy.

## Holidays

Tag der Deutschen Einheit (3 Oct).

## Taboo topics

Nazi-era symbols and wordplay.
"""
EXAMPLES = [
    Example("Every market briefed", {f"{MARKETS_DIR}/DE.md": _BRIEF, f"{MARKETS_DIR}/US.md": _BRIEF,
                                     f"{MARKETS_DIR}/GB.md": _BRIEF}, True),
    Example("A brief without its holidays", {f"{MARKETS_DIR}/DE.md": _BRIEF.replace("## Holidays", "## Seasons"),
                                             f"{MARKETS_DIR}/US.md": _BRIEF, f"{MARKETS_DIR}/GB.md": _BRIEF},
            False, (6,)),
]


def check(ctx: Context) -> Iterator[Hit]:
    repo = ctx.repo
    today = ctx.now.astimezone(repo.policy.hq_timezone).date()
    days = repo.policy.interval("market_brief_days", DEFAULT_DAYS)
    for brief in repo.markets.values():
        yield from _brief(brief, today, days)
    if ACCOUNTS not in repo.unreadable:
        yield from _unbriefed(ctx)


def _brief(brief: MarketBrief, today: date, days: int) -> Iterator[Hit]:
    if brief.market not in countries():
        yield Hit(brief.path, 1, f"a market brief is named by the market's country code, not '{brief.market}'",
                  f"rename the file to {MARKETS_DIR}/<code>.md, e.g. {MARKETS_DIR}/DE.md")
    missing = [name for name in SECTIONS if not brief.sections.get(name)]
    if missing:
        yield Hit(brief.path, brief.body_line, f"the brief has no {', '.join(missing)} section",
                  "add " + ", ".join(f"'## {name.capitalize()}'" for name in missing) + " with what writers must know")
    reviewed = brief.meta.get("reviewed")
    if reviewed and (today - parse_date(reviewed)).days > days:
        yield Hit(brief.path, brief.line("reviewed"),
                  f"the brief was last reviewed on {reviewed}, more than {days} days ago",
                  "check it against the market (audience, holidays, taboo topics), then update reviewed")


def _unbriefed(ctx: Context) -> Iterator[Hit]:
    """One hit per market whose accounts (any not retired) have no brief, on its first account."""
    seen: set[str] = set()
    for account in ctx.repo.accounts.values():
        market = account.market
        if not market or market in seen or market in ctx.repo.markets or account.status == "retired":
            continue
        seen.add(market)
        yield Hit(ACCOUNTS, account.line("market"), f"market {market} has accounts but no market brief",
                  f"write {MARKETS_DIR}/{market}.md: audience, culture, holidays, taboo topics")
