"""`socialops init` turns a clone of the demo into a company's own repository, and refuses
to touch one that already is."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_tracked, run_cli

COMPANY = """\
company: Acme Audio
hq_timezone: America/New_York
owned_domains: [shop.acme.example]
people:
  jane-doe: {name: Jane Doe, roles: [director], training: 2026-11-02}
  sam-lee: {name: Sam Lee, roles: [content], training: 2026-11-02}
  kim-park: {name: Kim Park, roles: [content], training: 2026-11-02}
  ravi-rao: {name: Ravi Rao, roles: [publishing, community], training: 2026-11-02}
accounts:
  acme-us-x:
    platform: x
    handle: "@AcmeAudio"
    name: Acme Audio
    market: US
    languages: [en-US]
    timezone: America/New_York
    url: https://x.com/AcmeAudio
    status: active
    profile: {avatar: content/media/acme.png, bio: Speakers., contact: social@acme.example, website: https://acme.example}
    security: {two_factor: true, vault: "op://Social/acme-us-x", password_rotated: 2026-11-02}
grants:
  acme-us-x: {writers: [sam-lee], reviewers: [jane-doe, kim-park], publishers: [ravi-rao], responders: [ravi-rao]}
"""
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
def company_repo(clone: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    company = tmp_path_factory.mktemp("company") / "company.yaml"
    company.write_text(COMPANY, encoding="utf-8")
    result = run_cli("init", str(company), cwd=clone, env={**os.environ, "SOCIALOPS_NOW": NOW})
    return clone, result


def test_init_makes_a_valid_company_repository(company_repo: tuple[Path, subprocess.CompletedProcess]) -> None:
    root, result = company_repo
    assert result.returncode == 0, result.stdout + result.stderr
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
    assert run_cli("codeowners", "--check", cwd=root).returncode == 0
    assert "@jane-doe @kim-park" in (root / ".github/CODEOWNERS").read_text("utf-8")


def test_the_company_site_builds(company_repo: tuple[Path, subprocess.CompletedProcess], tmp_path: Path) -> None:
    root, _ = company_repo
    out = tmp_path / "public"
    env = {**os.environ, "SOCIALOPS_NOW": NOW, "NO_MKDOCS_2_WARNING": "1"}
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(root / "mkdocs.yml"),
                            "-d", str(out)], capture_output=True, text=True, env=env, timeout=300)
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
    assert result.returncode == 2 and "uncommitted" in result.stderr
    assert draft.is_file() and (fresh / "content/posts/lanterna-us-x").is_dir()


@pytest.mark.parametrize(("text", "line", "message"), [
    (COMPANY.replace("hq_timezone: America/New_York", "hq_timezone: America/New_Yrok"), 2, "hq_timezone"),
    (COMPANY.replace("    market: US", "    market: NO"), 14, "'NO' is read by YAML 1.1 tools as"),
    (COMPANY.replace("company: Acme Audio\n", ""), 1, "missing required field 'company'"),
    (COMPANY + "acounts: {}\n", 23, "unknown field 'acounts'"),
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
