"""The director gate (policy 3.3.2), run as a workflow runs it: a real git repository with a
base commit and a pull request branch, and the local stand-in for GitHub's REST API
(tests/github_server.py) answering with payloads shaped like GitHub's documented ones."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from socialops.github import gate
from socialops.github.changes import Change
from tests.conftest import ROOT, make_repo, run_cli, write_files
from tests.github_server import FakeGitHub, environment, fake_github

API = "/repos/lanterna/social"
POST = "content/posts/acme-us-x/2026/2026-03-02-hello.md"
BASE_PERMISSIONS = (ROOT / "tests" / "fixtures" / "base" / "permissions.yaml").read_text("utf-8")


def post(front: str = "", body: str = "Hello from Acme.") -> str:
    return f"---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n{front}---\n{body}\n"


SENSITIVE = {POST: post("risk: sensitive\n", "Safety notice: check your charging case serial number.")}


# -- a pull request: a git repository, and what GitHub says about it -------------------------


def git(root: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false",
               *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=True).stdout.strip()


@dataclass
class PullRequest:
    root: Path
    base: str
    commits: list[str]  # the branch's commits, oldest first

    @property
    def head(self) -> str:
        return self.commits[-1]


def make_pr(tmp_path: Path, *commits: dict, base_files: dict | None = None) -> PullRequest:
    """The base fixture (plus `base_files`) committed on main, then one commit per dict on a branch."""
    root = make_repo(tmp_path, base_files)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    base = git(root, "rev-parse", "HEAD")
    git(root, "checkout", "-q", "-b", "feature")
    shas = []
    for number, files in enumerate(commits, start=1):
        write_files(root, files)
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", f"change {number}")
        shas.append(git(root, "rev-parse", "HEAD"))
    return PullRequest(root, base, shas)


def user(login: str) -> dict:
    return {"login": login, "id": 1000 + sum(map(ord, login)), "node_id": f"U_{login}", "type": "User",
            "site_admin": False, "html_url": f"https://github.com/{login}"}


def review(number: int, login: str, state: str, commit_id: str | None) -> dict:
    """A review as `GET /repos/{owner}/{repo}/pulls/{n}/reviews` lists it."""
    return {
        "id": 80 + number, "node_id": f"PRR_kwDOAAAB{number:04d}", "user": user(login),
        "body": "" if state == "APPROVED" else "See the notes.", "state": state,
        "html_url": f"https://github.com/lanterna/social/pull/7#pullrequestreview-{80 + number}",
        "pull_request_url": "https://api.github.com/repos/lanterna/social/pulls/7",
        "author_association": "MEMBER", "submitted_at": f"2026-03-01T10:{number % 60:02d}:00Z",
        "commit_id": commit_id,
        "_links": {"html": {"href": f"https://github.com/lanterna/social/pull/7#pullrequestreview-{80 + number}"},
                   "pull_request": {"href": "https://api.github.com/repos/lanterna/social/pulls/7"}},
    }


def serve(fake: FakeGitHub, pr: PullRequest, reviews: list[dict] | None = None, author: str = "alice") -> None:
    """`GET /repos/{owner}/{repo}/pulls/7` and its reviews; statuses are accepted."""
    fake.routes[f"GET {API}/pulls/7"] = {
        "id": 1700, "number": 7, "state": "open", "draft": False, "title": "Posts for March",
        "user": user(author), "head": {"ref": "feature", "sha": pr.head}, "base": {"ref": "main", "sha": pr.base},
        "changed_files": 1, "html_url": "https://github.com/lanterna/social/pull/7",
    }
    fake.routes[f"GET {API}/pulls/7/reviews"] = reviews or []
    fake.routes[f"POST {API}/statuses/{pr.head}"] = lambda body, query: (201, {"id": 1, **(body or {})})


def run_gate(pr: PullRequest, fake: FakeGitHub, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`socialops review-gate` with a workflow's environment pointed at the fake."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "SOCIALOPS_"))}
    command = ["review-gate", "--base", pr.base, *args]
    if not any(arg == "--pr" for arg in args) and "GITHUB_EVENT_PATH" not in env:
        command += ["--pr", "7"]
    return run_cli(*command, cwd=pr.root, env={**clean, **environment(fake), **env})


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with fake_github() as server:
        yield server


def posted_statuses(fake: FakeGitHub) -> list[dict]:
    return [body for method, target, body in fake.requests if method == "POST" and "/statuses/" in target]


# -- what needs a director -------------------------------------------------------------------


def test_no_sensitive_change_passes_without_any_approval(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {POST: post()})
    serve(fake, pr)
    result = run_gate(pr, fake)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No director approval needed" in result.stdout
    assert fake.count("GET", f"{API}/pulls/7/reviews") == 0  # nothing to approve: reviews are not read


def test_sensitive_post_without_approval_fails(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "pat", "COMMENTED", None)])
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert f"{POST}: risk: sensitive" in result.stdout
    assert "sensitive_approvers in permissions.yaml at the base" in result.stdout and "dana" in result.stdout
    assert "none yet" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_waiver_fails_until_a_director_approves(tmp_path: Path, fake: FakeGitHub) -> None:
    waiver = "waivers:\n  - rule: cadence\n    reason: Live coverage of the launch event in Las Vegas.\n"
    pr = make_pr(tmp_path, {POST: post()}, {POST: post(waiver)})
    serve(fake, pr)
    waiting = run_gate(pr, fake)
    assert waiting.returncode == 1
    assert f"{POST}: waiver of cadence" in waiting.stdout
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)])
    assert run_gate(pr, fake).returncode == 0


def test_sensitive_term_without_risk_fails(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {POST: post(body="Voluntary recall of some charging cases.")})
    serve(fake, pr)
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert f"{POST}: sensitive term 'recall' (line 6)" in result.stdout


def test_term_lists_come_from_the_policy_and_off_turns_them_off(tmp_path: Path) -> None:
    pr = make_pr(tmp_path, {POST: post(body="Our winter playlist is out.")})
    assert gate.post_triggers(pr.root, [POST]) == []
    write_files(pr.root, {"policy.yaml": "version: 1\nhq_timezone: Asia/Shanghai\n"
                                         "rules:\n  sensitive-terms:\n    terms: {en: [playlist]}\n"})
    assert gate.post_triggers(pr.root, [POST]) == [gate.Trigger(POST, "sensitive term 'playlist' (line 6)")]
    write_files(pr.root, {"policy.yaml": "version: 1\nhq_timezone: Asia/Shanghai\nrules:\n  sensitive-terms: off\n",
                          POST: post(body="Voluntary recall of some charging cases.")})
    assert gate.post_triggers(pr.root, [POST]) == []


def test_a_post_the_loader_cannot_read_fails_closed(tmp_path: Path) -> None:
    pr = make_pr(tmp_path, {POST: "---\nrisk: [sensitive\n---\nHi\n"})
    [trigger] = gate.post_triggers(pr.root, [POST])
    assert trigger.path == POST and trigger.reason.startswith("cannot be read reliably")


@pytest.mark.parametrize("path", [".github/workflows/x.yml", "scripts/socialops/github/gate.py"])
def test_settings_files_fail(tmp_path: Path, fake: FakeGitHub, path: str) -> None:
    pr = make_pr(tmp_path, {path: "# changed\n"})
    serve(fake, pr)
    result = run_gate(pr, fake)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{path}: settings file" in result.stdout


def test_what_counts_as_a_settings_file() -> None:
    settings = ["accounts.yaml", "permissions.yaml", "policy.yaml", ".github/CODEOWNERS", ".ci/run", "Makefile",
                "pyproject.toml", "requirements.lock", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml",
                "scripts/socialops/cli.py", "site/hooks.py", "site/pages/index.md", "mkdocs.yml"]
    assert all(gate.is_settings_file(path) for path in settings)
    others = [POST, "content/campaigns/halo.md", "tests/test_cli.py", "README.md", "mkdocs.yml.bak",
              "content/posts/policy.yaml", "scripts.md"]
    assert not any(gate.is_settings_file(path) for path in others)


def test_deleting_or_renaming_a_settings_file_counts() -> None:
    assert gate.settings_triggers([Change("D", "permissions.yaml")]) == [
        gate.Trigger("permissions.yaml", "settings file (deleted)")]
    assert gate.settings_triggers([Change("R", "old/ci.sh", ".ci/run")]) == [
        gate.Trigger(".ci/run", "settings file (renamed to old/ci.sh)")]
    assert gate.settings_triggers([Change("R", ".github/workflows/a.yml", "notes/a.yml")]) == [
        gate.Trigger(".github/workflows/a.yml", "settings file (renamed from notes/a.yml)")]
    assert gate.settings_triggers([Change("M", "content/campaigns/x.md"), Change("A", "tests/test_new.py")]) == []


def test_a_deleted_post_needs_no_director() -> None:
    assert gate.changed_posts([Change("D", POST), Change("A", "content/media/a.png")]) == []


# -- which reviews count -------------------------------------------------------------------


def test_director_approval_of_the_head_passes(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)])
    result = run_gate(pr, fake)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Approved by dana" in result.stdout
    assert f"dana: APPROVED: counts: approved the head commit ({pr.head[:7]})" in result.stdout


def test_approval_of_an_older_commit_does_not_count(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE, {POST: post("risk: sensitive\n", "Safety notice, revised.")})
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.commits[0])])
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert f"approved an older commit ({pr.commits[0][:7]}), not the head ({pr.head[:7]})" in result.stdout


@pytest.mark.parametrize(("states", "passes"), [
    (["APPROVED", "CHANGES_REQUESTED"], False),
    (["CHANGES_REQUESTED", "APPROVED"], True),
    (["APPROVED", "COMMENTED"], True),  # a later comment does not cancel an approval
    (["APPROVED", "PENDING"], True),
    (["DISMISSED"], False),  # a dismissed approval: GitHub turns its state to DISMISSED
    (["APPROVED", "DISMISSED"], False),
])
def test_only_each_reviewers_latest_opinion_counts(tmp_path: Path, fake: FakeGitHub, states: list[str],
                                                   passes: bool) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(n, "dana", state, None if state == "PENDING" else pr.head)
                     for n, state in enumerate(states, start=1)])
    result = run_gate(pr, fake)
    assert result.returncode == (0 if passes else 1), result.stdout + result.stderr


def test_approval_by_someone_not_a_sensitive_approver_does_not_count(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "pat", "APPROVED", pr.head)])
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert "pat: APPROVED: does not count: not a sensitive approver" in result.stdout


def test_a_director_cannot_approve_their_own_pull_request(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)], author="Dana")
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert "dana: APPROVED: does not count: is the author of the pull request" in result.stdout


def test_an_approver_the_pull_request_adds_does_not_count(tmp_path: Path, fake: FakeGitHub) -> None:
    promoted = BASE_PERMISSIONS.replace("sensitive_approvers: [dana]", "sensitive_approvers: [dana, pat]")
    assert promoted != BASE_PERMISSIONS
    pr = make_pr(tmp_path, {**SENSITIVE, "permissions.yaml": promoted})
    serve(fake, pr, [review(1, "pat", "APPROVED", pr.head)])
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert "permissions.yaml: settings file" in result.stdout
    assert "pat: APPROVED: does not count: not a sensitive approver" in result.stdout


def test_an_approver_through_a_team_in_the_base_counts(tmp_path: Path, fake: FakeGitHub) -> None:
    with_team = BASE_PERMISSIONS.replace(
        "sensitive_approvers: [dana]",
        "teams:\n  directors: {github: acme/directors, members: [erin]}\nsensitive_approvers: [directors]")
    with_team = with_team.replace("people:\n", "people:\n  erin: {name: Erin Director, roles: [director], "
                                               "training: \"2026-01-10\"}\n")
    pr = make_pr(tmp_path, SENSITIVE, base_files={"permissions.yaml": with_team})
    assert gate.base_approvers(pr.root, pr.base) == (["erin"], [])
    serve(fake, pr, [review(1, "erin", "APPROVED", pr.head)])
    result = run_gate(pr, fake)
    assert result.returncode == 0, result.stdout + result.stderr


def test_logins_compare_ignoring_case(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "DaNa", "APPROVED", pr.head)])
    result = run_gate(pr, fake)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Approved by DaNa" in result.stdout


def test_reviews_on_every_page_are_read(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    chatter = [review(n, f"reader-{n % 7}", "COMMENTED", pr.head) for n in range(1, 250)]
    serve(fake, pr, [*chatter, review(250, "dana", "APPROVED", pr.head)])
    result = run_gate(pr, fake)
    assert result.returncode == 0, result.stdout + result.stderr
    assert fake.count("GET", f"{API}/pulls/7/reviews") == 3  # 100 + 100 + 50


def test_reviews_without_a_user_or_commit_are_safe() -> None:
    pull = gate.PullRequest(7, "b" * 40, "alice", 1)
    ghost = {**review(1, "x", "APPROVED", "b" * 40), "user": None}
    collected = {**review(2, "dana", "APPROVED", None)}
    notes = gate.assess_reviews([ghost, collected, "not a review"], pull, ["dana"])  # type: ignore[list-item]
    assert notes == [gate.ReviewNote("dana", "APPROVED", False, "approved a commit GitHub no longer has, not the head")]


def test_nobody_can_approve_when_the_base_names_no_approver(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE, base_files={
        "permissions.yaml": BASE_PERMISSIONS.replace("sensitive_approvers: [dana]\n", "")})
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)])
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert "names no sensitive_approvers: nobody can approve" in result.stdout


# -- failing closed ----------------------------------------------------------------------------


def test_an_api_failure_fails_with_a_message(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {POST: post()})
    serve(fake, pr)
    fake.routes[f"GET {API}/pulls/7"] = lambda body, query: (500, {"message": "Server Error"})
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert "cannot decide, so the gate fails" in result.stderr and "HTTP 500 Server Error" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_a_reviews_failure_fails_and_sets_a_failure_status(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr)
    fake.routes[f"GET {API}/pulls/7/reviews"] = lambda body, query: (502, {"message": "Bad Gateway"})
    result = run_gate(pr, fake, "--status")
    assert result.returncode == 1 and "HTTP 502" in result.stderr
    assert [status["state"] for status in posted_statuses(fake)] == ["failure"]


def test_a_missing_token_fails_with_a_message(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {POST: post()})
    serve(fake, pr)
    result = run_gate(pr, fake, GITHUB_TOKEN="")
    assert result.returncode == 1
    assert "GITHUB_TOKEN is not set" in result.stderr
    assert fake.requests == []


def test_an_unknown_pull_request_number_is_a_usage_error(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {POST: post()})
    result = run_gate(pr, fake, GITHUB_EVENT_PATH=str(tmp_path / "missing.json"))
    assert result.returncode == 2
    assert "give --pr N" in result.stderr


def test_an_unknown_base_fails(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {POST: post()})
    serve(fake, pr)
    result = run_gate(pr, fake, "--base", "0" * 40)
    assert result.returncode == 1
    assert "git diff failed" in result.stderr and "fetch-depth: 0" in result.stderr


def test_a_checkout_without_the_head_does_not_decide(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr)
    fake.routes[f"GET {API}/pulls/7"]["head"]["sha"] = "c" * 40  # pushed after this run checked out
    fake.routes[f"POST {API}/statuses/{'c' * 40}"] = lambda body, query: (201, body)
    result = run_gate(pr, fake, "--status")
    assert result.returncode == 1
    assert "does not contain the pull request's head" in result.stderr
    assert posted_statuses(fake) == []  # the run for the new head decides


def test_no_changes_while_github_lists_some_fails(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {POST: post()})
    serve(fake, pr)
    result = run_gate(pr, fake, "--base", "HEAD")
    assert result.returncode == 1
    assert "is --base the pull request's base commit?" in result.stderr


# -- what it reports ------------------------------------------------------------------------------


def test_the_pull_request_number_comes_from_the_event(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)])
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"action": "submitted", "review": review(1, "dana", "APPROVED", pr.head),
                                 "pull_request": {"number": 7, "base": {"sha": pr.base}, "head": {"sha": pr.head}}}))
    result = run_gate(pr, fake, GITHUB_EVENT_PATH=str(event))
    assert result.returncode == 0, result.stdout + result.stderr


def test_status_is_set_on_the_head(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr)
    run_env = {"GITHUB_SERVER_URL": "https://github.com", "GITHUB_RUN_ID": "4242"}
    failed = run_gate(pr, fake, "--status", **run_env)
    assert failed.returncode == 1
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)])
    passed = run_gate(pr, fake, "--status", **run_env)
    assert passed.returncode == 0
    assert f"set the commit status socialops/review-gate to success on {pr.head[:7]}" in passed.stdout
    target = "https://github.com/lanterna/social/actions/runs/4242"
    assert posted_statuses(fake) == [
        {"state": "failure", "context": "socialops/review-gate", "target_url": target,
         "description": "Needs a sensitive approver's approval of the head: 1 file (see the run)"},
        {"state": "success", "context": "socialops/review-gate", "target_url": target,
         "description": "Approved by dana"},
    ]
    assert all(len(status["description"]) <= 140 for status in posted_statuses(fake))


def test_status_without_a_run_has_no_target_url(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {POST: post()})
    serve(fake, pr)
    assert run_gate(pr, fake, "--status").returncode == 0
    assert posted_statuses(fake) == [{"state": "success", "context": "socialops/review-gate",
                                      "description": "No director approval needed"}]


def test_a_read_only_token_keeps_the_decision(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {POST: post()})
    serve(fake, pr)
    fake.routes[f"POST {API}/statuses/{pr.head}"] = lambda body, query: (
        403, {"message": "Resource not accessible by integration"})
    result = run_gate(pr, fake, "--status")
    assert result.returncode == 0
    assert "HTTP 403 Resource not accessible by integration" in result.stdout
    assert "read-only" in result.stdout


def test_other_status_failures_fail_the_job(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {POST: post()})
    serve(fake, pr)
    fake.routes[f"POST {API}/statuses/{pr.head}"] = lambda body, query: (500, {"message": "Server Error"})
    result = run_gate(pr, fake, "--status")
    assert result.returncode == 1
    assert "could not set the commit status" in result.stderr


def test_step_summary_says_why(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {**SENSITIVE, "policy.yaml": "version: 1\nhq_timezone: UTC\nrules: {}\n"},
                 {POST: post("risk: sensitive\n", "Safety notice, revised.")})
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.commits[0]), review(2, "pat", "APPROVED", pr.head)])
    summary = tmp_path / "summary.md"
    result = run_gate(pr, fake, GITHUB_STEP_SUMMARY=str(summary))
    assert result.returncode == 1
    text = summary.read_text("utf-8")
    assert text.startswith("## Director gate: failed ❌")
    assert f"| `{POST}` | risk: sensitive |" in text
    assert "| `policy.yaml` | settings file |" in text
    assert "`sensitive_approvers` in permissions.yaml at the base" in text and "`dana`" in text
    assert f"| `dana` | APPROVED | no | approved an older commit ({pr.commits[0][:7]}), not the head" in text
    assert "| `pat` | APPROVED | no | not a sensitive approver |" in text


# -- the workflow ---------------------------------------------------------------------------------


def test_workflow_runs_on_every_pull_request_and_review() -> None:
    source = (ROOT / ".github" / "workflows" / "review-gate.yml").read_text("utf-8")
    workflow = yaml.safe_load(source)
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers["pull_request"]["types"]) == {"opened", "synchronize", "reopened", "ready_for_review",
                                                      "edited"}  # edited: also a new base branch
    assert set(triggers["pull_request_review"]["types"]) == {"submitted", "dismissed", "edited"}
    assert "paths" not in triggers["pull_request"] and "paths-ignore" not in triggers["pull_request"]
    assert workflow["permissions"] == {}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "pull-requests": "read", "statuses": "write"}
    assert "if" not in job and all("if" not in step for step in job["steps"])  # a skipped check counts as passed
    checkout = job["steps"][0]
    assert checkout["with"] == {"persist-credentials": False, "fetch-depth": 0}
    gate_step = job["steps"][-1]
    assert "${{" not in gate_step["run"]  # expressions go through env, never into the shell
    assert gate_step["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert "--status" in gate_step["run"] and '--base "$BASE_SHA"' in gate_step["run"]
