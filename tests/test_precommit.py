"""The pre-commit hooks run offline on a fresh copy of the repository."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import copy_tracked


def _git(target: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=target, check=True, capture_output=True)


def _run(target: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
           # no network: any attempt to fetch a hook repository fails fast
           "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9"}
    return subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=target, env=env,
                          capture_output=True, text=True, timeout=600)


def test_pre_commit_runs_offline_and_catches_a_bad_post(tmp_path: Path) -> None:
    target = tmp_path / "repo"
    target.mkdir()
    copy_tracked(target)
    _git(target, "init", "-q")
    _git(target, "add", "-A")
    clean = _run(target, tmp_path)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "socialops policy check" in clean.stdout
    bad = target / "content/posts/lanterna-us-x/2026/2026-12-03-oops.md"
    bad.parent.mkdir(parents=True, exist_ok=True)  # a company's own repository has other accounts
    bad.write_text("---\npublish_at: 2026-12-03T09:00\nstatus: approved\nauthor: tom-baker\n---\nOops\n")
    _git(target, "add", "-A")
    failed = _run(target, tmp_path)
    assert failed.returncode == 1
    assert "2026-12-03-oops.md:3: error [schema]" in failed.stdout
