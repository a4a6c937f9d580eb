"""What the fuzz harnesses share: a throwaway repository, one check of it, and the
known defects of other slices (tests/known_defects.py), so a long run goes on past them.

A harness writes the fuzzer's bytes over one file of a small valid repository (the test
suite's base, plus one post, campaign and incident), loads it and runs every rule. An
input passes when the check ends in findings or in silence; a traceback is a crash, and
libFuzzer's -timeout turns a hang into one.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path, PurePosixPath

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository: tests.known_defects
from tests.known_defects import is_known_defect  # noqa: E402  (defects other slices fix; a run goes on past them)

# Imported here, at the top: a harness imports this module inside atheris.instrument_imports,
# so the loader and every rule get coverage instrumentation.
from socialops.check import run_loaded  # noqa: E402
from socialops.clock import parse_now  # noqa: E402
from socialops.model import loader  # noqa: E402

HERE = Path(__file__).resolve().parent
BASE = HERE.parent / "tests" / "fixtures" / "base"
NOW = "2026-03-01T12:00:00Z"

POST = "content/posts/acme-us-x/2026/2026-03-02-launch.md"
CAMPAIGN = "content/campaigns/spring-launch.md"
INCIDENT = "content/incidents/2026-02-20-outage.md"
SEEDS = HERE / "seeds"


def make_repo() -> Path:
    """A valid repository in a fresh temporary folder: the test base and one of each document."""
    root = Path(tempfile.mkdtemp(prefix="socialops-fuzz-")) / "repo"
    shutil.copytree(BASE, root)
    for relpath, seed in ((POST, "post.md"), (CAMPAIGN, "campaign.md"), (INCIDENT, "incident.md")):
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEEDS / "documents" / seed, root / relpath)
    return root


def check_findings(root: Path, findings: list) -> None:
    """Every finding names a file of the repository by a relative path, and says something."""
    for finding in findings:
        path = PurePosixPath(finding.path)
        if not finding.path or path.is_absolute() or ".." in path.parts or "\\" in finding.path:
            raise AssertionError(f"finding path is not repository-relative: {finding!r}")
        if not finding.message or not finding.rule:
            raise AssertionError(f"finding without a message or rule: {finding!r}")
        if finding.line is not None and finding.line < 1:
            raise AssertionError(f"finding line before the file: {finding!r}")


def run_check(root: Path) -> None:
    """Load the repository and run every rule, as `socialops check` does in one process."""
    try:
        result = run_loaded(loader.load(root), parse_now(NOW))
    except Exception as error:
        if is_known_defect(error):
            return
        raise
    check_findings(root, result.findings + result.config_errors)


def write(root: Path, relpath: str, data: bytes) -> None:
    with open(os.path.join(root, relpath), "wb") as handle:
        handle.write(data)


def main(test_one_input, seeds: str) -> None:  # type: ignore[no-untyped-def]
    """Run libFuzzer with this harness; the seed folder comes after the working corpus."""
    import atheris

    args = list(sys.argv)
    if not any(not arg.startswith("-") for arg in args[1:]):
        work = HERE / "work" / seeds
        work.mkdir(parents=True, exist_ok=True)
        args += [str(work), str(SEEDS / seeds)]
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()
