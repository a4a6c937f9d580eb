"""SARIF fingerprints stay the same while a problem does, so code scanning keeps one alert."""

from __future__ import annotations

import json
from pathlib import Path

from socialops.output import sarif
from tests.conftest import check, make_repo


def _results(root: Path, now: str, rule: str) -> list[dict]:
    document = json.loads(sarif.render(check(root, now), sarif.line_reader(root)))
    return [result for result in document["runs"][0]["results"] if result["ruleId"] == rule]


def _fingerprints(results: list[dict]) -> list[str]:
    return [result["partialFingerprints"][sarif.FINGERPRINT] for result in results]


def test_the_same_finding_a_day_later_keeps_its_fingerprint(tmp_path: Path) -> None:
    """The base accounts' passwords were rotated on 2026-02-01: the message counts the
    days, so it changes every day; the alert must not."""
    root = make_repo(tmp_path)
    monday = _results(root, "2026-06-01T12:00:00Z", "account-security")
    tuesday = _results(root, "2026-06-02T12:00:00Z", "account-security")
    assert len(monday) == len(tuesday) == 3
    assert "password is 120 days old" in monday[0]["message"]["text"]
    assert "password is 121 days old" in tuesday[0]["message"]["text"]
    assert _fingerprints(monday) == _fingerprints(tuesday)


def test_different_findings_get_different_fingerprints(tmp_path: Path) -> None:
    """Three accounts, the same rule and the same kind of message: three alerts."""
    found = _fingerprints(_results(make_repo(tmp_path), "2026-06-01T12:00:00Z", "account-security"))
    assert len(set(found)) == len(found) == 3


def test_a_line_added_above_keeps_the_fingerprint(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    before = _results(root, "2026-06-01T12:00:00Z", "account-security")
    accounts = root / "accounts.yaml"
    accounts.write_text("# every account of the company\n" + accounts.read_text("utf-8"), encoding="utf-8")
    after = _results(root, "2026-06-01T12:00:00Z", "account-security")
    lines = [result["locations"][0]["physicalLocation"]["region"]["startLine"] for result in (before[0], after[0])]
    assert lines[1] == lines[0] + 1
    assert _fingerprints(before) == _fingerprints(after)


def test_a_changed_line_is_a_new_finding(tmp_path: Path) -> None:
    """A fingerprint hashes the flagged line, so the same message on another line text
    (here the date changed but is still too old) is another alert."""
    root = make_repo(tmp_path)
    before = _results(root, "2026-06-01T12:00:00Z", "account-security")
    accounts = root / "accounts.yaml"
    accounts.write_text(accounts.read_text("utf-8").replace('vault: "op://Social/acme-us-x"', 'vault: "op://Social/x"'),
                        encoding="utf-8")
    after = _results(root, "2026-06-01T12:00:00Z", "account-security")
    assert _fingerprints(before)[0] != _fingerprints(after)[0]
    assert _fingerprints(before)[1:] == _fingerprints(after)[1:]


def test_a_file_outside_the_repository_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret line\n", encoding="utf-8")
    root = make_repo(tmp_path)
    (root / "linked.txt").symlink_to(outside)
    read = sarif.line_reader(root)
    assert read("linked.txt", 1) == "" and read("../outside.txt", 1) == ""
    assert read("accounts.yaml", 1) == "accounts:"
