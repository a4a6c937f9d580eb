"""`socialops review-gate`: the director gate of policy 3.3.2.

A pull request into a protected branch (one `.github/branch-protection.yaml` names) that
changes anything `triggers.py` says needs a director (a change outside content/, a post
needing a director in the pull request's version or the branch's, such a post's media, a
link at or under content/, a name that cannot be read reliably) needs the approval of a
person in `sensitive_approvers`. CODEOWNERS works by path and cannot see inside a post,
so this command reads the changes from git and the reviews from the GitHub REST API, and
fails until such an approval counts:

- only each reviewer's latest APPROVED, CHANGES_REQUESTED or DISMISSED review counts (a
  later comment does not cancel an approval; a dismissal does);
- the approval must be of the PR's current head commit;
- neither the PR's author nor anyone GitHub names as the author or committer of one of its
  commits can approve it;
- the approver must have write access to the repository (GitHub's author_association
  OWNER, MEMBER or COLLABORATOR, and `permission` admin or write);
- who may approve, and the term lists, are read from the protected branch, so a PR
  cannot name its own approver.

The gate runs as trusted code: the workflow checks out the default branch, and this
command fetches the pull request's head and the protected branch into refs of their own
and reads them with git as data (`pulls.py`). It never checks out, installs or runs what
the pull request contains. Anything it cannot establish (no token, the API failing, git
failing, an unexpected error) fails, never passes. With `--status` the decision is set as
the commit status `socialops/review-gate` on the head, which branch protection requires;
the run's first write sets it to pending, so an earlier success never outlives a run that
then fails.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..output.text import visible
from . import api, changes, pulls
from .api import GitHubError
from .changes import GitError
from .markdown import code, inline, table
from .pulls import CannotDecide, PullRequest
from .triggers import Snapshots, Trigger, find_triggers

STATUS_CONTEXT = "socialops/review-gate"
STATUS_DESCRIPTION_LIMIT = 140  # GitHub's limit for a commit status description
OPINIONS = ("APPROVED", "CHANGES_REQUESTED", "DISMISSED")  # COMMENTED and PENDING never decide
# author_association values of people with a role in the repository (GitHub's docs list
# OWNER, MEMBER, COLLABORATOR, CONTRIBUTOR, FIRST_TIMER, FIRST_TIME_CONTRIBUTOR, MANNEQUIN,
# NONE). An association is not a permission: a read-only collaborator is COLLABORATOR too,
# so write access is asked of GitHub as well (pulls.write_access).
ASSOCIATIONS = ("OWNER", "MEMBER", "COLLABORATOR")


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
    reviews: list[ReviewNote]
    problems: list[str]  # why nobody can approve, if so
    pull: PullRequest
    tip: str  # the protected branch's commit the pull request was judged against
    base: str  # the merge base of that and the head

    @property
    def approved_by(self) -> list[str]:
        return [note.login for note in self.reviews if note.counts]

    @property
    def headline(self) -> str:
        if not self.triggers:
            return "No director approval needed: the pull request changes nothing that needs a director."
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
        return f"pull request #{self.pull.number} into {self.pull.base_ref}"

    @property
    def branch(self) -> str:
        """The protected branch as judged: its name and commit."""
        return f"{self.pull.base_ref} at {self.tip[:7]}"

    @property
    def compared(self) -> str:
        return f"{self.branch}, merge base {self.base[:7]}"


# -- who may approve, and which reviews count ---------------------------------------------


def base_approvers(root: Path, base: str) -> tuple[list[str], list[str]]:
    """The sensitive approvers (teams expanded to their members) in permissions.yaml as the
    protected branch has it, read by the one loader; and the problems that left the list empty."""
    from ..model import loader

    data = changes.file_at(root, base, "permissions.yaml")
    if data is None:
        return [], [f"permissions.yaml does not exist at the base {base[:12]}: nobody can approve"]
    with tempfile.TemporaryDirectory(prefix="socialops-base-") as folder:
        Path(folder, "permissions.yaml").write_bytes(data)
        repo = loader.load(Path(folder))
    approvers = repo.sensitive_approvers
    if approvers:
        return approvers, []
    problems = [f"permissions.yaml:{p.line}: {p.message}" for p in repo.problems if p.path == "permissions.yaml"]
    return [], [f"permissions.yaml at the base {base[:12]} names no sensitive_approvers: nobody can approve",
                *problems]


def assess_reviews(reviews: list[dict], pull: PullRequest, approvers: list[str],
                   contributors: set[str] | frozenset[str] = frozenset(),
                   write_access: Callable[[str], str | None] | None = None) -> list[ReviewNote]:
    """Each reviewer's latest opinionated review (reviews come oldest first), and whether it
    counts: an approval of the head commit by a sensitive approver who is neither the author
    nor an author or committer of one of its commits, and who may write to the repository
    (`write_access(login)`: None if so, else why not; asked only of an approval that would
    otherwise count)."""
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
        association = review.get("author_association")
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
        elif association not in ASSOCIATIONS:
            why = f"has no write access to the repository (GitHub's author_association is {association or 'missing'})"
        elif write_access is not None and (refused := write_access(login)) is not None:
            why = f"has no write access to the repository ({refused})"
        else:
            counts, why = True, f"approved the head commit ({pull.head_sha[:7]})"
        notes.append(ReviewNote(login, state, counts, why))
    return notes


def decide_pull(root: Path, client: api.Client, pull: PullRequest, tip: str,
                snapshots: Snapshots | None = None) -> Decision:
    """The decision for one pull request into a protected branch whose tip is `tip`."""
    base = changes.merge_base(root, tip, pull.head_sha)
    changed = changes.changed_files(root, base, pull.head_sha)
    if not changed and pull.changed_files:
        raise CannotDecide(f"git finds no changes between {pull.base_ref} at {tip[:7]} (merge base {base[:7]}) and "
                           f"the head {pull.head_sha[:7]}, but GitHub says pull request #{pull.number} changes "
                           f"{pull.changed_files} file(s)")
    triggers = find_triggers(root, changed, base, tip, pull.head_sha, pull.base_ref, snapshots)
    if not triggers:
        return Decision(True, [], [], [], [], pull, tip, base)
    approvers, problems = base_approvers(root, tip)
    reviews = client.get_all(f"pulls/{pull.number}/reviews")
    contributors = pulls.contributors(client, pull)
    notes = assess_reviews(reviews, pull, approvers, contributors, lambda login: pulls.write_access(client, login))
    return Decision(any(note.counts for note in notes), triggers, approvers, notes, problems, pull, tip, base)


# -- the commit status --------------------------------------------------------------------------


def status_body(decisions: list[Decision], target_url: str | None) -> dict[str, str]:
    """One status for the head: success only when every pull request with that head passes."""
    failed = [decision for decision in decisions if not decision.passed]
    several = len(decisions) > 1
    if failed:
        first = failed[0]
        prefix = f"#{first.pull.number} into {first.pull.base_ref}: " if several else ""
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


@dataclass
class Statuses:
    """The head's commit status, as this run writes it: pending first, then the decision.
    Remembers whether the pending status got there, so a later failure says truly what the
    head's status is."""

    client: api.Client
    pending_on: str | None = None  # the head this run set to pending
    tried: set[str] = field(default_factory=set)

    def start(self, head: str) -> None:
        """Set the head's status to pending, once per head; a failure is said and the run goes on."""
        if head in self.tried:
            return
        self.tried.add(head)
        body = _status("pending", "The director gate is deciding (see the run)", run_url(self.client.repository))
        try:
            self.client.post(f"statuses/{head}", body)
        except GitHubError as exc:
            print(f"review-gate: could not set the commit status {STATUS_CONTEXT} to pending on {head[:7]} "
                  f"({exc}){_cause(exc)}; the head keeps the status it had until this run sets one", file=sys.stderr)
            return
        self.pending_on = head
        print(f"review-gate: set the commit status {STATUS_CONTEXT} to pending on {head[:7]}")

    def finish(self, head: str, body: dict[str, str]) -> tuple[bool, bool, str]:
        """Set the decision: (whether it was set, whether the token is read-only, what happened)."""
        try:
            self.client.post(f"statuses/{head}", body)
        except GitHubError as exc:
            return False, exc.read_only, (
                f"could not set the commit status {STATUS_CONTEXT} to {body['state']} on {head[:7]} ({exc})"
                f"{_cause(exc)}; {self.left(head)}")
        return True, False, f"set the commit status {STATUS_CONTEXT} to {body['state']} on {head[:7]}"

    def left(self, head: str) -> str:
        """What the head's status is now, as far as this run knows."""
        if self.pending_on == head:
            return "the head's status stays pending, as this run set it at its start"
        return ("the head keeps the status it had before this run, which may be an earlier success: re-run the gate "
                "once the cause is fixed")


def _cause(exc: GitHubError) -> str:
    if exc.read_only:
        return ": the token may not write commit statuses (the job needs statuses: write)"
    if exc.rate_limited:
        return ": GitHub's rate limit"
    return ""


# -- reports ------------------------------------------------------------------------------------


def report_text(decision: Decision) -> str:
    head = decision.pull.head_sha[:7]
    lines = [f"review-gate: {'passed' if decision.passed else 'FAILED'}: {decision.title} "
             f"({decision.compared}): {decision.headline}"]
    if decision.triggers:
        lines.append("Needs a director because the pull request changes:")
        lines.extend(f"  {trigger.path}: {trigger.reason}" for trigger in decision.triggers)
        lines.append(f"Who may approve (sensitive_approvers in permissions.yaml on {decision.branch}): "
                     f"{', '.join(decision.approvers) or 'nobody'}")
        lines.extend(f"  {problem}" for problem in decision.problems)
        lines.append(f"Reviews (each reviewer's latest approval, change request or dismissal; head {head}):")
        lines.extend(f"  {note.login}: {note.state}: {'counts' if note.counts else 'does not count'}: {note.why}"
                     for note in decision.reviews)
        if not decision.reviews:
            lines.append("  none yet")
    return "\n".join(lines) + "\n"


def report_markdown(decision: Decision) -> str:
    mark = "passed ✅" if decision.passed else "failed ❌"
    title = decision.title[:1].upper() + decision.title[1:]
    parts = [f"## Director gate: {mark}\n\n{inline(title)} ({inline(decision.compared)}): "
             f"{inline(decision.headline)}\n"]
    if decision.triggers:
        rows = [[code(trigger.path), trigger.reason] for trigger in decision.triggers]
        parts.append(f"### Why a director must approve\n\n{table(['File', 'Reason'], rows)}\n")
        who = ", ".join(code(name) for name in decision.approvers) or "nobody"
        problems = "".join(f"- {inline(problem)}\n" for problem in decision.problems)
        parts.append(f"### Who may approve\n\n{code('sensitive_approvers')} in permissions.yaml on "
                     f"{inline(decision.branch)}: {who}\n{problems}")
        if decision.reviews:
            rows = [[code(note.login), note.state, "yes" if note.counts else "no", note.why]
                    for note in decision.reviews]
            parts.append(f"### Reviews of head {code(decision.pull.head_sha[:7])}\n\nEach reviewer's latest approval, "
                         f"change request or dismissal (comments do not change it).\n\n"
                         f"{table(['Reviewer', 'Latest', 'Counts', 'Why'], rows)}\n")
        else:
            parts.append("### Reviews\n\nNo approval, change request or dismissal yet.\n")
    return "\n".join(parts) + "\n"


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
                        "needs a director (any change outside content/; a sensitive post, a waiver, a sensitive "
                        "term, in its version or the branch's; a media file of such a post; a link at or under "
                        "content/) and, if so, whether a person in sensitive_approvers (permissions.yaml on that "
                        "branch) with write access has approved its head commit. Fetches the pull request's head "
                        "(refs/pull/N/head) and the branch from the remote as data and reads them with git; reads "
                        "the reviews from the GitHub REST API (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL).")
    gate.epilog = ("exit status: 0 passed (no approval needed, approved, or nothing to decide), 1 needs a director's "
                   "approval, cannot decide, or (with --status) the status could not be set, 2 usage error")
    gate.add_argument("--pr", type=int, metavar="N",
                      help="the pull request (default: from the workflow's event, $GITHUB_EVENT_PATH)")
    gate.add_argument("--head-sha", metavar="SHA",
                      help="decide for the open pull requests with this head commit (default: from the event)")
    gate.add_argument("--remote", default="origin", help="the git remote to fetch from (default: origin)")
    gate.add_argument("--repo", metavar="DIR", help="the trusted checkout (default: found from the current folder)")
    gate.add_argument("--repository", metavar="OWNER/NAME", help="the GitHub repository (default: $GITHUB_REPOSITORY)")
    gate.add_argument("--status", action="store_true",
                      help=f"also set the commit status {STATUS_CONTEXT} on the pull request's head: pending first, "
                           "then the decision")
    gate.set_defaults(handler=run)


@dataclass
class _Progress:
    """How far a run got: where a failure status may go."""

    statuses: Statuses | None = None
    head: str | None = None  # the event's head, then the head decided for


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..model.layout import find_root

    root = find_root(args.repo)
    number, head = (args.pr, args.head_sha) if args.pr is not None or args.head_sha else pulls.event_target()
    if (number is None and not head) or (number is not None and number < 1):
        raise UsageError("which pull request? give --pr N or --head-sha SHA, or run in a pull_request_target or "
                         "workflow_run workflow ($GITHUB_EVENT_PATH)")
    if head is not None and not re.fullmatch(r"[0-9a-f]{40}", head):
        raise UsageError(f"--head-sha wants a full commit SHA (40 hex digits), not {head!r}")
    progress = _Progress(head=head)  # a failure status may go on the event's head before GitHub confirms it
    try:
        return _run(root, args, number, head, progress)
    except CannotDecide as exc:
        return _cannot_decide(str(exc), progress, exc.set_status)
    except (GitError, GitHubError) as exc:
        return _cannot_decide(str(exc), progress)
    except Exception as exc:  # noqa: BLE001 - whatever goes wrong ends as "cannot decide", never a stale success
        traceback.print_exc(file=sys.stderr)
        return _cannot_decide(f"unexpected error: {type(exc).__name__}: {exc}", progress)


def _run(root: Path, args: argparse.Namespace, number: int | None, head: str | None, progress: _Progress) -> int:
    client = api.Client.from_environment(args.repository)
    if args.status:
        progress.statuses = Statuses(client)
        if head:
            progress.statuses.start(head)  # the run's first write: no earlier success outlives this run
    protected = pulls.protected_branches(root)
    try:
        head, found, notes = pulls.find_pulls(client, number, head, protected)
    except GitHubError as exc:
        raise CannotDecide(f"the pull request cannot be read from GitHub: {exc}") from None
    progress.head = head
    if progress.statuses is not None:
        progress.statuses.start(head)  # with --pr alone, the head is known only now
    for note in notes:
        print(f"review-gate: {note}")
    if not found:
        left = f"; {progress.statuses.left(head)}" if progress.statuses is not None else ""
        print("review-gate: nothing to decide: no open pull request with this head is into a protected branch "
              f"({', '.join(protected)}){left}")
        write_summary("## Director gate: nothing to decide\n\n" + "".join(f"- {inline(note)}\n" for note in notes))
        return 0
    tips = pulls.fetch_data(root, args.remote, found, head, client.token)
    snapshots = Snapshots(root)
    decisions = [decide_pull(root, client, pull, tips[pull.base_ref], snapshots) for pull in found]
    for decision in decisions:
        sys.stdout.write(report_text(decision))
        write_summary(report_markdown(decision))
    passed = all(decision.passed for decision in decisions)
    if len(decisions) > 1:
        print(f"review-gate: {len(decisions)} pull requests into protected branches have the head {head[:7]}; "
              f"its status is success only when each passes: {'all pass' if passed else 'not all pass'}")
    if progress.statuses is None:
        return 0 if passed else 1
    written, read_only, message = progress.statuses.finish(head, status_body(decisions, run_url(client.repository)))
    if written:
        print(f"review-gate: {message}")
        return 0 if passed else 1
    print(f"review-gate: {message}", file=sys.stderr)
    if passed and read_only:
        print("review-gate: the decision (no approval missing) stands for this job; the required status was not "
              "changed", file=sys.stderr)
        return 0
    return 1


def _cannot_decide(message: str, progress: _Progress, set_status: bool = True) -> int:
    """Fail closed: say why, in the log and the job summary, and on the head's status when asked."""
    print(visible(f"socialops review-gate: cannot decide, so the gate fails: {message}"), file=sys.stderr)
    write_summary(f"## Director gate: failed ❌\n\nThe gate cannot decide, so it fails: {inline(message)}\n")
    statuses, head = progress.statuses, progress.head
    if statuses is not None and head:
        if set_status:
            body = _status("failure", "The gate cannot decide; see the run", run_url(statuses.client.repository))
            print(f"review-gate: {statuses.finish(head, body)[2]}", file=sys.stderr)
        elif statuses.pending_on == head:
            print(f"review-gate: {statuses.left(head)}", file=sys.stderr)
    return 1
