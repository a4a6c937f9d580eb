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
RULESET = "/repos/lanterna/social/rulesets/42"
WORKFLOW = "/repos/lanterna/social/actions/permissions/workflow"
CODEOWNERS_ERRORS = "/repos/lanterna/social/codeowners/errors"
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
                   {"context": "socialops/review-gate", "app_id": 15368}],
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
                                                               {"context": "socialops/review-gate",
                                                                "integration_id": 15368}]}),
]
# GET /repos/{o}/{r}/rulesets/{id} (abridged); `bypass_actors` only for a caller with write access to it
RULESET_42: dict[str, Any] = {
    "id": 42, "name": "protect main", "target": "branch", "source_type": "Repository", "source": "lanterna/social",
    "enforcement": "active", "bypass_actors": [], "current_user_can_bypass": "never",
    "conditions": {"ref_name": {"include": ["~DEFAULT_BRANCH"], "exclude": []}},
}
# GET /repos/{o}/{r}/actions/permissions/workflow
WORKFLOW_PERMISSIONS = {"default_workflow_permissions": "read", "can_approve_pull_request_reviews": False}
ALL = 13  # requirements in .github/branch-protection.yaml
NOT_PROTECTED = (404, {"message": "Branch not protected",
                       "documentation_url": "https://docs.github.com/rest/branches/branch-protection#get-branch-protection",
                       "status": "404"})


def run_check(fake: FakeGitHub, monkeypatch: pytest.MonkeyPatch, root: Path = ROOT) -> int:
    for name, value in environment(fake).items():
        monkeypatch.setenv(name, value)
    return cli.main(["github-settings", "--check", "--repo", str(root)])


def serve(fake: FakeGitHub, classic: Any, rules: list[dict], ruleset: Any = None,
          workflow: dict | None = None, codeowners_errors: list | None = None) -> None:
    fake.routes[f"GET {PROTECTION}"] = classic if not isinstance(classic, tuple) else (lambda body, query: classic)
    fake.routes[f"GET {RULES}"] = rules
    fake.routes[f"GET {RULESET}"] = ruleset if not isinstance(ruleset, tuple) else (lambda body, query: ruleset)
    if ruleset is None:
        fake.routes[f"GET {RULESET}"] = RULESET_42
    fake.routes[f"GET {WORKFLOW}"] = workflow or WORKFLOW_PERMISSIONS
    fake.routes[f"GET {CODEOWNERS_ERRORS}"] = {"errors": codeowners_errors or []}


def test_all_met_by_classic_protection(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    with fake_github() as fake:
        serve(fake, CLASSIC, [])
        assert run_check(fake, monkeypatch) == 0
        assert fake.count("GET", "/repos/lanterna/social/rulesets") == 0  # no rules, no ruleset to read
        assert any(target == f"{CODEOWNERS_ERRORS}?ref=main" for _, target, _ in fake.requests)
    out = capsys.readouterr().out
    assert "MISSING" not in out and "FINDING" not in out and f"{ALL} of {ALL} requirements met\n" in out
    assert "met      required check 'socialops/review-gate' from GitHub Actions (app 15368) (classic protection)" in out
    assert "met      branch up to date before merging (classic protection: strict)" in out
    assert "met      administrators held to the classic protection (classic protection: enforce_admins)" in out
    assert "met      GitHub Actions cannot approve pull requests (workflow permissions" in out
    assert "met      CODEOWNERS without errors (GitHub reports no errors)" in out


def test_all_met_by_rulesets_alone(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    with fake_github() as fake:
        serve(fake, NOT_PROTECTED, RULESETS)
        assert run_check(fake, monkeypatch) == 0
        assert fake.count("GET", RULESET) == 1  # once, though four rules come from it
    out = capsys.readouterr().out
    assert "note     no classic branch protection (HTTP 404 Branch not protected)" in out
    assert "met      review from code owners (ruleset 42 of repository lanterna/social)" in out
    assert "met      required check 'policy' from GitHub Actions (app 15368) (ruleset 42" in out
    assert "met      no force pushes (ruleset 42" in out
    assert "met      administrators held to the classic protection (no classic protection to bypass" in out
    assert f"{ALL} of {ALL} requirements met\n" in out


def test_a_check_from_any_source_or_another_app_does_not_count(monkeypatch: pytest.MonkeyPatch,
                                                              capsys: pytest.CaptureFixture) -> None:
    """Anyone with write access can post a commit status named socialops/review-gate; only
    the GitHub Actions app's counts."""
    classic = copy.deepcopy(CLASSIC)
    classic["required_status_checks"]["checks"][2]["app_id"] = None  # "any source"
    classic["required_status_checks"]["checks"] = classic["required_status_checks"]["checks"][1:]  # policy: contexts only
    rules = copy.deepcopy(RULESETS)
    rules[3]["parameters"]["required_status_checks"] = [{"context": "tests", "integration_id": 99}]
    with fake_github() as fake:
        serve(fake, classic, rules)
        assert run_check(fake, monkeypatch) == 1
    out = capsys.readouterr().out
    assert ("MISSING  required check 'policy' from GitHub Actions (app 15368): Require status checks to pass before "
            "merging: add 'policy' with the source GitHub Actions (app 15368) (now: classic protection requires it "
            "from any source)") in out
    assert ("MISSING  required check 'socialops/review-gate' from GitHub Actions (app 15368)" in out
            and "(now: classic protection requires it from any source)" in out)
    assert "met      required check 'tests' from GitHub Actions (app 15368) (classic protection)" in out
    assert f"{ALL - 2} of {ALL} requirements met; 2 missing" in out


def test_a_merge_queue_is_a_finding_and_no_substitute(monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture) -> None:
    """The review gate never sets its status on a merge queue's commits: a queue would wait forever."""
    classic = copy.deepcopy(CLASSIC)
    classic["required_status_checks"]["strict"] = False  # GitHub advises against strict with a merge queue
    queue = rule("merge_queue", {"check_response_timeout_minutes": 60, "grouping_strategy": "ALLGREEN",
                                 "max_entries_to_build": 5, "max_entries_to_merge": 5, "merge_method": "SQUASH",
                                 "min_entries_to_merge": 1, "min_entries_to_merge_wait_minutes": 5}, ruleset_id=7)
    with fake_github() as fake:
        serve(fake, classic, [queue])
        fake.routes["GET /repos/lanterna/social/rulesets/7"] = {**RULESET_42, "id": 7, "name": "queue"}
        assert run_check(fake, monkeypatch) == 1
    out = capsys.readouterr().out
    assert "MISSING  branch up to date before merging: Require status checks to pass before merging: Require " \
           "branches to be up to date before merging" in out
    assert "FINDING  ruleset 7 of repository lanterna/social puts merges through a merge queue" in out
    assert f"{ALL - 1} of {ALL} requirements met; 1 missing; 1 finding(s)" in out


def test_rulesets_someone_may_bypass_are_findings(monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture) -> None:
    bypass = {**RULESET_42, "bypass_actors": [{"actor_id": 5, "actor_type": "RepositoryRole", "bypass_mode": "always"},
                                              {"actor_id": 1, "actor_type": "OrganizationAdmin",
                                               "bypass_mode": "pull_request"}]}
    hidden = {key: value for key, value in RULESET_42.items() if key != "bypass_actors"}
    with fake_github() as fake:
        serve(fake, NOT_PROTECTED, RULESETS, ruleset=bypass)
        assert run_check(fake, monkeypatch) == 1
        serve(fake, NOT_PROTECTED, RULESETS, ruleset=hidden)
        assert run_check(fake, monkeypatch) == 1
        serve(fake, NOT_PROTECTED, RULESETS, ruleset=(404, {"message": "Not Found"}))
        assert run_check(fake, monkeypatch) == 1
    out = capsys.readouterr().out
    assert ("FINDING  ruleset 42 'protect main' lets these bypass it: RepositoryRole 5 (always), OrganizationAdmin 1 "
            "(pull_request); empty its bypass list") in out
    assert "FINDING  ruleset 42 'protect main': GitHub did not say who may bypass it" in out
    assert "FINDING  ruleset 42: who may bypass it cannot be read (GET /repos/lanterna/social/rulesets/42: HTTP 404" in out
    assert out.count(f"{ALL} of {ALL} requirements met; 1 finding(s)") == 3


def test_admins_actions_approvals_and_codeowners_errors(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture) -> None:
    classic = copy.deepcopy(CLASSIC)
    classic["enforce_admins"]["enabled"] = False
    errors = [{"line": 3, "column": 15, "kind": "Unknown owner", "source": "/content/ @ghost\n",
               "suggestion": "make sure @ghost exists and has write access to the repository",
               "message": "Unknown owner on line 3: make sure @ghost exists and has write access to the "
                          "repository\n\n  /content/ @ghost\n            ^", "path": ".github/CODEOWNERS"}]
    with fake_github() as fake:
        serve(fake, classic, [], workflow={"default_workflow_permissions": "read",
                                           "can_approve_pull_request_reviews": True}, codeowners_errors=errors)
        assert run_check(fake, monkeypatch) == 1
    out = capsys.readouterr().out
    assert "MISSING  administrators held to the classic protection: Do not allow bypassing the above settings" in out
    assert "MISSING  GitHub Actions cannot approve pull requests: Settings → Actions → General" in out
    assert "MISSING  CODEOWNERS without errors" in out
    assert "FINDING  .github/CODEOWNERS:3: Unknown owner on line 3: make sure @ghost exists and has write access" in out
    assert f"{ALL - 3} of {ALL} requirements met; 3 missing; 1 finding(s)" in out


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
    assert f"{ALL - 2} of {ALL} requirements met; 2 missing" in out


def test_an_unprotected_branch_is_reported_not_a_crash(monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture) -> None:
    with fake_github() as fake:
        serve(fake, NOT_PROTECTED, [])
        assert run_check(fake, monkeypatch) == 1
    captured = capsys.readouterr()
    assert "note     no classic branch protection (HTTP 404 Branch not protected)" in captured.out
    # all but three: admins (nothing to bypass), Actions approvals and CODEOWNERS are not branch protection
    assert captured.out.count("MISSING") == ALL - 3 and "Traceback" not in captured.err


def test_a_token_without_administration_read_is_told_so(monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture) -> None:
    with fake_github() as fake:
        serve(fake, (403, {"message": "Resource not accessible by integration"}), [])
        assert run_check(fake, monkeypatch) == 2
        err = capsys.readouterr().err
        assert "HTTP 403 Resource not accessible by integration" in err
        assert "Administration: read" in err and "fine-grained personal access token" in err
        serve(fake, CLASSIC, [])
        fake.routes[f"GET {WORKFLOW}"] = lambda body, query: (403, {"message": "Resource not accessible by integration"})
        assert run_check(fake, monkeypatch) == 2
        assert "Administration: read" in capsys.readouterr().err
        monkeypatch.setenv("GITHUB_TOKEN", "wrong")  # 401 Bad credentials
        assert cli.main(["github-settings", "--check", "--repo", str(ROOT)]) == 2
        assert "HTTP 401 Bad credentials" in capsys.readouterr().err


def test_no_token_is_told_to_use_a_personal_token_not_the_workflows(monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture) -> None:
    monkeypatch.delenv("GITHUB_TOKEN", raising=False)
    monkeypatch.setenv("GITHUB_REPOSITORY", "lanterna/social")
    assert cli.main(["github-settings", "--check", "--repo", str(ROOT)]) == 2
    err = capsys.readouterr().err
    assert "GITHUB_TOKEN is not set" in err and "fine-grained personal access token" in err
    assert "Administration: read" in err and "Metadata: read" in err
    assert "github.token" not in err  # a workflow's token can never read these settings


def test_without_check_it_prints_the_checklist_and_calls_nothing(capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["github-settings", "--repo", str(ROOT)]) == 0
    out = capsys.readouterr().out
    assert "review from code owners: Require a pull request before merging: Require review from Code Owners" in out
    assert "required check 'socialops/review-gate' from GitHub Actions (app 15368)" in out
    assert "and no merge queue, and no ruleset that anyone may bypass" in out


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
    write_files(root, {".github/branch-protection.yaml":
                       "branches:\n  main:\n    required_status_checks: {up_to_date_or_merge_queue: true}\n"
                       "repository: {actions_can_approve_pull_request_reviews: true}\n"})
    assert cli.main(["github-settings", "--repo", str(root)]) == 2
    err = capsys.readouterr().err
    assert ".github/branch-protection.yaml:3: unknown field 'up_to_date_or_merge_queue'" in err
    assert ".github/branch-protection.yaml:4:" in err
    write_files(root, {".github/branch-protection.yaml": "branches:\n  release: {block_deletions: true}\n"})
    assert cli.main(["github-settings", "--repo", str(root)]) == 2
    assert "says nothing about branch 'main' (it names: release)" in capsys.readouterr().err


def test_required_checks_are_jobs_that_run_on_pull_requests() -> None:
    """A required check that no pull request produces would block every merge."""
    settings = yaml.safe_load((ROOT / ".github" / "branch-protection.yaml").read_text("utf-8"))
    checks = settings["branches"]["main"]["required_status_checks"]["checks"]
    contexts = [check["context"] for check in checks]
    jobs: set[str] = set()
    for path in (ROOT / ".github" / "workflows").glob("*.yml"):
        workflow = yaml.safe_load(path.read_text("utf-8"))
        triggers = workflow.get(True, workflow.get("on"))  # PyYAML 1.1 reads the key `on` as True
        if "pull_request" in (triggers if isinstance(triggers, (dict, list)) else [triggers]):
            jobs |= {job.get("name", job_id) for job_id, job in workflow["jobs"].items()}
    # commit statuses (owner/name) are set by a job, not named after one
    assert {context for context in contexts if "/" not in context} <= jobs
    assert "socialops/review-gate" in contexts
    assert {check.get("app_id") for check in checks} == {15368}  # all from GitHub Actions
    assert "merge_group" not in (ROOT / ".github" / "workflows" / "check.yml").read_text("utf-8")
