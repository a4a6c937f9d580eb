"""The secrets rule scans long lines in bounded windows: as fast as the line is long, and
finding what detect-secrets finds in the whole line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from socialops.rules import secrets
from tests.conftest import best_time

FIXTURES = Path(__file__).parent / "fixtures"


def _flagged_lines() -> list[str]:
    """Every line the secrets fixtures expect a finding on (real credentials)."""
    found = []
    for case in yaml.safe_load((FIXTURES / "secrets.yml").read_text("utf-8")):
        for expected in case["expect"]:
            path, number = expected["at"].rsplit(":", 1)
            if path != "accounts.yaml":  # a vault holding a password: the vault check, not detect-secrets
                found.append(case["files"][path].split("\n")[int(number) - 1])
    assert len(found) >= 4
    return found


def _whole_line_kinds(line: str) -> set[str]:
    """The oracle: detect-secrets on the whole line at once (and on its YAML value
    quoted, whole), with no windows. Fine on lines of a few thousand harmless characters."""
    from detect_secrets.core import scan
    from detect_secrets.settings import transient_settings

    candidates = [line]
    pair = secrets._YAML_PAIR.fullmatch(line)
    if pair:
        candidates.append(f'{pair.group(1)}"{pair.group(2).rstrip()}"')
    with transient_settings({"plugins_used": [{"name": name} for name in secrets.DETECTORS]}):
        return {found.type for candidate in candidates for found in scan.scan_line(candidate)}


FILLERS = {"words": "lorem ipsum dolor ", "no spaces": "x", "digits": "0123456789"}
# where the credential starts: around each window edge (windows start every WINDOW // 2)
OFFSETS = (0, 1, secrets.WINDOW // 2 - 7, secrets.WINDOW // 2, secrets.WINDOW - 9, secrets.WINDOW, 2 * secrets.WINDOW + 3)


@pytest.mark.parametrize("line", _flagged_lines())
@pytest.mark.parametrize("filler", FILLERS)
def test_fixture_credentials_are_found_in_long_lines(line: str, filler: str) -> None:
    assert _whole_line_kinds(line), "the fixture line is a credential"
    for offset in OFFSETS:
        before = (FILLERS[filler] * 400)[:offset]
        long_line = f"{before} {line} {(FILLERS[filler] * 2000)[:2000]}"
        assert len(long_line) > secrets.WINDOW
        found = {kind for _, _, kind in secrets.credentials({"post.md": long_line}, tuple(secrets.DETECTORS))}
        assert found == _whole_line_kinds(long_line), f"credential at {offset}: {long_line[:80]}..."
        if offset == 0:
            assert found == _whole_line_kinds(line)


def test_a_credential_in_each_window_is_found_on_its_line() -> None:
    line = " ".join(["ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"] + ["lorem"] * 600 + ["AKIAIOSFODNN7EXAMPLQ"])
    found = secrets.credentials({"a.md": "title\n" + line}, tuple(secrets.DETECTORS))
    assert sorted(found) == [("a.md", 2, "AWS Access Key"), ("a.md", 2, "GitHub Token")]


# Issue 7: 500 spaces, `password`, 500 spaces and a word took 57 s. The rest are quadratic
# in detect-secrets' own patterns (JWT, npm, OpenAI) when a whole line is searched.
HOSTILE_LINES: dict[str, Callable[[int], str]] = {
    "spaces around a keyword": lambda size: " " * (size // 2) + "password" + " " * (size // 2) + "word",
    "a keyword pair repeated": lambda size: "password: x " * (size // 12),
    "JWT beginnings": lambda size: "eyJ" * (size // 3),
    "npm registry paths": lambda size: "//" * (size // 2),
}
SIZES = (1_000, 8_000, 64_000)
MAX_GROWTH = 20  # time at 8x the size / time at the size: 8 when linear, 64 when quadratic


@pytest.mark.parametrize("make", HOSTILE_LINES.values(), ids=list(HOSTILE_LINES))
def test_hostile_lines_scan_in_linear_time(make: Callable[[int], str]) -> None:
    times = [best_time(lambda: secrets.credentials({"post.md": make(size)}, tuple(secrets.DETECTORS)), repeats=5)  # noqa: B023
             for size in SIZES]
    growth = [later / earlier for earlier, later in zip(times, times[1:], strict=False)]
    assert max(growth) <= MAX_GROWTH, f"times {times} grow {growth} for 8x the characters"



def test_a_clean_text_is_judged_without_importing_detect_secrets(tmp_path) -> None:
    """The prefilter's table is kept in the user's cache: once it is there, a text with
    none of the detectors' literals costs no detect-secrets import (its slowest part)."""
    import os
    import subprocess
    import sys

    program = ("import sys; from socialops.rules import secrets; "
               "found = secrets.credentials({'a.md': 'Hello from Acme, on sale today.'}, tuple(secrets.DETECTORS)); "
               "print(found, 'detect_secrets' in sys.modules)")
    environment = {**os.environ, "SOCIALOPS_CACHE_DIR": str(tmp_path)}
    runs = [subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=environment,
                           check=True).stdout.split() for _ in range(2)]
    assert runs[0] == ["[]", "True"]  # the first run reads detect-secrets to build the table
    assert runs[1] == ["[]", "False"]
