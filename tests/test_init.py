"""`socialops init` turns a clone of the demo into a company's own repository, and refuses
to touch one that already is."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from socialops import atomic, init
from socialops.model.layout import CHANGE_JOURNAL
from tests.conftest import copy_tracked, demo_only, run_cli

pytestmark = demo_only  # init starts from the demo

COMPANY = init.EXAMPLE  # what `socialops init --example` gives a new user
NOW = "2026-11-20T12:00:00Z"  # the company file's dates are recent at this moment


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=root,
                          check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("init") / "repo"
    root.mkdir()
    copy_tracked(root)
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "commit", "-qm", "clone")
    return root


@pytest.fixture(scope="module")
def company_repo(clone: Path) -> tuple[Path, subprocess.CompletedProcess]:
    # as the README says: the company file written inside the clone, which init does not count as work to lose
    result = run_cli("init", "--example", cwd=clone)
    (clone / "company.yaml").write_text(result.stdout, encoding="utf-8")
    result = run_cli("init", "company.yaml", cwd=clone, env={**os.environ, "SOCIALOPS_NOW": NOW})
    return clone, result


def test_init_makes_a_valid_company_repository(company_repo: tuple[Path, subprocess.CompletedProcess]) -> None:
    root, result = company_repo
    assert result.returncode == 0, result.stdout + result.stderr
    # the example's avatar is the company's to add: a warning with a hint, not an error
    assert "warning [account-profile] avatar: media file 'content/media/avatar.png' does not exist" in result.stdout
    assert "hint: add the file at that path" in result.stdout
    left = [p.relative_to(root).as_posix() for p in (root / "content").rglob("*") if p.is_file()]
    assert left == ["content/README.md"]  # no demo posts, campaigns, incidents or media
    assert "lanterna" not in (root / "accounts.yaml").read_text("utf-8").lower()
    assert "reference_time" not in (root / "policy.yaml").read_text("utf-8")  # the real clock
    assert "hq_timezone: America/New_York" in (root / "policy.yaml").read_text("utf-8")
    assert "owned_domains: [shop.acme.example]" in (root / "policy.yaml").read_text("utf-8")
    assert "site_name: Acme Audio social operations" in (root / "mkdocs.yml").read_text("utf-8")
    permissions = (root / "permissions.yaml").read_text("utf-8")
    assert "sensitive_approvers:\n- jane-doe" in permissions  # every director by default
    check = run_cli("check", "--now", NOW, cwd=root)
    assert check.returncode == 0, check.stdout + check.stderr
    later = run_cli("check", "--now", "2027-03-01T00:00:00Z", cwd=root)  # proves NOW above was used, not the clock
    assert later.returncode == 1 and "password is 119 days old" in later.stdout
    assert run_cli("codeowners", "--check", cwd=root).returncode == 0
    assert "@jane-doe @kim-park" in (root / ".github/CODEOWNERS").read_text("utf-8")


def test_the_company_site_builds(company_repo: tuple[Path, subprocess.CompletedProcess], tmp_path: Path) -> None:
    root, _ = company_repo
    out = tmp_path / "public"
    from tests.test_site import build

    built = build(root, out, NOW)
    assert built.returncode == 0, built.stderr
    assert "Acme Audio social operations" in (out / "index.html").read_text("utf-8")


def test_a_second_init_refuses_and_writes_nothing(company_repo: tuple[Path, subprocess.CompletedProcess],
                                                  tmp_path: Path) -> None:
    root, _ = company_repo
    before = (root / "accounts.yaml").read_text("utf-8")
    company = tmp_path / "other.yaml"
    company.write_text(COMPANY.replace("Acme Audio", "Other Co"), encoding="utf-8")
    result = run_cli("init", str(company), cwd=root)
    assert result.returncode == 2
    assert "not the demo's" in result.stderr and "--force" in result.stderr
    assert (root / "accounts.yaml").read_text("utf-8") == before


def test_uncommitted_changes_are_not_lost(clone: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "repo"
    fresh.mkdir()
    copy_tracked(fresh)
    _git(fresh, "init", "-q")
    _git(fresh, "add", "-A")
    _git(fresh, "commit", "-qm", "clone")
    draft = fresh / "content/posts/lanterna-us-x/2026/2026-12-30-mine.md"
    draft.write_text("---\npublish_at: 2026-12-30T09:00\nstatus: draft\nauthor: tom-baker\n---\nMine\n", encoding="utf-8")
    company = tmp_path / "company.yaml"
    company.write_text(COMPANY, encoding="utf-8")
    result = run_cli("init", str(company), cwd=fresh)
    assert result.returncode == 2 and "uncommitted" in result.stderr and "2026-12-30-mine.md" in result.stderr
    assert draft.is_file() and (fresh / "content/posts/lanterna-us-x").is_dir()


def _fresh_clone(tmp_path: Path) -> tuple[Path, dict[Path, bytes], Path]:
    """A clone of this repository, its files' contents, and the example company file beside it."""
    fresh = tmp_path / "repo"
    fresh.mkdir()
    copy_tracked(fresh)
    company = tmp_path / "company.yaml"
    company.write_text(COMPANY, encoding="utf-8")
    return fresh, {p: p.read_bytes() for p in sorted(fresh.rglob("*")) if p.is_file()}, company


def test_a_failure_half_way_leaves_the_clone_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up after some files are swapped: every file is put back, the demo's
    posts included, and no temporary file is left."""
    import argparse

    from socialops.errors import UsageError

    fresh, before, company = _fresh_clone(tmp_path)
    calls = []
    real_unlink = os.unlink

    def full_after_a_while(path: object, *args: object, **kwargs: object) -> None:
        calls.append(path)
        if len(calls) == 40:  # some demo files are gone by now
            raise OSError(28, "No space left on device")
        real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", full_after_a_while)
    with pytest.raises(UsageError, match="nothing changed"):
        init.run(argparse.Namespace(example=False, company_file=str(company), repo=str(fresh), force=True))
    monkeypatch.setattr(os, "unlink", real_unlink)
    assert len(calls) >= 40
    assert {p: p.read_bytes() for p in sorted(fresh.rglob("*")) if p.is_file()} == before
    assert not list(fresh.rglob(f"*{atomic.TEMP_SUFFIX}"))


@pytest.mark.parametrize("deaths", [1, 3, 60])  # at the journal's own rename; after one file; half-way through the removals
def test_init_killed_mid_change_is_undone_by_the_next_command(tmp_path: Path, deaths: int) -> None:
    """SIGKILL at the n-th rename or removal in the repository, so some files are new
    and some old, some demo files gone; the next command (here a check) puts every file back from the journal: the clone
    is as it was, byte for byte, with no temporary file left."""
    import signal
    import sys

    fresh, before, company = _fresh_clone(tmp_path)
    program = ("import os, signal, sys\n"
               "seen = []\n"
               "def dying(real):\n"
               "    def call(*paths, **k):\n"
               "        if os.path.abspath(paths[-1]).startswith(os.getcwd() + os.sep):\n"
               "            seen.append(paths[-1])\n"
               f"            if len(seen) == {deaths}:\n"
               "                os.kill(os.getpid(), signal.SIGKILL)\n"
               "        return real(*paths, **k)\n"
               "    return call\n"
               "os.replace, os.unlink = dying(os.replace), dying(os.unlink)\n"
               "from socialops.cli import main\n"
               "sys.exit(main(sys.argv[1:]))\n")
    killed = subprocess.run([sys.executable, "-c", program, "init", str(company), "--force"], cwd=fresh,
                            capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL, killed.stderr + killed.stdout
    if deaths > 1:
        assert {p: p.read_bytes() for p in sorted(fresh.rglob("*")) if p.is_file() and "socialops-tmp" not in p.name} \
            != before  # the kill left a half-made change
    after = run_cli("check", cwd=fresh)
    assert ("a change was interrupted" in after.stderr) == (deaths > 1)
    assert {p: p.read_bytes() for p in sorted(fresh.rglob("*")) if p.is_file() and "socialops-tmp" not in p.name} \
        == before
    left = [path.name for path in fresh.rglob(f"*{atomic.TEMP_SUFFIX}")]
    # killed renaming the journal into place, nothing had begun: only the journal's own temporary file is left
    assert all(name.startswith(f".{CHANGE_JOURNAL}.") for name in left) and len(left) == (deaths == 1)


@pytest.mark.parametrize(("text", "line", "message"), [
    (COMPANY.replace("hq_timezone: America/New_York", "hq_timezone: America/New_Yrok"), 3, "hq_timezone"),
    (COMPANY.replace("    market: US", "    market: NO"), 18, "'NO' is read by YAML 1.1 tools as"),
    (COMPANY.replace("company: Acme Audio ", "# company: Acme Audio"), 1, "missing required field 'company'"),
    (COMPANY + "acounts: {}\n", 35, "unknown field 'acounts'"),
    ("company: [\n", 2, "YAML syntax error"),
])
def test_a_bad_company_file_is_explained_and_nothing_is_written(clone: Path, tmp_path: Path, text: str, line: int,
                                                                message: str) -> None:
    before = (clone / "accounts.yaml").read_text("utf-8")
    company = tmp_path / "company.yaml"
    company.write_text(text, encoding="utf-8")
    result = run_cli("init", str(company), "--force", cwd=clone)
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"company.yaml:{line}:" in result.stderr and message in result.stderr
    assert "Traceback" not in result.stderr
    assert (clone / "accounts.yaml").read_text("utf-8") == before


def test_the_example_company_file_is_valid(tmp_path: Path) -> None:
    from socialops import init

    example = tmp_path / "company.yaml"
    example.write_text(init.EXAMPLE, encoding="utf-8")
    company, problems = init.read_company(example)
    assert problems == [] and company["company"] == "Acme Audio"


def test_outside_a_git_clone_init_refuses(tmp_path: Path) -> None:
    """A downloaded archive has no git: init cannot tell what it would lose, so it writes nothing."""
    folder = tmp_path / "download"
    folder.mkdir()
    copy_tracked(folder)
    company = tmp_path / "company.yaml"
    company.write_text(COMPANY, encoding="utf-8")
    before = (folder / "policy.yaml").read_text("utf-8")
    result = run_cli("init", str(company), cwd=folder, env={**os.environ, "GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert result.returncode == 2 and "not a git clone" in result.stderr
    assert (folder / "policy.yaml").read_text("utf-8") == before
