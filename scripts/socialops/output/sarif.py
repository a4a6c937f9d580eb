"""SARIF 2.1.0 for GitHub code scanning.

Code scanning matches a result to an open alert by `partialFingerprints`, so a
fingerprint must stay the same while the problem does: it is the rule, the path, the
text of the flagged line (not its number, which moves when lines are added above) and
the message with its numbers masked (messages count days, and grow every day).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path

from .. import __version__
from ..findings import Finding

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "socialopsFinding/v2"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_NUMBER = re.compile(r"\d+")  # "151 days", "2026-03-02": change with the clock, not with the problem

LineText = Callable[[str, int | None], str]  # (path, line) -> the text of that line, "" when unknown


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


def line_reader(root: Path) -> LineText:
    """The text of a line of a file of the repository at `root`; "" for a file that is
    not a regular file inside it (a link leaving it is not followed)."""
    root = root.resolve()
    texts: dict[str, list[str]] = {}

    def line_text(path: str, line: int | None) -> str:
        if path not in texts:
            texts[path] = _lines(root, path)
        lines = texts[path]
        return lines[line - 1].strip() if line and line <= len(lines) else ""

    return line_text


def _lines(root: Path, path: str) -> list[str]:
    file = (root / path).resolve()
    if not file.is_relative_to(root) or not file.is_file():
        return []
    try:
        return file.read_bytes().decode("utf-8", "replace").splitlines()
    except OSError:
        return []


def fingerprint(finding: Finding, line_text: LineText) -> str:
    parts = (finding.rule, finding.path, line_text(finding.path, finding.line), _NUMBER.sub("#", finding.message))
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogateescape")).hexdigest()


def render(findings: list[Finding], line_text: LineText = lambda path, line: "") -> str:
    rules = _rules()
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    results = []
    for finding in findings:
        location: dict = {"artifactLocation": {"uri": finding.path}}
        if finding.line:
            location["region"] = {"startLine": finding.line}
        result = {
            "ruleId": finding.rule,
            "ruleIndex": index[finding.rule],
            "level": _LEVEL[finding.severity],
            "message": {"text": finding.message + (f" ({finding.hint})" if finding.hint else "")},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {FINGERPRINT: fingerprint(finding, line_text)},
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
