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


def as_json(findings: list[Finding], files_checked: int) -> str:
    document = {"version": 1, "findings": [f.as_json() for f in findings], "counts": counts(findings),
                "files_checked": files_checked}
    return json.dumps(document, ensure_ascii=False, indent=2)


def printable(findings: list[Finding]) -> list[Finding]:
    """Findings whose text can be written as UTF-8: a file name that is not UTF-8 is shown
    with its odd bytes as \\x.. rather than ending the output with an error."""
    return [f if (f.path + f.message + f.hint).isascii()
            else replace(f, path=printable_text(f.path), message=printable_text(f.message), hint=printable_text(f.hint))
            for f in findings]


# Each format: (findings, how many files the check covered, the repository's root) -> text.
FORMATS: dict[str, Callable[[list[Finding], int, Path], str]] = {
    "text": lambda findings, files_checked, root: text.render(findings, counts(findings), files_checked),
    "json": lambda findings, files_checked, root: as_json(findings, files_checked),
    "github": lambda findings, files_checked, root: github.render(findings, counts(findings)),
    "sarif": lambda findings, files_checked, root: sarif.render(findings, sarif.line_reader(root)),  # fingerprints hash lines
}
