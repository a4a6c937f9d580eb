"""Plain text, one finding a line, in the `path:line: severity [rule] message` form editors link."""

from __future__ import annotations

import re

from ..findings import Finding

# Control characters, line separators and bidirectional overrides, which a writer's file can
# put into a path, message or hint: written as escapes (\n, \x1b, \u202e), so that a
# finding stays one line (after a line break, "::error::" would be a GitHub workflow
# command in the job's log) and a terminal runs no escape sequence. One character a match.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` with control and direction characters written as escapes."""
    return _UNSAFE.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), text)


def line(finding: Finding) -> str:
    where = f"{finding.path}:{finding.line}" if finding.line else finding.path
    return visible(f"{where}: {finding.severity} [{finding.rule}] {finding.message}")


def with_hint(finding: Finding) -> str:
    """The finding's line, and its hint on the next one."""
    return line(finding) + (f"\n    hint: {visible(finding.hint)}" if finding.hint else "")


def render(findings: list[Finding], counts: dict[str, int], files_checked: int) -> str:
    lines = [with_hint(finding) for finding in findings]
    checked = f"{files_checked} file{'' if files_checked == 1 else 's'} checked"
    if findings:
        files = len({finding.path for finding in findings})
        lines.append(f"{counts['error']} error(s), {counts['warning']} warning(s), "
                     f"{counts['info']} waived, in {files} of {checked}")
    else:
        lines.append(f"no findings in {checked}")
    return "\n".join(lines) + "\n"
