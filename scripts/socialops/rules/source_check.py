"""The laws and platform limits the rules rely on have been read again recently.

Policy 7.1 (watch for changes in the law of each market) and 7.2 (study and track the
platforms' rules). `sources.yaml` registers the laws, codes, guidance and platform
policies the rules rely on: title, kind, the market (for a law) or platform (for a
platform's policy), URL, `last_checked`, and the rules that rely on it. The platform
limits ship in socialops' `data/platforms.yaml`, each number with its source and the
date it was `checked`, each source with its `last_checked`.

With `intervals.source_check_days` in policy.yaml, a source or a limit of a platform
the accounts use that was last checked longer ago is a finding. Always: a law with no
market, a platform policy with no platform, and a rule id that does not exist.

Fix: read the source again; if it changed, update the rules' options (or socialops, for
the platform limits); then update `last_checked`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from .. import platforms, suggest
from ..model.layout import SOURCES
from ..model.schema import parse_date
from .base import Context, Example, Hit

ID = "source-check"
SECTION = "7.1"
LEVEL = "warning"
OPTIONS: dict = {}
NEEDS = (SOURCES,)
_FTC = ("sources:\n  ftc-endorsement-guides:\n    title: FTC Endorsement Guides\n    kind: law\n    market: US\n"
        "    url: https://www.ecfr.gov/current/title-16/chapter-I/subchapter-B/part-255\n")
_EVERY_90 = "version: 1\nintervals: {source_check_days: 90}\n"
EXAMPLES = [
    Example("Read again last month", {"sources.yaml": _FTC + "    last_checked: 2026-02-01\n", "policy.yaml": _EVERY_90},
            True),
    Example("Not read for a year", {"sources.yaml": _FTC + "    last_checked: 2025-02-01\n", "policy.yaml": _EVERY_90},
            False, (7,)),
]
LAW_KINDS = ("law", "regulation", "code", "guidance")


def source_interval(ctx: Context) -> int | None:
    """intervals.source_check_days, or None: policy sets no interval."""
    return ctx.repo.policy.data.get("intervals", {}).get("source_check_days")


def check(ctx: Context) -> Iterator[Hit]:
    interval = source_interval(ctx)
    yield from _register(ctx, interval)
    if interval is not None:
        yield from _platform_data(ctx, interval)


def _register(ctx: Context, interval: int | None) -> Iterator[Hit]:
    lines = ctx.repo.sources_lines
    today = ctx.now.date()
    for source_id, source in ctx.repo.sources.get("sources", {}).items():
        at = ("sources", source_id)
        kind = source.get("kind")
        if kind in LAW_KINDS and "market" not in source:
            yield Hit(SOURCES, lines.line(at), f"the source '{source_id}' is a {kind} but names no market",
                      "add market: the country whose law it is, e.g. US or DE")
        if kind == "platform" and "platform" not in source:
            yield Hit(SOURCES, lines.line(at), f"the source '{source_id}' is a platform policy but names no platform",
                      "add platform: the platform whose policy it is, e.g. instagram")
        for index, rule in enumerate(source.get("rules", [])):
            if rule not in ctx.rule_ids:
                close = suggest.closest(rule, sorted(ctx.rule_ids))
                yield Hit(SOURCES, lines.line((*at, "rules", index)),
                          f"the source '{source_id}' names the rule '{rule}', which does not exist",
                          suggest.did_you_mean(close) if close else "see `socialops rules` for the rule ids")
        if interval is not None and "last_checked" in source:
            age = _age(source["last_checked"], today)
            if age > interval:
                yield Hit(SOURCES, lines.line((*at, "last_checked")),
                          f"the source '{source_id}' ({source.get('title', '')}) was last checked on "
                          f"{source['last_checked']}, {age} days ago (every {interval} days)",
                          "read it again for changes, update the rules' options that rely on it if it changed, "
                          "then set last_checked")


def _platform_data(ctx: Context, interval: int) -> Iterator[Hit]:
    """The limits and sources of the platforms the accounts in use post to."""
    data, lines = platforms.dated()
    path = platforms.data_file(ctx.repo.root)
    today = ctx.now.date()
    used = sorted({account.platform for account in ctx.repo.accounts.values()
                   if account.platform and account.status != "retired"})
    sources: set[str] = set()
    for name in used:
        stale = [(keys, limit) for keys, limit in platforms.limit_records(data["platforms"].get(name, {}))
                 if _age(limit["checked"], today) > interval]
        sources |= {limit["source"] for _, limit in platforms.limit_records(data["platforms"].get(name, {}))
                    if "source" in limit}
        if stale:
            oldest = min(limit["checked"] for _, limit in stale)
            keys = next(keys for keys, limit in stale if limit["checked"] == oldest)
            listed = ", ".join(".".join(str(key) for key in keys) for keys, _ in stale)
            yield Hit(path, lines.line(("platforms", name, *keys)),
                      f"{len(stale)} {name} limit(s) last checked over {interval} days ago (the oldest on {oldest}): "
                      f"{listed}",
                      "update socialops, or check each number against its source and update it and its checked date")
    for source_id in sorted(sources):
        source = data["sources"].get(source_id)
        if source is not None and _age(source["last_checked"], today) > interval:
            yield Hit(path, lines.line(("sources", source_id, "last_checked")),
                      f"the platform source {source_id} ({source['url']}) was last checked on "
                      f"{source['last_checked']} (every {interval} days)",
                      "update socialops, or read the source again and set its last_checked")


def _age(day: str, today: date) -> int:
    return (today - parse_date(day)).days
