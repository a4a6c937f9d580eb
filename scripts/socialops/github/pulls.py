"""The review gate's pull requests: which one the workflow's event names, every open pull
request with that head into a protected branch, what GitHub says about each (head, base,
author, commits), and fetching the head and the protected branches as data.

GitHub's answers are checked, not assumed: a pull request without a number, head, base,
state, commit count or file count is an error, never a default that could pass.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import api, changes
from .api import GitHubError

FETCHED = "refs/socialops"  # where the fetched head and branches go: refs of their own, never checked out
_BRANCH_NAME = re.compile(r"[^\s:~^?*\[\\]+")


class CannotDecide(Exception):
    """The gate cannot tell what the pull request changes; `set_status` is False when another
    run is the one to decide for the head."""

    def __init__(self, message: str, set_status: bool = True) -> None:
        super().__init__(message)
        self.set_status = set_status


@dataclass(frozen=True)
class PullRequest:
    number: int
    head_sha: str
    author: str | None  # login; None when GitHub has no user for it
    changed_files: int  # how many files GitHub says the pull request changes
    base_ref: str
    state: str
    commits: int  # how many commits GitHub says the pull request has


def event_target() -> tuple[int | None, str | None]:
    """The pull request number and head commit the workflow's event names: a pull_request
    (or pull_request_target) event's pull request; a workflow_run event's head commit, with
    its first pull request into THIS repository when GitHub lists one (a run's list may name
    pull requests of other repositories with the same head; it names none for a pull
    request from a fork, which is then found by its head commit)."""
    payload = api.event_payload()
    pull = payload.get("pull_request")
    if isinstance(pull, dict):
        head = pull.get("head")
        sha = head.get("sha") if isinstance(head, dict) else None
        number = pull.get("number")
        return (number if isinstance(number, int) else None), (sha if isinstance(sha, str) else None)
    workflow_run = payload.get("workflow_run")
    if isinstance(workflow_run, dict):
        sha = workflow_run.get("head_sha")
        repository = payload.get("repository")
        repository_id = repository.get("id") if isinstance(repository, dict) else None
        for item in workflow_run.get("pull_requests") or []:
            base = item.get("base") if isinstance(item, dict) else None
            repo = base.get("repo") if isinstance(base, dict) else None
            if (isinstance(repo, dict) and repository_id is not None and repo.get("id") == repository_id
                    and isinstance(item.get("number"), int)):
                return item["number"], (sha if isinstance(sha, str) else None)
        return None, (sha if isinstance(sha, str) else None)
    return None, None


def protected_branches(root: Path) -> list[str]:
    """The branch names .github/branch-protection.yaml gives, as the trusted checkout (the
    default branch) has it: only pull requests into these are decided. A name git could not
    have as a branch cannot be decided for."""
    from ..model.loader import Loader
    from . import settings

    loader = Loader(root)
    document, _ = loader.read_yaml(settings.SETTINGS_FILE, settings.SCHEMA_KIND)
    if loader.problems:
        problems = "; ".join(f"{p.path}:{p.line or 1}: {p.message}" for p in loader.problems)
        raise CannotDecide(f"which branches are protected cannot be read: {problems}")
    names = list(document.get("branches", {}))
    bad = [name for name in names if not _is_branch_name(root, name)]
    if bad:
        raise CannotDecide(f"{settings.SETTINGS_FILE} names branches git cannot have: {', '.join(map(repr, bad))}")
    return names


def _is_branch_name(root: Path, name: object) -> bool:
    if not isinstance(name, str) or not _BRANCH_NAME.fullmatch(name) or name.startswith(("-", "/", ".")):
        return False
    try:
        changes.check_ref_format(root, f"refs/heads/{name}")
    except changes.GitError:
        return False
    return True


def _pull_from(data: Any, what: str) -> PullRequest:
    if not isinstance(data, dict):
        raise GitHubError(0, f"{what}: the answer is not a pull request")
    head, base = data.get("head"), data.get("base")
    fields = {"number": data.get("number"), "head.sha": head.get("sha") if isinstance(head, dict) else None,
              "base.ref": base.get("ref") if isinstance(base, dict) else None, "state": data.get("state"),
              "commits": data.get("commits"), "changed_files": data.get("changed_files")}
    kinds = {"number": int, "head.sha": str, "base.ref": str, "state": str, "commits": int, "changed_files": int}
    missing = [name for name, value in fields.items()
               if not isinstance(value, kinds[name]) or isinstance(value, bool) or value == ""]
    if missing:
        raise GitHubError(0, f"{what}: the answer has no {', '.join(missing)}, so the pull request cannot be "
                             "judged")
    user = data.get("user")
    author = user.get("login") if isinstance(user, dict) else None
    return PullRequest(fields["number"], fields["head.sha"], author if isinstance(author, str) else None,  # type: ignore[arg-type]
                       fields["changed_files"], fields["base.ref"], fields["state"], fields["commits"])  # type: ignore[arg-type]


def fetch_pull(client: api.Client, number: int) -> PullRequest:
    return _pull_from(client.get(f"pulls/{number}"), f"GET pulls/{number}")


def find_pulls(client: api.Client, number: int | None, head: str | None,
               protected: list[str]) -> tuple[str, list[PullRequest], list[str]]:
    """The head commit to decide for, every open pull request with that head into a
    protected branch (the status belongs to the commit, so it passes only when each
    passes), and notes on the ones left out. A pull request whose head is no longer the
    event's has moved on: its newer run decides."""
    notes: list[str] = []
    found: dict[int, PullRequest] = {}
    if number is not None:
        first = fetch_pull(client, number)
        if head and first.head_sha != head:
            raise CannotDecide(f"pull request #{number}'s head is now {first.head_sha[:7]}, not {head[:7]} as when "
                               "this run was started: the run for the new head decides", set_status=False)
        head = first.head_sha
        found[first.number] = first
    if not head:
        raise CannotDecide("no head commit to decide for")
    for item in client.get_all("pulls", state="open"):
        item_head = item.get("head") if isinstance(item, dict) else None
        listed = item.get("number") if isinstance(item_head, dict) and item_head.get("sha") == head else None
        if isinstance(listed, int) and listed not in found:
            found[listed] = fetch_pull(client, listed)
    pulls: list[PullRequest] = []
    for pull in found.values():
        if pull.state != "open":
            notes.append(f"pull request #{pull.number} is {pull.state}: nothing to decide for it")
        elif pull.head_sha != head:
            notes.append(f"pull request #{pull.number} has moved on to {pull.head_sha[:7]}: its own run decides")
        elif pull.base_ref not in protected:
            notes.append(f"pull request #{pull.number} is into {pull.base_ref}, which .github/branch-protection.yaml "
                         "does not protect: the gate does not decide for it")
        else:
            pulls.append(pull)
    if not found:
        notes.append(f"no open pull request has the head {head[:7]} (it may have moved on: the newer head's run "
                     "decides)")
    return head, pulls, notes


def fetch_data(root: Path, remote: str, pulls: list[PullRequest], head: str, token: str) -> dict[str, str]:
    """Fetch the head (refs/pull/N/head) and each protected branch into refs/socialops/, as
    data; check that the fetched head is the one GitHub names; the branches' current tips."""
    if changes.is_shallow(root):
        raise CannotDecide("the checkout is shallow, so merge bases cannot be found: use actions/checkout with "
                           "fetch-depth: 0")
    number = pulls[0].number
    branches = sorted({pull.base_ref for pull in pulls})
    refspecs = [f"+refs/pull/{number}/head:{FETCHED}/pull/{number}/head",
                *(f"+refs/heads/{branch}:{FETCHED}/heads/{branch}" for branch in branches)]
    changes.fetch(root, remote, refspecs, token, os.environ.get("GITHUB_SERVER_URL") or "https://github.com")
    fetched = changes.resolve(root, f"{FETCHED}/pull/{number}/head")
    if fetched != head:
        raise CannotDecide(f"the fetched head of pull request #{number} is {(fetched or 'nothing')[:7]}, but GitHub "
                           f"says {head[:7]}: the pull request changed while this run read it; the run for its "
                           "newest head decides", set_status=False)
    tips: dict[str, str] = {}
    for branch in branches:
        tip = changes.resolve(root, f"{FETCHED}/heads/{branch}")
        if tip is None:
            raise CannotDecide(f"the branch {branch} could not be fetched")
        tips[branch] = tip
    return tips


def contributors(client: api.Client, pull: PullRequest) -> set[str]:
    """The logins (lower case) GitHub gives as author or committer of the pull request's
    commits. A commit whose e-mail address GitHub cannot match to an account has no login
    there and adds nobody."""
    commits = client.get_all(f"pulls/{pull.number}/commits")
    if len(commits) < pull.commits:
        raise CannotDecide(f"GitHub lists {len(commits)} of the pull request's {pull.commits} commits (it lists at "
                           "most 250), so who committed to it cannot be told; split the pull request")
    logins: set[str] = set()
    for commit in commits:
        for role in ("author", "committer"):
            person = commit.get(role) if isinstance(commit, dict) else None
            login = person.get("login") if isinstance(person, dict) else None
            if isinstance(login, str) and login:
                logins.add(login.lower())
    return logins


def write_access(client: api.Client, login: str) -> str | None:
    """None when GitHub says `login` may write to the repository (permission admin or write;
    maintain counts as write there), else why not. GET collaborators/{login}/permission
    needs only the Metadata permission every workflow token has."""
    if not re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})", login):
        return f"{login!r} is not a GitHub login"
    try:
        answer = client.get(f"collaborators/{login}/permission")
    except GitHubError as exc:
        if exc.status == 404:
            return "GitHub says they are not a collaborator of the repository"
        raise
    permission = answer.get("permission") if isinstance(answer, dict) else None
    if permission in ("admin", "write"):
        return None
    return f"GitHub gives them {permission or 'no'} access to the repository, not write"
