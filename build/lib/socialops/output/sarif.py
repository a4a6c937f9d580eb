"""SARIF 2.1.0 for GitHub code scanning."""

from __future__ import annotations

import hashlib
import json

from .. import __version__
from ..findings import Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _rules() -> list[dict]:
    from ..rules import registry

    described = []
    for rule_id, rule in registry.RULES.items():
        doc = (rule.__doc__ or "").strip()
        described.append({
            "id": rule_id,
            "name": rule_id,
            "shortDescription": {"text": registry.summary(rule)},
            "fullDescription": {"text": doc},
            "help": {"text": doc, "markdown": doc},
            "defaultConfiguration": {"level": _LEVEL[rule.LEVEL]},
            "properties": {"policy-section": rule.SECTION},
        })
    return described


def render(findings: list[Finding]) -> str:
    rules = _rules()
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    results = []
    for finding in findings:
        location: dict = {"artifactLocation": {"uri": finding.path}}
        if finding.line:
            location["region"] = {"startLine": finding.line}
        fingerprint = hashlib.sha256(f"{finding.rule}\0{finding.path}\0{finding.message}".encode()).hexdigest()
        result = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": _LEVEL[finding.severity],
            "message": {"text": finding.message + (f" ({finding.hint})" if finding.hint else "")},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {"socialopsFinding/v1": fingerprint},
        }
        if finding.severity == "info":
            result["suppressions"] = [{"kind": "inSource", "justification": finding.message}]
        results.append(result)
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "socialops", "version": __version__, "rules": rules}},
            "results": results,
        }],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)
