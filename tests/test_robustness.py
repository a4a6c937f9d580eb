"""Whatever a writer does to the files, the check answers with findings, never a traceback."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from socialops import check
from socialops.clock import parse_now
from tests.conftest import DEMO_NOW, copy_demo_content


def _corrupt(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    operation = rng.choice(["truncate", "bytes", "duplicate-line", "delete-line", "swap", "tab", "colon", "empty"])
    if operation == "truncate" and data:
        return data[: rng.randrange(len(data))]
    if operation == "bytes":
        at = rng.randrange(len(data) + 1)
        return data[:at] + bytes(rng.randrange(256) for _ in range(3)) + data[at:]
    if operation == "duplicate-line":
        at = rng.randrange(len(lines))
        return b"\n".join(lines[: at + 1] + lines[at:])
    if operation == "delete-line":
        at = rng.randrange(len(lines))
        return b"\n".join(lines[:at] + lines[at + 1:])
    if operation == "swap" and len(data) > 2:
        at = rng.randrange(len(data) - 1)
        return data[:at] + data[at + 1: at + 2] + data[at: at + 1] + data[at + 2:]
    if operation == "tab":
        return data.replace(b"  ", b"\t", 1)
    if operation == "colon":
        return data.replace(b": ", b"::", 1)
    return b""


@pytest.fixture(scope="module")
def demo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("robust") / "base"
    copy_demo_content(base)
    return base


@pytest.mark.parametrize("seed", range(25))
def test_corrupted_files_give_findings_not_tracebacks(demo_copy: Path, tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    work = tmp_path / "repo"
    shutil.copytree(demo_copy, work)
    candidates = sorted(p for p in work.rglob("*") if p.suffix in (".md", ".yaml"))
    for path in rng.sample(candidates, 3) + [work / "accounts.yaml"] * (seed % 5 == 0):
        path.write_bytes(_corrupt(path.read_bytes(), rng))
    result = check.run(work, parse_now(DEMO_NOW), jobs=1)
    for finding in result.findings + result.config_errors:
        assert finding.message and finding.path and not finding.path.startswith("/")
        assert finding.hint.strip(), f"{finding.rule} {finding.path}:{finding.line} {finding.message}"
