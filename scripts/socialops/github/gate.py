"""`socialops review-gate`: the director gate of policy 3.3.2.

A pull request into a protected branch (one `.github/branch-protection.yaml` names) that
adds, changes, renames or deletes a post needing a director (`risk: sensitive`, a waiver,
or a term from the sensitive-terms lists, in the pull request's version or the branch's),
a media file such a post uses, a link under content/, a change of a file's kind (file,
link, submodule), or a settings file (the global YAML files, `.github/`, and the tooling
that decides what passes) needs the approval of a
person in `sensitive_approvers`. CODEOWNERS works by path and cannot see inside a post,
so this command reads the changes from git and the reviews from the GitHub REST API, and
fails until such an approval counts:

- only each reviewer's latest APPROVED, CHANGES_REQUESTED or DISMISSED review counts (a
  later comment does not cancel an approval; a dismissal does);
- the approval must be of the PR's current head commit;
- neither the PR's author nor anyone GitHub names as the author or committer of one of its
  commits can approve it;
- who may approve, and the term lists, are read from the protected branch, so a PR
  cannot name its own approver.

The gate runs as trusted code: the workflow checks out the default branch, and this
command fetches the pull request's head and the protected branch into refs of their own
and reads them with git as data. It never checks out, installs or runs what the pull
request contains. Anything it cannot establish (no token, the API failing, git failing,
an unexpected error) fails, never passes. With `--status` the decision is set as the
commit status `socialops/review-gate` on the head, which branch protection requires.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import re
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import api, changes, paths
from .api import GitHubError
from .changes import Change, GitError

if TYPE_CHECKING:
    from ..model.entities import Post, Repository

STATUS_CONTEXT = "socialops/review-gate"
STATUS_DESCRIPTION_LIMIT = 140  # GitHub's limit for a commit status description
OPINIONS = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")  # COMMENTED and PENDING never decide

POSTS_FOLDER = "content/posts/"
CONTENT_FOLDER = "content/"
SETTINGS_AT_BASE = ("accounts.yaml", "permissions.yaml", "policy.yaml")  # what a post is judged with
FETCHED = "refs/socialops"  # where the fetched head and branches go: refs of their own, never checked out
_BRANCH_NAME = re.compile(r"[^\s:~^?*\[\\]+")


@dataclass(frozen=True)
class Trigger:
    """A changed file that needs a director, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class PullRequest:
    number: int
    head_sha: str
    author: str | None  # login; None when GitHub has no user for it
    changed_files: int | None
    base_ref: str = "main"
    state: str = "open"
    commits: int | None = None  # how many commits GitHub says the pull request has


@dataclass(frozen=True)
class ReviewNote:
    """A reviewer's latest opinionated review and whether it counts as a director's approval."""

    login: str
    state: str
    counts: bool
    why: str


@dataclass
class Decision:
    passed: bool
    triggers: list[Trigger]
    approvers: list[str]  # sensitive_approvers on the protected branch, teams expanded
    reviews: list[ReviewNote] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # why nobody can approve, if so
    pull: PullRequest | None = None
    compared: str = ""  # what the pull request was compared with, in words

    @property
    def approved_by(self) -> list[str]:
        return [note.login for note in self.reviews if note.counts]

    @property
    def headline(self) -> str:
        if not self.triggers:
            return "No director approval needed: the pull request changes no sensitive post, waiver or settings file."
        if self.passed:
            return f"Approved by {', '.join(self.approved_by)} (sensitive approver)."
        who = ", ".join(self.approvers) or "nobody is named"
        return (f"A sensitive approver ({who}) must approve the head commit: the pull request changes "
                f"{self.files} needing a director.")

    @property
    def files(self) -> str:
        count = len({trigger.path for trigger in self.triggers})
        return f"{count} file{'s' if count != 1 else ''}"

    @property
    def title(self) -> str:
        return f"pull request #{self.pull.number} into {self.pull.base_ref}" if self.pull else "the pull request"


class CannotDecide(Exception):
    """The gate cannot tell what the pull request changes; `set_status` is False when another
    run is the one to decide for the head."""

    def __init__(self, message: str, set_status: bool = True) -> None:
        super().__init__(message)
        self.set_status = set_status


# -- what needs a director ------------------------------------------------------------------


def is_settings_file(path: str) -> bool:
    """Settings and the tooling that enforces them: a PR can change the rules it is checked by."""
    return paths.is_protected(path)


def is_post(path: str | None) -> bool:
    return bool(path) and path.startswith(POSTS_FOLDER) and path.endswith(".md")  # type: ignore[union-attr]


def settings_triggers(changed: list[Change]) -> list[Trigger]:
    """Settings files the PR adds, changes, deletes or renames (either name of a rename counts)."""
    found: list[Trigger] = []
    for change in changed:
        if is_settings_file(change.path):
            found.append(Trigger(change.path, "settings file" + _how(change)))
        if change.old_path and change.old_path != change.path and is_settings_file(change.old_path):
            found.append(Trigger(change.old_path, f"settings file (renamed to {change.path})"))
    return found


def link_triggers(changed: list[Change]) -> list[Trigger]:
    """A change of a file's type (file, link, submodule) anywhere, and any link or submodule
    added, changed or removed under content/: what a link points to can change without the
    link changing, and the loader does not follow them."""
    found: list[Trigger] = []
    for change in changed:
        if change.status == "T":
            found.append(Trigger(change.path, f"changes the kind of entry ({_kind(change.old_mode)} to "
                                              f"{_kind(change.new_mode)})"))
        elif change.links and any(path.startswith(CONTENT_FOLDER) for path in (change.path, change.old_path) if path):
            kind = _kind(change.new_mode if change.new_mode != "000000" else change.old_mode)
            found.append(Trigger(change.path, f"a {kind} under content/{_how(change)}: a change to what it points "
                                              "to would not show as a change to a post"))
    return found


def _kind(mode: str) -> str:
    return {changes.LINK_MODE: "symbolic link", changes.SUBMODULE_MODE: "submodule"}.get(mode, "file")


def _how(change: Change) -> str:
    if change.status == "D":
        return " (deleted)"
    if change.status in ("R", "C") and change.old_path:
        return f" ({'renamed' if change.status == 'R' else 'copied'} from {change.old_path})"
    return ""


def changed_posts(changed: list[Change]) -> list[str]:
    """Posts the PR adds or changes, as the PR has them (a deletion is judged by the base's version)."""
    return [change.path for change in changed if change.status != "D" and is_post(change.path)]


def sensitive_term_lists(repo: Repository) -> dict[str, list[str]] | None:
    """The sensitive-terms rule's lists as policy.yaml configures them; None when it is off."""
    from ..rules import registry

    setting = registry.configure(repo.policy.data.get("rules", {}))["sensitive-terms"]
    return None if setting.level == "off" else setting.options["terms"]


def post_reasons(post: Post, term_lists: dict[str, list[str]] | None) -> list[str]:
    """Why a post needs a director: its risk, its waivers, the sensitive terms in it
    (found exactly as the sensitive-terms rule finds them; None: that rule is off)."""
    from .. import terms
    from ..rules.base import market_and_language, term_hits

    reasons: list[str] = []
    if post.meta.get("risk") == "sensitive":
        reasons.append("risk: sensitive")
    waived = [waiver["rule"] for waiver in post.meta.get("waivers", [])]
    if waived:
        reasons.append(f"waiver of {', '.join(waived)}")
    if term_lists is not None:
        listed = terms.applicable(term_lists, *market_and_language(post))
        hits = list(term_hits(post, listed, lambda term: (term, "")))
        if hits:
            found = ", ".join(dict.fromkeys(f"'{hit.message}' (line {hit.line})" for hit in hits))
            reasons.append(f"sensitive term {found}")
    return reasons


@dataclass
class Snapshot:
    """Every post of one commit, loaded by the one loader with the settings (accounts,
    permissions, policy) of the protected branch, so the PR's version and the base's are
    judged by the same rules, the branch's current ones."""

    commit: str
    repo: Repository
    present: set[str]  # every post path in the commit's tree, read or not
    unreadable: dict[str, str]  # path -> why its fields cannot be trusted
    term_lists: dict[str, list[str]] | None
    posts: dict[str, Post] = field(default_factory=dict)  # the posts the loader read, by path

    def judge(self, path: str) -> list[str] | None:
        """Why the post at `path` needs a director ([] if it does not); None when the commit has no such post."""
        if path not in self.present:
            return None
        if path in self.unreadable:
            return [f"cannot be read reliably ({self.unreadable[path]}); fix it, or a director approves it as is"]
        post = self.posts.get(path)
        if post is None:
            return ["cannot be read reliably (the file could not be read); fix it, or a director approves it as is"]
        return post_reasons(post, self.term_lists)

    def media_needing_a_director(self) -> dict[str, tuple[str, str]]:
        """Media file (normalised repository path) -> (the post using it, why that post needs a director)."""
        found: dict[str, tuple[str, str]] = {}
        for post in self.repo.posts:
            if post.path in self.unreadable:
                continue
            reasons = post_reasons(post, self.term_lists)
            if not reasons:
                continue
            for ref in post.media:
                name = ref.spec.get("file")
                if isinstance(name, str) and name:
                    found.setdefault(_normal(name), (post.path, reasons[0]))
        return found


def _normal(name: str) -> str:
    """A media path as git names the file: repository-relative, POSIX, without ./ or ..."""
    return posixpath.normpath(name.replace("\\", "/")).lstrip("/")


def _safe(path: str) -> bool:
    return all(part not in ("", ".", "..", ".git") for part in path.split("/"))


def load_snapshot(root: Path, commit: str, settings_commit: str) -> Snapshot:
    """The posts at `commit`, written as plain files (never links) into a temporary folder
    with the settings of `settings_commit`, and loaded from there."""
    from ..model import loader
    from ..model.files import MAX_BYTES

    entries = [entry for entry in changes.tree(root, commit, POSTS_FOLDER.rstrip("/")) if is_post(entry.path)]
    present = {entry.path for entry in entries}
    unreadable: dict[str, str] = {}
    regular = []
    for entry in entries:
        if entry.kind != "blob" or entry.mode not in ("100644", "100755"):
            unreadable[entry.path] = f"it is a {_kind(entry.mode)}, not a file"
        elif not _safe(entry.path):
            unreadable[entry.path] = "its path cannot be written safely"
        elif entry.size is None or entry.size > MAX_BYTES:
            unreadable[entry.path] = f"it is larger than {MAX_BYTES // 1024} KB"
        else:
            regular.append(entry)
    contents = changes.blobs(root, [entry.sha for entry in regular])
    with tempfile.TemporaryDirectory(prefix="socialops-gate-") as folder:
        for name in SETTINGS_AT_BASE:
            text = changes.file_at(root, settings_commit, name)
            if text is not None:
                Path(folder, name).write_text(text, encoding="utf-8")
        for entry in regular:
            target = Path(folder, *entry.path.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(contents[entry.sha])
        repo = loader.load(Path(folder), post_paths=sorted(entry.path for entry in regular))
    for problem in repo.problems:  # the loader's syntax and schema findings
        if problem.path in present and problem.path not in unreadable:
            unreadable[problem.path] = (f"line {problem.line}: {problem.message}" if problem.line
                                        else problem.message)
    return Snapshot(commit, repo, present, unreadable, sensitive_term_lists(repo),
                    {post.path: post for post in repo.posts})


class Snapshots:
    """Snapshots by (commit, settings commit), each loaded once per run."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._loaded: dict[tuple[str, str], Snapshot] = {}

    def at(self, commit: str, settings_commit: str) -> Snapshot:
        key = (commit, settings_commit)
        if key not in self._loaded:
            self._loaded[key] = load_snapshot(self.root, commit, settings_commit)
        return self._loaded[key]


def find_triggers(root: Path, changed: list[Change], base: str, tip: str, head: str, branch: str,
                  snapshots: Snapshots | None = None) -> list[Trigger]:
    """Everything the pull request changes that needs a director. `base` is the merge base the
    diff starts from, `tip` the protected branch now (its settings judge every version)."""
    if not changed:
        return []
    snapshots = snapshots or Snapshots(root)
    triggers = settings_triggers(changed) + link_triggers(changed)
    pr = snapshots.at(head, tip)
    bases = [(snapshots.at(base, tip), f"the merge base {base[:7]}")]
    if tip != base:
        bases.append((snapshots.at(tip, tip), f"{branch} {tip[:7]}"))
    for change in changed:
        now: list[str] = []
        if change.status != "D" and is_post(change.path):
            now = pr.judge(change.path) or []
            triggers.extend(Trigger(change.path, reason) for reason in now)
        old = change.old_path or change.path
        if not is_post(old):
            continue
        before: dict[str, list[str]] = {}
        for snapshot, label in bases:
            for reason in snapshot.judge(old) or []:
                before.setdefault(reason, []).append(label)
        for reason, labels in before.items():
            if reason in now:
                continue  # the pull request's version needs a director for the same reason
            triggers.append(Trigger(old, f"{_verb(change)} a post that needs a director at the base "
                                         f"({' and '.join(labels)}): {reason}"))
    media = {**snapshots.at(tip, tip).media_needing_a_director(), **pr.media_needing_a_director()}
    for change in changed:
        for path in dict.fromkeys(p for p in (change.path, change.old_path) if p):
            if path in media:
                post, reason = media[path]
                triggers.append(Trigger(path, f"media of {post}, which needs a director ({reason})"
                                              + _how(change)))
    return triggers


def _verb(change: Change) -> str:
    if change.status == "D":
        return "deletes"
    if change.status == "R" and change.old_path:
        return f"renames (to {change.path})"
    return "changes"


# -- which branches, which pull requests ----------------------------------------------------


def protected_branches(root: Path) -> list[str]:
    """The branch names .github/branch-protection.yaml gives, as the trusted checkout (the
    default branch) has it: only pull requests into these are decided."""
    from ..model.loader import Loader
    from . import settings

    loader = Loader(root)
    document, _ = loader.read_yaml(settings.SETTINGS_FILE, settings.SCHEMA_KIND)
    if loader.problems:
        problems = "; ".join(f"{p.path}:{p.line or 1}: {p.message}" for p in loader.problems)
        raise CannotDecide(f"which branches are protected cannot be read: {problems}")
    names = list(document.get("branches", {}))
    bad = [name for name in names if not _BRANCH_NAME.fullmatch(name) or name.startswith(("-", "/", "."))]
    if bad:
        raise CannotDecide(f"{settings.SETTINGS_FILE} names branches git cannot have: {', '.join(bad)}")
    return names


def _pull_from(data: Any, what: str) -> PullRequest:
    if not isinstance(data, dict):
        raise GitHubError(0, f"{what}: the answer is not a pull request")
    head, base = data.get("head"), data.get("base")
    head_sha = head.get("sha") if isinstance(head, dict) else None
    base_ref = base.get("ref") if isinstance(base, dict) else None
    number = data.get("number")
    if not isinstance(head_sha, str) or not head_sha or not isinstance(base_ref, str) or not isinstance(number, int):
        raise GitHubError(0, f"{what}: the answer has no number, head.sha or base.ref")
    user = data.get("user")
    author = user.get("login") if isinstance(user, dict) else None
    count, commits = data.get("changed_files"), data.get("commits")
    return PullRequest(number, head_sha, author if isinstance(author, str) else None,
                       count if isinstance(count, int) else None, base_ref, str(data.get("state", "")),
                       commits if isinstance(commits, int) else None)


def fetch_pull(client: api.Client, number: int) -> PullRequest:
    return _pull_from(client.get(f"pulls/{number}"), f"GET pulls/{number}")


def find_pulls(client: api.Client, number: int | None, head: str | None,
               protected: list[str]) -> tuple[str | None, list[PullRequest], list[str]]:
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
    assert head is not None
    for item in client.get_all("pulls", state="open"):
        item_head = item.get("head") if isinstance(item, dict) else None
        listed = item.get("number") if isinstance(item_head, dict) and item_head.get("sha") == head else None
        if isinstance(listed, int) and listed not in found:
            found[listed] = fetch_pull(client, listed)
    pulls: list[PullRequest] = []
    for pull in found.values():
        if pull.state != "open":
            notes.append(f"pull request #{pull.number} is {pull.state or 'not open'}: nothing to decide for it")
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


# -- who may approve, and which reviews count ---------------------------------------------


def base_approvers(root: Path, base: str) -> tuple[list[str], list[str]]:
    """The sensitive approvers (teams expanded to their members) in permissions.yaml as the
    protected branch has it, read by the one loader; and the problems that left the list empty."""
    from ..model import loader

    text = changes.file_at(root, base, "permissions.yaml")
    if text is None:
        return [], [f"permissions.yaml does not exist at the base {base[:12]}: nobody can approve"]
    with tempfile.TemporaryDirectory(prefix="socialops-base-") as folder:
        Path(folder, "permissions.yaml").write_text(text, encoding="utf-8")
        repo = loader.load(Path(folder))
    approvers = repo.sensitive_approvers
    if approvers:
        return approvers, []
    problems = [f"permissions.yaml:{p.line}: {p.message}" for p in repo.problems if p.path == "permissions.yaml"]
    return [], [f"permissions.yaml at the base {base[:12]} names no sensitive_approvers: nobody can approve",
                *problems]


def pull_contributors(client: api.Client, pull: PullRequest) -> set[str]:
    """The logins (lower case) GitHub gives as author or committer of the pull request's
    commits. A commit whose e-mail address GitHub cannot match to an account has no login
    there and adds nobody."""
    commits = client.get_all(f"pulls/{pull.number}/commits")
    if pull.commits is not None and len(commits) < pull.commits:
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


def assess_reviews(reviews: list[dict], pull: PullRequest, approvers: list[str],
                   contributors: set[str] | frozenset[str] = frozenset()) -> list[ReviewNote]:
    """Each reviewer's latest opinionated review (reviews come oldest first), and whether it
    counts: an approval of the head commit by a sensitive approver who is neither the author
    nor an author or committer of one of its commits."""
    latest: dict[str, tuple[str, dict]] = {}
    for review in reviews:
        if not isinstance(review, dict) or review.get("state") not in OPINIONS:
            continue  # a comment does not cancel an approval; a pending review is not submitted
        user = review.get("user")
        login = user.get("login") if isinstance(user, dict) else None
        if not isinstance(login, str) or not login:
            continue  # a deleted account: nobody to count
        latest[login.lower()] = (login, review)
    allowed = {name.lower() for name in approvers}
    author = (pull.author or "").lower()
    notes: list[ReviewNote] = []
    for key, (login, review) in latest.items():
        state = review["state"]
        counts, why = False, ""
        if state == "CHANGES_REQUESTED":
            why = "latest review requests changes"
        elif state == "DISMISSED":
            why = "latest review was dismissed"
        elif key not in allowed:
            why = "not a sensitive approver"
        elif key == author:
            why = "is the author of the pull request, who cannot approve it"
        elif key in contributors:
            why = "authored or committed commits of the pull request, so cannot approve it"
        elif review.get("commit_id") != pull.head_sha:
            older = review.get("commit_id")
            why = (f"approved an older commit ({older[:7]}), not the head ({pull.head_sha[:7]})"
                   if isinstance(older, str) else "approved a commit GitHub no longer has, not the head")
        else:
            counts, why = True, f"approved the head commit ({pull.head_sha[:7]})"
        notes.append(ReviewNote(login, state, counts, why))
    return notes


def decide(triggers: list[Trigger], approvers: list[str], reviews: list[ReviewNote],
           problems: list[str] | None = None, pull: PullRequest | None = None, compared: str = "") -> Decision:
    passed = not triggers or any(note.counts for note in reviews)
    return Decision(passed, triggers, approvers, reviews, list(problems or []), pull, compared)


def decide_pull(root: Path, client: api.Client, pull: PullRequest, tip: str,
                snapshots: Snapshots | None = None) -> Decision:
    """The decision for one pull request into a protected branch whose tip is `tip`."""
    base = changes.merge_base(root, tip, pull.head_sha)
    compared = f"{pull.base_ref} at {tip[:7]}, merge base {base[:7]}"
    changed = changes.changed_files(root, base, pull.head_sha)
    if not changed and pull.changed_files:
        raise CannotDecide(f"git finds no changes between {compared} and the head {pull.head_sha[:7]}, but GitHub "
                           f"says pull request #{pull.number} changes {pull.changed_files} file(s)")
    triggers = find_triggers(root, changed, base, tip, pull.head_sha, pull.base_ref, snapshots)
    if not triggers:
        return decide([], [], [], pull=pull, compared=compared)
    approvers, problems = base_approvers(root, tip)
    reviews = client.get_all(f"pulls/{pull.number}/reviews")
    contributors = pull_contributors(client, pull)
    return decide(triggers, approvers, assess_reviews(reviews, pull, approvers, contributors), problems, pull,
                  compared)


# -- the commit status --------------------------------------------------------------------------


def status_body(decisions: list[Decision], target_url: str | None) -> dict[str, str]:
    """One status for the head: success only when every pull request with that head passes."""
    failed = [decision for decision in decisions if not decision.passed]
    several = len(decisions) > 1
    if failed:
        first = failed[0]
        prefix = f"#{first.pull.number} into {first.pull.base_ref}: " if several and first.pull else ""
        return _status("failure", f"{prefix}Needs a sensitive approver's approval of the head: {first.files} "
                                  "(see the run)", target_url)
    approved = list(dict.fromkeys(login for decision in decisions for login in decision.approved_by))
    if approved:
        return _status("success", f"Approved by {', '.join(approved)}", target_url)
    return _status("success", "No director approval needed", target_url)


def _status(state: str, description: str, target_url: str | None) -> dict[str, str]:
    if len(description) > STATUS_DESCRIPTION_LIMIT:
        description = description[:STATUS_DESCRIPTION_LIMIT - 1] + "…"
    body = {"state": state, "context": STATUS_CONTEXT, "description": description}
    if target_url:
        body["target_url"] = target_url
    return body


def run_url(repository: str) -> str | None:
    """This workflow run's page, when the environment says which run this is."""
    server, run_id = os.environ.get("GITHUB_SERVER_URL"), os.environ.get("GITHUB_RUN_ID")
    return f"{server.rstrip('/')}/{repository}/actions/runs/{run_id}" if server and run_id else None


def set_status(client: api.Client, head_sha: str, body: dict[str, str]) -> tuple[bool, str]:
    """(whether the job may keep the decision's exit code, what happened)."""
    try:
        client.post(f"statuses/{head_sha}", body)
    except GitHubError as exc:
        if exc.status == 403:
            return True, (f"could not set the commit status {STATUS_CONTEXT} ({exc}): the token is read-only; the "
                          "required status stays unset and the pull request blocked")
        return False, f"could not set the commit status {STATUS_CONTEXT}: {exc}"
    return True, f"set the commit status {STATUS_CONTEXT} to {body['state']} on {head_sha[:7]}"


# -- reports ------------------------------------------------------------------------------------


def report_text(decision: Decision) -> str:
    head = decision.pull.head_sha[:7] if decision.pull else "?"
    lines = [f"review-gate: {'passed' if decision.passed else 'FAILED'}: {decision.title} "
             f"({decision.compared}): {decision.headline}"]
    if decision.triggers:
        lines.append("Needs a director because the pull request changes:")
        lines.extend(f"  {trigger.path}: {trigger.reason}" for trigger in decision.triggers)
        lines.append(f"Who may approve (sensitive_approvers in permissions.yaml on {_branch(decision)}): "
                     f"{', '.join(decision.approvers) or 'nobody'}")
        lines.extend(f"  {problem}" for problem in decision.problems)
        lines.append(f"Reviews (each reviewer's latest approval, change request or dismissal; head {head}):")
        lines.extend(f"  {note.login}: {note.state}: {'counts' if note.counts else 'does not count'}: {note.why}"
                     for note in decision.reviews)
        if not decision.reviews:
            lines.append("  none yet")
    return "\n".join(lines) + "\n"


def _branch(decision: Decision) -> str:
    return decision.compared.split(", merge base")[0] or "the base"


def report_markdown(decision: Decision) -> str:
    mark = "passed ✅" if decision.passed else "failed ❌"
    title = decision.title[:1].upper() + decision.title[1:]
    parts = [f"## Director gate: {mark}\n\n{_cell(title)} ({_cell(decision.compared)}): "
             f"{_cell(decision.headline)}\n"]
    if decision.triggers:
        rows = "".join(f"| {_code(t.path)} | {_cell(t.reason)} |\n" for t in decision.triggers)
        parts.append(f"### Why a director must approve\n\n| File | Reason |\n|---|---|\n{rows}")
        who = ", ".join(_code(name) for name in decision.approvers) or "nobody"
        problems = "".join(f"- {_cell(problem)}\n" for problem in decision.problems)
        parts.append(f"### Who may approve\n\n`sensitive_approvers` in permissions.yaml on "
                     f"{_cell(_branch(decision))}: {who}\n{problems}")
        if decision.reviews:
            rows = "".join(f"| {_code(n.login)} | {n.state} | {'yes' if n.counts else 'no'} | {_cell(n.why)} |\n"
                           for n in decision.reviews)
            head = decision.pull.head_sha[:7] if decision.pull else "?"
            parts.append(f"### Reviews of head {_code(head)}\n\nEach reviewer's latest approval, "
                         f"change request or dismissal (comments do not change it).\n\n"
                         f"| Reviewer | Latest | Counts | Why |\n|---|---|---|---|\n{rows}")
        else:
            parts.append("### Reviews\n\nNo approval, change request or dismissal yet.\n")
    return "\n".join(parts) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return "`" + _cell(text).replace("`", "'") + "`"


def write_summary(markdown: str) -> None:
    """Append to the job summary when running in a workflow."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    if path:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(markdown)


# -- the command --------------------------------------------------------------------------------


def configure(gate: argparse.ArgumentParser) -> None:
    """The subcommand's description, options and handler (its one-line help is in cli.COMMANDS)."""
    gate.description = ("Decide whether a pull request into a protected branch (.github/branch-protection.yaml) "
                    "needs a director (a sensitive post, a waiver, a sensitive term, in its version or the "
                    "branch's; a media file of such a post; a link under content/; a settings file) and, if so, "
                    "whether a person in sensitive_approvers (permissions.yaml on that branch) has approved its "
                    "head commit. Fetches the pull request's head (refs/pull/N/head) and the branch from the "
                    "remote as data and reads them with git; reads the reviews from the GitHub REST API "
                    "(GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL).")
    gate.epilog = ("exit status: 0 passed (no approval needed, approved, or nothing to decide), 1 needs a director's "
               "approval or cannot decide, 2 usage error")
    gate.add_argument("--pr", type=int, metavar="N",
                      help="the pull request (default: from the workflow's event, $GITHUB_EVENT_PATH)")
    gate.add_argument("--head-sha", metavar="SHA",
                      help="decide for the open pull requests with this head commit (default: from the event)")
    gate.add_argument("--remote", default="origin", help="the git remote to fetch from (default: origin)")
    gate.add_argument("--repo", metavar="DIR", help="the trusted checkout (default: found from the current folder)")
    gate.add_argument("--repository", metavar="OWNER/NAME", help="the GitHub repository (default: $GITHUB_REPOSITORY)")
    gate.add_argument("--status", action="store_true",
                      help=f"also set the commit status {STATUS_CONTEXT} on the pull request's head")
    gate.set_defaults(handler=run)


def event_target() -> tuple[int | None, str | None]:
    """The pull request number and head commit the workflow's event names: a pull_request
    (or pull_request_target) event's pull request; a workflow_run event's head commit, with
    its first pull request of this repository when GitHub lists one (it lists none for a
    pull request from a fork: that one is found by its head commit)."""
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
            if isinstance(repo, dict) and repo.get("id") == repository_id and isinstance(item.get("number"), int):
                return item["number"], (sha if isinstance(sha, str) else None)
        return None, (sha if isinstance(sha, str) else None)
    return None, None


@dataclass
class _Progress:
    """How far a run got: whether a failure status may go on the head."""

    client: api.Client | None = None
    head: str | None = None

    def status_target(self, wanted: bool) -> tuple[api.Client, str] | None:
        return (self.client, self.head) if wanted and self.client is not None and self.head else None


def run(args: argparse.Namespace) -> int:
    from ..cli import find_root
    from ..errors import UsageError

    root = find_root(args.repo)
    number, head = (args.pr, args.head_sha) if args.pr is not None or args.head_sha else event_target()
    if (number is None and not head) or (number is not None and number < 1):
        raise UsageError("which pull request? give --pr N or --head-sha SHA, or run in a pull_request_target or "
                         "workflow_run workflow ($GITHUB_EVENT_PATH)")
    if head is not None and not re.fullmatch(r"[0-9a-f]{40}", head):
        raise UsageError(f"--head-sha wants a full commit SHA (40 hex digits), not {head!r}")
    progress = _Progress(head=head)  # a failure status may go on the event's head before GitHub confirms it
    try:
        return _run(root, args, number, head, progress)
    except CannotDecide as exc:
        return _cannot_decide(str(exc), progress.status_target(args.status and exc.set_status))
    except (GitError, GitHubError) as exc:
        return _cannot_decide(str(exc), progress.status_target(args.status))
    except Exception as exc:  # noqa: BLE001 - whatever goes wrong ends as "cannot decide", never a stale success
        traceback.print_exc(file=sys.stderr)
        return _cannot_decide(f"unexpected error: {type(exc).__name__}: {exc}", progress.status_target(args.status))


def _run(root: Path, args: argparse.Namespace, number: int | None, head: str | None, progress: _Progress) -> int:
    client = api.Client.from_environment(args.repository)
    progress.client = client
    protected = protected_branches(root)
    try:
        head, pulls, notes = find_pulls(client, number, head, protected)
    except GitHubError as exc:
        raise CannotDecide(f"the pull request cannot be read from GitHub: {exc}", set_status=False) from None
    for note in notes:
        print(f"review-gate: {note}")
    if not pulls:
        print("review-gate: nothing to decide: no open pull request with this head is into a protected branch "
              f"({', '.join(protected)}); no status is set")
        write_summary("## Director gate: nothing to decide\n\n"
                      + "".join(f"- {_cell(note)}\n" for note in notes))
        return 0
    progress.head = head
    assert head is not None
    tips = fetch_data(root, args.remote, pulls, head, client.token)
    snapshots = Snapshots(root)
    decisions = [decide_pull(root, client, pull, tips[pull.base_ref], snapshots) for pull in pulls]
    for decision in decisions:
        sys.stdout.write(report_text(decision))
        write_summary(report_markdown(decision))
    passed = all(decision.passed for decision in decisions)
    if len(decisions) > 1:
        print(f"review-gate: {len(decisions)} pull requests into protected branches have the head {head[:7]}; "
              f"its status is success only when each passes: {'all pass' if passed else 'not all pass'}")
    exit_code = 0 if passed else 1
    if args.status:
        keep, message = set_status(client, head, status_body(decisions, run_url(client.repository)))
        print(message, file=sys.stdout if keep else sys.stderr)
        exit_code = exit_code if keep else 1
    return exit_code


def _cannot_decide(message: str, status_on: tuple[api.Client, str] | None = None) -> int:
    """Fail closed: say why, in the log and the job summary, and on the head's status when asked."""
    print(f"socialops review-gate: cannot decide, so the gate fails: {message}", file=sys.stderr)
    write_summary(f"## Director gate: failed ❌\n\nThe gate cannot decide, so it fails: {_cell(message)}\n")
    if status_on is not None:
        client, head = status_on
        body = _status("failure", "The gate cannot decide; see the run", run_url(client.repository))
        print(set_status(client, head, body)[1], file=sys.stderr)
    return 1
