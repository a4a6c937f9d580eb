"""The one list of paths that decide what passes: the settings, and the tooling that
enforces them. CODEOWNERS gives them to the sensitive approvers and the review gate asks
a director to approve any change to them. A pull request's checks run the workflows,
scripts and configuration as that pull request changed them, so without this a pull
request could loosen its own gate."""

from __future__ import annotations

SETTINGS = ("accounts.yaml", "permissions.yaml", "policy.yaml", ".github/")
TOOLING = ("scripts/", "Makefile", "pyproject.toml", "requirements.lock", ".pre-commit-config.yaml",
           ".pre-commit-hooks.yaml", ".ci/", "site/", "mkdocs.yml")
PROTECTED = SETTINGS + TOOLING  # a name ending in / is a folder


def is_protected(path: str) -> bool:
    """Whether a repository-relative POSIX path is a setting or tooling file."""
    return any(path.startswith(entry) if entry.endswith("/") else path == entry for entry in PROTECTED)
