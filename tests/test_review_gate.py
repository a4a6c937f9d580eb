"""The director gate (policy 3.3.2), run as the workflow runs it: a real git repository
standing for GitHub's copy (main, other branches, and the pull request's head under
refs/pull/N/head), a clone of its default branch standing for the workflow's trusted
checkout, and the local stand-in for GitHub's REST API (tests/github_server.py) answering
with payloads shaped like GitHub's documented ones."""

from __future__ import annotations

import argparse
import base64
import json
import os
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from socialops.github import changes, gate, paths, pulls, triggers
from socialops.github.changes import Change
from socialops.github.markdown import ZWSP
from tests.conftest import ROOT, make_repo, run_cli, write_files
from tests.git_server import git_http
from tests.github_server import FakeGitHub, environment, fake_github

API = "/repos/lanterna/social"
POST = "content/posts/acme-us-x/2026/2026-03-02-hello.md"
OTHER = "content/posts/acme-us-x/2026/2026-03-03-other.md"
MEDIA = "content/media/recall-notice.png"
BASE_PERMISSIONS = (ROOT / "tests" / "fixtures" / "base" / "permissions.yaml").read_text("utf-8")
# main and release are protected; any other branch is not
BRANCH_PROTECTION = "branches:\n  main: {block_deletions: true}\n  release: {block_deletions: true}\n"


def post(front: str = "", body: str = "Hello from Acme.") -> str:
    return f"---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n{front}---\n{body}\n"


SENSITIVE = {POST: post("risk: sensitive\n", "Safety notice: check your charging case serial number.")}
WAIVER = "waivers:\n  - rule: cadence\n    reason: Live coverage of the launch event in Las Vegas.\n"
WITH_MEDIA = f"media:\n  - file: {MEDIA}\n    alt: How to find the serial number.\n"


# -- a pull request: GitHub's repository, the workflow's checkout, and what the API says ------


def git(root: Path, *args: str) -> str:
    command = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false",
               *args]
    return subprocess.run(command, cwd=root, capture_output=True, text=True, check=True).stdout.strip()


@dataclass
class PullRequest:
    origin: Path  # GitHub's copy: branches, and refs/pull/N/head
    checkout: Path  # the workflow's checkout of the default branch (trusted)
    base: str  # main when the branch was made
    commits: list[str] = field(default_factory=list)  # the branch's commits, oldest first
    number: int = 7

    @property
    def head(self) -> str:
        return self.commits[-1] if self.commits else self.base


def commit(root: Path, files: dict, message: str = "change") -> str:
    write_files(root, files)
    git(root, "add", "-A")
    git(root, "commit", "-q", "--allow-empty", "-m", message)
    return git(root, "rev-parse", "HEAD")


def make_pr(tmp_path: Path, *commits: dict, base_files: dict | None = None, number: int = 7) -> PullRequest:
    """The base fixture (plus `base_files`) committed on main, one commit per dict on the
    pull request's branch (published as refs/pull/N/head), and a clone of main."""
    origin = make_repo(tmp_path, {".github/branch-protection.yaml": BRANCH_PROTECTION, **(base_files or {})})
    git(origin, "init", "-q", "-b", "main")
    base = commit(origin, {}, "base")
    git(origin, "checkout", "-q", "-b", "feature")
    shas = [commit(origin, files, f"change {n}") for n, files in enumerate(commits, start=1)]
    pr = PullRequest(origin, tmp_path / "checkout", base, shas, number)
    git(origin, "update-ref", f"refs/pull/{number}/head", pr.head)
    git(origin, "checkout", "-q", "main")
    git(tmp_path, "clone", "-q", str(origin), str(pr.checkout))
    return pr


def on_branch(pr: PullRequest, branch: str, files: dict, start: str | None = None) -> str:
    """Commit `files` on `branch` of GitHub's copy (created from `start`, default main)."""
    exists = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"refs/heads/{branch}"], cwd=pr.origin,
                            capture_output=True).returncode == 0
    if exists:
        git(pr.origin, "checkout", "-q", branch)
    else:
        git(pr.origin, "checkout", "-q", "-b", branch, start or "main")
    sha = commit(pr.origin, files, f"on {branch}")
    git(pr.origin, "checkout", "-q", "main")
    return sha


def push(pr: PullRequest, files: dict) -> str:
    """A new commit on the pull request's branch, published as its head."""
    sha = on_branch(pr, "feature", files)
    pr.commits.append(sha)
    git(pr.origin, "update-ref", f"refs/pull/{pr.number}/head", sha)
    return sha


def user(login: str) -> dict:
    return {"login": login, "id": 1000 + sum(map(ord, login)), "node_id": f"U_{login}", "type": "User",
            "site_admin": False, "html_url": f"https://github.com/{login}"}


def review(number: int, login: str, state: str, commit_id: str | None) -> dict:
    """A review as `GET /repos/{owner}/{repo}/pulls/{n}/reviews` lists it. A dismissed
    review is the review itself with state DISMISSED (GitHub adds no second entry)."""
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


def pr_commit(sha: str, author: str | None = "alice", committer: str | None = None) -> dict:
    """A commit as `GET /repos/{owner}/{repo}/pulls/{n}/commits` lists it; `author` and
    `committer` are GitHub accounts (null when GitHub cannot match the e-mail address)."""
    committer = author if committer is None else committer
    return {
        "sha": sha, "node_id": f"C_{sha[:8]}", "url": f"https://api.github.com/repos/lanterna/social/commits/{sha}",
        "commit": {"author": {"name": author or "Someone", "email": f"{author or 'someone'}@example.invalid",
                              "date": "2026-03-01T09:00:00Z"},
                   "committer": {"name": committer or "Someone", "email": f"{committer or 'someone'}@example.invalid",
                                 "date": "2026-03-01T09:00:00Z"},
                   "message": "change", "comment_count": 0},
        "author": user(author) if author else None, "committer": user(committer) if committer else None,
        "parents": [],
    }


REPOSITORY = {"id": 4242, "name": "social", "full_name": "lanterna/social",
              "url": "https://api.github.com/repos/lanterna/social"}


def pull_payload(pr: PullRequest, number: int | None = None, base_ref: str = "main", author: str = "alice",
                 head: str | None = None, changed_files: int = 1, state: str = "open",
                 commits: int | None = None) -> dict:
    """A pull request as `GET /repos/{owner}/{repo}/pulls/{n}` answers."""
    number = number or pr.number
    return {
        "id": 1700 + number, "number": number, "state": state, "draft": False, "title": "Posts for March",
        "user": user(author), "html_url": f"https://github.com/lanterna/social/pull/{number}",
        "head": {"label": "lanterna:feature", "ref": "feature", "sha": head or pr.head, "repo": REPOSITORY},
        "base": {"label": f"lanterna:{base_ref}", "ref": base_ref, "sha": pr.base, "repo": REPOSITORY},
        "changed_files": changed_files, "commits": len(pr.commits) if commits is None else commits,
    }


# GitHub's permission for each login a test approves with (GET collaborators/{login}/permission)
PERMISSIONS = {"dana": "write", "DaNa": "write", "erin": "admin", "pat": "write"}


def permission(login: str, level: str) -> dict:
    """`GET /repos/{owner}/{repo}/collaborators/{username}/permission`: the legacy base role
    (admin, write, read, none; maintain is given as write, triage as read) and the role's name."""
    return {"permission": level, "role_name": level, "user": {**user(login), "permissions": {
        "admin": level == "admin", "maintain": level == "admin", "push": level in ("admin", "write"),
        "triage": level != "none", "pull": level != "none"}}}


def serve(fake: FakeGitHub, pr: PullRequest, reviews: list[dict] | None = None, author: str = "alice",
          commits: list[dict] | None = None, permissions: dict[str, str] | None = None, **pull: object) -> dict:
    """GitHub's answers for pull request N (its reviews, its commits, the open pull requests,
    reviewers' permissions); statuses on the head are accepted."""
    payload = pull_payload(pr, author=author, **pull)  # type: ignore[arg-type]
    number = payload["number"]
    fake.routes[f"GET {API}/pulls/{number}"] = payload
    fake.routes[f"GET {API}/pulls"] = [payload]
    fake.routes[f"GET {API}/pulls/{number}/reviews"] = reviews or []
    fake.routes[f"GET {API}/pulls/{number}/commits"] = (
        commits if commits is not None else [pr_commit(sha, author) for sha in pr.commits])
    for login, level in (PERMISSIONS if permissions is None else permissions).items():
        fake.routes[f"GET {API}/collaborators/{login}/permission"] = permission(login, level)
    fake.routes[f"POST {API}/statuses/{payload['head']['sha']}"] = lambda body, query: (201, {"id": 1, **(body or {})})
    return payload


def run_gate(pr: PullRequest, fake: FakeGitHub, *args: str, **env: str) -> subprocess.CompletedProcess:
    """`socialops review-gate` in the trusted checkout, with a workflow's environment pointed at the fake."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "SOCIALOPS_"))}
    command = ["review-gate", *args]
    if not any(arg in ("--pr", "--head-sha") for arg in args) and "GITHUB_EVENT_PATH" not in env:
        command += ["--pr", str(pr.number)]
    return run_cli(*command, cwd=pr.checkout, env={**clean, **environment(fake), **env})


@pytest.fixture
def fake() -> Iterator[FakeGitHub]:
    with fake_github() as server:
        yield server


def posted_statuses(fake: FakeGitHub) -> list[dict]:
    return [body for method, target, body in fake.requests if method == "POST" and "/statuses/" in target]


def states(fake: FakeGitHub) -> list[str]:
    return [status["state"] for status in posted_statuses(fake)]


PENDING = {"state": "pending", "context": "socialops/review-gate", "description": "The director gate is deciding (see the run)"}


def triggers_of(pr: PullRequest) -> list[gate.Trigger]:
    """What the pull request changes that needs a director, read from GitHub's copy directly."""
    tip = git(pr.origin, "rev-parse", "main")
    base = git(pr.origin, "merge-base", tip, pr.head)
    changed = changes.changed_files(pr.origin, base, pr.head)
    return triggers.find_triggers(pr.origin, changed, base, tip, pr.head, "main")


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
    assert "sensitive_approvers in permissions.yaml on main at" in result.stdout and "dana" in result.stdout
    assert "none yet" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_waiver_fails_until_a_director_approves(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {POST: post()}, {POST: post(WAIVER)})
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


def test_term_lists_come_from_the_protected_branchs_policy(tmp_path: Path) -> None:
    playlist = "version: 1\nhq_timezone: Asia/Shanghai\nrules:\n  sensitive-terms:\n    terms: {en: [playlist]}\n"
    pr = make_pr(tmp_path, {POST: post(body="Our winter playlist is out.")})
    assert triggers_of(pr) == []
    on_branch(pr, "main", {"policy.yaml": playlist})  # main's policy now, not the policy the branch started from
    assert triggers_of(pr) == [triggers.Trigger(POST, "sensitive term 'playlist' (line 6)")]
    on_branch(pr, "main", {"policy.yaml": "version: 1\nhq_timezone: Asia/Shanghai\nrules:\n  sensitive-terms: off\n"})
    push(pr, {POST: post(body="Voluntary recall of some charging cases.")})
    assert triggers_of(pr) == []


def test_a_pull_request_cannot_turn_the_term_lists_off_for_itself(tmp_path: Path) -> None:
    pr = make_pr(tmp_path, {"policy.yaml": "version: 1\nhq_timezone: UTC\nrules:\n  sensitive-terms: off\n",
                            POST: post(body="Voluntary recall of some charging cases.")})
    assert triggers_of(pr) == [triggers.Trigger("policy.yaml", "settings file"),
                               triggers.Trigger(POST, "sensitive term 'recall' (line 6)")]


def test_a_post_the_loader_cannot_read_fails_closed(tmp_path: Path) -> None:
    pr = make_pr(tmp_path, {POST: "---\nrisk: [sensitive\n---\nHi\n"})
    [trigger] = triggers_of(pr)
    assert trigger.path == POST and trigger.reason.startswith("cannot be read reliably")


@pytest.mark.parametrize("path", [".github/workflows/x.yml", "scripts/socialops/github/gate.py"])
def test_settings_files_fail(tmp_path: Path, fake: FakeGitHub, path: str) -> None:
    pr = make_pr(tmp_path, {path: "# changed\n"})
    serve(fake, pr)
    result = run_gate(pr, fake)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{path}: settings file" in result.stdout


def test_what_counts_as_a_settings_file() -> None:
    """The named settings and tooling: what CODEOWNERS lists by name (paths.SETTINGS, paths.TOOLING)."""
    settings = ["accounts.yaml", "permissions.yaml", "policy.yaml", ".github/CODEOWNERS", ".ci/run", "Makefile",
                "pyproject.toml", "requirements.lock", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml",
                "scripts/socialops/cli.py", "site/hooks.py", "site/pages/index.md", "mkdocs.yml"]
    assert all(paths.is_protected(path) for path in settings)
    others = [POST, "content/campaigns/halo.md", "tests/test_cli.py", "README.md", "mkdocs.yml.bak",
              "content/posts/policy.yaml", "scripts.md"]
    assert not any(paths.is_protected(path) for path in others)


def test_any_change_outside_content_needs_a_director() -> None:
    """What steers the checks is more than the named tooling: GNU make reads GNUmakefile and
    makefile before Makefile, pytest reads conftest.py, pytest.ini, tox.ini and setup.cfg,
    the tests job runs tests/. CODEOWNERS gives all of it to the sensitive approvers (`*`)."""
    outside = ["GNUmakefile", "makefile", "setup.py", "setup.cfg", "conftest.py", "pytest.ini", "tox.ini",
               "tests/test_cli.py", "tests/conftest.py", "README.md", "scripts.md", "content", "contents/x.md",
               ".gitmodules", "content/posts/.gitattributes", "content/.gitattributes", *paths.SETTINGS]
    assert all(paths.needs_director(path) for path in outside)
    inside = [POST, "content/campaigns/halo.md", "content/media/a.png", "content/posts/policy.yaml",
              "content/posts/acme-us-x/.gitignore"]
    assert not any(paths.needs_director(path) for path in inside)
    assert paths.why_director("Makefile") == "settings file"
    assert paths.why_director("makefile") == "outside content/ (code, tests, configuration or documentation)"
    assert paths.why_director("content/.gitattributes").startswith("git attributes")


def test_deleting_or_renaming_a_file_outside_content_counts() -> None:
    assert triggers.path_triggers([Change("D", "permissions.yaml")]) == [
        triggers.Trigger("permissions.yaml", "settings file (deleted)")]
    assert triggers.path_triggers([Change("R", "old/ci.sh", ".ci/run")]) == [
        triggers.Trigger("old/ci.sh", "outside content/ (code, tests, configuration or documentation) (renamed "
                                      "from .ci/run)"),
        triggers.Trigger(".ci/run", "settings file (renamed to old/ci.sh)")]
    assert triggers.path_triggers([Change("R", "content/notes/a.yml", ".github/workflows/a.yml")]) == [
        triggers.Trigger(".github/workflows/a.yml", "settings file (renamed to content/notes/a.yml)")]
    assert triggers.path_triggers([Change("A", "tests/test_new.py")]) == [
        triggers.Trigger("tests/test_new.py", "outside content/ (code, tests, configuration or documentation)")]
    assert triggers.path_triggers([Change("M", "content/campaigns/x.md"), Change("A", "content/media/b.png")]) == []


# -- a downgrade: the base's version of a post counts too ------------------------------------


@pytest.mark.parametrize(("before", "reason"), [
    (post("risk: sensitive\n", "Safety notice."), "risk: sensitive"),
    (post(WAIVER), "waiver of cadence"),
    (post(body="Voluntary recall of some charging cases."), "sensitive term 'recall' (line 6)"),
])
def test_turning_a_sensitive_post_into_a_normal_one_needs_a_director(tmp_path: Path, fake: FakeGitHub,
                                                                     before: str, reason: str) -> None:
    pr = make_pr(tmp_path, {POST: post(body="A normal post now.")}, base_files={POST: before})
    serve(fake, pr)
    result = run_gate(pr, fake)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{POST}: changes a post that needs a director at the base (the merge base {pr.base[:7]}): {reason}" \
        in result.stdout


def test_deleting_a_sensitive_post_needs_a_director(tmp_path: Path, fake: FakeGitHub) -> None:
    # Withdrawing a sensitive post is a sensitive decision; and a deletion plus a new file
    # under another name is a rename git may not pair, which would otherwise hide a downgrade.
    pr = make_pr(tmp_path, {POST: None}, base_files=SENSITIVE)
    serve(fake, pr)
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert f"{POST}: deletes a post that needs a director at the base" in result.stdout


def test_deleting_a_normal_post_needs_no_director(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {POST: None}, base_files={POST: post()})
    serve(fake, pr)
    assert run_gate(pr, fake).returncode == 0


def test_renaming_a_sensitive_post_into_a_normal_one_needs_a_director(tmp_path: Path) -> None:
    renamed = "content/posts/acme-us-x/2026/2026-03-04-hello.md"
    body = "Hello from Acme, with a body long enough for git to see the renamed file as the same one."
    pr = make_pr(tmp_path, {POST: None, renamed: post(body=body)}, base_files={POST: post("risk: sensitive\n", body)})
    assert triggers_of(pr) == [triggers.Trigger(
        POST, f"renames (to {renamed}) a post that needs a director at the base (the merge base {pr.base[:7]}): "
              "risk: sensitive")]


def test_the_protected_branchs_current_version_counts(tmp_path: Path, fake: FakeGitHub) -> None:
    """main made the post sensitive after the branch was made; the pull request's edit of
    it would merge into a sensitive post."""
    pr = make_pr(tmp_path, {POST: post(body="Hello from Acme, edited.")}, base_files={POST: post()})
    tip = on_branch(pr, "main", {POST: post("risk: sensitive\n")})
    serve(fake, pr)
    result = run_gate(pr, fake)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{POST}: changes a post that needs a director at the base (main {tip[:7]}): risk: sensitive" \
        in result.stdout


def test_the_diff_starts_at_the_merge_base_with_the_branch_now(tmp_path: Path, fake: FakeGitHub) -> None:
    """The event's base.sha is stale once the branch has merged main: main's own sensitive
    post, already approved there, is not the pull request's change."""
    pr = make_pr(tmp_path, {OTHER: post()})
    on_branch(pr, "main", SENSITIVE)
    git(pr.origin, "checkout", "-q", "feature")
    git(pr.origin, "-c", "user.name=T", "-c", "user.email=t@example.invalid", "merge", "-q", "--no-edit", "main")
    pr.commits.append(git(pr.origin, "rev-parse", "HEAD"))
    git(pr.origin, "update-ref", "refs/pull/7/head", pr.head)
    git(pr.origin, "checkout", "-q", "main")
    serve(fake, pr)  # base.sha: the old pull request base
    result = run_gate(pr, fake)
    assert result.returncode == 0, result.stdout + result.stderr


# -- media, links and type changes ---------------------------------------------------------------


def test_swapping_the_media_of_a_sensitive_post_needs_a_director(tmp_path: Path, fake: FakeGitHub) -> None:
    sensitive_with_media = post("risk: sensitive\n" + WITH_MEDIA, "Safety notice: see the picture.")
    pr = make_pr(tmp_path, {MEDIA: {"image": [40, 30, "PNG"]}},
                 base_files={POST: sensitive_with_media, MEDIA: {"image": [20, 10, "PNG"]}})
    serve(fake, pr)
    result = run_gate(pr, fake)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{MEDIA}: media of {POST}, which needs a director (risk: sensitive)" in result.stdout


def test_media_of_a_post_the_pull_request_makes_sensitive_counts(tmp_path: Path) -> None:
    pr = make_pr(tmp_path, {MEDIA: {"image": [40, 30, "PNG"]}, POST: post("risk: sensitive\n" + WITH_MEDIA)},
                 base_files={POST: post(WITH_MEDIA), MEDIA: {"image": [20, 10, "PNG"]}})
    assert triggers.Trigger(MEDIA, f"media of {POST}, which needs a director (risk: sensitive)") in triggers_of(pr)


def test_media_of_a_normal_post_needs_no_director(tmp_path: Path) -> None:
    pr = make_pr(tmp_path, {MEDIA: {"image": [40, 30, "PNG"]}},
                 base_files={POST: post(WITH_MEDIA), MEDIA: {"image": [20, 10, "PNG"]}})
    assert triggers_of(pr) == []


def test_a_link_under_content_needs_a_director(tmp_path: Path) -> None:
    pr = make_pr(tmp_path, base_files={POST: post()})
    (pr.origin / "content" / "media" / "notice.png").symlink_to("avatar.png")
    push(pr, {})
    assert triggers_of(pr) == [triggers.Trigger("content/media/notice.png", "a symbolic link at or under content/: a "
                                                "change to what it points to would not show as a change to a post")]


def test_a_post_turned_into_a_link_needs_a_director(tmp_path: Path) -> None:
    pr = make_pr(tmp_path, base_files={POST: post(), OTHER: post()})
    (pr.origin / POST).unlink()
    (pr.origin / POST).symlink_to(Path(OTHER).name)
    push(pr, {})
    found = triggers_of(pr)
    assert triggers.Trigger(POST, "changes the kind of entry (file to symbolic link)") in found
    assert any(t.path == POST and "it is a symbolic link, not a file" in t.reason for t in found)


def test_a_type_change_anywhere_needs_a_director(tmp_path: Path) -> None:
    pr = make_pr(tmp_path, base_files={"notes/readme.txt": "notes\n", "notes/other.txt": "other\n"})
    (pr.origin / "notes" / "readme.txt").unlink()
    (pr.origin / "notes" / "readme.txt").symlink_to("other.txt")
    push(pr, {})
    assert triggers_of(pr) == [
        triggers.Trigger("notes/readme.txt", "outside content/ (code, tests, configuration or documentation)"),
        triggers.Trigger("notes/readme.txt", "changes the kind of entry (file to symbolic link)")]


def test_the_fetch_gives_the_token_to_the_github_server_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GIT_CONFIG_COUNT", raising=False)
    basic = base64.b64encode(b"x-access-token:t0ken").decode()
    assert changes._auth("https://github.com/lanterna/social", "t0ken", "https://github.com") == {
        "GIT_CONFIG_COUNT": "1", "GIT_CONFIG_KEY_0": "http.https://github.com/.extraheader",
        "GIT_CONFIG_VALUE_0": f"AUTHORIZATION: basic {basic}"}
    for url in ("https://github.com.evil.example/lanterna/social", "http://github.com/lanterna/social",
                "/tmp/origin", "git@github.com:lanterna/social.git"):
        assert changes._auth(url, "t0ken", "https://github.com") == {}
    assert changes._auth("https://github.com/lanterna/social", "", "https://github.com") == {}
    monkeypatch.setenv("GIT_CONFIG_COUNT", "2")  # someone else's configuration stays
    assert changes._auth("https://github.com/o/r", "t", "https://github.com")["GIT_CONFIG_KEY_2"].startswith("http.")


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


# Reviews as GitHub lists them: a dismissed review is that same review with state
# DISMISSED, not an extra entry after it.
@pytest.mark.parametrize(("states", "passes"), [
    (["APPROVED", "CHANGES_REQUESTED"], False),
    (["CHANGES_REQUESTED", "APPROVED"], True),
    (["APPROVED", "COMMENTED"], True),  # a later comment does not cancel an approval
    (["APPROVED", "PENDING"], True),
    (["DISMISSED"], False),  # the only approval, dismissed
    (["APPROVED", "DISMISSED"], False),  # the second, latest approval dismissed
    (["DISMISSED", "APPROVED"], True),  # dismissed, then approved again
    (["DISMISSED", "COMMENTED"], False),  # a comment does not bring a dismissed approval back
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
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)], author="Dana", commits=[pr_commit(pr.head, "alice")])
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert "dana: APPROVED: does not count: is the author of the pull request" in result.stdout


@pytest.mark.parametrize(("author", "committer"), [("dana", "alice"), ("alice", "DANA")])
def test_a_director_who_committed_to_the_pull_request_cannot_approve_it(
        tmp_path: Path, fake: FakeGitHub, author: str, committer: str) -> None:
    pr = make_pr(tmp_path, {POST: post()}, SENSITIVE)
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)],
          commits=[pr_commit(pr.commits[0], "alice"), pr_commit(pr.head, author, committer)])
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert "dana: APPROVED: does not count: authored or committed commits of the pull request" in result.stdout


def test_commits_without_a_github_account_name_nobody(tmp_path: Path, fake: FakeGitHub) -> None:
    """Only logins are compared: a commit whose e-mail GitHub cannot match has none."""
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)], commits=[pr_commit(pr.head, None, None)])
    assert run_gate(pr, fake).returncode == 0


def test_commits_github_does_not_list_leave_the_gate_undecided(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)], commits=[pr_commit(pr.head)])
    fake.routes[f"GET {API}/pulls/7"]["commits"] = 300  # GitHub lists at most 250
    result = run_gate(pr, fake, "--status")
    assert result.returncode == 1
    assert "lists 1 of the pull request's 300 commits" in result.stderr
    assert states(fake) == ["pending", "failure"]


def test_an_approver_the_pull_request_adds_does_not_count(tmp_path: Path, fake: FakeGitHub) -> None:
    promoted = BASE_PERMISSIONS.replace("sensitive_approvers: [dana]", "sensitive_approvers: [dana, pat]")
    assert promoted != BASE_PERMISSIONS
    pr = make_pr(tmp_path, {**SENSITIVE, "permissions.yaml": promoted})
    serve(fake, pr, [review(1, "pat", "APPROVED", pr.head)])
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert "permissions.yaml: settings file" in result.stdout
    assert "pat: APPROVED: does not count: not a sensitive approver" in result.stdout


def test_an_approver_through_a_team_on_the_branch_counts(tmp_path: Path, fake: FakeGitHub) -> None:
    with_team = BASE_PERMISSIONS.replace(
        "sensitive_approvers: [dana]",
        "teams:\n  directors: {github: acme/directors, members: [erin]}\nsensitive_approvers: [directors]")
    with_team = with_team.replace("people:\n", "people:\n  erin: {name: Erin Director, roles: [director], "
                                               "training: \"2026-01-10\"}\n")
    pr = make_pr(tmp_path, SENSITIVE, base_files={"permissions.yaml": with_team})
    assert gate.base_approvers(pr.origin, pr.base) == (["erin"], [])
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
    pull = pulls.PullRequest(7, "b" * 40, "alice", 1, "main", "open", 1)
    ghost = {**review(1, "x", "APPROVED", "b" * 40), "user": None}
    collected = {**review(2, "dana", "APPROVED", None)}
    notes = gate.assess_reviews([ghost, collected, "not a review"], pull, ["dana"])  # type: ignore[list-item]
    assert notes == [gate.ReviewNote("dana", "APPROVED", False, "approved a commit GitHub no longer has, not the head")]


def test_nobody_can_approve_when_the_branch_names_no_approver(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE, base_files={
        "permissions.yaml": BASE_PERMISSIONS.replace("sensitive_approvers: [dana]\n", "")})
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)])
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert "names no sensitive_approvers: nobody can approve" in result.stdout


# -- which pull requests, which head -----------------------------------------------------------


def test_a_pull_request_into_an_unprotected_branch_is_not_decided(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    on_branch(pr, "scratch", {}, start=pr.base)
    serve(fake, pr, base_ref="scratch")
    result = run_gate(pr, fake, "--status")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is into scratch, which .github/branch-protection.yaml does not protect" in result.stdout
    # the head's status is for the pull requests into protected branches: it stays as the run's start set it
    assert posted_statuses(fake) == [PENDING]
    assert "stays pending, as this run set it at its start" in result.stdout


def test_one_head_into_two_protected_branches_passes_only_when_both_pass(tmp_path: Path, fake: FakeGitHub) -> None:
    """The status belongs to the commit: release already has the branch's first commit, the
    sensitive post (nothing to approve there); main does not (a director must approve)."""
    pr = make_pr(tmp_path, SENSITIVE, {OTHER: post()})
    git(pr.origin, "branch", "release", pr.commits[0])
    into_main = serve(fake, pr)
    into_release = pull_payload(pr, number=8, base_ref="release")
    fake.routes[f"GET {API}/pulls/8"] = into_release
    fake.routes[f"GET {API}/pulls/8/reviews"] = []
    fake.routes[f"GET {API}/pulls"] = [into_main, into_release]
    git(pr.origin, "update-ref", "refs/pull/8/head", pr.head)
    result = run_gate(pr, fake, "--pr", "8", "--status")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "passed: pull request #8 into release" in result.stdout
    assert "FAILED: pull request #7 into main" in result.stdout
    assert posted_statuses(fake)[-1]["state"] == "failure"
    assert posted_statuses(fake)[-1]["description"].startswith("#7 into main: Needs a sensitive approver")
    fake.routes[f"GET {API}/pulls/7/reviews"] = [review(1, "dana", "APPROVED", pr.head)]
    assert run_gate(pr, fake, "--pr", "8", "--status").returncode == 0
    assert posted_statuses(fake)[-1] == {"state": "success", "context": "socialops/review-gate",
                                         "description": "Approved by dana"}


def test_a_head_github_no_longer_names_is_not_decided(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {POST: post()})
    old = pr.head
    push(pr, SENSITIVE)  # refs/pull/7/head moved on while GitHub's answer still names the old head
    serve(fake, pr, head=old)
    result = run_gate(pr, fake, "--status")
    assert result.returncode == 1
    assert f"the fetched head of pull request #7 is {pr.head[:7]}, but GitHub says {old[:7]}" in result.stderr
    assert states(fake) == ["pending"]  # the old head: the run for the newest head decides


def test_a_run_for_an_older_head_does_not_decide(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {POST: post()})
    old = pr.head
    push(pr, SENSITIVE)
    serve(fake, pr)
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"action": "synchronize", "number": 7, "repository": REPOSITORY,
                                 "pull_request": pull_payload(pr, head=old)}))
    result = run_gate(pr, fake, "--status", GITHUB_EVENT_PATH=str(event))
    assert result.returncode == 1
    assert f"head is now {pr.head[:7]}, not {old[:7]}" in result.stderr
    assert [(target.rsplit("/", 1)[1], body["state"]) for method, target, body in fake.requests
            if method == "POST"] == [(old, "pending")]  # the event's head: an old success there does not stay


def test_a_head_the_remote_does_not_have_fails_with_a_failure_status(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    git(pr.origin, "update-ref", "-d", "refs/pull/7/head")
    serve(fake, pr)
    result = run_gate(pr, fake, "--status")
    assert result.returncode == 1
    assert "cannot decide" in result.stderr and "git fetch failed" in result.stderr
    assert states(fake) == ["pending", "failure"]


def test_a_shallow_checkout_cannot_decide(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{pr.origin}", str(shallow))
    pr.checkout = shallow
    serve(fake, pr)
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert "the checkout is shallow" in result.stderr


def test_the_pull_request_target_event_names_the_pull_request_and_head(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)])
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"action": "synchronize", "number": 7, "repository": REPOSITORY,
                                 "pull_request": pull_payload(pr)}))
    result = run_gate(pr, fake, GITHUB_EVENT_PATH=str(event))
    assert result.returncode == 0, result.stdout + result.stderr


def workflow_run_event(pr: PullRequest, head: str, pull_requests: list[dict]) -> dict:
    """The workflow_run payload when "review-gate review" completes."""
    return {"action": "completed", "repository": REPOSITORY, "workflow": {"name": "review-gate review"},
            "workflow_run": {"id": 99, "name": "review-gate review", "event": "pull_request_review",
                             "status": "completed", "conclusion": "success", "head_branch": "feature",
                             "head_sha": head, "pull_requests": pull_requests}}


def test_a_review_run_finds_its_pull_request(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)])
    listed = {"id": 1707, "number": 7, "url": f"https://api.github.com{API}/pulls/7",
              "head": {"ref": "feature", "sha": pr.head, "repo": REPOSITORY},
              "base": {"ref": "main", "sha": pr.base, "repo": REPOSITORY}}
    event = tmp_path / "event.json"
    event.write_text(json.dumps(workflow_run_event(pr, pr.head, [listed])))
    result = run_gate(pr, fake, "--status", GITHUB_EVENT_PATH=str(event))
    assert result.returncode == 0, result.stdout + result.stderr
    assert states(fake) == ["pending", "success"]


def test_a_review_run_for_a_fork_finds_the_pull_request_by_its_head(tmp_path: Path, fake: FakeGitHub) -> None:
    """GitHub lists no pull request in workflow_run for a fork's: the open pull requests
    with the run's head commit are the ones to decide."""
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)])
    event = tmp_path / "event.json"
    event.write_text(json.dumps(workflow_run_event(pr, pr.head, [])))
    result = run_gate(pr, fake, "--status", GITHUB_EVENT_PATH=str(event))
    assert result.returncode == 0, result.stdout + result.stderr
    assert fake.count("GET", f"{API}/pulls?") == 1
    assert states(fake) == ["pending", "success"]


def test_a_review_run_for_a_head_that_moved_on_decides_nothing(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr)
    event = tmp_path / "event.json"
    event.write_text(json.dumps(workflow_run_event(pr, "f" * 40, [])))
    result = run_gate(pr, fake, "--status", GITHUB_EVENT_PATH=str(event))
    assert result.returncode == 0
    assert "no open pull request has the head fffffff" in result.stdout
    assert states(fake) == ["pending"]  # tried on the event's head (GitHub knows no such commit here)


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
    assert states(fake) == ["pending", "failure"]


def test_an_unexpected_error_ends_as_cannot_decide_with_a_failure_status(
        tmp_path: Path, fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)])
    for key in [key for key in os.environ if key.startswith("GITHUB_")]:
        monkeypatch.delenv(key)
    for key, value in environment(fake).items():
        monkeypatch.setenv(key, value)

    def broken(*args: object) -> object:
        raise KeyError("surprise")

    monkeypatch.setattr(gate, "base_approvers", broken)
    args = argparse.Namespace(pr=7, head_sha=None, remote="origin", repo=str(pr.checkout), repository=None,
                              status=True)
    assert gate.run(args) == 1
    assert "cannot decide, so the gate fails: unexpected error: KeyError: 'surprise'" in capsys.readouterr().err
    assert states(fake) == ["pending", "failure"]


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
    assert "give --pr N or --head-sha SHA" in result.stderr


def test_a_broken_branch_protection_file_cannot_decide(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {POST: post()})
    write_files(pr.checkout, {".github/branch-protection.yaml": "branches: [main]\n"})
    serve(fake, pr)
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert "which branches are protected cannot be read" in result.stderr


def test_no_changes_while_github_lists_some_fails(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path)  # the head is main's tip: git sees nothing to compare
    serve(fake, pr, changed_files=3)
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert "git finds no changes" in result.stderr and "changes 3 file(s)" in result.stderr


# -- what it reports ------------------------------------------------------------------------------


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
        {**PENDING, "target_url": target},
        {"state": "failure", "context": "socialops/review-gate", "target_url": target,
         "description": "Needs a sensitive approver's approval of the head: 1 file (see the run)"},
        {**PENDING, "target_url": target},
        {"state": "success", "context": "socialops/review-gate", "target_url": target,
         "description": "Approved by dana"},
    ]
    assert all(len(status["description"]) <= 140 for status in posted_statuses(fake))


def test_status_without_a_run_has_no_target_url(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, {POST: post()})
    serve(fake, pr)
    assert run_gate(pr, fake, "--status").returncode == 0
    assert posted_statuses(fake) == [PENDING, {"state": "success", "context": "socialops/review-gate",
                                               "description": "No director approval needed"}]


READ_ONLY = {"message": "Resource not accessible by integration",
             "documentation_url": "https://docs.github.com/rest/commits/statuses#create-a-commit-status"}
RATE_LIMITED = {"message": "API rate limit exceeded for installation ID 1.",
                "documentation_url": "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"}
NO_REQUESTS_LEFT = {"x-ratelimit-limit": "1000", "x-ratelimit-remaining": "0", "x-ratelimit-used": "1000",
                    "x-ratelimit-reset": "1772300000", "x-ratelimit-resource": "core"}


def test_a_read_only_token_fails_a_failing_decision_and_says_the_status_is_unchanged(
        tmp_path: Path, fake: FakeGitHub) -> None:
    """A read-only token can write no status, pending included: the head keeps whatever it
    had, possibly an earlier success, so a failing decision must fail the job and say so."""
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr)
    fake.routes[f"POST {API}/statuses/{pr.head}"] = lambda body, query: (403, READ_ONLY)
    result = run_gate(pr, fake, "--status")
    assert result.returncode == 1
    assert ("could not set the commit status socialops/review-gate to failure on "
            f"{pr.head[:7]} (POST /repos/lanterna/social/statuses/{pr.head}: HTTP 403 Resource not accessible by "
            "integration): the token may not write commit statuses (the job needs statuses: write); the head "
            "keeps the status it had before this run, which may be an earlier success") in result.stderr
    assert states(fake) == ["pending", "failure"]  # both tried, neither written


def test_a_read_only_token_leaves_a_passing_decision_as_it_is(tmp_path: Path, fake: FakeGitHub) -> None:
    """Nothing needs approval: the status could not be set (and the message says so), but the
    head's earlier status is the same commit's, so it is no success this decision denies."""
    pr = make_pr(tmp_path, {POST: post()})
    serve(fake, pr)
    fake.routes[f"POST {API}/statuses/{pr.head}"] = lambda body, query: (403, READ_ONLY)
    result = run_gate(pr, fake, "--status")
    assert result.returncode == 0
    assert "HTTP 403 Resource not accessible by integration): the token may not write commit statuses" in result.stderr
    assert "the required status was not changed" in result.stderr


@pytest.mark.parametrize(("status", "headers"), [(403, NO_REQUESTS_LEFT), (429, {"retry-after": "60"}),
                                                 (403, {"retry-after": "60"})])
def test_a_rate_limit_is_not_a_read_only_token(tmp_path: Path, fake: FakeGitHub, status: int,
                                               headers: dict[str, str]) -> None:
    pr = make_pr(tmp_path, {POST: post()})
    serve(fake, pr)
    fake.routes[f"POST {API}/statuses/{pr.head}"] = lambda body, query: (status, RATE_LIMITED, headers)
    result = run_gate(pr, fake, "--status")
    assert result.returncode == 1  # the decision passed, but the status could not be set
    assert f"HTTP {status} API rate limit exceeded for installation ID 1.): GitHub's rate limit" in result.stderr
    assert "may not write" not in result.stderr


class StatusStore:
    """GitHub's statuses of one commit, as a route: accepts or refuses each POST by its state."""

    def __init__(self, refuse: tuple[str, ...] = ()) -> None:
        self.accepted: list[str] = []
        self.refuse = refuse

    def __call__(self, body: dict | None, query: dict) -> tuple:
        state = (body or {}).get("state", "")
        if state in self.refuse:  # a secondary rate limit: GitHub says when to try again
            return 403, {"message": "You have exceeded a secondary rate limit. Please wait a few minutes before you "
                                    "try again."}, {"retry-after": "60"}
        self.accepted.append(state)
        return 201, {"id": len(self.accepted), **(body or {})}


def test_a_success_does_not_outlive_a_dismissal_when_the_decision_cannot_be_written(
        tmp_path: Path, fake: FakeGitHub) -> None:
    """Approved and green; the approval is dismissed; the next run cannot write its failure.
    The pending status it wrote first is what the head shows: not green."""
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)])
    store = StatusStore()
    fake.routes[f"POST {API}/statuses/{pr.head}"] = store
    assert run_gate(pr, fake, "--status").returncode == 0
    assert store.accepted == ["pending", "success"]
    fake.routes[f"GET {API}/pulls/7/reviews"] = [review(1, "dana", "DISMISSED", pr.head)]
    store.refuse = ("failure",)
    result = run_gate(pr, fake, "--status")
    assert result.returncode == 1
    assert store.accepted[-1] == "pending"  # the head's status now: not success
    assert "dana: DISMISSED: does not count: latest review was dismissed" in result.stdout
    assert ("could not set the commit status socialops/review-gate to failure" in result.stderr
            and "GitHub's rate limit; the head's status stays pending, as this run set it at its start"
            in result.stderr)


def test_when_no_status_can_be_written_the_job_fails_and_says_an_old_success_may_stay(
        tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "dana", "DISMISSED", pr.head)])
    store = StatusStore(refuse=("pending", "failure"))
    fake.routes[f"POST {API}/statuses/{pr.head}"] = store
    result = run_gate(pr, fake, "--status")
    assert result.returncode == 1 and store.accepted == []
    assert "could not set the commit status socialops/review-gate to pending" in result.stderr
    assert "the head keeps the status it had before this run, which may be an earlier success: re-run" in result.stderr


@pytest.mark.parametrize("failing", ["GET /pulls", "GET /pulls/7"])
def test_when_the_pull_request_cannot_be_read_the_events_head_fails(tmp_path: Path, fake: FakeGitHub,
                                                                    failing: str) -> None:
    """The event names the head: pending first, then failure there, so an old success does not stay."""
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)])
    store = StatusStore()
    fake.routes[f"POST {API}/statuses/{pr.head}"] = store
    method, path = failing.split(" ")
    fake.routes[f"{method} {API}{path}"] = lambda body, query: (502, {"message": "Bad Gateway"})
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"action": "synchronize", "number": 7, "repository": REPOSITORY,
                                 "pull_request": pull_payload(pr)}))
    result = run_gate(pr, fake, "--status", GITHUB_EVENT_PATH=str(event))
    assert result.returncode == 1
    assert "the pull request cannot be read from GitHub" in result.stderr and "HTTP 502" in result.stderr
    assert store.accepted == ["pending", "failure"]


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
    # through the one escaper: #7 is shown, not turned into a reference
    assert text.startswith(f"## Director gate: failed ❌\n\nPull request \\#{ZWSP}7 into main (main at ")
    assert f"| `{POST}` | risk: sensitive |" in text
    assert "| `policy.yaml` | settings file |" in text
    assert "`sensitive_approvers` in permissions.yaml on main at" in text and "`dana`" in text
    assert f"| `dana` | APPROVED | no | approved an older commit ({pr.commits[0][:7]}), not the head" in text
    assert "| `pat` | APPROVED | no | not a sensitive approver |" in text


# -- what the second review found -------------------------------------------------------------------

ACCOUNTS = (ROOT / "tests" / "fixtures" / "base" / "accounts.yaml").read_text("utf-8")
DE_POST = "content/posts/acme-de-instagram/2026/2026-03-02-rueckruf.md"


@pytest.mark.parametrize("language", ["de-DE", "en-DE", "ja-JP", None])
def test_every_term_list_is_searched_whatever_language_the_writer_names(tmp_path: Path, language: str | None) -> None:
    """The writer chooses `language` (en-DE is one of this account's languages): the German
    list must apply to German copy all the same, so every list is searched."""
    two_languages = ACCOUNTS.replace("languages: [de-DE]", "languages: [de-DE, en-DE]")
    assert two_languages != ACCOUNTS
    front = f"language: {language}\n" if language else ""
    pr = make_pr(tmp_path, {DE_POST: post(front, "Freiwilliger Rückruf einiger Ladeetuis.")},
                 base_files={"accounts.yaml": two_languages})
    line = 7 if language else 6
    assert triggers_of(pr) == [triggers.Trigger(DE_POST, f"sensitive term 'Rückruf' (line {line})")]


def test_terms_of_other_markets_and_languages_count_on_any_account(tmp_path: Path) -> None:
    pr = make_pr(tmp_path, {POST: post(body="Unsere リコール notice, and the Zölle.")})
    assert triggers_of(pr) == [triggers.Trigger(POST, "sensitive term 'リコール' (line 6), 'Zölle' (line 6)")]


def test_terms_in_the_title_and_in_alt_texts_count(tmp_path: Path) -> None:
    front = f"title: Our answer to the boycott\nmedia:\n  - file: {MEDIA}\n    alt: The recall notice, printed\n"
    pr = make_pr(tmp_path, {POST: post(front)}, base_files={MEDIA: {"image": [20, 10, "PNG"]}})
    assert triggers_of(pr) == [triggers.Trigger(POST, "sensitive term 'boycott' (line 5), 'recall' (line 8)")]


def test_file_names_that_are_not_utf8_are_kept_apart_and_cannot_be_read_reliably(
        tmp_path: Path, fake: FakeGitHub) -> None:
    """Two names git keeps apart once became one string; now each is its own, and a name
    that is not UTF-8 needs a director (nothing here can show or check it reliably)."""
    pr = make_pr(tmp_path, {OTHER: post()})
    git(pr.origin, "checkout", "-q", "feature")
    folder = os.fsencode(pr.origin / POST).rsplit(b"/", 1)[0]
    with open(folder + b"/2026-03-02-a\xfe.md", "w", encoding="utf-8") as handle:
        handle.write(post("risk: sensitive\n", "Safety notice: recall of charging cases."))
    with open(folder + b"/2026-03-02-a\xff.md", "w", encoding="utf-8") as handle:
        handle.write(post())
    push(pr, {})
    changed = changes.changed_files(pr.origin, pr.base, pr.head)
    assert len({change.path for change in changed}) == 3
    names = [f"content/posts/acme-us-x/2026/2026-03-02-a\\x{byte}.md" for byte in ("fe", "ff")]
    reason = "cannot be read reliably (its name is not valid UTF-8); rename it, or a director approves it as is"
    assert triggers_of(pr) == [triggers.Trigger(name, reason) for name in names]
    serve(fake, pr)
    result = run_gate(pr, fake, "--status")
    assert result.returncode == 1, result.stdout + result.stderr
    assert all(f"{name}: {reason}" in result.stdout for name in names)
    assert states(fake) == ["pending", "failure"]


@pytest.mark.parametrize("twin", ["content/posts/acme-us-x/2026/2026-03-02-HELLO.md",
                                  "content/posts/acme-us-x/2026/2026-03-02-cafe\u0301.md"])
def test_post_names_one_file_system_would_make_one_cannot_be_read_reliably(tmp_path: Path, twin: str) -> None:
    original = POST if "HELLO" in twin else "content/posts/acme-us-x/2026/2026-03-02-caf\u00e9.md"
    pr = make_pr(tmp_path, {twin: post()}, base_files={original: post("risk: sensitive\n")})
    [trigger] = triggers_of(pr)
    assert trigger.path == twin
    assert trigger.reason == (f"cannot be read reliably (its name differs from {original} only in case or Unicode "
                              "normalization); fix it, or a director approves it as is")


def test_a_content_folder_replaced_by_a_link_needs_a_director(tmp_path: Path) -> None:
    pr = make_pr(tmp_path, base_files={OTHER: post()})
    git(pr.origin, "checkout", "-q", "feature")
    git(pr.origin, "mv", "content", "c2")
    (pr.origin / "content").symlink_to("c2")
    git(pr.origin, "add", "content")
    git(pr.origin, "checkout", "-q", "main")  # the link and the move are in the index: commit them on feature
    git(pr.origin, "checkout", "-q", "feature")
    push(pr, {})
    found = triggers_of(pr)
    assert triggers.Trigger("content", "a symbolic link at or under content/: a change to what it points to would "
                                       "not show as a change to a post") in found
    assert triggers.Trigger("content", "outside content/ (code, tests, configuration or documentation)") in found


def test_a_post_larger_than_the_loader_reads_cannot_be_read_reliably(tmp_path: Path) -> None:
    big = post(body="x" * (1024 * 1024))
    pr = make_pr(tmp_path, {POST: big})
    assert triggers_of(pr) == [triggers.Trigger(POST, "cannot be read reliably (it is larger than 1024 KB); fix it, "
                                                      "or a director approves it as is")]


def test_a_submodule_where_a_post_belongs_needs_a_director(tmp_path: Path) -> None:
    pr = make_pr(tmp_path)
    git(pr.origin, "checkout", "-q", "feature")
    git(pr.origin, "update-index", "--add", "--cacheinfo", f"160000,{pr.base},{POST}")
    git(pr.origin, "commit", "-q", "-m", "a submodule")
    pr.commits.append(git(pr.origin, "rev-parse", "HEAD"))
    git(pr.origin, "update-ref", "refs/pull/7/head", pr.head)
    git(pr.origin, "reset", "-q", "--hard")
    git(pr.origin, "checkout", "-q", "main")
    assert triggers_of(pr) == [
        triggers.Trigger(POST, "a submodule at or under content/: a change to what it points to would not show as a "
                               "change to a post"),
        triggers.Trigger(POST, "cannot be read reliably (it is a submodule, not a file); fix it, or a director "
                               "approves it as is")]


@pytest.mark.parametrize("path", ["content/posts/acme-us-x/../x.md", "content/posts/./x.md", "content/posts//x.md",
                                  "content/posts/.git/x.md", "/content/posts/x.md", "content/posts/x.md/"])
def test_a_tree_path_that_could_leave_the_folder_is_not_written(path: str) -> None:
    assert not triggers.safe(path)
    assert triggers.safe("content/posts/acme-us-x/2026/2026-03-02-a..b.md")


def test_renaming_the_media_of_a_sensitive_post_needs_a_director(tmp_path: Path) -> None:
    moved = "content/media/moved.png"
    pr = make_pr(tmp_path, base_files={POST: post("risk: sensitive\n" + WITH_MEDIA), MEDIA: {"image": [20, 10, "PNG"]}})
    git(pr.origin, "checkout", "-q", "feature")
    git(pr.origin, "mv", MEDIA, moved)
    git(pr.origin, "checkout", "-q", "main")
    git(pr.origin, "checkout", "-q", "feature")
    push(pr, {})
    assert triggers_of(pr) == [triggers.Trigger(MEDIA, f"media of {POST}, which needs a director (risk: sensitive) "
                                                       f"(renamed to {moved})")]


@pytest.mark.parametrize("name", [f"./{MEDIA}", "content/media/../media/recall-notice.png", "content//media/recall-notice.png"])
def test_media_named_another_way_is_the_same_file(tmp_path: Path, name: str) -> None:
    sensitive = post(f"risk: sensitive\nmedia:\n  - file: {name}\n    alt: The notice.\n")
    pr = make_pr(tmp_path, {MEDIA: {"image": [40, 30, "PNG"]}},
                 base_files={POST: sensitive, MEDIA: {"image": [20, 10, "PNG"]}})
    assert triggers_of(pr) == [triggers.Trigger(MEDIA, f"media of {POST}, which needs a director (risk: sensitive)")]


@pytest.mark.parametrize("missing", ["commits", "changed_files", "state", "base"])
def test_a_pull_request_github_describes_without_a_field_cannot_be_decided(tmp_path: Path, fake: FakeGitHub,
                                                                            missing: str) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)])
    del fake.routes[f"GET {API}/pulls/7"][missing]
    result = run_gate(pr, fake, "--status", "--head-sha", pr.head, "--pr", "7")
    assert result.returncode == 1
    assert "the answer has no" in result.stderr and "so the pull request cannot be judged" in result.stderr
    assert states(fake) == ["pending", "failure"]


@pytest.mark.parametrize("branch", ["-main", ".hidden", "a..b", "a:b", "rel~1", "x.lock", "a/", "a//b", "a@{1"])
def test_a_branch_git_cannot_have_cannot_be_decided(tmp_path: Path, fake: FakeGitHub, branch: str) -> None:
    pr = make_pr(tmp_path, {POST: post()})
    write_files(pr.checkout, {".github/branch-protection.yaml": f"branches:\n  {json.dumps(branch)}: "
                                                                "{block_deletions: true}\n"})
    serve(fake, pr)
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert f"names branches git cannot have: {branch!r}" in result.stderr


def test_a_review_run_takes_only_a_pull_request_into_this_repository(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A workflow_run lists pull requests by head; another repository's (a fork's, with the
    same head) is not this one's, however low its number."""
    head = "c" * 40

    def listed(number: int, repository_id: int) -> dict:
        repo = {**REPOSITORY, "id": repository_id}
        return {"id": 1700 + number, "number": number, "head": {"ref": "feature", "sha": head, "repo": repo},
                "base": {"ref": "main", "sha": "d" * 40, "repo": repo}}

    event = tmp_path / "event.json"
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    cases = [([listed(3, 999), listed(7, REPOSITORY["id"])], REPOSITORY, (7, head)),
             ([listed(3, 999)], REPOSITORY, (None, head)),
             ([listed(7, REPOSITORY["id"])], None, (None, head))]  # which repository this is: unknown
    for pull_requests, repository, expected in cases:
        payload = {"action": "completed", "workflow_run": {"head_sha": head, "pull_requests": pull_requests}}
        if repository:
            payload["repository"] = repository
        event.write_text(json.dumps(payload))
        assert pulls.event_target() == expected


def test_the_token_reaches_the_fetch_and_goes_nowhere_else(tmp_path: Path, fake: FakeGitHub) -> None:
    """The remote is a git smart-HTTP server (git http-backend) that refuses a request without
    the token: the gate's fetch succeeds only if the token reaches git."""
    pr = make_pr(tmp_path, SENSITIVE)
    served = tmp_path / "served"
    git(tmp_path, "clone", "-q", "--mirror", str(pr.origin), str(served / "lanterna" / "social.git"))
    with git_http(served, token="test-token") as remote:
        git(pr.checkout, "remote", "set-url", "origin", f"{remote.url}/lanterna/social.git")
        serve(fake, pr, [review(1, "dana", "APPROVED", pr.head)])
        result = run_gate(pr, fake, GITHUB_SERVER_URL=remote.url)
        assert result.returncode == 0, result.stdout + result.stderr
        assert remote.seen and set(remote.seen) == {remote.expected}
        # the same remote named by another server: the token is not given, and the fetch is refused
        remote.seen.clear()
        result = run_gate(pr, fake, GITHUB_SERVER_URL="https://github.com")
        assert result.returncode == 1 and "git fetch failed" in result.stderr
        assert remote.seen and set(remote.seen) == {None}


def test_an_approver_without_write_access_does_not_count(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    cases = [("MEMBER", "read", "GitHub gives them read access to the repository, not write"),
             ("COLLABORATOR", "none", "GitHub gives them none access to the repository, not write"),
             ("CONTRIBUTOR", "write", "GitHub's author_association is CONTRIBUTOR"),
             ("NONE", "write", "GitHub's author_association is NONE")]
    for association, level, why in cases:
        approval = {**review(1, "dana", "APPROVED", pr.head), "author_association": association}
        serve(fake, pr, [approval], permissions={"dana": level})
        result = run_gate(pr, fake)
        assert result.returncode == 1, (association, level)
        assert f"dana: APPROVED: does not count: has no write access to the repository ({why})" in result.stdout


def test_write_access_is_asked_of_github_and_its_failure_is_no_approval(tmp_path: Path, fake: FakeGitHub) -> None:
    pr = make_pr(tmp_path, SENSITIVE)
    serve(fake, pr, [review(1, "dana", "APPROVED", pr.head), review(2, "pat", "APPROVED", pr.head)])
    assert run_gate(pr, fake).returncode == 0
    assert fake.count("GET", f"{API}/collaborators/dana/permission") == 1
    assert fake.count("GET", f"{API}/collaborators/pat/permission") == 0  # not a sensitive approver: not asked
    del fake.routes[f"GET {API}/collaborators/dana/permission"]  # 404: not a collaborator
    result = run_gate(pr, fake)
    assert result.returncode == 1
    assert "has no write access to the repository (GitHub says they are not a collaborator" in result.stdout
    fake.routes[f"GET {API}/collaborators/dana/permission"] = lambda body, query: (500, {"message": "Server Error"})
    result = run_gate(pr, fake, "--status")
    assert result.returncode == 1 and "cannot decide" in result.stderr and "HTTP 500" in result.stderr
    assert states(fake)[-2:] == ["pending", "failure"]


# -- the workflows --------------------------------------------------------------------------------


def _workflow(name: str) -> tuple[str, dict]:
    source = (ROOT / ".github" / "workflows" / name).read_text("utf-8")
    return source, yaml.safe_load(source)


def test_the_gate_runs_trusted_code_on_every_pull_request_and_review() -> None:
    source, workflow = _workflow("review-gate.yml")
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert set(triggers) == {"pull_request_target", "workflow_run"}  # never pull_request: that runs the PR's code
    assert set(triggers["pull_request_target"]["types"]) == {"opened", "synchronize", "reopened", "ready_for_review",
                                                             "edited"}  # edited: also a new base branch
    assert "paths" not in triggers["pull_request_target"] and "branches" not in triggers["pull_request_target"]
    _, review_workflow = _workflow("review-gate-review.yml")
    assert triggers["workflow_run"] == {"workflows": [review_workflow["name"]], "types": ["completed"]}
    for line in source.splitlines():  # each dangerous trigger is suppressed, with the reason
        if line.strip().startswith(("pull_request_target:", "workflow_run:")):
            assert "# zizmor: ignore[dangerous-triggers] no pull request code is executed" in line
    assert workflow["permissions"] == {}
    # one head's runs queue, none is cancelled: a review's run cannot cancel a push's
    assert workflow["concurrency"]["cancel-in-progress"] is False
    assert "head.sha" in workflow["concurrency"]["group"] and "workflow_run.head_sha" in workflow["concurrency"]["group"]
    [job] = workflow["jobs"].values()
    assert set(job["permissions"]) == {"contents", "pull-requests", "statuses"}
    assert job["permissions"] == {"contents": "read", "pull-requests": "read", "statuses": "write"}
    assert "if" not in job and all("if" not in step for step in job["steps"])  # a skipped check counts as passed
    checkout, setup_python, setup, gate_step = job["steps"]
    assert checkout["uses"].startswith("actions/checkout@")
    # the default branch, named: never the pull request's ref
    assert checkout["with"] == {"persist-credentials": False, "fetch-depth": 0,
                                "ref": "${{ github.event.repository.default_branch }}"}
    assert setup_python["uses"].startswith("actions/setup-python@") and setup["run"] == "make setup"
    assert gate_step["run"] == ".venv/bin/socialops review-gate --status"  # the PR comes from the event payload
    assert gate_step["env"] == {"GITHUB_TOKEN": "${{ github.token }}"}
    assert "github.event.pull_request.head" not in json.dumps(job)  # nothing of the PR's is checked out or run


def test_the_review_workflow_does_nothing_and_may_do_nothing() -> None:
    _, workflow = _workflow("review-gate-review.yml")
    assert workflow[True] == {"pull_request_review": {"types": ["submitted", "edited", "dismissed"]}}
    assert workflow["permissions"] == {}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {}
    assert [set(step) for step in job["steps"]] == [{"run"}]
    assert "${{" not in json.dumps(job)
