"""Plain text, one finding a line, in the `path:line: severity [rule] message` form editors link."""

from __future__ import annotations

from ..findings import Finding


def line(finding: Finding) -> str:
    where = f"{finding.path}:{finding.line}" if finding.line else finding.path
    return f"{where}: {finding.severity} [{finding.rule}] {finding.message}"


def render(findings: list[Finding], counts: dict[str, int], files_checked: int) -> str:
    lines = []
    for finding in findings:
        lines.append(line(finding))
        if finding.hint:
            lines.append(f"    hint: {finding.hint}")
    checked = f"{files_checked} file{'' if files_checked == 1 else 's'} checked"
    if findings:
        files = len({finding.path for finding in findings})
        lines.append(f"{counts['error']} error(s), {counts['warning']} warning(s), "
                     f"{counts['info']} waived, in {files} of {checked}")
    else:
        lines.append(f"no findings in {checked}")
    return "\n".join(lines) + "\n"
