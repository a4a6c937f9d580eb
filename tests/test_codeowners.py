"""`socialops codeowners` and the codeowners rule, read back by an independent parser.

Who owns a path is computed by the PyPI package `codeowners` (a port of hmarr/codeowners,
last matching pattern wins, as GitHub does), never by our own code; the expected owners
are written here by hand from the demo's permissions.yaml: the first line, `*`, gives every
path to the sensitive approvers, and each later line takes the paths it names from it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from codeowners import CodeOwners

from socialops import demo
from socialops.clock import parse_now
from socialops.github import codeowners as generator
from socialops.model import loader
from socialops.model.entities import Account
from socialops.rules import engine
from tests.conftest import ROOT, make_repo, run_cli, write_files

NOW = "2026-03-01T12:00:00Z"
CONTENT = ["@tom-baker", "@anna-schmidt", "@yuki-tanaka", "@lucas-souza", "@layla-haddad"]  # role content, in order
DEMO_OWNERS = {
    # an account's posts: its grant's reviewers (the later line wins over `*`, so not the directors alone)
    "content/posts/lanterna-de-instagram/2026/x.md": ["@mei-lin", "@tom-baker"],
    "content/posts/lanterna-us-x/2026/2026-10-01-drift-001.md": ["@mei-lin", "@anna-schmidt"],
    "content/posts/lanterna-jp-x/2026/2026-12-10-halo-launch-904.md": ["@mei-lin", "@tom-baker"],
    "content/posts/lanterna-br-tiktok/2026/y.md": ["@mei-lin", "@anna-schmidt"],
    # retired, no grant: the directors keep its old posts
    "content/posts/lanterna-mx-facebook/2025/old.md": ["@mei-lin"],
    "content/campaigns/halo-launch-2026.md": ["@mei-lin", *CONTENT],
    "content/incidents/2026-10-14-br-tiktok-phishing.md": ["@mei-lin", "@layla-haddad", "@sofia-rossi"],
    "content/metrics/2026/accounts.csv": ["@mei-lin", "@raj-patel"],
    # settings and the tooling that decides what passes: the sensitive approvers
    "permissions.yaml": ["@mei-lin"],
    "accounts.yaml": ["@mei-lin"],
    "policy.yaml": ["@mei-lin"],
    ".github/workflows/check.yml": ["@mei-lin"],
    ".github/CODEOWNERS": ["@mei-lin"],
    "scripts/socialops/rules/cadence.py": ["@mei-lin"],
    "Makefile": ["@mei-lin"],
    "pyproject.toml": ["@mei-lin"],
    "requirements.lock": ["@mei-lin"],
    ".pre-commit-config.yaml": ["@mei-lin"],
    ".pre-commit-hooks.yaml": ["@mei-lin"],
    ".ci/run": ["@mei-lin"],
    "site/hooks.py": ["@mei-lin"],
    "mkdocs.yml": ["@mei-lin"],
    # everything else: the catch-all `*`, the sensitive approvers (the directors)
    "content/media/x.png": ["@mei-lin"],
    "content/media/images/halo.jpg": ["@mei-lin"],
    "tests/test_cli.py": ["@mei-lin"],
    "README.md": ["@mei-lin"],
    "bench/run.py": ["@mei-lin"],
    "a-new-top-level-file.txt": ["@mei-lin"],
    # paths are case-sensitive, and a prefix of an account id is another account: only `*` matches
    "Content/posts/lanterna-us-x/a.md": ["@mei-lin"],
    "content/posts/lanterna-us-x-old/a.md": ["@mei-lin"],
}
TEAM_PERMISSIONS = """\
people:
  alice: {name: Alice, roles: [content], training: 2026-01-10}
  dana: {name: Dana, roles: [director], training: 2026-01-10}
  pat: {name: Pat, roles: [publishing], training: 2026-01-10}
teams:
  us-reviewers: {github: acme/us-reviewers, members: [dana]}
  directors: {github: acme/social-directors, members: [dana]}
grants:
  acme-us-x: {writers: [alice], reviewers: [us-reviewers], publishers: [pat]}
  acme-de-instagram: {writers: [alice], reviewers: [dana, us-reviewers, dana], publishers: [pat]}
  acme-gb-linkedin: {writers: [alice], reviewers: [dana], publishers: [pat]}
sensitive_approvers: [directors]
"""


def _owners(text: str, path: str) -> list[str]:
    return [owner for _, owner in CodeOwners(text).of(path)]


@pytest.fixture(scope="module")
def demo_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = tmp_path_factory.mktemp("demo")
    demo.generate(out, with_media=False)
    return (out / ".github/CODEOWNERS").read_text("utf-8")


@pytest.mark.parametrize(("path", "owners"), list(DEMO_OWNERS.items()))
def test_owners_of_demo_paths(demo_text: str, path: str, owners: list[str]) -> None:
    assert _owners(demo_text, path) == owners


def test_every_line_is_the_last_match_for_its_own_paths(demo_text: str) -> None:
    """No later pattern takes a path from the line that names it (last match wins); the
    catch-all keeps what no other line names."""
    parsed = CodeOwners(demo_text)
    for number, line in enumerate(demo_text.splitlines(), start=1):
        if line and not line.startswith("#"):
            pattern = line.split()[0]
            if pattern == "*":
                sample = "README.md"
            else:
                sample = pattern.strip("/") + ("/2026/sample.md" if pattern.endswith("/") else "")
            assert parsed.matching_line(sample)[1] == number, pattern


def test_only_plain_patterns_and_owners(demo_text: str) -> None:
    assert demo_text.startswith("# Generated by `socialops codeowners` from permissions.yaml")
    assert "do not edit this file by hand" in demo_text.lower()
    assert "loosen its own gate" in demo_text  # why the tooling is owned too
    rules = [line.split() for line in demo_text.splitlines() if line and not line.startswith("#")]
    assert rules and len(demo_text.encode()) < 3 * 1024 * 1024
    assert rules[0] == ["*", "@mei-lin"]  # the catch-all comes first, so every later line wins over it
    for index, (pattern, *owners) in enumerate(rules):
        if index:  # no !, [ ], \#, * or spaces after the catch-all
            assert re.fullmatch(r"/[A-Za-z0-9._/-]+", pattern), pattern
        assert owners and len(owners) == len({o.lower() for o in owners}), pattern
        for owner in owners:
            assert re.fullmatch(r"@[A-Za-z0-9-]+(/[A-Za-z0-9_.-]+)?", owner), owner
    assert len({pattern for pattern, *_ in rules}) == len(rules)


def test_a_team_is_written_as_the_team(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"permissions.yaml": TEAM_PERMISSIONS})
    result = run_cli("codeowners", cwd=root)
    assert result.returncode == 0, result.stderr
    text = (root / ".github/CODEOWNERS").read_text("utf-8")
    assert _owners(text, "content/posts/acme-us-x/2026/a.md") == ["@acme/us-reviewers"]
    assert _owners(text, "content/posts/acme-de-instagram/2026/a.md") == ["@dana", "@acme/us-reviewers"]
    assert _owners(text, "permissions.yaml") == ["@acme/social-directors"]
    assert _owners(text, ".github/workflows/site.yml") == ["@acme/social-directors"]
    # the directors: the approvers' team, then dana, who has the director role
    assert _owners(text, "content/campaigns/spring.md") == ["@acme/social-directors", "@dana", "@alice"]
    # the catch-all: the sensitive approvers as written, the team alone
    assert _owners(text, "content/media/x.png") == ["@acme/social-directors"]
    assert _owners(text, "README.md") == ["@acme/social-directors"]
    assert "/content/posts/acme-us-x/ @acme/us-reviewers" in result.stdout
    assert "  * @acme/social-directors" in result.stdout
    assert run_cli("check", "--now", NOW, cwd=root).stdout.count("[codeowners]") == 0


def test_check_exit_codes_and_diff(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    in_sync = run_cli("codeowners", "--check", cwd=root)
    assert in_sync.returncode == 0, in_sync.stdout + in_sync.stderr
    before = (root / ".github/CODEOWNERS").read_text("utf-8")
    permissions = root / "permissions.yaml"
    permissions.write_text(permissions.read_text().replace(
        "acme-us-x: {writers: [alice], reviewers: [dana]", "acme-us-x: {writers: [alice], reviewers: [dana, alice]"))
    drift = run_cli("codeowners", "--check", cwd=root)
    assert drift.returncode == 1
    assert "-/content/posts/acme-us-x/ @dana\n" in drift.stdout
    assert "+/content/posts/acme-us-x/ @dana @alice\n" in drift.stdout
    assert "run `socialops codeowners`" in drift.stderr
    assert (root / ".github/CODEOWNERS").read_text("utf-8") == before  # --check writes nothing
    written = run_cli("codeowners", cwd=root)
    assert written.returncode == 0 and "wrote .github/CODEOWNERS" in written.stdout
    assert _owners((root / ".github/CODEOWNERS").read_text("utf-8"), "content/posts/acme-us-x/a.md") == [
        "@dana", "@alice"]
    assert run_cli("codeowners", "--check", cwd=root).returncode == 0
    again = run_cli("codeowners", cwd=root)
    assert again.returncode == 0 and "unchanged" in again.stdout
    (root / ".github/CODEOWNERS").unlink()
    missing = run_cli("codeowners", "--check", "--repo", str(root), cwd=tmp_path)
    assert missing.returncode == 1 and "(missing)" in missing.stdout


def test_line_endings_do_not_count_as_drift(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    path = root / ".github/CODEOWNERS"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert run_cli("codeowners", "--check", cwd=root).returncode == 0


def test_drift_is_found_by_socialops_check(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    permissions = root / "permissions.yaml"
    permissions.write_text(permissions.read_text().replace("acme-de-instagram: {writers: [alice], reviewers: [dana]",
                                                           "acme-de-instagram: {writers: [alice], reviewers: [dana, alice]"))
    whole = run_cli("check", "--now", NOW, cwd=root)
    assert whole.returncode == 1
    assert "permissions.yaml:7: error [codeowners]" in whole.stdout
    assert ".github/CODEOWNERS:17: error [codeowners] /content/posts/acme-de-instagram/ goes to @dana here" in whole.stdout
    assert "accounts.yaml:14: error [codeowners] .github/CODEOWNERS is not current for acme-de-instagram" in whole.stdout
    assert "hint: run `socialops codeowners` and commit .github/CODEOWNERS" in whole.stdout
    # what the pre-commit hook runs when only permissions.yaml changed
    scoped = run_cli("check", "--now", NOW, "permissions.yaml", cwd=root)
    assert scoped.returncode == 1 and "[codeowners]" in scoped.stdout
    assert run_cli("codeowners", cwd=root).returncode == 0
    assert run_cli("check", "--now", NOW, cwd=root).returncode == 0
    # a hand edit, when only CODEOWNERS changed: media taken from the catch-all
    write_files(root, {".github/CODEOWNERS": (root / ".github/CODEOWNERS").read_text() + "/content/media/ @alice\n"})
    edited = run_cli("check", "--now", NOW, ".github/CODEOWNERS", cwd=root)
    assert edited.returncode == 1 and ".github/CODEOWNERS:47: error [codeowners] /content/media/" in edited.stdout


def _accounts_check(root: Path) -> list[str]:
    """The codeowners findings of `socialops check accounts.yaml`, which is what the
    pre-commit hook runs when a commit changes only accounts.yaml."""
    result = run_cli("check", "--now", NOW, "accounts.yaml", cwd=root)
    return [line for line in result.stdout.splitlines() if "[codeowners]" in line]


def test_drift_from_accounts_yaml_alone_is_found(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    accounts, permissions = root / "accounts.yaml", root / "permissions.yaml"
    # acme-gb-linkedin (accounts.yaml line 24) retired, its grant gone: the directors keep its posts
    accounts.write_text(accounts.read_text().replace("status: paused", "status: retired"))
    permissions.write_text(permissions.read_text().replace(
        "  acme-gb-linkedin: {writers: [alice], reviewers: [dana], publishers: [pat]}\n", ""))
    assert run_cli("codeowners", cwd=root).returncode == 0
    text = (root / ".github/CODEOWNERS").read_text("utf-8")
    assert "# acme-gb-linkedin is retired and has no reviewers: the directors own its posts.\n" in text
    assert _owners(text, "content/posts/acme-gb-linkedin/2025/old.md") == ["@dana"]
    assert _accounts_check(root) == []
    retired = accounts.read_text()

    # retired -> active, in accounts.yaml only: the account has no reviewers, and CODEOWNERS still has its line
    accounts.write_text(retired.replace("status: retired", "status: active"))
    found = _accounts_check(root)
    assert found and all(line.startswith("accounts.yaml:26: error [codeowners]") for line in found), found
    assert "no reviewer is named for acme-gb-linkedin (active)" in found[0]

    # an account removed: reported on accounts:, since its own line is gone
    lines = retired.splitlines(keepends=True)
    accounts.write_text("".join(lines[:23]))  # acme-us-x and acme-de-instagram
    assert _accounts_check(root) == [
        "accounts.yaml:1: error [codeowners] .github/CODEOWNERS still names /content/posts/acme-gb-linkedin/, "
        "but accounts.yaml has no such account (removed or renamed)"]

    # an account renamed: the old folder on accounts:, the new id (no grant yet) on its line
    accounts.write_text(retired.replace("  acme-us-x:\n", "  acme-usa-x:\n"))
    found = _accounts_check(root)
    assert [line.split(" [codeowners]")[0] for line in found] == ["accounts.yaml:1: error", "accounts.yaml:2: error"]
    assert "/content/posts/acme-us-x/" in found[0] and "acme-usa-x" in found[1]

    # an account added with its grant, CODEOWNERS not regenerated: on the new account's line
    accounts.write_text(retired + "".join(lines[1:12]).replace("acme-us-x", "acme-ca-x"))
    permissions.write_text(permissions.read_text().replace(
        "sensitive_approvers:", "  acme-ca-x: {writers: [alice], reviewers: [dana], publishers: [pat]}\nsensitive_approvers:"))
    assert _accounts_check(root) == [
        "accounts.yaml:38: error [codeowners] .github/CODEOWNERS is not current for acme-ca-x (active): it has no "
        "line for /content/posts/acme-ca-x/; its posts should go to @dana"]
    assert run_cli("codeowners", cwd=root).returncode == 0
    assert _accounts_check(root) == []


def test_the_pre_commit_hook_catches_drift(tmp_path: Path) -> None:
    """The hook passes only the changed files: a changed permissions.yaml alone, a changed
    accounts.yaml alone, or a hand-edited CODEOWNERS alone, must each be enough to fail it."""
    root = make_repo(tmp_path)
    shutil.copy(ROOT / ".pre-commit-config.yaml", root)
    (root / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts/venv-run", root / "scripts/venv-run")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), "SOCIALOPS_NOW": NOW,
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}  # offline

    def hook(path: str) -> subprocess.CompletedProcess:
        subprocess.run(["git", "add", "-A"], cwd=root, check=True, capture_output=True)
        return subprocess.run([sys.executable, "-m", "pre_commit", "run", "socialops-check", "--files", path],
                              cwd=root, env=env, capture_output=True, text=True, timeout=300)

    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    assert hook(".github/CODEOWNERS").returncode == 0
    permissions = root / "permissions.yaml"
    original = permissions.read_text()
    permissions.write_text(original.replace("sensitive_approvers: [dana]", "sensitive_approvers: []"))
    failed = hook("permissions.yaml")
    assert failed.returncode == 1 and "permissions.yaml:" in failed.stdout and "[codeowners]" in failed.stdout
    permissions.write_text(original)
    accounts = root / "accounts.yaml"
    all_accounts = accounts.read_text()
    accounts.write_text("".join(all_accounts.splitlines(keepends=True)[:23]))  # acme-gb-linkedin removed
    removed = hook("accounts.yaml")
    assert removed.returncode == 1 and "accounts.yaml:1: error [codeowners]" in removed.stdout
    accounts.write_text(all_accounts)
    codeowners_file = root / ".github/CODEOWNERS"
    codeowners_file.write_text(codeowners_file.read_text().replace("/.github/ @dana", "/.github/ @alice"))
    edited = hook(".github/CODEOWNERS")
    assert edited.returncode == 1 and ".github/CODEOWNERS:33: error [codeowners]" in edited.stdout


def test_an_account_without_reviewers_gets_no_line(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    permissions = root / "permissions.yaml"
    permissions.write_text(permissions.read_text().replace("acme-us-x: {writers: [alice], reviewers: [dana], ",
                                                           "acme-us-x: {writers: [alice], "))
    result = run_cli("codeowners", cwd=root)
    assert result.returncode == 0
    assert "no reviewer is named for acme-us-x" in result.stderr
    text = (root / ".github/CODEOWNERS").read_text("utf-8")
    assert "acme-us-x" not in text  # no owner-less line that would un-own it
    assert _owners(text, "content/posts/acme-us-x/2026/a.md") == ["@dana"]  # the catch-all only
    check = run_cli("check", "--now", NOW, cwd=root)
    assert "permissions.yaml:6: error [codeowners] no reviewer is named for acme-us-x (active)" in check.stdout
    assert "accounts.yaml:2: error [codeowners] no reviewer is named for acme-us-x (active)" in check.stdout


def test_no_sensitive_approvers_leaves_no_catch_all(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    permissions = root / "permissions.yaml"
    permissions.write_text(permissions.read_text().replace("sensitive_approvers: [dana]", "sensitive_approvers: []"))
    result = run_cli("codeowners", cwd=root)
    assert result.returncode == 0 and "sensitive_approvers names nobody" in result.stderr
    text = (root / ".github/CODEOWNERS").read_text("utf-8")
    assert "\n* " not in text and "/accounts.yaml" not in text  # no owner-less lines
    assert _owners(text, "README.md") == [] and _owners(text, "permissions.yaml") == []
    assert _owners(text, "content/posts/acme-us-x/2026/a.md") == ["@dana"]  # its reviewer
    check = run_cli("check", "--now", NOW, "permissions.yaml", cwd=root)
    assert "permissions.yaml:9: error [codeowners] the settings, the checks and every path" in check.stdout


@pytest.mark.parametrize(("files", "message"), [
    ({"accounts.yaml": "accounts:\n  Acme US: {platform: x}\n"}, "accounts.yaml:2"),
    ({"permissions.yaml": "people: [unclosed\n"}, "permissions.yaml:"),
    ({"permissions.yaml": "people:\n  alice: {name: Alice, roles: [content]}\n"
                          "teams:\n  us: {github: not a team, members: [alice]}\ngrants: {}\n"}, "permissions.yaml:4"),
])
def test_sources_with_problems_are_an_error_not_a_traceback(tmp_path: Path, files: dict, message: str) -> None:
    root = make_repo(tmp_path, files)
    before = (root / ".github/CODEOWNERS").read_text("utf-8")
    for args in (["codeowners"], ["codeowners", "--check"]):
        result = run_cli(*args, cwd=root)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "cannot generate .github/CODEOWNERS" in result.stderr and message in result.stderr
        assert "Traceback" not in result.stderr
    assert (root / ".github/CODEOWNERS").read_text("utf-8") == before


@pytest.mark.parametrize("account_id", ["acme us", "acme[1]", "!acme", "#acme", "acme*", "a\\b", "..", "ac/me"])
def test_names_codeowners_cannot_express_are_refused(tmp_path: Path, account_id: str) -> None:
    """The accounts schema keeps such ids out of the model; should one get in, it is a
    finding (or a usage error), never a pattern that means something else."""
    repo = loader.load(make_repo(tmp_path))
    account = repo.accounts.pop("acme-us-x")
    repo.accounts[account_id] = Account(account_id, account.data, account.lines)
    with pytest.raises(generator.CodeownersError) as refused:
        generator.build(repo)
    assert refused.value.path == "accounts.yaml" and "cannot be written" in refused.value.message
    findings = [f for f in engine.run(repo, parse_now(NOW)) if f.rule == "codeowners"]
    assert [(f.path, f.message) for f in findings] == [("accounts.yaml", refused.value.message)]


def test_a_file_github_would_not_load_is_refused() -> None:
    owners = tuple(f"@person-{n:06d}" for n in range(250_000))
    plan = generator.Plan([generator.Section(["everyone"], [generator.Entry("/content/", owners, ("people",))])], [])
    with pytest.raises(generator.CodeownersError, match="3 MB"):
        generator.render(plan)


def test_never_writes_through_a_link(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    outside = tmp_path / "outside.txt"
    outside.write_text("mine\n")
    (root / ".github/CODEOWNERS").unlink()
    (root / ".github/CODEOWNERS").symlink_to(outside)
    result = run_cli("codeowners", cwd=root)
    assert result.returncode == 2 and "link" in result.stderr
    assert outside.read_text() == "mine\n"
    assert "[syntax]" in run_cli("check", "--now", NOW, cwd=root).stdout
