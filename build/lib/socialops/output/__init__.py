"""Output formats of `socialops check`: text, json, github, sarif."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable

from ..findings import SEVERITIES, Finding
from . import github, sarif, text


def counts(findings: list[Finding]) -> dict[str, int]:
    tally = Counter(finding.severity for finding in findings)
    return {severity: tally.get(severity, 0) for severity in SEVERITIES}


def as_json(findings: list[Finding]) -> str:
    document = {"version": 1, "findings": [f.as_json() for f in findings], "counts": counts(findings)}
    return json.dumps(document, ensure_ascii=False, indent=2)


FORMATS: dict[str, Callable[[list[Finding]], str]] = {
    "text": lambda findings: text.render(findings, counts(findings)),
    "json": as_json,
    "github": lambda findings: github.render(findings, counts(findings)),
    "sarif": sarif.render,
}
