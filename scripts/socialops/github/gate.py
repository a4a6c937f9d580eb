"""`socialops review-gate`: the director gate of policy 3.3.2.

A pull request that adds or changes a sensitive post (`risk: sensitive`, a waiver, or a
term from the sensitive-terms lists) or a settings file (the global YAML files, `.github/`,
and the tooling that decides what passes) needs the approval of a person in
`sensitive_approvers`. CODEOWNERS works by path and cannot see inside a post, so this
command reads the PR's changes from git and its reviews from the GitHub REST API, and
fails until such an approval counts:

- only each reviewer's latest APPROVED, CHANGES_REQUESTED or DISMISSED review counts (a
  later comment does not cancel an approval; a dismissal does);
- the approval must be of the PR's current head commit;
- the PR's author cannot approve their own PR;
- who may approve is read from permissions.yaml as the BASE has it, so a PR cannot name
  its own approver.

Anything the gate cannot establish (no token, the API failing, git failing, a checkout
that is not the PR) fails, never passes. With `--status` the decision is also set as the
commit status `socialops/review-gate` on the PR's head, which branch protection requires:
a run triggered by a review shows as a separate check run, so only a status that every
run overwrites can turn a failed gate green.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
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
    approvers: list[str]  # sensitive_approvers at the base, teams expanded
    reviews: list[ReviewNote] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # why nobody can approve, if so

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


# -- what needs a director ------------------------------------------------------------------


def is_settings_file(path: str) -> bool:
    """Settings and the tooling that enforces them: a PR can change the rules it is checked by."""
    return paths.is_protected(path)


def settings_triggers(changed: list[Change]) -> list[Trigger]:
    """Settings files the PR adds, changes, deletes or renames (either name of a rename counts)."""
    found: list[Trigger] = []
    for change in changed:
        if is_settings_file(change.path):
            found.append(Trigger(change.path, "settings file" + _how(change)))
        if change.old_path and change.old_path != change.path and is_settings_file(change.old_path):
            found.append(Trigger(change.old_path, f"settings file (renamed to {change.path})"))
    return found


def _how(change: Change) -> str:
    if change.status == "D":
        return " (deleted)"
    if change.status in ("R", "C") and change.old_path:
        return f" ({'renamed' if change.status == 'R' else 'copied'} from {change.old_path})"
    return ""


def changed_posts(changed: list[Change]) -> list[str]:
    """Posts the PR adds or changes (a deleted post publishes nothing)."""
    return [change.path for change in changed
            if change.status != "D" and change.path.startswith(POSTS_FOLDER) and change.path.endswith(".md")]


def post_triggers(root: Path, paths: list[str]) -> list[Trigger]:
    """Each post in `paths`, as the checkout has it, that is sensitive, carries a waiver or
    contains a sensitive term; and each one the loader could not read (its risk and
    waivers cannot be trusted, so it fails closed)."""
    from ..model import loader

    if not paths:
        return []
    repo = loader.load(root, set(paths))
    # The PR's own policy.yaml: if the PR changed it, that alone needs a director.
    term_lists = sensitive_term_lists(repo)
    posts = {post.path: post for post in repo.posts}
    wanted = set(paths)
    unreadable: dict[str, str] = {}
    for problem in repo.problems:  # the loader's syntax and schema findings
        if problem.path in wanted:
            unreadable.setdefault(problem.path, f"line {problem.line}: {problem.message}" if problem.line
                                  else problem.message)
    found: list[Trigger] = []
    for path in paths:
        if path in unreadable or path not in posts:
            why = unreadable.get(path, "the file could not be read")
            found.append(Trigger(path, f"cannot be read reliably ({why}); fix it, or a director approves it as is"))
            continue
        found.extend(Trigger(path, reason) for reason in post_reasons(posts[path], term_lists))
    return found


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


# -- who may approve, and which reviews count ---------------------------------------------


def base_approvers(root: Path, base: str) -> tuple[list[str], list[str]]:
    """The sensitive approvers (teams expanded to their members) in permissions.yaml as the
    base has it, read by the one loader; and the problems that left the list empty."""
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


def assess_reviews(reviews: list[dict], pull: PullRequest, approvers: list[str]) -> list[ReviewNote]:
    """Each reviewer's latest opinionated review (reviews come oldest first), and whether it
    counts: an approval of the head commit by a sensitive approver who is not the author."""
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
        elif review.get("commit_id") != pull.head_sha:
            older = review.get("commit_id")
            why = (f"approved an older commit ({older[:7]}), not the head ({pull.head_sha[:7]})"
                   if isinstance(older, str) else "approved a commit GitHub no longer has, not the head")
        else:
            counts, why = True, f"approved the head commit ({pull.head_sha[:7]})"
        notes.append(ReviewNote(login, state, counts, why))
    return notes


def decide(triggers: list[Trigger], approvers: list[str], reviews: list[ReviewNote],
           problems: list[str] | None = None) -> Decision:
    passed = not triggers or any(note.counts for note in reviews)
    return Decision(passed, triggers, approvers, reviews, list(problems or []))


# -- GitHub -------------------------------------------------------------------------------------


def fetch_pull(client: api.Client, number: int) -> PullRequest:
    data = client.get(f"pulls/{number}")
    head = data.get("head") if isinstance(data, dict) else None
    head_sha = head.get("sha") if isinstance(head, dict) else None
    if not isinstance(head_sha, str) or not head_sha:
        raise GitHubError(0, f"GET pulls/{number}: the answer has no head.sha")
    user = data.get("user")
    author = user.get("login") if isinstance(user, dict) else None
    count = data.get("changed_files")
    return PullRequest(number, head_sha, author if isinstance(author, str) else None,
                       count if isinstance(count, int) else None)


def status_body(decision: Decision, target_url: str | None) -> dict[str, str]:
    if not decision.triggers:
        description = "No director approval needed"
    elif decision.passed:
        description = f"Approved by {', '.join(decision.approved_by)}"
    else:
        description = f"Needs a sensitive approver's approval of the head: {decision.files} (see the run)"
    return _status("success" if decision.passed else "failure", description, target_url)


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
            return True, (f"could not set the commit status {STATUS_CONTEXT} ({exc}): the token is read-only, as "
                          "for a pull request from a fork; the required status stays unset and the pull request "
                          "blocked")
        return False, f"could not set the commit status {STATUS_CONTEXT}: {exc}"
    return True, f"set the commit status {STATUS_CONTEXT} to {body['state']} on {head_sha[:7]}"


# -- reports ------------------------------------------------------------------------------------


def report_text(decision: Decision, pull: PullRequest, base: str) -> str:
    lines = [f"review-gate: {'passed' if decision.passed else 'FAILED'}: {decision.headline}"]
    if decision.triggers:
        lines.append("Needs a director because the pull request changes:")
        lines.extend(f"  {trigger.path}: {trigger.reason}" for trigger in decision.triggers)
        lines.append(f"Who may approve (sensitive_approvers in permissions.yaml at the base {base[:12]}): "
                     f"{', '.join(decision.approvers) or 'nobody'}")
        lines.extend(f"  {problem}" for problem in decision.problems)
        lines.append(f"Reviews (each reviewer's latest approval, change request or dismissal; head {pull.head_sha[:7]}):")
        lines.extend(f"  {note.login}: {note.state}: {'counts' if note.counts else 'does not count'}: {note.why}"
                     for note in decision.reviews)
        if not decision.reviews:
            lines.append("  none yet")
    return "\n".join(lines) + "\n"


def report_markdown(decision: Decision, pull: PullRequest, base: str) -> str:
    mark = "passed ✅" if decision.passed else "failed ❌"
    parts = [f"## Director gate: {mark}\n\n{_cell(decision.headline)}\n"]
    if decision.triggers:
        rows = "".join(f"| {_code(t.path)} | {_cell(t.reason)} |\n" for t in decision.triggers)
        parts.append(f"### Why a director must approve\n\n| File | Reason |\n|---|---|\n{rows}")
        who = ", ".join(_code(name) for name in decision.approvers) or "nobody"
        problems = "".join(f"- {_cell(problem)}\n" for problem in decision.problems)
        parts.append(f"### Who may approve\n\n`sensitive_approvers` in permissions.yaml at the base "
                     f"{_code(base[:12])}: {who}\n{problems}")
        if decision.reviews:
            rows = "".join(f"| {_code(n.login)} | {n.state} | {'yes' if n.counts else 'no'} | {_cell(n.why)} |\n"
                           for n in decision.reviews)
            parts.append(f"### Reviews of head {_code(pull.head_sha[:7])}\n\nEach reviewer's latest approval, "
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


def register(commands: Any) -> None:
    gate = commands.add_parser(
        "review-gate", help="fail until a director approves a sensitive pull request (policy 3.3.2)",
        description="Decide whether the pull request needs a director (a sensitive post, a waiver, a sensitive "
                    "term, a settings file) and, if so, whether a person in sensitive_approvers (permissions.yaml "
                    "at the base) has approved its head commit. Reads the changes from git and the reviews from "
                    "the GitHub REST API (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL).",
        epilog="exit status: 0 passed (no approval needed, or approved), 1 needs a director's approval or "
               "cannot decide, 2 usage error")
    gate.add_argument("--base", required=True, metavar="REF",
                      help="the base commit to diff against (in a workflow: github.event.pull_request.base.sha)")
    gate.add_argument("--pr", type=int, metavar="N", help="the pull request (default: from $GITHUB_EVENT_PATH)")
    gate.add_argument("--repo", metavar="DIR", help="the repository checkout (default: found from the current folder)")
    gate.add_argument("--repository", metavar="OWNER/NAME", help="the GitHub repository (default: $GITHUB_REPOSITORY)")
    gate.add_argument("--status", action="store_true",
                      help=f"also set the commit status {STATUS_CONTEXT} on the pull request's head")
    gate.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..cli import find_root
    from ..errors import UsageError

    root = find_root(args.repo)
    number = api.pull_number(args.pr)
    if number is None or number < 1:
        raise UsageError("which pull request? give --pr N, or run in a pull_request or pull_request_review "
                         "workflow ($GITHUB_EVENT_PATH)")
    try:
        client = api.Client.from_environment(args.repository)
        pull = fetch_pull(client, number)
    except GitHubError as exc:
        return _cannot_decide(f"the pull request cannot be read from GitHub: {exc}")
    try:
        decision = _decide(root, args.base, client, pull)
    except (GitError, GitHubError) as exc:
        return _cannot_decide(str(exc), (client, pull) if args.status else None)
    except CannotDecide as exc:
        return _cannot_decide(str(exc), (client, pull) if args.status and exc.set_status else None)
    sys.stdout.write(report_text(decision, pull, args.base))
    write_summary(report_markdown(decision, pull, args.base))
    exit_code = 0 if decision.passed else 1
    if args.status:
        keep, message = set_status(client, pull.head_sha, status_body(decision, run_url(client.repository)))
        print(message, file=sys.stdout if keep else sys.stderr)
        exit_code = exit_code if keep else 1
    return exit_code


class CannotDecide(Exception):
    """The gate cannot tell what the pull request changes; `set_status` is False when another
    run is the one to decide for the head."""

    def __init__(self, message: str, set_status: bool = True) -> None:
        super().__init__(message)
        self.set_status = set_status


def _decide(root: Path, base: str, client: api.Client, pull: PullRequest) -> Decision:
    if not changes.contains(root, pull.head_sha):
        raise CannotDecide(f"the checkout does not contain the pull request's head {pull.head_sha[:7]}: the pull "
                           "request has new commits since this run started (their run decides), or this is not "
                           "the pull request's checkout", set_status=False)
    changed = changes.changed_files(root, base)
    if not changed and pull.changed_files:
        raise CannotDecide(f"git finds no changes against {base[:12]}, but GitHub says the pull request changes "
                           f"{pull.changed_files} file(s): is --base the pull request's base commit?")
    triggers = settings_triggers(changed) + post_triggers(root, changed_posts(changed))
    if not triggers:
        return decide([], [], [])
    approvers, problems = base_approvers(root, base)
    reviews = client.get_all(f"pulls/{pull.number}/reviews")
    return decide(triggers, approvers, assess_reviews(reviews, pull, approvers), problems)


def _cannot_decide(message: str, status_on: tuple[api.Client, PullRequest] | None = None) -> int:
    """Fail closed: say why, in the log and the job summary, and on the head's status when asked."""
    print(f"socialops review-gate: cannot decide, so the gate fails: {message}", file=sys.stderr)
    write_summary(f"## Director gate: failed ❌\n\nThe gate cannot decide, so it fails: {_cell(message)}\n")
    if status_on is not None:
        client, pull = status_on
        body = _status("failure", "The gate cannot decide; see the run", run_url(client.repository))
        print(set_status(client, pull.head_sha, body)[1], file=sys.stderr)
    return 1
