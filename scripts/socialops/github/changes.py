"""What a pull request changes, from git: the files against the base, and a file as the
base had it (settings such as who may approve are read from the base, never the PR)."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path


class GitError(Exception):
    """git could not answer (not a repository, unknown ref); the message says what to do."""


@dataclass(frozen=True)
class Change:
    status: str  # A added, M modified, D deleted, R renamed, C copied, T type changed
    path: str  # the path in the PR (for a deletion: the path that was removed)
    old_path: str | None = None  # for renames and copies


def changed_files(root: Path, base: str) -> list[Change]:
    """Files the PR changes: `git diff base...HEAD` (from the merge base, as GitHub shows a PR)."""
    output = _git(root, "diff", "--name-status", "-z", "-M", "--no-ext-diff", f"{base}...HEAD")
    fields = output.split("\0")
    changes: list[Change] = []
    index = 0
    while index < len(fields) - 1:
        status = fields[index][:1]
        if status in ("R", "C"):
            changes.append(Change(status, fields[index + 2], fields[index + 1]))
            index += 3
        else:
            changes.append(Change(status, fields[index + 1]))
            index += 2
    return changes


def file_at(root: Path, ref: str, path: str) -> str | None:
    """The text of `path` at `ref`, or None when it did not exist there."""
    try:
        return _git(root, "show", f"{ref}:{path}")
    except GitError:
        return None


def contains(root: Path, commit: str, ref: str = "HEAD") -> bool:
    """Whether `commit` is in the history of `ref`; False too when git does not know `commit`
    (a run whose checkout predates the PR's head must not decide for that head)."""
    try:
        _git(root, "merge-base", "--is-ancestor", commit, ref)
    except GitError:
        return False
    return True


def _git(root: Path, *args: str) -> str:
    try:
        result = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True,
                                text=True, encoding="utf-8", errors="replace", timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git could not run: {exc}") from None
    if result.returncode != 0:
        reason = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"exit {result.returncode}"
        raise GitError(f"git {args[0]} failed: {reason} (is the base fetched? in a workflow use "
                       "actions/checkout with fetch-depth: 0)")
    return result.stdout
