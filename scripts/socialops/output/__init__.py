"""Output formats of `socialops check`: text, json, github, sarif."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..findings import SEVERITIES, Finding, printable_text
from . import github, sarif, text


def counts(findings: list[Finding]) -> dict[str, int]:
    tally = Counter(finding.severity for finding in findings)
    return {severity: tally.get(severity, 0) for severity in SEVERITIES}


def as_json(findings: list[Finding]) -> str:
    document = {"version": 1, "findings": [f.as_json() for f in findings], "counts": counts(findings)}
    return json.dumps(document, ensure_ascii=False, indent=2)


def printable(findings: list[Finding]) -> list[Finding]:
    """Findings whose text can be written as UTF-8: a file name that is not UTF-8 is shown
    with its odd bytes as \\x.. rather than ending the output with an error."""
    return [f if (f.path + f.message + f.hint).isascii()
            else replace(f, path=printable_text(f.path), message=printable_text(f.message), hint=printable_text(f.hint))
            for f in findings]


# Each format: (findings, the repository's root) -> the text to print.
FORMATS: dict[str, Callable[[list[Finding], Path], str]] = {
    "text": lambda findings, root: text.render(findings, counts(findings)),
    "json": lambda findings, root: as_json(findings),
    "github": lambda findings, root: github.render(findings, counts(findings)),
    "sarif": lambda findings, root: sarif.render(findings, sarif.line_reader(root)),  # fingerprints hash lines
}
