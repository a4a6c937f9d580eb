"""Runs the configured rules over the model and applies waivers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from .. import language
from ..findings import Finding
from ..model.entities import Repository
from ..model.layout import ACCOUNTS, PERMISSIONS
from . import registry, waivers
from .base import Context

TERM_RULES = ("banned-terms", "sensitive-terms", "claims")  # the languages of their lists are read too


def run(repo: Repository, now: datetime, report_paths: Iterable[str] | None = None,
        online: bool = False, online_allow_private: bool = False) -> list[Finding]:
    """All findings, sorted; with `report_paths`, only those on these paths. `online`
    lets rules use the network (the link check); `online_allow_private` lets them reach
    private and local addresses too."""
    configs = registry.configure(repo.policy.data.get("rules", {}))
    report_paths = set(report_paths) if report_paths is not None else None
    reader = language.Reader(used_languages(repo, configs))
    rule_ids = frozenset(registry.RULES)
    findings: list[Finding] = []
    for rule_id, rule in registry.RULES.items():
        config = configs[rule_id]
        if config.level == "off" or repo.unreadable.intersection(getattr(rule, "NEEDS", ())):
            continue
        context = Context(repo, now, config.options, online, report_paths, online_allow_private, rule_ids, reader)
        for hit in rule.check(context):
            severity = "error" if hit.escalate else config.level
            findings.append(Finding(hit.path, hit.line, rule_id, severity, hit.message, hit.hint))
    findings = _apply_waivers(repo, findings, configs["waivers"].level, now)
    if report_paths is not None:
        findings = [finding for finding in findings if finding.path in report_paths]
    return sorted(set(findings), key=Finding.sort_key)


def used_languages(repo: Repository, configs: dict[str, registry.RuleConfig] | None = None) -> frozenset[str]:
    """The languages the repository uses, which a post's copy is read among: its accounts'
    and its term lists' (language.used)."""
    configs = configs or registry.configure(repo.policy.data.get("rules", {}))
    return language.used(repo, (configs[rule_id].options["terms"] for rule_id in TERM_RULES))


def _apply_waivers(repo: Repository, findings: list[Finding], unused_level: str, now: datetime) -> list[Finding]:
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
                if key in waived and key not in used:
                    hit = waivers.unused(holder.path, holder.line(index), waiver["rule"])
                    result.append(Finding(hit.path, hit.line, waivers.ID, unused_level, hit.message, hit.hint))
    return result
