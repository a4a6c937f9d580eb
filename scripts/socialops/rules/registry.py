"""The explicit list of rules, and their configuration from policy.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from ..findings import Finding
from ..model import schema as model_schema
from ..model.entities import Policy
from . import (
    account_profile,
    account_registration,
    account_security,
    account_status,
    banned_terms,
    boost,
    boost_disclosure,
    cadence,
    cadence_gap,
    campaign_budget,
    campaign_evaluation,
    campaign_goals,
    campaign_promotion,
    claims,
    codeowners,
    compromised_account,
    disclosure,
    evaluation_report,
    improvement_actions,
    incident_lessons,
    incident_playbook,
    incident_response,
    incident_timing,
    language_mismatch,
    legal_review,
    link_reachable,
    links,
    market_brief,
    media_alt,
    media_count,
    media_file,
    media_source,
    media_spec,
    metric_files,
    metric_references,
    opinion_spike,
    permission_review,
    plan_goals,
    post_location,
    post_missed,
    post_theme,
    published_url,
    references,
    reply_sla,
    reviewer_separation,
    roles,
    schema,
    secrets,
    sensitive_terms,
    source_check,
    syntax,
    text_entities,
    text_length,
    training,
    waivers,
)

RULES: dict[str, ModuleType] = {
    rule.ID: rule
    for rule in (
        syntax,
        schema,
        references,
        post_location,
        media_file,
        media_spec,
        media_count,
        media_alt,
        media_source,
        account_status,
        post_missed,
        published_url,
        cadence,
        cadence_gap,
        post_theme,
        text_length,
        text_entities,
        disclosure,
        language_mismatch,
        banned_terms,
        sensitive_terms,
        claims,
        legal_review,
        campaign_promotion,
        campaign_evaluation,
        campaign_goals,
        plan_goals,
        evaluation_report,
        improvement_actions,
        market_brief,
        boost,
        boost_disclosure,
        campaign_budget,
        links,
        link_reachable,
        metric_files,
        metric_references,
        account_profile,
        account_registration,
        account_security,
        secrets,
        compromised_account,
        incident_response,
        incident_timing,
        incident_playbook,
        incident_lessons,
        permission_review,
        training,
        source_check,
        reviewer_separation,
        roles,
        codeowners,
        reply_sla,
        opinion_spike,
        waivers,
    )
}
LEVELS = ("off", "warning", "error")


@dataclass(frozen=True)
class RuleConfig:
    level: str
    options: dict[str, Any]


def summary(rule: ModuleType) -> str:
    return (rule.__doc__ or "").strip().split("\n", 1)[0]


def policy_rules_schema() -> dict:
    """The JSON Schema of policy.yaml's `rules:` -- every id, its levels and options."""
    properties = {}
    for rule_id, rule in RULES.items():
        levels = ["warning", "error"] if getattr(rule, "REQUIRED", False) else list(LEVELS)
        options = {name: {k: v for k, v in spec.items()} for name, spec in rule.OPTIONS.items()}
        properties[rule_id] = {
            "description": summary(rule),
            "anyOf": [
                {"enum": levels},
                {"type": "object", "additionalProperties": False,
                 "properties": {"level": {"enum": levels}, **options}},
            ],
        }
    return {"type": "object", "additionalProperties": False, "properties": properties,
            "x-hint": "see `socialops rules` for the rule ids"}


def policy_schema() -> dict:
    """policy.yaml's whole schema, as `socialops schema` exports it for editors: the
    shipped document with `rules:` spelled out rule by rule."""
    document = model_schema.schema("policy")
    return {**document, "properties": {**document["properties"], "rules": policy_rules_schema()}}


@cache
def _settings_validator() -> model_schema.Validator:
    return model_schema.Validator(policy_rules_schema())


def settings_problems(policy: Policy) -> list[Finding]:
    """Configuration errors in policy.yaml's `rules:`: unknown ids, levels and options.
    While there is one, no rule runs (the check stops with exit status 2)."""
    settings = policy.data.get("rules", {})
    return [Finding(policy.path, policy.lines.line(("rules", *error.path)), "schema", "error",
                    error.message, error.hint)
            for error in _settings_validator().errors(settings)]


def neighbour_days(policy: Policy) -> int:
    """How many days around a post the rules look at its account's other posts: what a
    check of a few posts loads. Call it only with valid settings (settings_problems)."""
    configs = configure(policy.data.get("rules", {}))
    return max((rule.neighbour_days(configs[rule_id].options) for rule_id, rule in RULES.items()
                if hasattr(rule, "neighbour_days") and configs[rule_id].level != "off"), default=0)


def configure(policy_rules: dict) -> dict[str, RuleConfig]:
    """Each rule's level and options: its defaults, overridden by policy.yaml (already validated)."""
    configs = {}
    for rule_id, rule in RULES.items():
        setting = policy_rules.get(rule_id, {})
        if isinstance(setting, str):
            setting = {"level": setting}
        options = {name: spec.get("default") for name, spec in rule.OPTIONS.items()}
        options.update({k: v for k, v in setting.items() if k != "level"})
        configs[rule_id] = RuleConfig(setting.get("level", rule.LEVEL), options)
    return configs
