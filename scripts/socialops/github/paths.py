"""Which paths decide what passes, and which changes need a director.

- `SETTINGS` and `TOOLING`: the settings, and the code and configuration that enforce
  them. CODEOWNERS gives them to the sensitive approvers by name (`socialops codeowners`).
- `needs_director(path)`: what the review gate asks a director to approve whatever the
  file says: any change outside `content/`. A pull request's checks run the workflows,
  scripts, tests and configuration as that pull request changed them, and much more than
  the named tooling steers them (GNU make reads `GNUmakefile` and `makefile` before
  `Makefile`; pytest reads `conftest.py`, `pytest.ini`, `tox.ini`, `setup.cfg`; pip reads
  `setup.py`), so a list of names would always miss one. CODEOWNERS agrees: its first
  line, `*`, gives every path outside the account folders to the sensitive approvers.
  A `.gitattributes` anywhere counts too: it decides how GitHub shows a diff (collapsed
  as generated, as binary) and how files are checked out.
- `is_post(path)`: a post file, as the loader finds posts; `is_plan(path)`: a campaign or
  incident file, which may carry waivers too.
"""

from __future__ import annotations

from ..model.loader import CAMPAIGNS_DIR, INCIDENTS_DIR, POSTS_DIR

SETTINGS = ("accounts.yaml", "permissions.yaml", "policy.yaml", ".github/")
TOOLING = ("scripts/", "Makefile", "pyproject.toml", "requirements.lock", ".pre-commit-config.yaml",
           ".pre-commit-hooks.yaml", ".ci/", "site/", "mkdocs.yml")
PROTECTED = SETTINGS + TOOLING  # a name ending in / is a folder

CONTENT = "content"
GIT_ATTRIBUTES = ".gitattributes"


def is_protected(path: str) -> bool:
    """Whether a repository-relative POSIX path is a named setting or tooling file."""
    return any(path.startswith(entry) if entry.endswith("/") else path == entry for entry in PROTECTED)


def in_content(path: str) -> bool:
    """Whether a path is inside the content folder (`content/...`)."""
    return path.startswith(CONTENT + "/")


def at_or_in_content(path: str) -> bool:
    """The content folder itself (a link or file named `content`) or anything inside it."""
    return path == CONTENT or in_content(path)


def needs_director(path: str) -> bool:
    """Whether any change to `path` needs a director, whatever the file says: everything
    outside content/ (the content folder itself replaced by a link or a file included),
    and git attributes anywhere."""
    return not in_content(path) or path.rsplit("/", 1)[-1] == GIT_ATTRIBUTES


def why_director(path: str) -> str:
    """In words, why a change to `path` (for which `needs_director` is true) needs a director."""
    if is_protected(path):
        return "settings file"
    if path.rsplit("/", 1)[-1] == GIT_ATTRIBUTES:
        return "git attributes (how GitHub shows the diff and how files are checked out)"
    return "outside content/ (code, tests, configuration or documentation)"


def is_post(path: str | None) -> bool:
    """A post: a .md file under content/posts/ (the loader's POSTS_DIR)."""
    return bool(path) and path.startswith(POSTS_DIR + "/") and path.endswith(".md")  # type: ignore[union-attr]


def is_plan(path: str | None) -> bool:
    """A campaign or incident: a .md file directly in content/campaigns/ or content/incidents/."""
    if not path or not path.endswith(".md"):
        return False
    folder, _, _ = path.rpartition("/")
    return folder in (CAMPAIGNS_DIR, INCIDENTS_DIR)
