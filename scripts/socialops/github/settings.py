"""`socialops github-settings [--check]`: branch protection as code.

`.github/branch-protection.yaml` states what a branch needs so that nothing reaches it
unreviewed or unchecked: the required checks (the policy check, the tests, the review
gate's commit status), each reported by the GitHub Actions app so that nobody can satisfy
it by posting a status of that name; up-to-date branches (two pull requests that each pass
alone must not merge into a calendar that breaks a cadence rule; not a merge queue, whose
commits never get the review gate's status); code-owner review, stale approvals dismissed,
approval of the last push; administrators bound too; no force pushes or deletion. And what
the repository needs around it: GitHub Actions may not approve pull requests, and GitHub
finds no error in CODEOWNERS.

Without `--check` the command prints that list as a checklist for the settings pages.
With `--check` it reads the live settings (classic branch protection and the rules of
rulesets that apply to the branch, either of which may satisfy a requirement; each such
ruleset, to see who may bypass it; the workflow permissions; the CODEOWNERS errors) and
says which requirements are met. Findings (a merge queue, a ruleset someone may bypass, an
error in CODEOWNERS) fail the check like a missing requirement.

Reading classic protection and the workflow permissions needs Administration: read, which a
workflow's GITHUB_TOKEN can never have: use a fine-grained personal access token.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the CLI imports this module to build its parser: keep that cheap
    from .api import Client

SETTINGS_FILE = ".github/branch-protection.yaml"
SCHEMA_KIND = "branch-protection"
APPS = {15368: "GitHub Actions"}  # app_id / integration_id of the app behind GITHUB_TOKEN and workflow jobs
TOKEN_HINT = ("--check reads settings that need a token with the repository permission Administration: read, "
              "which a workflow's GITHUB_TOKEN can never be given: create a fine-grained personal access token "
              "for this repository with Administration: read, Contents: read (for CODEOWNERS errors) and "
              "Metadata: read, all read-only, and set GITHUB_TOKEN to it")


@dataclass
class Live:
    """A branch's settings, and the repository's, as GitHub reports them."""

    classic: dict[str, Any] | None  # GET …/branches/{b}/protection; None when the branch has none
    rules: list[dict[str, Any]] = field(default_factory=list)  # GET …/rules/branches/{b}: active ruleset rules
    no_classic_reason: str = ""  # GitHub's answer when there is no classic protection
    # GET …/rulesets/{id} for each ruleset a rule comes from; a str: why it could not be read
    rulesets: dict[int, dict[str, Any] | str] = field(default_factory=dict)
    workflow_permissions: dict[str, Any] | None = None  # GET …/actions/permissions/workflow
    codeowners_errors: list[dict[str, Any]] | None = None  # GET …/codeowners/errors?ref={b}, its `errors`


@dataclass(frozen=True)
class Requirement:
    name: str  # what the branch needs, in words
    setting: str  # where GitHub's settings turn it on
    met_by: Callable[[Live], str | None]  # where the live settings satisfy it, or None
    near: Callable[[Live], str | None] = lambda live: None  # when not met: what comes close, if anything


@dataclass(frozen=True)
class Verdict:
    requirement: Requirement
    met_by: str | None
    near: str | None = None

    @property
    def met(self) -> bool:
        return self.met_by is not None


# -- reading the live settings (pure) ---------------------------------------------------------


def _rules(live: Live, rule_type: str) -> list[dict[str, Any]]:
    return [rule for rule in live.rules if rule.get("type") == rule_type]


def _parameters(rule: dict[str, Any]) -> dict[str, Any]:
    return rule.get("parameters") or {}


def _source(rule: dict[str, Any]) -> str:
    """Which ruleset a rule comes from: `ruleset 42 of repository lanterna/social`."""
    where = " ".join(str(rule[key]) for key in ("ruleset_source_type", "ruleset_source") if rule.get(key))
    return f"ruleset {rule.get('ruleset_id', '?')}" + (f" of {where[:1].lower()}{where[1:]}" if where else "")


def _classic(live: Live, *keys: str) -> Any:
    """A value inside the classic protection, or None when any level is absent."""
    value: Any = live.classic
    for key in keys:
        if not isinstance(value, dict):
            return None
        value = value.get(key)
    return value


def _first(*answers: str | None) -> str | None:
    return next((answer for answer in answers if answer), None)


def app_name(app_id: int | None) -> str:
    if app_id is None:
        return "any source"
    return f"{APPS[app_id]} (app {app_id})" if app_id in APPS else f"app {app_id}"


def _status_check(context: str, app_id: int | None) -> Requirement:
    """`context` required, and (with `app_id`) only when that app reports it."""

    def classic_apps(live: Live) -> list[int | None]:
        checks = _classic(live, "required_status_checks", "checks") or []
        apps = [check.get("app_id") for check in checks if isinstance(check, dict) and check.get("context") == context]
        if not apps and context in (_classic(live, "required_status_checks", "contexts") or []):
            apps = [None]  # only in the deprecated list: any source
        return apps

    def ruleset_apps(live: Live) -> list[tuple[dict[str, Any], int | None]]:
        return [(rule, check.get("integration_id")) for rule in _rules(live, "required_status_checks")
                for check in _parameters(rule).get("required_status_checks", [])
                if isinstance(check, dict) and check.get("context") == context]

    def fits(found: int | None) -> bool:
        return app_id is None or found == app_id

    def met_by(live: Live) -> str | None:
        return _first(
            "classic protection" if any(fits(found) for found in classic_apps(live)) else None,
            *(_source(rule) for rule, found in ruleset_apps(live) if fits(found)))

    def near(live: Live) -> str | None:
        seen = [f"classic protection requires it from {app_name(found)}" for found in classic_apps(live)]
        seen += [f"{_source(rule)} requires it from {app_name(found)}" for rule, found in ruleset_apps(live)]
        return "; ".join(seen) or None

    source = "" if app_id is None else f" from {app_name(app_id)}"
    return Requirement(f"required check '{context}'{source}",
                       f"Require status checks to pass before merging: add '{context}'"
                       + (f" with the source {app_name(app_id)}" if app_id is not None else ""), met_by, near)


def _up_to_date(live: Live) -> str | None:
    return _first(
        "classic protection: strict" if _classic(live, "required_status_checks", "strict") is True else None,
        *(_source(rule) + ": strict" for rule in _rules(live, "required_status_checks")
          if _parameters(rule).get("strict_required_status_checks_policy") is True))


def _approvals(count: int) -> Requirement:
    def met_by(live: Live) -> str | None:
        classic = _classic(live, "required_pull_request_reviews", "required_approving_review_count")
        return _first(
            f"classic protection: {classic}" if isinstance(classic, int) and classic >= count else None,
            *(f"{_source(rule)}: {_parameters(rule)['required_approving_review_count']}"
              for rule in _rules(live, "pull_request")
              if isinstance(_parameters(rule).get("required_approving_review_count"), int)
              and _parameters(rule)["required_approving_review_count"] >= count))

    return Requirement(f"at least {count} approving review{'' if count == 1 else 's'}",
                       f"Require a pull request before merging: required approvals {count}", met_by)


def _review_flag(name: str, setting: str, classic_key: str, ruleset_key: str) -> Requirement:
    def met_by(live: Live) -> str | None:
        return _first(
            "classic protection" if _classic(live, "required_pull_request_reviews", classic_key) is True else None,
            *(_source(rule) for rule in _rules(live, "pull_request") if _parameters(rule).get(ruleset_key) is True))

    return Requirement(name, f"Require a pull request before merging: {setting}", met_by)


def _blocked(name: str, setting: str, classic_key: str, rule_type: str) -> Requirement:
    def met_by(live: Live) -> str | None:
        # a protected branch answers {"enabled": false} when the push or deletion is blocked
        blocked_classic = live.classic is not None and _classic(live, classic_key, "enabled") is False
        return _first("classic protection" if blocked_classic else None,
                      *(_source(rule) for rule in _rules(live, rule_type)))

    return Requirement(name, setting, met_by)


def _admins_bound(live: Live) -> str | None:
    if live.classic is None:
        return "no classic protection to bypass (rulesets: see their bypass lists)"
    return "classic protection: enforce_admins" if _classic(live, "enforce_admins", "enabled") is True else None


def _actions_cannot_approve(live: Live) -> str | None:
    answer = (live.workflow_permissions or {}).get("can_approve_pull_request_reviews")
    return "workflow permissions: can_approve_pull_request_reviews is false" if answer is False else None


def _codeowners_clean(live: Live) -> str | None:
    return "GitHub reports no errors" if live.codeowners_errors == [] else None


def requirements(spec: dict[str, Any], repository: dict[str, Any] | None = None) -> list[Requirement]:
    """The requirements one branch's entry (and the repository's) in the settings file states, in file order."""
    found: list[Requirement] = []
    checks = spec.get("required_status_checks", {})
    found += [_status_check(check["context"], check.get("app_id")) for check in checks.get("checks", [])]
    if checks.get("strict"):
        found.append(Requirement("branch up to date before merging",
                                 "Require status checks to pass before merging: Require branches to be up to date "
                                 "before merging (ruleset: Require branches to be up to date before merging)",
                                 _up_to_date))
    reviews = spec.get("required_pull_request_reviews", {})
    if reviews.get("required_approving_review_count"):
        found.append(_approvals(reviews["required_approving_review_count"]))
    if reviews.get("require_code_owner_reviews"):
        found.append(_review_flag("review from code owners", "Require review from Code Owners",
                                  "require_code_owner_reviews", "require_code_owner_review"))
    if reviews.get("dismiss_stale_reviews"):
        found.append(_review_flag("stale approvals dismissed when new commits are pushed",
                                  "Dismiss stale pull request approvals when new commits are pushed",
                                  "dismiss_stale_reviews", "dismiss_stale_reviews_on_push"))
    if reviews.get("require_last_push_approval"):
        found.append(_review_flag("the most recent push approved by someone other than its author",
                                  "Require approval of the most recent reviewable push",
                                  "require_last_push_approval", "require_last_push_approval"))
    if spec.get("enforce_admins"):
        found.append(Requirement("administrators held to the classic protection",
                                 "Do not allow bypassing the above settings", _admins_bound))
    if spec.get("block_force_pushes"):
        found.append(_blocked("no force pushes", "leave 'Allow force pushes' off (ruleset: Block force pushes)",
                              "allow_force_pushes", "non_fast_forward"))
    if spec.get("block_deletions"):
        found.append(_blocked("no deletion of the branch", "leave 'Allow deletions' off (ruleset: Restrict deletions)",
                              "allow_deletions", "deletion"))
    repository = repository or {}
    if repository.get("actions_can_approve_pull_request_reviews") is False:
        found.append(Requirement("GitHub Actions cannot approve pull requests",
                                 "Settings → Actions → General → Workflow permissions: leave 'Allow GitHub Actions "
                                 "to create and approve pull requests' off", _actions_cannot_approve))
    if repository.get("codeowners_without_errors"):
        found.append(Requirement("CODEOWNERS without errors", "fix what GitHub reports on the CODEOWNERS file's "
                                 "page (--check lists it), e.g. give an unknown owner write access; "
                                 "`socialops codeowners` writes the file", _codeowners_clean))
    return found


def compare(wanted: list[Requirement], live: Live) -> list[Verdict]:
    verdicts = []
    for requirement in wanted:
        met_by = requirement.met_by(live)
        verdicts.append(Verdict(requirement, met_by, None if met_by else requirement.near(live)))
    return verdicts


def findings(live: Live) -> list[str]:
    """What undoes the protection whatever the requirements say: a merge queue, a ruleset
    someone may bypass (or whose bypass list cannot be read), errors in CODEOWNERS."""
    found = [f"{_source(rule)} puts merges through a merge queue, whose commits never get the review gate's status "
             "socialops/review-gate: queued pull requests would wait forever. Remove the merge queue rule; "
             "'Require branches to be up to date before merging' does its work"
             for rule in _rules(live, "merge_queue")]
    for ruleset_id, ruleset in sorted(live.rulesets.items()):
        if isinstance(ruleset, str):
            found.append(f"ruleset {ruleset_id}: who may bypass it cannot be read ({ruleset})")
            continue
        name = f"ruleset {ruleset_id} '{ruleset.get('name', '?')}'"
        if "bypass_actors" not in ruleset:
            found.append(f"{name}: GitHub did not say who may bypass it (it tells only someone with write access "
                         "to the ruleset): check its bypass list in the settings, or use an administrator's token")
        elif ruleset["bypass_actors"]:
            actors = ", ".join(f"{actor.get('actor_type', '?')} {actor.get('actor_id', '')}".rstrip()
                               + f" ({actor.get('bypass_mode', '?')})" for actor in ruleset["bypass_actors"])
            found.append(f"{name} lets these bypass it: {actors}; empty its bypass list so nobody merges unreviewed")
    for error in live.codeowners_errors or []:
        where = f"{error.get('path', 'CODEOWNERS')}:{error.get('line', '?')}"
        message = " ".join(str(error.get("message") or error.get("kind") or "error").split())
        found.append(f"{where}: {message}")
    return found


# -- the settings file ------------------------------------------------------------------------


def load_document(root: Path) -> dict[str, Any]:
    """The settings file, validated by its JSON Schema; a UsageError naming each problem with its line."""
    from ..errors import UsageError
    from ..model.loader import Loader
    from ..output.text import visible

    loader = Loader(root)
    document, _ = loader.read_yaml(SETTINGS_FILE, SCHEMA_KIND)
    if loader.problems:
        problems = "\n".join(visible(f"  {p.path}:{p.line or 1}: {p.message}" + (f" ({p.hint})" if p.hint else ""))
                              for p in loader.problems)
        raise UsageError(f"{SETTINGS_FILE} has problems:\n{problems}")
    return document


def load_spec(root: Path, branch: str) -> dict[str, Any]:
    """The branch's entry of the settings file."""
    from ..errors import UsageError

    branches = load_document(root).get("branches", {})
    if branch not in branches:
        raise UsageError(f"{SETTINGS_FILE} says nothing about branch '{branch}' "
                         f"(it names: {', '.join(branches) or 'no branch'})")
    return branches[branch]


# -- talking to GitHub ------------------------------------------------------------------------


def fetch_live(client: Client, branch: str, repository: dict[str, Any] | None = None) -> Live:
    """Classic protection, ruleset rules and the rulesets they come from, for `branch`; and
    the repository settings `repository` asks about. No classic protection (404) is an
    answer, not an error."""
    from urllib.parse import quote

    from .api import GitHubError

    name = quote(branch, safe="")
    try:
        classic, reason = client.get(f"branches/{name}/protection"), ""
    except GitHubError as exc:
        if exc.status != 404:
            raise
        classic, reason = None, str(exc).split(": ", 1)[-1]
    live = Live(classic, client.get_all(f"rules/branches/{name}"), reason)
    for ruleset_id in sorted({rule["ruleset_id"] for rule in live.rules if isinstance(rule.get("ruleset_id"), int)}):
        try:
            live.rulesets[ruleset_id] = client.get(f"rulesets/{ruleset_id}") or {}
        except GitHubError as exc:
            if exc.status not in (403, 404):
                raise
            live.rulesets[ruleset_id] = str(exc)
    repository = repository or {}
    if "actions_can_approve_pull_request_reviews" in repository:
        live.workflow_permissions = client.get("actions/permissions/workflow") or {}
    if repository.get("codeowners_without_errors"):
        try:
            answer = client.get("codeowners/errors", ref=branch) or {}
        except GitHubError as exc:
            if exc.status != 404:
                raise
            answer = {"errors": [{"path": "CODEOWNERS", "line": "-", "message": f"GitHub finds no CODEOWNERS "
                                  f"file on '{branch}' ({exc}); `socialops codeowners` writes .github/CODEOWNERS"}]}
        errors = answer.get("errors") if isinstance(answer, dict) else None
        live.codeowners_errors = [error for error in errors if isinstance(error, dict)] if isinstance(errors, list) else None
    return live


# -- the command ------------------------------------------------------------------------------


def configure(parser: argparse.ArgumentParser) -> None:
    """The subcommand's description, options and handler (its one-line help is in cli.COMMANDS)."""
    parser.description = (f"Print the branch protection and repository settings {SETTINGS_FILE} states for a branch, as "
                          "a checklist for the repository's settings. With --check, compare them with the live settings "
                          "through the GitHub API: classic branch protection and rulesets (either may satisfy each "
                          "requirement), who may bypass those rulesets, whether GitHub Actions may approve pull requests, "
                          "and CODEOWNERS errors. --check needs GITHUB_TOKEN set to a fine-grained personal access token "
                          "with Administration: read, Contents: read and Metadata: read (a workflow's GITHUB_TOKEN can "
                          "never have Administration).")
    parser.epilog = ("exit status: 0 every requirement met and no finding (or the list printed), 1 some requirement "
                     "missing or a finding (a merge queue, a ruleset someone may bypass, a CODEOWNERS error), "
                     "2 usage or configuration error, or GitHub refused or could not be reached")
    parser.add_argument("--check", action="store_true", help="compare with the live repository settings")
    parser.add_argument("--repo", metavar="DIR", help="the repository folder (default: found from the current folder)")
    parser.add_argument("--branch", default="main", help="the branch (default: main)")
    parser.add_argument("--repository", metavar="OWNER/NAME", help="the GitHub repository (default: $GITHUB_REPOSITORY)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..errors import UsageError
    from ..model.layout import find_root
    from .api import Client, GitHubError

    root = find_root(args.repo)
    repository = load_document(root).get("repository", {})
    wanted = requirements(load_spec(root, args.branch), repository)
    if not args.check:
        print(f"Branch '{args.branch}' needs (from {SETTINGS_FILE}):")
        for requirement in wanted:
            print(f"  - {requirement.name}: {requirement.setting}")
        print("  and no merge queue, and no ruleset that anyone may bypass")
        return 0
    if not os.environ.get("GITHUB_TOKEN"):
        raise UsageError(f"GITHUB_TOKEN is not set. {TOKEN_HINT}")
    try:
        client = Client.from_environment(args.repository)
        live = fetch_live(client, args.branch, repository)
    except GitHubError as exc:
        if exc.status in (401, 403):
            raise UsageError(f"{exc}\n{TOKEN_HINT}") from None
        raise UsageError(str(exc)) from None
    verdicts = compare(wanted, live)
    problems = findings(live)
    sys.stdout.write(report(client.repository, args.branch, live, verdicts, problems))
    return 0 if all(verdict.met for verdict in verdicts) and not problems else 1


def report(repository: str, branch: str, live: Live, verdicts: list[Verdict], problems: list[str] | None = None) -> str:
    problems = problems or []
    lines = [f"{repository} branch '{branch}' against {SETTINGS_FILE}:"]
    if live.classic is None:
        lines.append(f"  note     no classic branch protection ({live.no_classic_reason}); "
                     "only rulesets can satisfy the requirements")
    for verdict in verdicts:
        if verdict.met:
            lines.append(f"  met      {verdict.requirement.name} ({verdict.met_by})")
        else:
            near = f" (now: {verdict.near})" if verdict.near else ""
            lines.append(f"  MISSING  {verdict.requirement.name}: {verdict.requirement.setting}{near}")
    lines += [f"  FINDING  {problem}" for problem in problems]
    missing = sum(not verdict.met for verdict in verdicts)
    lines.append(f"{len(verdicts) - missing} of {len(verdicts)} requirements met"
                 + (f"; {missing} missing" if missing else "")
                 + (f"; {len(problems)} finding(s)" if problems else ""))
    return "\n".join(lines) + "\n"
