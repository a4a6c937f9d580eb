"""`socialops github-settings --check`: .github/branch-protection.yaml against the live
classic protection and rulesets, served by the local stand-in for GitHub."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from socialops import cli
from tests.conftest import ROOT, make_repo, write_files
from tests.github_server import FakeGitHub, environment, fake_github

PROTECTION = "/repos/lanterna/social/branches/main/protection"
RULES = "/repos/lanterna/social/rules/branches/main"
API = "https://api.github.com/repos/lanterna/social/branches/main/protection"

# GET /repos/{o}/{r}/branches/{b}/protection, shaped like GitHub's documented response.
CLASSIC: dict[str, Any] = {
    "url": API,
    "required_status_checks": {
        "url": f"{API}/required_status_checks",
        "strict": True,
        "contexts": ["policy", "tests", "socialops/review-gate"],
        "contexts_url": f"{API}/required_status_checks/contexts",
        "checks": [{"context": "policy", "app_id": 15368}, {"context": "tests", "app_id": 15368},
                   {"context": "socialops/review-gate", "app_id": None}],
    },
    "required_pull_request_reviews": {
        "url": f"{API}/required_pull_request_reviews",
        "dismiss_stale_reviews": True,
        "require_code_owner_reviews": True,
        "required_approving_review_count": 1,
        "require_last_push_approval": True,
    },
    "enforce_admins": {"url": f"{API}/enforce_admins", "enabled": True},
    "required_linear_history": {"enabled": False},
    "allow_force_pushes": {"enabled": False},
    "allow_deletions": {"enabled": False},
    "block_creations": {"enabled": False},
    "required_conversation_resolution": {"enabled": False},
    "lock_branch": {"enabled": False},
    "allow_fork_syncing": {"enabled": False},
    "required_signatures": {"url": f"{API}/required_signatures", "enabled": False},
}


def rule(rule_type: str, parameters: dict | None = None, ruleset_id: int = 42) -> dict:
    """An item of GET /repos/{o}/{r}/rules/branches/{b}."""
    item: dict[str, Any] = {"type": rule_type, "ruleset_source_type": "Repository",
                            "ruleset_source": "lanterna/social", "ruleset_id": ruleset_id}
    if parameters is not None:
        item["parameters"] = parameters
    return item


RULESETS = [
    rule("deletion"),
    rule("non_fast_forward"),
    rule("pull_request", {"required_approving_review_count": 2, "dismiss_stale_reviews_on_push": True,
                          "require_code_owner_review": True, "require_last_push_approval": True,
                          "required_review_thread_resolution": False, "automatic_copilot_code_review_enabled": False,
                          "allowed_merge_methods": ["merge", "squash", "rebase"]}),
    rule("required_status_checks", {"strict_required_status_checks_policy": True,
                                    "do_not_enforce_on_create": False,
                                    "required_status_checks": [{"context": "policy", "integration_id": 15368},
                                                               {"context": "tests", "integration_id": 15368},
                                                               {"context": "socialops/review-gate"}]}),
]
NOT_PROTECTED = (404, {"message": "Branch not protected",
                       "documentation_url": "https://docs.github.com/rest/branches/branch-protection#get-branch-protection",
                       "status": "404"})


def run_check(fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch, root: Path = ROOT) -> int:
    for name, value in environment(fake).items():
        monkeypatch.setenv(name, value)
    return cli.main(["github-settings", "--check", "--repo", str(root)])


def serve(fake: FakeGitHub, classic: Any, rules: list[dict]) -> None:
    fake.routes[f"GET {PROTECTION}"] = classic if not isinstance(classic, tuple) else (lambda body, query: classic)
    fake.routes[f"GET {RULES}"] = rules


def test_all_met_by_classic_protection(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    with fake_github() as fake:
        serve(fake, CLASSIC, [])
        assert run_check(fake, monkeypatch) == 0
    out = capsys.readouterr().out
    assert "MISSING" not in out and "10 of 10 requirements met" in out
    assert "met      required check 'socialops/review-gate' (classic protection)" in out
    assert "met      branch up to date before merging, or a merge queue (classic protection: strict)" in out


def test_all_met_by_rulesets_alone(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    with fake_github() as fake:
        serve(fake, NOT_PROTECTED, RULESETS)
        assert run_check(fake, monkeypatch) == 0
    out = capsys.readouterr().out
    assert "no classic branch protection (HTTP 404 Branch not protected)" in out
    assert "met      review from code owners (ruleset 42 of repository lanterna/social)" in out
    assert "met      no force pushes (ruleset 42" in out
    assert "10 of 10 requirements met" in out


def test_a_merge_queue_stands_in_for_up_to_date_branches(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture) -> None:
    classic = copy.deepcopy(CLASSIC)
    classic["required_status_checks"]["strict"] = False  # GitHub advises against strict with a merge queue
    queue = rule("merge_queue", {"check_response_timeout_minutes": 60, "grouping_strategy": "ALLGREEN",
                                 "max_entries_to_build": 5, "max_entries_to_merge": 5, "merge_method": "SQUASH",
                                 "min_entries_to_merge": 1, "min_entries_to_merge_wait_minutes": 5}, ruleset_id=7)
    with fake_github() as fake:
        serve(fake, classic, [queue])
        assert run_check(fake, monkeypatch) == 0
        serve(fake, classic, [])
        assert run_check(fake, monkeypatch) == 1
    out = capsys.readouterr().out
    assert "met      branch up to date before merging, or a merge queue (ruleset 7 of repository lanterna/social: merge queue)" in out
    assert "MISSING  branch up to date before merging, or a merge queue: Require branches to be up to date" in out


def test_a_missing_code_owner_review_is_named(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    classic = copy.deepcopy(CLASSIC)
    classic["required_pull_request_reviews"]["require_code_owner_reviews"] = False
    classic["allow_force_pushes"]["enabled"] = True
    with fake_github() as fake:
        serve(fake, classic, [rule("pull_request", {"required_approving_review_count": 1,
                                                    "require_code_owner_review": False})])
        assert run_check(fake, monkeypatch) == 1
    out = capsys.readouterr().out
    assert "MISSING  review from code owners: Require a pull request before merging: Require review from Code Owners" in out
    assert "MISSING  no force pushes" in out
    assert "8 of 10 requirements met; 2 missing" in out


def test_an_unprotected_branch_is_a_finding_not_a_crash(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture) -> None:
    with fake_github() as fake:
        serve(fake, NOT_PROTECTED, [])
        assert run_check(fake, monkeypatch) == 1
    captured = capsys.readouterr()
    assert "finding  no classic branch protection (HTTP 404 Branch not protected)" in captured.out
    assert captured.out.count("MISSING") == 10 and "Traceback" not in captured.err


def test_a_token_without_administration_read_is_told_so(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture) -> None:
    with fake_github() as fake:
        serve(fake, (403, {"message": "Resource not accessible by integration"}), [])
        assert run_check(fake, monkeypatch) == 2
        err = capsys.readouterr().err
        assert "HTTP 403 Resource not accessible by integration" in err
        assert "Administration: read" in err and "fine-grained personal access token" in err
        monkeypatch.setenv("GITHUB_TOKEN", "wrong")  # 401 Bad credentials
        assert cli.main(["github-settings", "--check", "--repo", str(ROOT)]) == 2
        assert "HTTP 401 Bad credentials" in capsys.readouterr().err


def test_without_check_it_prints_the_checklist_and_calls_nothing(capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["github-settings", "--repo", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert "review from code owners: Require a pull request before merging: Require review from Code Owners" in out


def test_the_settings_file_is_validated_with_lines(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_repo(tmp_path)
    write_files(root, {".github/branch-protection.yaml":
                       "branches:\n  main:\n    required_pull_request_reviews:\n"
                       "      require_code_owner_review: true\n    block_force_pushes: yes\n"})
    assert cli.main(["github-settings", "--repo", str(root)]) == 2
    err = capsys.readouterr().err
    assert ".github/branch-protection.yaml:4: unknown field 'require_code_owner_review'" in err
    assert "did you mean 'require_code_owner_reviews'?" in err
    assert ".github/branch-protection.yaml:5: 'yes' is read by YAML 1.1 tools as the boolean True" in err
    write_files(root, {".github/branch-protection.yaml": "branches:\n  release: {block_deletions: true}\n"})
    assert cli.main(["github-settings", "--repo", str(root)]) == 2
    assert "says nothing about branch 'main' (it names: release)" in capsys.readouterr().err


def test_required_checks_are_jobs_that_run_on_pull_requests() -> None:
    """A required check that no pull request produces would block every merge."""
    settings = yaml.safe_load((ROOT / ".github" / "branch-protection.yaml").read_text("utf-8"))
    contexts = settings["branches"]["main"]["required_status_checks"]["contexts"]
    jobs: set[str] = set()
    for path in (ROOT / ".github" / "workflows").glob("*.yml"):
        workflow = yaml.safe_load(path.read_text("utf-8"))
        triggers = workflow.get(True, workflow.get("on"))  # PyYAML 1.1 reads the key `on` as True
        if "pull_request" in (triggers if isinstance(triggers, (dict, list)) else [triggers]):
            jobs |= {job.get("name", job_id) for job_id, job in workflow["jobs"].items()}
    # commit statuses (owner/name) are set by a job, not named after one
    assert {context for context in contexts if "/" not in context} <= jobs
    assert "socialops/review-gate" in contexts
