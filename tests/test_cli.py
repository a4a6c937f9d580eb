"""The command line as users run it: exit codes, output formats, scoping, scaffolding."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from tests.conftest import DEMO_NOW, check, make_repo, run_cli, write_files

BROKEN = {
    "content/posts/acme-us-x/2026/2026-03-02-bad.md": "---\npublish_at: 2026-03-02T09:00\nstatus: approved\nauthor: alice\n---\nHi\n",
    "content/posts/acme-us-x/2026/2026-03-03-late.md": "---\npublish_at: 2026-03-03T23:45\nstatus: scheduled\nauthor: alice\n---\nLate\n",
}


def test_check_exit_codes_and_text(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    clean = run_cli("check", "--now", "2026-03-01T00:00:00Z", cwd=root)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    # the base repository: accounts.yaml, permissions.yaml, policy.yaml, .github/CODEOWNERS and 3 market briefs
    assert clean.stdout.splitlines()[-1] == "no findings in 7 files checked"
    write_files(root, BROKEN)
    broken = run_cli("check", "--now", "2026-03-01T00:00:00Z", cwd=root)
    assert broken.returncode == 1
    assert "content/posts/acme-us-x/2026/2026-03-02-bad.md:3: error [schema]" in broken.stdout
    assert "hint: approval is the merge" in broken.stdout
    assert broken.stdout.splitlines()[-1] == "2 error(s), 0 warning(s), 0 waived, in 2 of 9 files checked"
    assert "Traceback" not in broken.stdout + broken.stderr
    one = run_cli("check", "--now", "2026-03-01T00:00:00Z", "content/posts/acme-us-x/2026/2026-03-02-bad.md", cwd=root)
    assert one.stdout.splitlines()[-1] == "1 error(s), 0 warning(s), 0 waived, in 1 of 1 file checked"


def test_warnings_alone_exit_zero(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {
        "content/posts/acme-us-x/2026/2026-03-02-a.md": "---\npublish_at: 2026-03-02T09:00\nstatus: scheduled\nauthor: alice\n---\nHi\n"})
    result = run_cli("check", "--now", "2026-03-09T00:00:00Z", cwd=root)
    assert result.returncode == 0
    assert "warning [post-missed]" in result.stdout


def test_json_contract(tmp_path: Path) -> None:
    root = make_repo(tmp_path, BROKEN)
    result = run_cli("check", "--format", "json", "--now", "2026-03-01T00:00:00Z", cwd=root / "content")
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert document["counts"] == {"error": 2, "warning": 0, "info": 0}
    assert document["files_checked"] == 9  # the 7 files of the base repository (3 market briefs) and the 2 posts
    for finding in document["findings"]:
        assert set(finding) >= {"rule", "severity", "path", "line", "message"}
        assert finding["severity"] in ("error", "warning", "info")
        assert not finding["path"].startswith("/") and "\\" not in finding["path"]
        assert finding["line"] is None or isinstance(finding["line"], int)
    assert {(f["rule"], f["path"], f["line"]) for f in document["findings"]} == {
        ("schema", "content/posts/acme-us-x/2026/2026-03-02-bad.md", 3),
        ("cadence", "content/posts/acme-us-x/2026/2026-03-03-late.md", 2),
    }


def test_paths_limit_the_report_not_the_context(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {
        "content/posts/acme-us-x/2026/2026-03-02-a.md": "---\npublish_at: 2026-03-02T09:00\nstatus: scheduled\nauthor: alice\n---\nA\n",
        "content/posts/acme-us-x/2026/2026-03-02-b.md": "---\npublish_at: 2026-03-02T09:30\nstatus: scheduled\nauthor: alice\n---\nB\n",
        "content/posts/acme-de-instagram/2026/2026-03-02-c.md": "---\npublish_at: 2026-03-02T09:00\nstatus: approved\nauthor: alice\n---\nC\n",
    })
    result = run_cli("check", "--format", "json", "--now", "2026-03-01T00:00:00Z",
                     "content/posts/acme-us-x/2026/2026-03-02-b.md", cwd=root)
    findings = json.loads(result.stdout)["findings"]
    # b is too close to a, which was not named: the context is still read
    assert [(f["rule"], f["path"]) for f in findings] == [("cadence", "content/posts/acme-us-x/2026/2026-03-02-b.md")]
    assert result.returncode == 1


def test_scoped_check_equals_whole_check_on_demo(tmp_path: Path) -> None:
    """For every file, a check of that file alone reports exactly what the whole check reports on it."""
    root = tmp_path / "demo"
    assert run_cli("demo", "--out", str(root), cwd=tmp_path).returncode == 0
    # make the demo fail in several ways that depend on context
    write_files(root, {
        "content/posts/lanterna-us-x/2026/2026-12-02-extra.md":
            "---\npublish_at: 2026-12-02T08:40\nstatus: scheduled\nauthor: tom-baker\ncampaign: halo-launch-2026\n---\nExtra\n",
        "content/posts/lanterna-jp-x/2026/2026-12-02-late.md":
            "---\npublish_at: 2026-12-02T23:50\nstatus: scheduled\nauthor: nobody\n---\n遅い投稿\n",
    })
    whole = check(root, DEMO_NOW)
    assert {f.rule for f in whole} >= {"cadence", "references"}
    paths = sorted({f.path for f in whole} | {"content/posts/lanterna-us-x/2026/2026-10-01-drift-001.md",
                                               "accounts.yaml", "content/campaigns/halo-launch-2026.md"})
    for path in paths:
        if not (root / path).exists():
            continue
        scoped = check(root, DEMO_NOW, {path})
        assert scoped == [f for f in whole if f.path == path], path


def test_github_format_annotations_and_summary(tmp_path: Path) -> None:
    posts = {f"content/posts/acme-us-x/2026/2026-03-{day:02d}-p.md":
             f"---\npublish_at: 2026-03-{day:02d}T09:00\nstatus: approved\nauthor: alice\n---\nHi\n" for day in range(2, 16)}
    root = make_repo(tmp_path, posts)
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    result = run_cli("check", "--format", "github", "--now", "2026-03-01T00:00:00Z", cwd=root, env=env)
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 10  # GitHub shows ten per step
    assert annotations[0].startswith("::error file=content/posts/acme-us-x/2026/2026-03-02-p.md,line=3,title=socialops schema::")
    assert "::notice title=socialops::4 more finding(s)" in result.stdout
    table = summary.read_text()
    assert table.count("| error | schema |") == 14


def test_a_writers_text_cannot_add_lines_or_escape_sequences_to_the_output(tmp_path: Path) -> None:
    """A value quoted in a message (here a theme) is shown with its line breaks and escape
    characters written out: after a real line break, "::stop-commands::" would be a GitHub
    workflow command in the job's log (it turns every later annotation off), and ESC a
    terminal's colour or cursor command."""
    theme = '"tips\\n::stop-commands::pwned\\n\\e[31mred\\u202e"'  # YAML double-quoted: real \n, ESC, RLO
    root = make_repo(tmp_path, {"content/posts/acme-us-x/2026/2026-03-02-p.md":
                                f"---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\ntheme: {theme}\n---\nHi\n"})
    for form in ("text", "github"):
        result = run_cli("check", "--format", form, "--now", "2026-03-01T00:00:00Z", cwd=root)
        assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
        assert not any(line.startswith("::stop-commands") for line in result.stdout.splitlines())
        assert ("theme 'tips\\n::stop-commands::pwned\\n\\x1b[31mred\\u202e', but policy.yaml lists no themes"
                in result.stdout), result.stdout


def test_github_annotation_escaping() -> None:
    from socialops.findings import Finding
    from socialops.output.github import annotation

    line = annotation(Finding("a,b:c.md", 2, "schema", "warning", "50% done\r\nnext", "fix: it"))
    # the message's own line break written out as text; the one before the hint kept (%0A)
    assert line == "::warning file=a%2Cb%3Ac.md,line=2,title=socialops schema::50%25 done\\r\\nnext%0Afix: it"


# The parts of SARIF 2.1.0 that GitHub code scanning requires (reference/ecosystem.md §4).
LEVEL = {"enum": ["none", "note", "warning", "error"]}
SARIF_REQUIRED = {
    "type": "object",
    "required": ["$schema", "version", "runs"],
    "properties": {"version": {"const": "2.1.0"}, "runs": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/run"}}},
    "$defs": {
        "run": {"type": "object", "required": ["tool", "results"],
                "properties": {"tool": {"$ref": "#/$defs/tool"},
                               "results": {"type": "array", "items": {"$ref": "#/$defs/result"}}}},
        "tool": {"type": "object", "required": ["driver"],
                 "properties": {"driver": {"type": "object", "required": ["name", "rules"],
                                           "properties": {"rules": {"type": "array", "items": {"$ref": "#/$defs/rule"}}}}}},
        "rule": {"type": "object",
                 "required": ["id", "shortDescription", "fullDescription", "help", "defaultConfiguration"],
                 "properties": {"defaultConfiguration": {"properties": {"level": LEVEL}}}},
        "result": {"type": "object", "required": ["ruleId", "level", "message", "locations", "partialFingerprints"],
                   "properties": {"level": LEVEL, "message": {"type": "object", "required": ["text"]},
                                  "locations": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/location"}}}},
        "location": {"type": "object", "required": ["physicalLocation"],
                     "properties": {"physicalLocation": {
                         "type": "object", "required": ["artifactLocation"],
                         "properties": {
                             "artifactLocation": {"type": "object", "required": ["uri"],
                                                  "properties": {"uri": {"type": "string", "pattern": "^[^/\\\\]"}}},
                             "region": {"type": "object", "required": ["startLine"],
                                        "properties": {"startLine": {"type": "integer", "minimum": 1}}}}}}},
    },
}


def test_sarif_output(tmp_path: Path) -> None:
    root = make_repo(tmp_path, BROKEN)
    result = run_cli("check", "--format", "sarif", "--now", "2026-03-01T00:00:00Z", cwd=root)
    document = json.loads(result.stdout)
    jsonschema.validate(document, SARIF_REQUIRED)
    run = document["runs"][0]
    rules = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    for result_ in run["results"]:
        assert rules[result_["ruleIndex"]] == result_["ruleId"]
    assert {r["ruleId"] for r in run["results"]} == {"schema", "cadence"}


@pytest.mark.parametrize(("policy", "expected"), [
    ("version: 1\nrules:\n  cadance: error\n", "policy.yaml:3: configuration error"),
    ("version: 1\nrules:\n  cadence: {max_per_dya: 2}\n", "unknown field 'max_per_dya'"),
    ("version: 1\nrules:\n  cadence: loud\n", "policy.yaml:3: configuration error"),
    ("version: 1\nrules:\n  syntax: off\n", "policy.yaml:3: configuration error"),
    ("version: 1\nrules: [\n", "YAML syntax error"),
])
def test_bad_policy_is_a_configuration_error(tmp_path: Path, policy: str, expected: str) -> None:
    root = make_repo(tmp_path, {"policy.yaml": policy})
    result = run_cli("check", cwd=root)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_rule_levels_from_policy(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {**BROKEN, "policy.yaml": "version: 1\nrules:\n  cadence: off\n  schema: warning\n"})
    result = run_cli("check", "--format", "json", "--now", "2026-03-01T00:00:00Z", cwd=root)
    document = json.loads(result.stdout)
    assert [(f["rule"], f["severity"]) for f in document["findings"]] == [("schema", "warning")]
    assert result.returncode == 0


@pytest.mark.parametrize("args", [
    ["check", "--now", "yesterday"],
    ["check", "/etc/hostname"],
    ["check", "content/posts/nope.md"],
    ["check", "--format", "xml"],
    ["frobnicate"],
])
def test_usage_errors_exit_2(repo: Path, args: list[str]) -> None:
    result = run_cli(*args, cwd=repo)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_outside_any_repository(tmp_path: Path) -> None:
    result = run_cli("check", cwd=tmp_path)
    assert result.returncode == 2
    assert "not inside a socialops repository" in result.stderr


def test_new_post_scaffolds_a_valid_draft(repo: Path) -> None:
    # 02:30 UTC on March 3 is March 2 in New York: the file is dated by local time
    result = run_cli("new", "post", "acme-us-x", "--at", "2026-03-03T02:30:00+00:00", "--slug", "spring-sale",
                     "--author", "alice", "--text", "Spring is here.", "--now", "2026-03-01T00:00:00Z", cwd=repo)
    assert result.returncode == 0, result.stderr
    path = repo / "content/posts/acme-us-x/2026/2026-03-02-spring-sale.md"
    assert path.read_text() == ("---\npublish_at: 2026-03-03T02:30:00+00:00\nstatus: draft\nauthor: alice\n"
                                "language: en-US\nformat: text\ndisclosure: none\nrisk: normal\n---\nSpring is here.\n")
    assert check(repo) == []


def test_new_post_refuses_to_overwrite(repo: Path) -> None:
    args = ["new", "post", "acme-us-x", "--at", "2026-03-02T09:00", "--slug", "hello", "--author", "alice",
            "--now", "2026-03-01T00:00:00Z"]
    assert run_cli(*args, cwd=repo).returncode == 0
    path = repo / "content/posts/acme-us-x/2026/2026-03-02-hello.md"
    path.write_text(path.read_text() + "My copy, not to be lost.\n")
    again = run_cli(*args, cwd=repo)
    assert again.returncode == 2
    assert "already exists" in again.stderr
    assert path.read_text().endswith("My copy, not to be lost.\n")


@pytest.mark.parametrize(("args", "message"), [
    (["acme-fr-x", "--at", "2026-03-02T09:00", "--slug", "a", "--author", "alice"], "unknown account 'acme-fr-x'"),
    (["acme-us-x", "--at", "2026-02-30T09:00", "--slug", "a", "--author", "alice"], "not a real calendar date"),
    (["acme-us-x", "--at", "2026-03-02T09:00", "--slug", "Big Sale", "--author", "alice"], "lower-case"),
    (["acme-us-x", "--at", "2026-03-02T09:00", "--slug", "a", "--author", "mallory"], "not a person"),
])
def test_new_post_bad_input(repo: Path, args: list[str], message: str) -> None:
    result = run_cli("new", "post", *args, "--now", "2026-03-01T00:00:00Z", cwd=repo)
    assert result.returncode == 2
    assert message in result.stderr


def test_schema_export_for_editors(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    result = run_cli("schema", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0
    names = sorted(p.name for p in out.iterdir())
    kinds = ("accounts", "permissions", "policy", "post", "campaign", "incident", "playbook", "plan", "report", "market",
             "sources")
    assert names == sorted(f"{k}.schema.json" for k in kinds)
    for path in out.iterdir():
        jsonschema.Draft202012Validator.check_schema(json.loads(path.read_text()))
    policy = json.loads((out / "policy.schema.json").read_text())
    assert "cadence" in policy["properties"]["rules"]["properties"]  # rule ids autocomplete in editors
    (out / "post.schema.json").write_text("{}")
    refused = run_cli("schema", "--out", str(out), cwd=tmp_path)
    assert refused.returncode == 2 and (out / "post.schema.json").read_text() == "{}"
    assert run_cli("schema", "--out", str(out), "--force", cwd=tmp_path).returncode == 0


def test_rules_reference(tmp_path: Path) -> None:
    from socialops.rules import registry

    listing = run_cli("rules", cwd=tmp_path)
    markdown = run_cli("rules", "--format", "markdown", cwd=tmp_path)
    for rule_id, rule in registry.RULES.items():
        assert rule_id in listing.stdout
        assert f"## {rule_id}" in markdown.stdout
        assert f"Policy section {rule.SECTION}" in markdown.stdout


def test_link_leaving_the_repository_is_a_finding(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    outside = tmp_path / "outside.md"
    outside.write_text("---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\nHi\n")
    link = root / "content/posts/acme-us-x/2026/2026-03-02-link.md"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    findings = check(root)
    assert [(f.rule, f.path) for f in findings] == [("syntax", "content/posts/acme-us-x/2026/2026-03-02-link.md")]
    assert "outside the repository" in findings[0].message


def test_online_link_check_against_a_local_server(tmp_path: Path) -> None:
    """--online fetches each link; a loopback server stands in for the web, reached with
    --online-allow-private (without it, loopback addresses are refused)."""
    import http.server
    import threading

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_HEAD(self) -> None:  # noqa: N802
            self.send_response(200 if self.path == "/live" else 404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}"
    try:
        root = make_repo(tmp_path, {
            "content/posts/acme-us-x/2026/2026-03-02-a.md":
                f"---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\n{base}/live and {base}/gone\n",
            "policy.yaml": "version: 1\nrules:\n  links: off\n",
        })
        now = "2026-03-01T00:00:00Z"
        offline = run_cli("check", "--format", "json", "--now", now, cwd=root)
        refused = run_cli("check", "--format", "json", "--now", now, "--online", cwd=root)
        online = run_cli("check", "--format", "json", "--now", now, "--online", "--online-allow-private", cwd=root)
    finally:
        server.shutdown()
    assert json.loads(offline.stdout)["findings"] == []
    assert [(f["rule"], f["message"]) for f in json.loads(refused.stdout)["findings"]] == [
        ("link-reachable", f"{url}: not fetched: 127.0.0.1 is a loopback address") for url in (f"{base}/gone", f"{base}/live")]
    findings = json.loads(online.stdout)["findings"]
    assert [(f["rule"], f["message"]) for f in findings] == [("link-reachable", f"{base}/gone: answers 404")]


def test_a_check_loads_only_what_it_needs(tmp_path: Path) -> None:
    """The pre-commit hook runs `socialops check` on every commit: the commands for GitHub
    (review gate, preview, audit, settings, init) are not imported for it."""
    root = make_repo(tmp_path)
    script = ("import sys\nfrom socialops import cli\ncode = cli.main(['check', '--now', '2026-03-01T00:00:00Z'])\n"
              "print(code, sorted(m for m in sys.modules if m.startswith('socialops.github') or m == 'socialops.init'))")
    result = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120)
    assert result.stdout.splitlines()[-1] == "0 ['socialops.github', 'socialops.github.codeowners', " \
                                              "'socialops.github.paths']", result.stdout + result.stderr
