"""Where things live in a socialops repository: the one place that knows the folders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import UsageError

CONTENT_DIR = "content/"
POSTS_DIR = "content/posts"
CAMPAIGNS_DIR = "content/campaigns"
INCIDENTS_DIR = "content/incidents"
PLAYBOOKS_DIR = "content/playbooks"
PLANS_DIR = "content/plans"  # <yyyy>.md: the annual plan
REPORTS_DIR = "content/reports"  # <yyyy>-q<n>.md: a quarter's evaluation report
MARKETS_DIR = "content/markets"  # <MARKET>.md: the market brief
CODEOWNERS = ".github/CODEOWNERS"  # generated from permissions.yaml (socialops codeowners)
ACCOUNTS = "accounts.yaml"
PERMISSIONS = "permissions.yaml"
POLICY = "policy.yaml"
SOURCES = "sources.yaml"  # the legal and platform sources register (optional)
# A multi-file change's undo list while it is applied (atomic.Change); a temporary file's
# suffix, so git and the loader ignore it as they do every temporary file.
CHANGE_JOURNAL = ".socialops-change.socialops-tmp"
ROOT_MARKERS = (POLICY, ACCOUNTS)  # a folder with one of these is a socialops repository


def account_folder(relpath: str) -> str | None:
    """The account a post path belongs to by its folder, or None outside an account folder."""
    parts = relpath.split("/")
    if len(parts) >= 4 and relpath.startswith(POSTS_DIR + "/"):
        return parts[2]
    return None


def file_day(relpath: str) -> int | None:
    """The day a post's file name is dated (yyyy-mm-dd-slug.md) as a date ordinal, or None."""
    name = relpath.rpartition("/")[2]
    if len(name) < 11 or name[10] != "-":
        return None
    try:
        return date.fromisoformat(name[:10]).toordinal()
    except ValueError:
        return None


def campaign_path(campaign_id: str) -> str:
    return f"{CAMPAIGNS_DIR}/{campaign_id}.md"


def playbook_path(playbook_id: str) -> str:
    return f"{PLAYBOOKS_DIR}/{playbook_id}.md"


def find_root(start: str | None) -> Path:
    """The repository a command works on: --repo, else the folder (or one above) with its files."""
    if start:
        root = Path(start).resolve()
        if not any((root / marker).exists() for marker in ROOT_MARKERS):
            raise UsageError(f"{start} is not a socialops repository (no policy.yaml or accounts.yaml)")
        return root
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if any((folder / marker).exists() for marker in ROOT_MARKERS):
            return folder
    raise UsageError("not inside a socialops repository (no policy.yaml or accounts.yaml here or above); "
                     "use --repo DIR")
