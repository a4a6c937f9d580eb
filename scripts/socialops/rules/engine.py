"""Runs the configured rules over the model and applies waivers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from types import ModuleType

from .. import language
from ..findings import Finding
from ..model.entities import Repository
from ..model.layout import ACCOUNTS, PERMISSIONS
from . import registry, waivers
from .base import Context, Hit

TERM_RULES = ("banned-terms", "sensitive-terms", "claims")  # the languages of their lists are read too


def run(repo: Repository, now: datetime, report_paths: Iterable[str] | None = None,
        online: bool = False, online_allow_private: bool = False, skip: frozenset[str] = frozenset()) -> list[Finding]:
    """All findings, sorted; with `report_paths`, only those on these paths. `online`
    lets rules use the network (the link check); `online_allow_private` lets them reach
    private and local addresses too. `skip`: rules not run here (a check in parts judges
    the collecting rules apart: judge)."""
    configs = registry.configure(repo.policy.data.get("rules", {}))
    report_paths = set(report_paths) if report_paths is not None else None
    reader = language.Reader(used_languages(repo, configs))
    rule_ids = frozenset(registry.RULES)
    findings: list[Finding] = []
    for rule_id, rule in registry.RULES.items():
        config = configs[rule_id]
        if rule_id in skip or not _runs(repo, rule, config):
            continue
        context = Context(repo, now, config.options, online, report_paths, online_allow_private, rule_ids, reader)
        findings += [_finding(rule_id, config, hit) for hit in rule.check(context)]
    stale_rules = frozenset(registry.RULES) - skip if skip else None
    findings = _apply_waivers(repo, findings, configs["waivers"].level, now, stale_rules)
    if report_paths is not None:
        findings = [finding for finding in findings if finding.path in report_paths]
    return sorted(set(findings), key=Finding.sort_key)


def _runs(repo: Repository, rule: ModuleType, config: registry.RuleConfig) -> bool:
    return config.level != "off" and not repo.unreadable.intersection(getattr(rule, "NEEDS", ()))


def _finding(rule_id: str, config: registry.RuleConfig, hit: Hit) -> Finding:
    return Finding(hit.path, hit.line, rule_id, "error" if hit.escalate else config.level, hit.message, hit.hint)


# -- a check in parts: the rules whose finding on a campaign needs every post (rules/base.py) --


def collecting(repo: Repository) -> frozenset[str]:
    """The enabled rules that collect from posts and judge the collections."""
    configs = registry.configure(repo.policy.data.get("rules", {}))
    return frozenset(rule_id for rule_id, rule in registry.RULES.items()
                     if hasattr(rule, "collect") and _runs(repo, rule, configs[rule_id]))


def collect(repo: Repository, now: datetime) -> dict[str, object]:
    """Each collecting rule's summary of the posts loaded here, for the process that judges."""
    configs = registry.configure(repo.policy.data.get("rules", {}))
    return {rule_id: registry.RULES[rule_id].collect(Context(repo, now, configs[rule_id].options))
            for rule_id in collecting(repo)}


def judge(repo: Repository, now: datetime, collected: dict[str, list]) -> list[Finding]:
    """The collecting rules' findings from every part's summary, waivers applied; a
    waiver of one of them that covers nothing is reported here (run skipped them)."""
    configs = registry.configure(repo.policy.data.get("rules", {}))
    findings = [_finding(rule_id, configs[rule_id], hit) for rule_id, summaries in collected.items()
                for hit in registry.RULES[rule_id].judge(Context(repo, now, configs[rule_id].options), summaries)]
    return sorted(set(_apply_waivers(repo, findings, configs["waivers"].level, now, frozenset(collected))),
                  key=Finding.sort_key)


def used_languages(repo: Repository, configs: dict[str, registry.RuleConfig] | None = None) -> frozenset[str]:
    """The languages the repository uses, which a post's copy is read among: its accounts'
    and its term lists' (language.used)."""
    configs = configs or registry.configure(repo.policy.data.get("rules", {}))
    return language.used(repo, (configs[rule_id].options["terms"] for rule_id in TERM_RULES))


def _apply_waivers(repo: Repository, findings: list[Finding], unused_level: str, now: datetime,
                   stale_rules: frozenset[str] | None = None) -> list[Finding]:
    """Each finding a waiver covers becomes info with the waiver's reason; each waiver that
    covers nothing is reported stale while its holder is not settled (waivers.holders)."""
    holders = waivers.holders(repo, now)
    by_path: dict[str, list[int]] = {}
    waived: dict[tuple[int, str], str] = {}
    for number, holder in enumerate(holders):
        by_path.setdefault(holder.path, []).append(number)
        for waiver in holder.waivers:
            if waiver["rule"] not in waivers.UNWAIVABLE:
                waived[(number, waiver["rule"])] = waiver["reason"]
    used: set[tuple[int, str]] = set()
    result = []
    for finding in findings:
        key = next(((number, finding.rule) for number in by_path.get(finding.path, [])
                    if (number, finding.rule) in waived and holders[number].covers(finding.line)), None)
        if key is None:
            result.append(finding)
            continue
        used.add(key)
        result.append(Finding(finding.path, finding.line, finding.rule, "info",
                              f"waived: {finding.message} (reason: {waived[key]})", "a director approves waivers"))
    # A waiver covers nothing also when its rule could not judge the post: the account or
    # the permissions are unreadable. Then saying "stale" would be wrong.
    if unused_level != "off" and not repo.unreadable & {ACCOUNTS, PERMISSIONS}:
        for number, holder in enumerate(holders):
            if holder.settled:
                continue  # a published post, an ended campaign...: the waiver is the record of the exception
            for index, waiver in enumerate(holder.waivers):
                key = (number, waiver["rule"])
                if key in waived and key not in used and (stale_rules is None or waiver["rule"] in stale_rules):
                    hit = waivers.unused(holder.path, holder.line(index), waiver["rule"])
                    result.append(Finding(hit.path, hit.line, waivers.ID, unused_level, hit.message, hit.hint))
    return result
