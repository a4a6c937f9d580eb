"""`socialops init COMPANY-FILE`: turn a clone of this repository into a company's own.

It removes the demo's posts, campaigns, incidents, playbooks, plans, reports, market briefs
and media, writes accounts.yaml, permissions.yaml and policy.yaml for the company (no
reference time: 'now' is the real clock), names the site after the company, regenerates .github/CODEOWNERS, and checks the
result. The company file is small YAML (`socialops init --example` prints one):
company, hq_timezone, people, accounts, and optionally teams, grants,
sensitive_approvers and owned_domains.

Nothing is lost: it refuses to run unless accounts.yaml is still the demo's and git has
no uncommitted changes, unless --force.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import yaml

from . import atomic
from .errors import UsageError
from .findings import Finding
from .model import schema
from .model.loader import CODEOWNERS
from .model.yamltext import LineMap, parse

EXAMPLE = """\
# socialops init company.yaml -- the first accounts and people of your company.
company: Acme Audio                  # the site is called "<company> social operations"
hq_timezone: America/New_York        # HQ time is shown beside each account's local time
owned_domains: [shop.acme.example]   # links to these need UTM tags (optional)
people:                              # keyed by GitHub handle; roles: director, content,
  jane-doe:                          # publishing, community, analytics
    name: Jane Doe
    roles: [director]
    training: 2026-11-02             # last compliance training (policy 7.1)
  sam-lee: {name: Sam Lee, roles: [content], training: 2026-11-02}
  kim-park: {name: Kim Park, roles: [content], training: 2026-11-02}
  ravi-rao: {name: Ravi Rao, roles: [publishing, community], training: 2026-11-02}
accounts:                            # as in accounts.yaml; add the avatar image to content/media/
  acme-us-x:
    platform: x
    handle: "@AcmeAudio"
    name: Acme Audio
    market: US
    languages: [en-US]
    timezone: America/New_York
    url: https://x.com/AcmeAudio
    status: active
    profile: {avatar: content/media/avatar.png, bio: Speakers that fill the room., contact: social@acme.example, website: https://acme.example}
    security: {two_factor: true, vault: "op://Social/acme-us-x", password_rotated: 2026-11-02}
    registration:                    # who asked, which director approved, a role mailbox (policy 3.1)
      requested_by: sam-lee
      approved_by: jane-doe
      date: 2026-11-02
      email: social-us@acme.example
      verification: pending          # verified, pending, not-applied or not-offered
      recovery_codes: "op://Social/acme-us-x/recovery-codes"   # where they are kept, never the codes
grants:                              # optional: who writes, reviews, publishes, answers
  acme-us-x: {writers: [sam-lee], reviewers: [jane-doe, kim-park], publishers: [ravi-rao], responders: [ravi-rao]}
# sensitive_approvers: [jane-doe]    # optional: default, every director
"""

CONTENT_README = """\
# Content

- `posts/<account-id>/<yyyy>/<yyyy-mm-dd>-<slug>.md`: one post for one account
  (`socialops new post ACCOUNT --at DATETIME --slug SLUG` writes it at the right path)
- `campaigns/<campaign-id>.md`: campaign and activity plans
- `incidents/<yyyy-mm-dd>-<slug>.md`: public-opinion and account-security incidents, with
  their response steps (detected, acknowledged, escalated, reported, appealed, statement)
- `playbooks/<kind>.md`: how to respond to each kind of incident (security, public-opinion,
  platform, other): steps, contacts, statement templates
- `plans/<yyyy>.md`: the year's plan, goals per account and market by KPI id
- `reports/<yyyy>-q<n>.md`: a quarter's evaluation against the plan, with improvement actions
- `markets/<MARKET>.md`: a market's brief: audience, culture, holidays, taboo topics
- `media/`: images and videos that posts and profiles use
- `metrics/<table>/<account-or-market>/<yyyy-mm>.csv`: the numbers the reports read
  (`socialops import PLATFORM FILE` writes them from a platform's export)
"""
FIELDS = ("company", "hq_timezone", "owned_domains", "people", "teams", "accounts", "grants", "sensitive_approvers")
# The demo's playbooks name its people: a company writes its own (incident-playbook asks for them)
DEMO_CONTENT = ("content/posts/", "content/campaigns/", "content/incidents/", "content/playbooks/", "content/plans/",
                "content/reports/", "content/markets/", "content/media/", "content/metrics/")


def configure(init: argparse.ArgumentParser) -> None:
    """The subcommand's description, options and handler (its one-line help is in cli.COMMANDS)."""
    init.description = ("Remove the demo content and write accounts.yaml, permissions.yaml and policy.yaml from "
                        "COMPANY-FILE; name the site; regenerate .github/CODEOWNERS; check the result.")
    init.epilog = ("exit status: 0 ready, 1 written but the check found errors to fix, 2 nothing written")
    init.add_argument("company_file", nargs="?", metavar="COMPANY-FILE", help="YAML with company, people, accounts")
    init.add_argument("--example", action="store_true", help="print an example company file and exit")
    init.add_argument("--repo", metavar="DIR", help="the repository (default: found from the current folder)")
    init.add_argument("--force", action="store_true",
                      help="run even if accounts.yaml is not the demo's or git has uncommitted changes")
    init.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.example:
        sys.stdout.write(EXAMPLE)
        return 0
    if not args.company_file:
        raise UsageError("give the company file: socialops init company.yaml (socialops init --example prints one)")
    from .model.layout import find_root
    from .output.text import visible

    root = find_root(args.repo)
    company_path = Path(args.company_file)
    company, problems = read_company(company_path)
    for problem in sorted(problems, key=lambda p: p.line or 0):
        print(visible(f"{args.company_file}:{problem.line or 1}: {problem.message}"), file=sys.stderr)
        if problem.hint:
            print(f"    hint: {visible(problem.hint)}", file=sys.stderr)
    if problems:
        print("socialops: nothing written; fix the company file and run again", file=sys.stderr)
        return 2
    if not args.force:
        _refuse_unless_demo(root, company_path)
    files = company_files(root, company)  # everything is read and built before anything changes
    files[CODEOWNERS] = _codeowners(files)
    demo_files = _demo_files(root)
    try:  # one change: every file removed and written, or (on any failure) none
        written = atomic.Change(root, files, demo_files, force=True).apply()
    except OSError as exc:
        raise UsageError(f"cannot write the repository: {exc}; nothing changed") from None
    for relpath in demo_files:
        _remove_empty_parents(root, (root / relpath).parent)
    print(f"removed {len(demo_files)} demo files; wrote {', '.join(written)}")
    return _check(root)


# -- the company file ----------------------------------------------------------------------


def read_company(path: Path) -> tuple[dict, list[Finding]]:
    """The company file's fields, validated with the schemas of the files they become."""
    name = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {name}: {exc}") from None
    document = parse(text)
    problems = [Finding(name, item.line, "syntax", "error", item.message, item.hint) for item in document.problems]
    data = document.value
    if problems:
        return {}, problems
    if not isinstance(data, dict):
        return {}, [Finding(name, 1, "schema", "error", "expected a mapping of fields", "see socialops init --example")]
    problems += _field_problems(name, data, document.lines)
    for kind, part in (("accounts", {"accounts": data.get("accounts", {})}),
                       ("permissions", {key: data[key] for key in ("people", "teams", "grants", "sensitive_approvers")
                                        if key in data} | {"grants": data.get("grants", {})})):
        for error in schema.validate(kind, part):
            problems.append(Finding(name, document.lines.line(error.path), "schema", "error", error.message, error.hint))
    return data, problems


def _field_problems(name: str, data: dict, lines: LineMap) -> list[Finding]:
    problems = []
    for key in data:
        if key not in FIELDS:
            problems.append(Finding(name, lines.line((key,)), "schema", "error", f"unknown field '{key}'",
                                    f"known fields: {', '.join(FIELDS)}"))
    for key in ("company", "hq_timezone", "people", "accounts"):
        if key not in data:
            problems.append(Finding(name, 1, "schema", "error", f"missing required field '{key}'",
                                    "see socialops init --example"))
    if "company" in data and not (isinstance(data["company"], str) and data["company"].strip()):
        problems.append(Finding(name, lines.line(("company",)), "schema", "error", "company: give the company's name",
                                "e.g. company: Acme Audio"))
    zone = data.get("hq_timezone")
    try:
        schema.zone(zone) if isinstance(zone, str) else None
    except ValueError as exc:
        from . import suggest

        problems.append(Finding(name, lines.line(("hq_timezone",)), "schema", "error", f"hq_timezone: {exc}",
                                suggest.did_you_mean(suggest.timezone(zone)) or schema.FORMAT_HINTS["iana-timezone"]))
    domains = data.get("owned_domains", [])
    if not (isinstance(domains, list) and all(isinstance(d, str) and re.fullmatch(r"[a-z0-9.-]+", d) for d in domains)):
        problems.append(Finding(name, lines.line(("owned_domains",)), "schema", "error",
                                "owned_domains: expected a list of domain names", "e.g. [shop.acme.example]"))
    return problems


# -- what init does to the repository ---------------------------------------------------------


def _refuse_unless_demo(root: Path, company_path: Path) -> None:
    """Init replaces accounts, people and policy: run it only on an untouched clone of the demo."""
    from . import demo

    expected = demo.build().files["accounts.yaml"]
    accounts = root / "accounts.yaml"
    if not accounts.is_file() or accounts.read_text(encoding="utf-8", errors="replace") != expected:
        raise UsageError("accounts.yaml is not the demo's: this repository already looks like a company's own. "
                         "Nothing written; use --force to replace accounts, people and policy anyway")
    try:
        status = subprocess.run(["git", "status", "--porcelain", "-z", "--untracked-files=all"], cwd=root,
                                capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        raise UsageError(f"cannot ask git whether there is uncommitted work ({exc}); nothing written. Use --force "
                         "if you have a copy of everything here") from None
    if status.returncode != 0:
        raise UsageError("this folder is not a git clone, so init cannot tell whether it would lose your work; "
                         "nothing written. Use --force if you have a copy of everything here")
    company = _relative(company_path, root)
    dirty = [entry[3:] for entry in status.stdout.split("\0") if entry and entry[3:] != company]
    if dirty:
        raise UsageError(f"git has uncommitted changes ({', '.join(dirty[:3])}{', ...' if len(dirty) > 3 else ''}); "
                         "commit or stash them first so init loses nothing (or use --force)")


def _relative(path: Path, root: Path) -> str | None:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None


def _demo_files(root: Path) -> list[str]:
    """The demo's content files here (exactly the paths the demo generator writes)."""
    from . import demo

    plan = demo.build()
    return [relpath for relpath in [*plan.files, *plan.images, *plan.videos]
            if relpath.startswith(DEMO_CONTENT) and (root / relpath).is_file() and not (root / relpath).is_symlink()]


def _remove_empty_parents(root: Path, folder: Path) -> None:
    while folder not in (root, root / "content") and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def company_files(root: Path, company: dict) -> dict[str, str]:
    """The company's settings files, by path."""
    if not (root / "mkdocs.yml").is_file():
        raise UsageError("mkdocs.yml is missing, so the site cannot be named; nothing written")
    return {
        "content/README.md": CONTENT_README,
        "accounts.yaml": _accounts_yaml(company),
        "permissions.yaml": _permissions_yaml(company),
        "policy.yaml": _policy_yaml(company),
        "mkdocs.yml": _mkdocs_yml(root, company["company"]),
    }


def _dump(value: dict) -> str:
    return yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=120, default_flow_style=False)


def _accounts_yaml(company: dict) -> str:
    return ("# Every company account (policy section 3). Ids are lower-case slugs; a post's folder\n"
            "# under content/posts/ is its account id.\n" + _dump({"accounts": company["accounts"]}))


def _permissions_yaml(company: dict) -> str:
    people = company["people"]
    directors = [handle for handle, person in people.items() if "director" in person.get("roles", [])]
    data: dict = {"people": people}
    if company.get("teams"):
        data["teams"] = company["teams"]
    data["grants"] = company.get("grants") or {}
    data["sensitive_approvers"] = company.get("sensitive_approvers") or directors
    if directors:
        data["review"] = {"date": datetime.now(UTC).date().isoformat(), "by": directors[0]}
    return ("# People, roles and per-account grants (policy sections 2 and 3.3). People are keyed by\n"
            "# GitHub handle. This file is the single source of .github/CODEOWNERS (socialops codeowners).\n"
            + _dump(data))


def _policy_yaml(company: dict) -> str:
    from .demo import policy_yaml

    return policy_yaml(company["hq_timezone"], company.get("owned_domains") or [], reference_time=None)


def _mkdocs_yml(root: Path, name: str) -> str:
    text = (root / "mkdocs.yml").read_text(encoding="utf-8")
    quoted = yaml.safe_dump(f"{name} social operations", width=1000).strip().removesuffix("...").strip()
    return re.sub(r"(?m)^site_name:.*$", lambda _: f"site_name: {quoted}", text, count=1)


def _codeowners(files: dict[str, str]) -> str:
    """.github/CODEOWNERS as the new accounts.yaml and permissions.yaml give it, made
    from them in a scratch folder before anything in the repository changes."""
    import tempfile

    from .github import codeowners

    with tempfile.TemporaryDirectory(prefix="socialops-init-") as scratch:
        for name in codeowners.SOURCES:
            Path(scratch, name).write_text(files[name], encoding="utf-8")
        return codeowners.expected(Path(scratch))[2]


def _check(root: Path) -> int:
    from . import check
    from .clock import now_for
    from .output import text

    result = check.run(root, now_for(os.environ.get("SOCIALOPS_NOW"), root))
    findings = result.config_errors + result.findings
    for finding in findings:
        print(text.with_hint(finding))
    errors = sum(1 for f in findings if f.severity == "error")
    if errors:
        print(f"{errors} error(s) to fix above; then run `make site`")
        return 1
    print("ready: run `make site` to build your site, add posts with `socialops new post`, "
          "and describe your company in README.md")
    return 0
