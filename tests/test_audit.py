"""`socialops audit`: what is overdue, and the one issue that lists it, against the local
stand-in for GitHub (tests/github_server.py); never the network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from socialops import cli
from socialops.clock import parse_now
from socialops.findings import Finding
from socialops.github import audit
from socialops.github.audit import BOT, MARKER, Item
from socialops.github.markdown import ZWSP
from tests.conftest import ROOT, make_repo, write_files
from tests.github_server import FakeGitHub, environment, fake_github

NOW = "2026-03-01T12:00:00Z"
WEEK_LATER = "2026-03-08T12:00:00Z"
ISSUES = "/repos/lanterna/social/issues"
MISSED = "content/posts/acme-us-x/2026/2026-02-20-hello.md"
INCIDENT = "content/incidents/2026-02-25-delivery.md"
OVERDUE = {
    MISSED: "---\npublish_at: 2026-02-20T09:00\nstatus: scheduled\nauthor: alice\n---\nHello from Acme.\n",
    INCIDENT: "---\ntitle: \"Complaints to @acme about <late> deliveries, see #12\"\nkind: public-opinion\n"
              "severity: medium\n"
              "status: monitoring\nopened: 2026-02-25T08:00\naccounts: [acme-us-x]\nowner: dana\n---\n"
              "## Summary\n\nDelivery complaints under two posts.\n",
    "content/incidents/2026-01-05-phishing.md": "---\ntitle: Phishing DMs\nseverity: low\nstatus: resolved\n"
                                                "opened: 2026-01-05T08:00\nresolved: 2026-01-06T08:00\n"
                                                "accounts: [acme-us-x]\nowner: dana\n---\nHandled.\n",
}
# Expected by hand: rotated 2025-10-01 is 151 days before 1 March 2026, past 90 + 14 days;
# the incident opened 2026-02-25 08:00 Shanghai time (HQ), 4 days and 12 hours before NOW,
# and records no step: a medium incident is acknowledged within 4 hours and escalated
# within 24 (the policy's defaults, README "Incidents").
EXPECTED = [
    Item("password-rotation", "accounts.yaml", 12,
         "acme-us-x's password is 151 days old; rotate every 90 days (the 14-day grace period is over)", "error"),
    Item("post-missed", MISSED, 3, "missed: scheduled for 2026-02-20 09:00 local time and still not published"),
    Item("incident-timing", INCIDENT, 5,
         "not acknowledged 4 days 12 hours after detection; a medium incident is acknowledged within 4 hours", "error"),
    Item("incident-timing", INCIDENT, 5,
         "not escalated 4 days 12 hours after detection; a medium incident is escalated within 24 hours", "error"),
    Item("incident", INCIDENT, 5,
         "Complaints to @acme about <late> deliveries, see #12 (medium, monitoring): open for 4 days since 2026-02-25; "
         "accounts: acme-us-x"),
]


def overdue_repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path, OVERDUE)
    accounts = (root / "accounts.yaml").read_text("utf-8")
    accounts = accounts.replace('vault: "op://Social/acme-us-x", password_rotated: "2026-02-01"',
                                'vault: "op://Social/acme-us-x", password_rotated: "2025-10-01"')
    # two-factor off is a finding of the same rule, but a setting rather than a due date
    accounts = accounts.replace('{two_factor: true, vault: "op://Social/acme-de-instagram"',
                                '{two_factor: false, vault: "op://Social/acme-de-instagram"')
    (root / "accounts.yaml").write_text(accounts, encoding="utf-8")
    return root


def issue(number: int, body: str, login: str = BOT, title: str = "Audit", pull_request: bool = False) -> dict:
    """An item of GET /repos/{o}/{r}/issues as GitHub returns it (abridged)."""
    item: dict[str, Any] = {
        "id": 9000 + number, "number": number, "title": title, "body": body, "state": "open",
        "labels": [{"id": 77, "name": "audit", "color": "ededed", "default": False}],
        "user": {"login": login, "id": 41898282 if login == BOT else 583231,
                 "type": "Bot" if login.endswith("[bot]") else "User"},
        "html_url": f"https://github.com/lanterna/social/{'pull' if pull_request else 'issues'}/{number}",
    }
    if pull_request:
        item["pull_request"] = {"url": f"https://api.github.com/repos/lanterna/social/pulls/{number}",
                                "html_url": f"https://github.com/lanterna/social/pull/{number}"}
    return item


class Tracker:
    """Issues kept the way GitHub keeps them, behind the fake's routes: the list filters by
    state, label and creator (and includes pull requests), POST opens, PATCH edits."""

    def __init__(self, fake: FakeGitHub, issues: list[dict] | None = None) -> None:
        self.fake = fake
        self.issues: list[dict] = []
        fake.routes[f"GET {ISSUES}"] = self._list
        fake.routes[f"POST {ISSUES}"] = self._open
        for item in issues or []:
            self._add(item)

    def _add(self, item: dict) -> None:
        self.issues.append(item)
        self.fake.routes[f"PATCH {ISSUES}/{item['number']}"] = lambda body, query: self._edit(item, body)

    def _list(self, body: Any, query: dict[str, list[str]]) -> tuple[int, list]:
        state, label = query.get("state", ["open"])[0], query.get("labels", [None])[0]
        creator = query.get("creator", [None])[0]
        return 200, [item for item in self.issues if item["state"] == state
                     and (label is None or label in {lab["name"] for lab in item["labels"]})
                     and (creator is None or item["user"]["login"] == creator)]

    def _open(self, body: dict, query: Any) -> tuple[int, dict]:
        number = max((item["number"] for item in self.issues), default=0) + 1
        item = issue(number, body["body"], title=body["title"])
        item["labels"] = [{"id": 77, "name": name} for name in body.get("labels", [])]
        self._add(item)
        return 201, item

    def _edit(self, item: dict, body: dict) -> tuple[int, dict]:
        item.update(body)
        return 200, item

    def writes(self) -> list[tuple[str, str, Any]]:
        return [(method, path, body) for method, path, body in self.fake.requests if method in ("POST", "PATCH")]


def run_audit(root: Path, fake: FakeGitHub | None, monkeypatch: pytest.MonkeyPatch, *extra: str,
              now: str = NOW) -> int:
    if fake is not None:
        for name, value in environment(fake).items():
            monkeypatch.setenv(name, value)
    return cli.main(["audit", "--repo", str(root), "--now", now, *extra])


def test_the_overdue_items_by_hand(tmp_path: Path) -> None:
    root = overdue_repo(tmp_path)
    now = parse_now(NOW)
    assert audit.overdue_items(*audit._check(root, now), now) == EXPECTED


def test_overdue_items_open_one_labelled_issue_then_leave_it_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   capsys: pytest.CaptureFixture) -> None:
    root = overdue_repo(tmp_path)
    with fake_github() as fake:
        tracker = Tracker(fake)
        assert run_audit(root, fake, monkeypatch) == 0
        [(method, path, body)] = tracker.writes()
        assert (method, path, body["labels"]) == ("POST", ISSUES, ["audit"])
        assert body["title"] == "Audit: 5 overdue items"
        text = body["body"]
        assert text.startswith(MARKER)
        assert ("- `accounts.yaml:12` **error**: acme-us-x's password is 151 days old; rotate every 90 days "
                "(the 14-day grace period is over)") in text
        assert f"- `{MISSED}:3`: missed: scheduled for 2026-02-20 09:00 local time and still not published" in text
        # shown, but pings nobody, links no issue, and the <late> is text
        assert f"Complaints to @{ZWSP}acme about &lt;late&gt; deliveries, see \\#{ZWSP}12 (medium" in text
        assert "acme-de-instagram" not in text and "two-factor" not in text
        assert "Phishing" not in text  # resolved
        assert text.index("### Password rotations (1)") < text.index("### Missed posts (1)") \
            < text.index("### Incident steps overdue (2)") < text.index("### Open incidents (1)")
        assert "opened issue #1" in capsys.readouterr().out
        # found by its author and marker, whatever its labels
        lists = [path for m, path, _ in fake.requests if m == "GET" and path.startswith(ISSUES)]
        assert all("state=open" in path and "creator=github-actions%5Bbot%5D" in path and "labels" not in path
                   for path in lists)

        assert run_audit(root, fake, monkeypatch) == 0
        assert len(tracker.writes()) == 1  # same findings: no new issue, no edit
        assert "already lists what is overdue" in capsys.readouterr().out


def test_a_week_later_the_same_findings_are_not_edited(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture) -> None:
    """The password is 151 days old on 1 March and 158 on 8 March, the incident open for 4
    and then 11 days, not acknowledged after 4 days 12 hours and then 11 days 12 hours: the
    same overdue items, so no edit."""
    root = overdue_repo(tmp_path)
    with fake_github() as fake:
        tracker = Tracker(fake)
        assert run_audit(root, fake, monkeypatch) == 0
        first = tracker.writes()[0][2]["body"]
        assert "151 days old" in first and "Ages in days and hours are as of 2026-03-01" in first
        assert run_audit(root, fake, monkeypatch, "--dry-run", now=WEEK_LATER) == 0
        later = capsys.readouterr().out
        assert "158 days old" in later and "open for 11 days" in later  # the text would differ...
        assert audit.fingerprint_in(later) == audit.fingerprint_in(first)  # ...but not what is overdue
        assert run_audit(root, fake, monkeypatch, now=WEEK_LATER) == 0
        assert [method for method, _, _ in tracker.writes()] == ["POST"]  # no PATCH
        assert "already lists what is overdue" in capsys.readouterr().out


def test_a_removed_label_does_not_make_a_second_issue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = overdue_repo(tmp_path)
    with fake_github() as fake:
        tracker = Tracker(fake)
        assert run_audit(root, fake, monkeypatch) == 0
        tracker.issues[0]["labels"] = []  # someone took the label off
        write_files(root, {MISSED: OVERDUE[MISSED].replace("status: scheduled", "status: cancelled")})
        assert run_audit(root, fake, monkeypatch) == 0
        assert [(method, path) for method, path, _ in tracker.writes()] == [("POST", ISSUES), ("PATCH", f"{ISSUES}/1")]


def test_the_fingerprint_ignores_ages_only() -> None:
    item = EXPECTED[0]
    older = Item(item.kind, item.path, item.line, item.message.replace("151 days", "1 day"), item.severity)
    assert audit.fingerprint([item]) == audit.fingerprint([older])
    for changed in (Item(item.kind, item.path, item.line, item.message, "warning"),
                    Item(item.kind, "other.yaml", item.line, item.message, item.severity),
                    Item(item.kind, item.path, item.line, item.message.replace("acme-us-x", "acme-gb-x"), item.severity)):
        assert audit.fingerprint([changed]) != audit.fingerprint([item])
    assert audit.fingerprint(EXPECTED) == audit.fingerprint(list(reversed(EXPECTED)))


def test_changed_findings_edit_that_issue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = overdue_repo(tmp_path)
    with fake_github() as fake:
        tracker = Tracker(fake, [issue(3, "an older issue without the marker")])
        assert run_audit(root, fake, monkeypatch) == 0
        write_files(root, {MISSED: OVERDUE[MISSED].replace("status: scheduled", "status: cancelled")})
        assert run_audit(root, fake, monkeypatch) == 0
        writes = tracker.writes()
        assert [(method, path) for method, path, _ in writes] == [("POST", ISSUES), ("PATCH", f"{ISSUES}/4")]
        edit = writes[1][2]
        assert edit["title"] == "Audit: 4 overdue items" and "Missed posts" not in edit["body"]
        assert "state" not in edit


def test_all_clear_closes_the_issue_and_nothing_else_is_written(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo(tmp_path)
    with fake_github() as fake:
        tracker = Tracker(fake, [issue(8, f"{MARKER}\nold list")])
        assert run_audit(root, fake, monkeypatch) == 0
        [(method, path, body)] = tracker.writes()
        assert (method, path) == ("PATCH", f"{ISSUES}/8")
        assert body["state"] == "closed" and body["state_reason"] == "completed"
        assert body["body"].startswith(MARKER) and "nothing overdue" in body["body"]
        assert run_audit(root, fake, monkeypatch) == 0  # closed: no longer listed, nothing to do
        assert len(tracker.writes()) == 1


def test_pull_requests_and_other_authors_are_never_taken_for_the_audit_issue(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = overdue_repo(tmp_path)
    with fake_github() as fake:
        tracker = Tracker(fake, [issue(5, f"{MARKER}\ncopied into a PR", pull_request=True),
                                 issue(6, f"{MARKER}\nquoted by a person", login="mallory")])
        assert run_audit(root, fake, monkeypatch) == 0
        assert [(method, path) for method, path, _ in tracker.writes()] == [("POST", ISSUES)]


def test_the_issue_is_found_on_a_later_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = overdue_repo(tmp_path)
    with fake_github() as fake:
        # other issues the workflow's token opened (no marker), and people's, which the list leaves out
        others = [issue(number, f"bot note {number}") for number in range(1, 231)]
        others += [issue(number, f"{MARKER} quoted", login="dana") for number in range(300, 310)]
        tracker = Tracker(fake, others)
        assert run_audit(root, fake, monkeypatch) == 0  # opens #231
        assert run_audit(root, fake, monkeypatch) == 0  # finds it on the third page
        assert [(method, path) for method, path, _ in tracker.writes()] == [("POST", ISSUES)]
        assert fake.count("GET", ISSUES) == 3 + 3  # 230, then 231 issues, 100 a page


def test_nothing_overdue_and_no_issue_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture) -> None:
    with fake_github() as fake:
        tracker = Tracker(fake)
        assert run_audit(make_repo(tmp_path), fake, monkeypatch) == 0
        assert tracker.writes() == []
        assert "nothing to do" in capsys.readouterr().out


def test_an_api_error_exits_1_with_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture) -> None:
    root = overdue_repo(tmp_path)
    with fake_github() as fake:
        Tracker(fake)
        fake.routes[f"POST {ISSUES}"] = lambda body, query: (403, {"message": "Resource not accessible by integration"})
        assert run_audit(root, fake, monkeypatch) == 1
        err = capsys.readouterr().err
        assert f"POST {ISSUES}: HTTP 403 Resource not accessible by integration" in err
        assert "Traceback" not in err
    monkeypatch.delenv("GITHUB_TOKEN")
    assert cli.main(["audit", "--repo", str(root), "--now", NOW]) == 1
    assert "GITHUB_TOKEN is not set" in capsys.readouterr().err


def test_dry_run_prints_the_body_and_calls_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture) -> None:
    root = overdue_repo(tmp_path)
    with fake_github() as fake:
        assert run_audit(root, fake, monkeypatch, "--dry-run") == 0
        assert fake.requests == []
    out = capsys.readouterr().out
    assert out.startswith(MARKER) and "### Open incidents (1)" in out
    assert "would open the audit issue" in out


def test_the_audit_ignores_reference_time(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    """The demo's fixed 'now' keeps the check green; the audit is about the real calendar."""
    root = overdue_repo(tmp_path)
    write_files(root, {"policy.yaml": "version: 1\nhq_timezone: Asia/Shanghai\n"
                                      "reference_time: 2025-10-02T00:00:00+00:00\nrules: {}\n"})
    assert cli.main(["audit", "--repo", str(root), "--dry-run"]) == 0
    assert "acme-us-x's password is" in capsys.readouterr().out  # overdue by the clock, not by 2025-10-02


def test_a_bad_now_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert cli.main(["audit", "--repo", str(make_repo(tmp_path)), "--now", "Monday", "--dry-run"]) == 2
    assert "--now" in capsys.readouterr().err


def test_a_policy_the_rules_cannot_use_is_a_configuration_error(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    root = make_repo(tmp_path, {"policy.yaml": "version: 1\nhq_timezone: Asia/Shanghai\nrules: {cadnce: off}\n"})
    assert cli.main(["audit", "--repo", str(root), "--now", NOW, "--dry-run"]) == 2
    assert "policy.yaml:3:" in capsys.readouterr().err


def test_a_long_list_is_cut_to_fit_githubs_body_limit() -> None:
    items = [Item("post-missed", f"content/posts/a/2026/2026-01-01-p{n:05}.md", 3, "missed: " + "x" * 80)
             for n in range(2000)]
    today = parse_now(NOW).date()
    body = audit.report_body(items, today)
    assert len(body) < 65_536
    assert "more: run `socialops audit --dry-run` for the full list" in body
    assert audit.report_body(items, today) == body  # deterministic


def test_the_workflow_runs_weekly_off_the_hour_with_least_privilege() -> None:
    workflow = yaml.safe_load((ROOT / ".github/workflows/audit.yml").read_text("utf-8"))
    triggers = workflow[True]  # PyYAML 1.1 reads the key `on` as True
    [schedule] = triggers["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert minute not in ("0", "00") and (day, month) == ("*", "*") and weekday.isdigit()  # weekly, off the hour
    assert "workflow_dispatch" in triggers and workflow["permissions"] == {}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read", "issues": "write"}
    steps = [step.get("run", "") for step in job["steps"]]
    assert "make setup" in steps and ".venv/bin/socialops audit" in steps
    [audit_step] = [step for step in job["steps"] if step.get("run") == ".venv/bin/socialops audit"]
    assert audit_step["env"] == {"GITHUB_TOKEN": "${{ github.token }}"}


def test_plans_reports_and_briefs_are_overdue_only_for_a_date_passed() -> None:
    """A report past its due date, an action still open after its own and a brief not
    reviewed in time are overdue; a mistyped KPI, a missing done date or section are not."""
    def finding(rule: str, message: str) -> Finding:
        return Finding("content/x.md", 3, rule, "warning", message, "fix it")

    findings = [
        finding("evaluation-report", "the evaluation report for 2026 Q1 was due on 2026-04-30 (30 days after the quarter)"),
        finding("evaluation-report", "'reech' (US) is not a KPI id"),
        finding("improvement-actions", "the action 'Reply on weekends' (alice) was due on 2026-04-30 and is still open"),
        finding("improvement-actions", "the action 'Reply on weekends' is done but says not when"),
        finding("market-brief", "the brief was last reviewed on 2025-09-01, more than 180 days ago"),
        finding("market-brief", "the brief has no holidays section"),
    ]
    items = audit.overdue_items(findings, [], parse_now(NOW))
    assert [(item.kind, item.message[:24]) for item in items] == [
        ("evaluation-report", "the evaluation report fo"),
        ("improvement-actions", "the action 'Reply on wee"),
        ("market-brief", "the brief was last revie"),
    ]


def test_sources_replies_and_incident_steps_are_overdue_only_while_not_done() -> None:
    """A source not read again in time, a message still unanswered after its due time and an
    incident step not taken in time are overdue; a source without its market, a reply that
    came late and a step taken late are findings, but nothing is left to do by a date."""
    def finding(rule: str, message: str) -> Finding:
        return Finding("content/x.md", 3, rule, "warning", message, "fix it")

    findings = [
        finding("source-check", "the source 'ftc-endorsements' (FTC Endorsement Guides) was last checked on 2025-01-10, "
                                "412 days ago (every 180 days)"),
        finding("source-check", "2 x limit(s) last checked over 180 days ago (the oldest on 2025-01-10): text, media"),
        finding("source-check", "the source 'uwg' is a law but names no market"),
        finding("reply-sla", "important complaint c-1 received 2026-02-27 10:00 is unanswered; it was due "
                             "2026-02-28 10:00 (24 hours, round the clock)"),
        finding("reply-sla", "general question q-1 received 2026-02-02 10:00 was first answered 2026-02-09 10:00, "
                             "after its due time 2026-02-04 10:00 (2 working days in US)"),
        finding("incident-timing", "not escalated 1 day 2 hours after detection; a high incident is escalated within "
                                   "2 hours"),
        finding("incident-timing", "acknowledged 6 hours after detection; a medium incident is acknowledged within "
                                   "4 hours (policy.yaml incident_response)"),
    ]
    items = audit.overdue_items(findings, [], parse_now(NOW))
    assert [(item.kind, item.message[:22]) for item in items] == [
        ("source-check", "2 x limit(s) last chec"),
        ("source-check", "the source 'ftc-endors"),
        ("reply-sla", "important complaint c-"),
        ("incident-timing", "not escalated 1 day 2 "),
    ]
    for waited in ("8 days 3 hours", "9 days", "5 hours 10 minutes"):  # zero parts are left out of a wait
        later = [Item(item.kind, item.path, item.line, item.message.replace("1 day 2 hours", waited), item.severity)
                 for item in items]
        assert audit.fingerprint(later) == audit.fingerprint(items), waited  # the same step is overdue
