"""Runs the configured rules over the model and applies waivers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from ..findings import Finding
from ..model.entities import Repository
from . import registry, waivers
from .base import Context


def run(repo: Repository, now: datetime, report_paths: Iterable[str] | None = None,
        online: bool = False, online_allow_private: bool = False) -> list[Finding]:
    """All findings, sorted; with `report_paths`, only those on these paths. `online`
    lets rules use the network (the link check); `online_allow_private` lets them reach
    private and local addresses too."""
    configs = registry.configure(repo.policy.data.get("rules", {}))
    wanted = set(report_paths) if report_paths is not None else None
    findings: list[Finding] = []
    for rule_id, rule in registry.RULES.items():
        config = configs[rule_id]
        if config.level == "off":
            continue
        for hit in rule.check(Context(repo, now, config.options, online, wanted, online_allow_private)):
            severity = "error" if hit.escalate else config.level
            findings.append(Finding(hit.path, hit.line, rule_id, severity, hit.message, hit.hint))
    findings = _apply_waivers(repo, findings, configs["waivers"].level)
    if wanted is not None:
        findings = [finding for finding in findings if finding.path in wanted]
    return sorted(set(findings), key=Finding.sort_key)


def _apply_waivers(repo: Repository, findings: list[Finding], unused_level: str) -> list[Finding]:
    waived: dict[tuple[str, str], str] = {}
    for post in repo.posts:
        for waiver in post.meta.get("waivers", []):
            if waiver["rule"] not in waivers.UNWAIVABLE:
                waived[(post.path, waiver["rule"])] = waiver["reason"]
    used: set[tuple[str, str]] = set()
    result = []
    for finding in findings:
        reason = waived.get((finding.path, finding.rule))
        if reason is None:
            result.append(finding)
            continue
        used.add((finding.path, finding.rule))
        result.append(Finding(finding.path, finding.line, finding.rule, "info",
                              f"waived: {finding.message} (reason: {reason})", "a director approves waivers"))
    if unused_level != "off":
        for post in repo.posts:
            if post.status == "published":
                continue  # once live, a waiver is the record of the exception, whatever rules say now
            for index, waiver in enumerate(post.meta.get("waivers", [])):
                key = (post.path, waiver["rule"])
                if key in waived and key not in used:
                    hit = waivers.unused(post.path, post.line("waivers", index, "rule"), waiver["rule"])
                    result.append(Finding(hit.path, hit.line, waivers.ID, unused_level, hit.message, hit.hint))
    return result
