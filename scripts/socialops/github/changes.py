"""What a pull request changes, read from git as data: the files against the base, a file
as some commit has it, and fetching a pull request's head and the protected branches
from the remote without ever checking them out (settings such as who may approve are
read from the protected branch, never the PR).

Paths are git's bytes decoded as UTF-8 with `surrogateescape`: a name that is not UTF-8
keeps its own bytes (as surrogates), so two different names never become one string.
`findings.is_utf8` tells such a name apart, and `findings.printable_text` shows it with its
bytes as \\x...
"""

from __future__ import annotations

import base64
import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from ..findings import printable_text

LINK_MODE = "120000"  # a symbolic link
SUBMODULE_MODE = "160000"  # a gitlink (submodule)


class GitError(Exception):
    """git could not answer (not a repository, unknown ref); the message says what to do."""


STATUSES = "AMDRT"  # what `git diff -M` reports between two commits (no -C: never C)


@dataclass(frozen=True)
class Change:
    status: str  # A added, M modified, D deleted, R renamed, T type changed
    path: str  # the path in the PR (for a deletion: the path that was removed)
    old_path: str | None = None  # for renames
    old_mode: str = ""  # git's file modes: 100644 file, 100755 executable, 120000 link, 160000 submodule,
    new_mode: str = ""  # 000000 absent

    @property
    def links(self) -> bool:
        """Whether either side is a symbolic link or a submodule, not a file."""
        return bool({self.old_mode, self.new_mode} & {LINK_MODE, SUBMODULE_MODE})


@dataclass(frozen=True)
class TreeEntry:
    mode: str
    kind: str  # blob, tree, commit
    sha: str
    size: int | None  # None for submodules
    path: str


def changed_files(root: Path, base: str, head: str = "HEAD") -> list[Change]:
    """Files `head` changes: `git diff base...head` (from the merge base, as GitHub shows a
    PR), renames paired, with each side's file mode."""
    output = _git(root, "diff", "--raw", "-z", "-M", "--no-ext-diff", "--no-textconv", "--no-abbrev",
                  f"{base}...{head}")
    fields = output.split("\0")
    changes: list[Change] = []
    index = 0
    while index < len(fields) - 1:
        # ":<old mode> <new mode> <old sha> <new sha> <status>[score]" then one path, or two
        meta = fields[index].lstrip(":").split(" ")
        if len(meta) < 5:
            raise GitError(f"git diff answered something unexpected: {fields[index]!r}")
        old_mode, new_mode, status = meta[0], meta[1], meta[4][:1]
        if status not in STATUSES:
            raise GitError(f"git diff answered an unexpected status {meta[4]!r} for {printable_text(fields[index + 1])}")
        if status == "R":
            changes.append(Change(status, fields[index + 2], fields[index + 1], old_mode, new_mode))
            index += 3
        else:
            changes.append(Change(status, fields[index + 1], None, old_mode, new_mode))
            index += 2
    return changes


def file_at(root: Path, ref: str, path: str) -> bytes | None:
    """The bytes of `path` at `ref`, exactly as stored (no filters), or None when it did not exist there."""
    try:
        return _run(root, ["cat-file", "blob", f"{ref}:{path}"])
    except GitError:
        return None


def resolve(root: Path, ref: str) -> str | None:
    """The commit `ref` names, or None when git does not know it."""
    try:
        return _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}").strip()
    except GitError:
        return None


def merge_base(root: Path, one: str, other: str) -> str:
    """The best common ancestor of two commits; GitError when they share no history."""
    try:
        return _git(root, "merge-base", one, other).strip()
    except GitError:
        raise GitError(f"{one[:12]} and {other[:12]} share no history (no merge base)") from None


def check_ref_format(root: Path, ref: str) -> None:
    """GitError unless `ref` (refs/heads/NAME) is a name git accepts for a ref."""
    _git(root, "check-ref-format", ref)


def is_shallow(root: Path) -> bool:
    return _git(root, "rev-parse", "--is-shallow-repository").strip() == "true"


def tree(root: Path, commit: str, folder: str) -> list[TreeEntry]:
    """Every file (blob or submodule) under `folder` at `commit`, with its mode and size."""
    output = _git(root, "ls-tree", "-r", "-z", "-l", "--full-tree", commit, "--", folder)
    entries: list[TreeEntry] = []
    for record in filter(None, output.split("\0")):
        meta, _, path = record.partition("\t")
        mode, kind, sha, size = meta.split()
        entries.append(TreeEntry(mode, kind, sha, int(size) if size.isdigit() else None, path))
    return entries


def blobs(root: Path, shas: list[str]) -> dict[str, bytes]:
    """The contents of blobs, read in one `git cat-file --batch` (raw: no filters run)."""
    if not shas:
        return {}
    wanted = list(dict.fromkeys(shas))
    try:
        result = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input="\n".join(wanted).encode() + b"\n",
                                capture_output=True, timeout=300, env=_environment())
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git could not run: {exc}") from None
    if result.returncode != 0:
        raise GitError(f"git cat-file failed: {result.stderr.decode(errors='replace').strip()}")
    found: dict[str, bytes] = {}
    data, at = result.stdout, 0
    for sha in wanted:
        end = data.index(b"\n", at)
        header = data[at:end].decode("ascii", errors="replace").split()
        if len(header) != 3 or header[0] != sha:
            raise GitError(f"git cat-file could not read {sha[:12]}: {' '.join(header)}")
        size = int(header[2])
        found[sha] = data[end + 1:end + 1 + size]
        at = end + 1 + size + 1  # the content is followed by a newline
    return found


def fetch(root: Path, remote: str, refspecs: list[str], token: str | None = None,
          server: str = "https://github.com") -> None:
    """Fetch refs as data (objects and refs only: nothing is checked out, no hook or filter of
    the fetched content runs). The token goes to git in the environment, as an HTTP header for
    `server` only, never on a command line; redirects are not followed."""
    url = _git(root, "remote", "get-url", "--", remote).strip()
    environment = _environment(_auth(url, token, server))
    _git(root, "-c", "http.followRedirects=false", "fetch", "--quiet", "--no-tags", "--no-recurse-submodules",
         "--no-write-fetch-head", "--", remote, *refspecs, environment=environment)


def _auth(url: str, token: str | None, server: str) -> dict[str, str]:
    """git configuration in the environment that sends the token to `server` only."""
    prefix = server.rstrip("/") + "/"
    if not token or not url.startswith(prefix):
        return {}
    basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
    count = int(os.environ.get("GIT_CONFIG_COUNT", "0") or 0)
    return {"GIT_CONFIG_COUNT": str(count + 1), f"GIT_CONFIG_KEY_{count}": f"http.{prefix}.extraheader",
            f"GIT_CONFIG_VALUE_{count}": f"AUTHORIZATION: basic {basic}"}


def _environment(extra: dict[str, str] | None = None) -> dict[str, str]:
    # never ask for a password: a fetch that needs one fails instead of waiting for a terminal
    return {**os.environ, "GIT_TERMINAL_PROMPT": "0", **(extra or {})}


def _git(root: Path, *args: str, environment: dict[str, str] | None = None) -> str:
    """git's output as text; bytes that are not UTF-8 (in file names) kept as surrogates."""
    return _run(root, list(args), environment).decode("utf-8", "surrogateescape")


def _run(root: Path, args: list[str], environment: dict[str, str] | None = None) -> bytes:
    try:
        result = subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True,
                                timeout=300, env=environment or _environment())
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git could not run: {exc}") from None
    if result.returncode != 0:
        stderr = result.stderr.decode("utf-8", errors="replace").strip()
        reason = stderr.splitlines()[-1] if stderr else f"exit {result.returncode}"
        command = next((arg for arg in args if not arg.startswith("-") and "=" not in arg), "")
        raise GitError(f"git {command} failed: {reason} (is the base fetched? in a workflow use "
                       "actions/checkout with fetch-depth: 0)")
    return result.stdout
