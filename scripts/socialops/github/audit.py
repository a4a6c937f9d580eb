"""`socialops audit`: the scheduled audit (policy 7.2.2: check the accounts and content
regularly, and act on what is found). It runs the check against the real clock and keeps
ONE issue, labelled `audit`, listing what is overdue: password rotations, the permission
review, training, missed posts, campaign evaluations, evaluation reports and their actions,
market briefs, the sources the rules rely on, messages unanswered past their reply time,
incident steps not taken in time, and open incidents.

The issue is found among the open issues its author opened (github-actions[bot] for the
workflow's token) by a hidden marker in its body, so removing its label does not make the
next run open another. It is opened when something is overdue, edited only when what is
overdue changed, and closed once nothing is. "Changed" is a fingerprint of the items (kind,
file, line, severity, message with ages in days left out), kept in a hidden marker: the
body says "151 days old" one week and "158 days old" the next, and the issue is not edited
for that. Everything from the repository's files goes through `markdown.py`, so an incident
title cannot ping anyone or inject HTML.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .markdown import code, inline

if TYPE_CHECKING:  # the CLI imports this module to build its parser: keep that cheap
    from ..findings import Finding
    from ..model.entities import Incident
    from .api import Client

MARKER = "<!-- socialops-audit -->"
FINGERPRINT = re.compile(r"<!-- socialops-audit-fingerprint: ([0-9a-f]{64}) -->")
# "151 days", "1 day", "4 days 12 hours" (an incident step's wait, its zero parts left out:
# "3 days"): grow with every run, change nothing. A run of them is one age; each repeat
# starts with a space and a digit, so the scan is linear.
_AGE = re.compile(r"\b\d+ (?:day|hour|minute)s?(?: \d+ (?:day|hour|minute)s?)*\b")
LABEL = "audit"
BOT = "github-actions[bot]"  # who opens the issue when the workflow's token does
MAX_BODY = 60_000  # GitHub refuses bodies over 65,536 characters; leave room for the frame

# Report order: a heading per kind of overdue item.
HEADINGS = {
    "password-rotation": "Password rotations",
    "permission-review": "Permission review",
    "training": "Training",
    "post-missed": "Missed posts",
    "campaign-evaluation": "Campaign evaluations",
    "evaluation-report": "Evaluation reports",
    "improvement-actions": "Improvement actions",
    "market-brief": "Market brief reviews",
    "source-check": "Sources to read again",
    "reply-sla": "Unanswered messages past their reply time",
    "incident-timing": "Incident steps overdue",
    "incident": "Open incidents",
}
# Rules whose every finding is something overdue; account-security is filtered (see _kind_of).
OVERDUE_RULES = ("permission-review", "training", "post-missed", "campaign-evaluation")
# Rules with some findings about a date passed, told by their message: a report past its
# due date (not a mistyped KPI), an action still open after it (not a missing done date),
# a brief not reviewed in time (not a missing section), a source or platform limit not
# checked in time (not a source without its market), a message still unanswered after its
# due time (not one answered late: that cannot be undone; the reply-sla rule looks at the
# messages of its max_age_days, 30 by default), an incident step not taken in
# its severity's time (not one taken late). Words, an anchor and one choice: linear scans.
OVERDUE_MESSAGES = {
    "evaluation-report": re.compile("was due on"),
    "improvement-actions": re.compile("and is still open"),
    "market-brief": re.compile("last reviewed on"),
    "source-check": re.compile("last checked (on|over)"),
    "reply-sla": re.compile("is unanswered; it was due"),
    "incident-timing": re.compile("^not (acknowledged|escalated) "),
}


@dataclass(frozen=True)
class Item:
    """One overdue thing: where it is written down and what is late."""

    kind: str  # a key of HEADINGS
    path: str
    line: int | None
    message: str
    severity: str = "warning"

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Action:
    """What the audit does to GitHub: open, update, close, or nothing."""

    verb: str  # "open" | "update" | "close" | "none"
    number: int | None = None  # the existing issue's number, for update and close
    title: str = ""
    body: str = ""


# -- what is overdue (pure) ------------------------------------------------------------------


def overdue_items(findings: list[Finding], incidents: list[Incident], now: datetime) -> list[Item]:
    """The overdue items among the check's findings, plus every incident not resolved;
    grouped in HEADINGS order, each group sorted by file, line and message."""
    items = [Item(kind, f.path, f.line, f.message, f.severity)
             for f in findings if (kind := _kind_of(f)) is not None]
    items += [_incident_item(incident, now) for incident in incidents if incident.meta.get("status") != "resolved"]
    order = list(HEADINGS)
    return sorted(items, key=lambda item: (order.index(item.kind), item.path, item.line or 0, item.message))


def _kind_of(finding: Finding) -> str | None:
    if finding.severity == "info":
        return None  # waived: a director accepted the exception with a reason
    if finding.rule in OVERDUE_RULES:
        return finding.rule
    if finding.rule in OVERDUE_MESSAGES and OVERDUE_MESSAGES[finding.rule].search(finding.message):
        return finding.rule
    # account-security also reports two-factor sign-in, which is a setting, not a due date;
    # both of its rotation findings (no date, too old) speak of the password.
    if finding.rule == "account-security" and "password" in finding.message:
        return "password-rotation"
    return None


def _incident_item(incident: Incident, now: datetime) -> Item:
    meta = incident.meta
    what = f"{meta.get('title', incident.id)} ({meta.get('severity', 'severity not set')}, {meta.get('status', 'no status')})"
    if incident.opened is None:
        since = "opened at an unreadable time"
    else:
        days = (now - incident.opened).days
        since = f"open for {days} day{'' if days == 1 else 's'} since {incident.opened.date()}"
    accounts = ", ".join(meta.get("accounts", [])) or "no accounts listed"
    return Item("incident", incident.path, incident.line("status"), f"{what}: {since}; accounts: {accounts}")


# -- the issue's text (pure) -------------------------------------------------------------------


def title_for(items: list[Item]) -> str:
    return f"Audit: {len(items)} overdue item{'' if len(items) == 1 else 's'}" if items else "Audit: nothing overdue"


def fingerprint(items: list[Item]) -> str:
    """The same for the same overdue items on any day: ages (days, hours, minutes) are left
    out of the messages, so only a new, resolved or different item (or one that became an error) changes it."""
    lines = sorted("\t".join((item.kind, item.path, str(item.line or ""), item.severity, _AGE.sub("N", item.message)))
                   for item in items)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def fingerprint_in(body: str | None) -> str | None:
    match = FINGERPRINT.search(body or "")
    return match.group(1) if match else None


def report_body(items: list[Item], today: date) -> str:
    """The issue body listing `items` as of `today` (ages are counted on that day)."""
    lines = [MARKER, f"<!-- socialops-audit-fingerprint: {fingerprint(items)} -->", f"## {title_for(items)}", "",
             f"The scheduled audit (policy 7.2.2) checked the repository on {today.isoformat()} and found what "
             "is listed below overdue. Fix each in a pull request; a later run updates this issue when "
             "what is overdue changes and closes it once nothing is.", ""]
    budget = MAX_BODY
    for kind, heading in HEADINGS.items():
        group = [item for item in items if item.kind == kind]
        if not group:
            continue
        lines += [f"### {heading} ({len(group)})", ""]
        for index, item in enumerate(group):
            entry = (f"- {code(item.location)}{' **error**' if item.severity == 'error' else ''}: "
                     f"{inline(item.message)}")
            budget -= len(entry) + 1
            if budget < 0:
                lines.append(f"- … and {len(group) - index} more: run `socialops audit --dry-run` for the full list")
                break
            lines.append(entry)
        lines.append("")
    lines.append(f"Ages in days and hours are as of {today.isoformat()}; the issue is not rewritten as they grow. "
                 "`socialops audit --dry-run` shows the list for today.")
    return "\n".join(lines) + "\n"


def all_clear_body() -> str:
    return (f"{MARKER}\n## Audit: nothing overdue\n\nThe scheduled audit (policy 7.2.2) found nothing overdue: "
            "password rotations, the permission review, training, published posts, campaign evaluations, "
            "evaluation reports and their actions, market briefs, the sources the rules rely on, the replies "
            "the reply-sla rule checks, incident steps and incidents are all up to date. A new issue is opened "
            "when something falls due.\n")


# -- deciding what to do (pure) ----------------------------------------------------------------


def audit_issues(issues: list[dict[str, Any]], author: str) -> list[dict[str, Any]]:
    """The open audit issues this tool wrote, oldest first: pull requests (which the issues
    list includes) and issues by anyone else are left alone, marker or not; the label does
    not matter (someone may have removed it)."""
    ours = [issue for issue in issues
            if "pull_request" not in issue
            and MARKER in str(issue.get("body") or "")
            and (issue.get("user") or {}).get("login") == author]
    return sorted(ours, key=lambda issue: issue["number"])


def decide(items: list[Item], existing: dict[str, Any] | None, today: date) -> Action:
    """Open, update, close or leave alone: an open issue is edited only when what is overdue
    changed (its fingerprint) or its title would."""
    if not items:
        if existing is None:
            return Action("none")
        return Action("close", existing["number"], title_for(items), all_clear_body())
    title, body = title_for(items), report_body(items, today)
    if existing is None:
        return Action("open", None, title, body)
    if fingerprint_in(existing.get("body")) == fingerprint(items) and existing.get("title") == title:
        return Action("none", existing["number"])
    return Action("update", existing["number"], title, body)


# -- talking to GitHub -------------------------------------------------------------------------


def apply(client: Client, action: Action) -> str:
    """Carry out `action`; returns what was done, for the log."""
    if action.verb == "open":
        issue = client.post("issues", {"title": action.title, "body": action.body, "labels": [LABEL]})
        return f"opened issue #{issue.get('number')} {issue.get('html_url', '')}".rstrip()
    if action.verb == "update":
        client.patch(f"issues/{action.number}", {"title": action.title, "body": action.body})
        return f"updated issue #{action.number}"
    if action.verb == "close":
        client.patch(f"issues/{action.number}", {"title": action.title, "body": action.body,
                                                 "state": "closed", "state_reason": "completed"})
        return f"nothing overdue: closed issue #{action.number}"
    if action.number is not None:
        return f"issue #{action.number} already lists what is overdue; not edited"
    return "nothing overdue and no audit issue open; nothing to do"


# -- the command ------------------------------------------------------------------------------


def configure(parser: argparse.ArgumentParser) -> None:
    """The subcommand's description, options and handler (its one-line help is in cli.COMMANDS)."""
    parser.description = ("Check the repository against the REAL clock (policy.yaml's reference_time is ignored: an "
                          "audit is about today) and list what is overdue: password rotations, the permission review, "
                          "training, missed posts, campaign evaluations, evaluation reports and their actions, "
                          "market briefs, sources to read again, messages unanswered past their reply time, incident "
                          "steps not taken in time and open incidents. Then open (labelled "
                          f"'{LABEL}'), update or close the one open issue that says so, found among the open issues "
                          "--author opened by a hidden marker, and edited only when what is overdue changed. Needs "
                          "GITHUB_TOKEN with issues: write.")
    parser.epilog = ("exit status: 0 the issue is up to date (overdue items are reported in it, not as a failure), "
                     "1 GitHub could not be reached or refused, 2 usage or configuration error")
    parser.add_argument("--repo", metavar="DIR", help="the repository folder (default: found from the current folder)")
    parser.add_argument("--now", metavar="ISO-DATETIME",
                        help="pretend it is this moment instead of the clock (for tests; $SOCIALOPS_NOW and "
                             "reference_time do not apply to the audit)")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the issue body and what would be done; no GitHub calls, no token needed")
    parser.add_argument("--repository", metavar="OWNER/NAME", help="the GitHub repository (default: $GITHUB_REPOSITORY)")
    parser.add_argument("--author", metavar="LOGIN", default=BOT,
                        help=f"who opens the audit issue, to find it again (default: {BOT}, the workflow's token)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..clock import parse_now
    from ..errors import UsageError
    from ..model.layout import find_root
    from .api import Client, GitHubError

    root = find_root(args.repo)
    try:
        now = parse_now(args.now)  # the clock unless --now: never the repository's reference time
    except ValueError as exc:
        raise UsageError(f"--now: {exc}") from None
    items = overdue_items(*_check(root, now), now)
    if args.dry_run:
        body = report_body(items, now.date()) if items else all_clear_body()
        action = ("would open the audit issue, or update the open one if what is overdue changed" if items
                  else "nothing overdue: would close the open audit issue, if there is one")
        sys.stdout.write(f"{body}\n{action}\n")
        return 0
    try:
        client = Client.from_environment(args.repository)
        # by author and marker, not by label: someone may have taken the label off
        found = audit_issues(client.get_all("issues", state="open", creator=args.author), args.author)
        if len(found) > 1:
            others = ", ".join(f"#{issue['number']}" for issue in found[1:])
            print(f"note: {others} also carry the audit marker; this run keeps #{found[0]['number']}", file=sys.stderr)
        print(apply(client, decide(items, found[0] if found else None, now.date())))
    except GitHubError as exc:
        print(f"socialops audit: {exc}", file=sys.stderr)
        return 1
    return 0


def _check(root: Path, now: datetime) -> tuple[list[Finding], list[Incident]]:
    """The check's findings and the incidents, from one load."""
    from .. import check
    from ..errors import UsageError
    from ..model import loader

    repo = loader.load(root)
    result = check.run_loaded(repo, now)
    if result.config_errors:  # the rules cannot be configured
        first = result.config_errors[0]
        raise UsageError(f"{first.path}:{first.line}: {first.message} (run `socialops check` for all problems)")
    return result.findings, repo.incidents
