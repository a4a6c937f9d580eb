"""What every check produces: a finding with rule, severity, path and line."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file. `path` is repository-relative POSIX; `line` is 1-based or None."""

    path: str
    line: int | None
    rule: str
    severity: str
    message: str
    hint: str = ""

    def as_json(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "path": self.path,
            "line": self.line,
            "message": self.message,
            "hint": self.hint,
        }

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.rule, self.message)


def is_utf8(text: str) -> bool:
    """Whether a name the OS or git gave is valid UTF-8 (no byte kept as a surrogate)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable_text(text: str) -> str:
    """`text` with any bytes that were not UTF-8 (in file names the OS or git gave) written
    as \\x.., so it can be printed and written as UTF-8."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
