"""GitHub Actions workflow commands, plus a full table for the job summary.

GitHub shows at most 10 error and 10 warning annotations per step, so the first ten
of each become annotations, every finding is also printed as a plain log line, and the
whole table goes to `$GITHUB_STEP_SUMMARY` when that is set.
"""

from __future__ import annotations

import os

from ..findings import Finding
from . import text

ANNOTATIONS_PER_LEVEL = 10
_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    properties = f"file={_property(finding.path)}"
    if finding.line:
        properties += f",line={finding.line}"
    properties += f",title={_property('socialops ' + finding.rule)}"
    # the writer's line breaks written out (text.visible); the one between message and hint kept
    message = text.visible(finding.message) + (f"\n{text.visible(finding.hint)}" if finding.hint else "")
    return f"::{_COMMAND[finding.severity]} {properties}::{_data(message)}"


def summary_table(findings: list[Finding], counts: dict[str, int]) -> str:
    def cell(value: str) -> str:
        return text.visible(value).replace("|", "\\|")

    rows = ["## socialops check", "",
            f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['info']} waived", ""]
    if findings:
        rows += ["| severity | rule | file | line | message | hint |", "|---|---|---|---|---|---|"]
        rows += [f"| {f.severity} | {f.rule} | `{cell(f.path)}` | {f.line or ''} | {cell(f.message)} | {cell(f.hint)} |"
                 for f in findings]
    return "\n".join(rows) + "\n"


def render(findings: list[Finding], counts: dict[str, int]) -> str:
    shown = {"error": 0, "warning": 0, "info": 0}
    lines = []
    for finding in findings:
        lines.append(text.line(finding))  # the log keeps every finding; annotations are capped
        if shown[finding.severity] < ANNOTATIONS_PER_LEVEL:
            lines.append(annotation(finding))
            shown[finding.severity] += 1
    hidden = sum(counts.values()) - sum(shown.values())
    if hidden:
        lines.append(f"::notice title=socialops::{hidden} more finding(s) than GitHub shows as annotations; "
                     "see the job summary for all of them")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(summary_table(findings, counts))
    return "\n".join(lines) + ("\n" if lines else "")
