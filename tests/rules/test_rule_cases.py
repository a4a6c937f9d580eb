"""Every rule's documented examples and its fixture file of good and bad cases, in one test.

A fixture file tests/rules/fixtures/<rule-id>.yml holds cases:
    - name: what the case shows
      now: 2026-03-01T12:00:00Z        (optional)
      options: {max_per_day: 2}        (optional: the rule's options in policy.yaml)
      files: {path: text, ...}         (written over tests/fixtures/base)
      online: true                     (optional: rules may fetch; only loopback addresses in tests)
      online_allow_private: true       (optional: --online-allow-private, to reach a loopback address)
      expect:                          (this rule's findings, one entry each; [] means the case passes)
      - {at: "path:line", message: "part of the message"}    ("path" alone when there is no line)

`message` is the part of the finding's message that carries its point -- the limit and the
count, the term, the field -- so a case fails when the rule flags the right line for the
wrong reason. The rule's documented examples (EXAMPLES in its module) are checked by line.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from socialops.findings import Finding
from socialops.rules import registry
from tests.conftest import check, make_repo

FIXTURES = Path(__file__).parent / "fixtures"


def _cases():
    for rule_id, rule in registry.RULES.items():
        for number, example in enumerate(rule.EXAMPLES):
            first = next(iter(example.files))
            expect = [{"at": f"{first}:{line}", "message": ""} for line in example.lines] if not example.passes else []
            case = {"files": example.files, "now": example.now, "options": example.options, "online": example.online,
                    "expect": expect, "any_line": not example.passes and not example.lines, "from_example": True}
            yield pytest.param(rule_id, case, id=f"{rule_id}-example-{number}")
        path = FIXTURES / f"{rule_id}.yml"
        for case in yaml.safe_load(path.read_text("utf-8")) if path.exists() else []:
            yield pytest.param(rule_id, case, id=f"{rule_id}-{case['name']}")


def _policy(rule_id: str, options: dict) -> str:
    return yaml.safe_dump({"version": 1, "hq_timezone": "Asia/Shanghai",
                           "rules": {rule_id: {"level": "error", **options}} if options else {}})


def _at(finding: Finding) -> str:
    return f"{finding.path}:{finding.line}" if finding.line else finding.path


def _unmatched(expected: list[dict], found: list[Finding]) -> tuple[list[dict], list[str]]:
    """Pairs each expected entry with a finding at its place whose message contains its
    text; returns the entries and the findings left over. The longest texts are paired
    first, so a short one cannot take a finding a longer one needs."""
    left = list(found)
    missing = []
    for want in sorted(expected, key=lambda entry: -len(entry["message"])):
        match = next((f for f in left if _at(f) == want["at"] and want["message"] in f.message), None)
        if match is None:
            missing.append(want)
        else:
            left.remove(match)
    return missing, [f"{_at(f)} {f.message}" for f in left]


def _shown(found: list[Finding]) -> str:
    return "found:\n" + "\n".join(f"  {_at(f)} {f.message}" for f in found)


@pytest.mark.parametrize(("rule_id", "case"), list(_cases()))
def test_rule_case(tmp_path: Path, rule_id: str, case: dict) -> None:
    files = dict(case["files"])
    if case.get("options"):
        files.setdefault("policy.yaml", _policy(rule_id, case["options"]))
    root = make_repo(tmp_path, files)
    now = str(case.get("now", "2026-03-01T12:00:00Z"))
    everything = check(root, now, online=case.get("online", False),
                       online_allow_private=case.get("online_allow_private", False))
    found = [f for f in everything if f.rule == rule_id]
    if case.get("any_line"):
        assert found, f"expected a {rule_id} finding"
    elif case.get("from_example"):
        assert sorted({_at(f) for f in found}) == sorted({e["at"] for e in case["expect"]}), _shown(found)
    else:
        assert _unmatched(case["expect"], found) == ([], []), _shown(found)
    for finding in found:
        assert finding.message and finding.severity in ("error", "warning", "info")
    # every finding of every rule (the loader's syntax and schema problems too) says what to do
    assert not [f for f in everything if not f.hint.strip()], [f"{f.rule} {f.path}:{f.line} {f.message}"
                                                               for f in everything if not f.hint.strip()]


@pytest.mark.parametrize("rule_id", list(registry.RULES))
def test_every_rule_has_passing_and_failing_cases(rule_id: str) -> None:
    rule = registry.RULES[rule_id]
    assert any(e.passes for e in rule.EXAMPLES) and any(not e.passes for e in rule.EXAMPLES)
    cases = yaml.safe_load((FIXTURES / f"{rule_id}.yml").read_text("utf-8"))
    assert any(case["expect"] == [] for case in cases), "needs a passing case"
    assert any(case["expect"] for case in cases), "needs a failing case"
    for case in cases:
        assert all(entry.get("message") for entry in case["expect"]), f"{case['name']}: every finding needs its message"
