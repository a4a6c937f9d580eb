"""`socialops github-settings [--check]`: branch protection as code.

`.github/branch-protection.yaml` states what a branch needs so that nothing reaches it
unreviewed or unchecked: the required checks (the policy check, the tests, the review
gate's commit status), up-to-date branches or a merge queue (two pull requests that each
pass alone must not merge into a calendar that breaks a cadence rule), code-owner review,
stale approvals dismissed, approval of the last push, no force pushes or deletion.

Without `--check` the command prints that list as a checklist for the settings page.
With `--check` it reads the live settings (classic branch protection and the rules of
rulesets that apply to the branch; either may satisfy a requirement) and says which are
met. Reading classic protection needs Administration: read, which a workflow's
GITHUB_TOKEN cannot have: use a fine-grained personal access token.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the CLI imports this module to build its parser: keep that cheap
    from .api import Client

SETTINGS_FILE = ".github/branch-protection.yaml"
SCHEMA_KIND = "branch-protection"
TOKEN_HINT = ("reading branch protection needs a token with Administration: read (repository permission). "
              "A workflow's GITHUB_TOKEN cannot be given it: create a fine-grained personal access token for "
              "this repository with Administration: read and Metadata: read, and set GITHUB_TOKEN to it")


@dataclass
class Live:
    """A branch's settings as GitHub reports them."""

    classic: dict[str, Any] | None  # GET …/branches/{b}/protection; None when the branch has none
    rules: list[dict[str, Any]] = field(default_factory=list)  # GET …/rules/branches/{b}: active ruleset rules
    no_classic_reason: str = ""  # GitHub's answer when there is no classic protection


@dataclass(frozen=True)
class Requirement:
    name: str  # what the branch needs, in words
    setting: str  # where GitHub's settings turn it on
    met_by: Callable[[Live], str | None]  # where the live settings satisfy it, or None


@dataclass(frozen=True)
class Verdict:
    requirement: Requirement
    met_by: str | None

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


def _classic_contexts(live: Live) -> set[str]:
    checks = _classic(live, "required_status_checks", "checks") or []
    contexts = _classic(live, "required_status_checks", "contexts") or []  # deprecated, still answered
    return {check.get("context") for check in checks if isinstance(check, dict)} | set(contexts)


def _first(*answers: str | None) -> str | None:
    return next((answer for answer in answers if answer), None)


def _status_check(context: str) -> Requirement:
    def met_by(live: Live) -> str | None:
        return _first(
            "classic protection" if context in _classic_contexts(live) else None,
            *(_source(rule) for rule in _rules(live, "required_status_checks")
              if context in {check.get("context") for check in _parameters(rule).get("required_status_checks", [])}))

    return Requirement(f"required check '{context}'",
                       f"Require status checks to pass before merging: add '{context}'", met_by)


def _up_to_date(live: Live) -> str | None:
    return _first(
        "classic protection: strict" if _classic(live, "required_status_checks", "strict") is True else None,
        *(_source(rule) + ": strict" for rule in _rules(live, "required_status_checks")
          if _parameters(rule).get("strict_required_status_checks_policy") is True),
        *(_source(rule) + ": merge queue" for rule in _rules(live, "merge_queue")))


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


def requirements(spec: dict[str, Any]) -> list[Requirement]:
    """The requirements one branch's entry in the settings file states, in file order."""
    found: list[Requirement] = []
    checks = spec.get("required_status_checks", {})
    found += [_status_check(context) for context in checks.get("contexts", [])]
    if checks.get("up_to_date_or_merge_queue"):
        found.append(Requirement(
            "branch up to date before merging, or a merge queue",
            "Require branches to be up to date before merging, or require a merge queue in a ruleset "
            "(the classic protection API does not report a merge queue)", _up_to_date))
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
    if spec.get("block_force_pushes"):
        found.append(_blocked("no force pushes", "leave 'Allow force pushes' off (ruleset: Block force pushes)",
                              "allow_force_pushes", "non_fast_forward"))
    if spec.get("block_deletions"):
        found.append(_blocked("no deletion of the branch", "leave 'Allow deletions' off (ruleset: Restrict deletions)",
                              "allow_deletions", "deletion"))
    return found


def compare(wanted: list[Requirement], live: Live) -> list[Verdict]:
    return [Verdict(requirement, requirement.met_by(live)) for requirement in wanted]


# -- the settings file ------------------------------------------------------------------------


def load_spec(root: Path, branch: str) -> dict[str, Any]:
    """The branch's entry of the settings file, validated by its JSON Schema; a UsageError
    naming each problem with its line."""
    from ..errors import UsageError
    from ..model.loader import Loader

    loader = Loader(root)
    document, _ = loader.read_yaml(SETTINGS_FILE, SCHEMA_KIND)
    if loader.problems:
        problems = "\n".join(f"  {p.path}:{p.line or 1}: {p.message}" + (f" ({p.hint})" if p.hint else "")
                             for p in loader.problems)
        raise UsageError(f"{SETTINGS_FILE} has problems:\n{problems}")
    branches = document.get("branches", {})
    if branch not in branches:
        raise UsageError(f"{SETTINGS_FILE} says nothing about branch '{branch}' "
                         f"(it names: {', '.join(branches) or 'no branch'})")
    return branches[branch]


# -- talking to GitHub ------------------------------------------------------------------------


def fetch_live(client: Client, branch: str) -> Live:
    """Classic protection and ruleset rules of `branch`; no classic protection (404) is an
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
    return Live(classic, client.get_all(f"rules/branches/{name}"), reason)


# -- the command ------------------------------------------------------------------------------


def register(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser(
        "github-settings", help="print, or --check, the branch protection .github/branch-protection.yaml states",
        description=f"Print the branch protection {SETTINGS_FILE} states for a branch, as a checklist for the "
                    "repository's settings. With --check, compare it with the live settings through the GitHub "
                    "API: classic branch protection and rulesets, either of which may satisfy each requirement. "
                    "--check needs GITHUB_TOKEN with Administration: read (a fine-grained personal access "
                    "token; a workflow's GITHUB_TOKEN cannot have it).",
        epilog="exit status: 0 every requirement met (or printed), 1 some requirement missing, "
               "2 usage or configuration error, or GitHub refused or could not be reached")
    parser.add_argument("--check", action="store_true", help="compare with the live repository settings")
    parser.add_argument("--repo", metavar="DIR", help="the repository folder (default: found from the current folder)")
    parser.add_argument("--branch", default="main", help="the branch (default: main)")
    parser.add_argument("--repository", metavar="OWNER/NAME", help="the GitHub repository (default: $GITHUB_REPOSITORY)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..cli import find_root
    from ..errors import UsageError
    from .api import Client, GitHubError

    root = find_root(args.repo)
    wanted = requirements(load_spec(root, args.branch))
    if not args.check:
        print(f"Branch '{args.branch}' needs (from {SETTINGS_FILE}):")
        for requirement in wanted:
            print(f"  - {requirement.name}: {requirement.setting}")
        return 0
    try:
        client = Client.from_environment(args.repository)
        live = fetch_live(client, args.branch)
    except GitHubError as exc:
        if exc.status in (401, 403):
            raise UsageError(f"{exc}\n{TOKEN_HINT}") from None
        raise UsageError(str(exc)) from None
    verdicts = compare(wanted, live)
    sys.stdout.write(report(client.repository, args.branch, live, verdicts))
    return 0 if all(verdict.met for verdict in verdicts) else 1


def report(repository: str, branch: str, live: Live, verdicts: list[Verdict]) -> str:
    lines = [f"{repository} branch '{branch}' against {SETTINGS_FILE}:"]
    if live.classic is None:
        lines.append(f"  finding  no classic branch protection ({live.no_classic_reason}); "
                     "only rulesets can satisfy the requirements")
    for verdict in verdicts:
        if verdict.met:
            lines.append(f"  met      {verdict.requirement.name} ({verdict.met_by})")
        else:
            lines.append(f"  MISSING  {verdict.requirement.name}: {verdict.requirement.setting}")
    missing = sum(not verdict.met for verdict in verdicts)
    lines.append(f"{len(verdicts) - missing} of {len(verdicts)} requirements met"
                 + (f"; {missing} missing" if missing else ""))
    return "\n".join(lines) + "\n"
