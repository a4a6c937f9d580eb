"""Every rule's documented examples and its fixture file of good and bad cases, in one test.

A fixture file tests/rules/fixtures/<rule-id>.yml holds cases:
    - name: what the case shows
      now: 2026-03-01T12:00:00Z        (optional)
      options: {max_per_day: 2}        (optional: the rule's options in policy.yaml)
      files: {path: text, ...}         (written over tests/fixtures/base)
      online: true                     (optional: rules may fetch; only loopback addresses in tests)
      online_allow_private: true       (optional: --online-allow-private, to reach a loopback address)
      expect: [path:line, ...]         (this rule's findings; [] means the case passes)
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from socialops.rules import registry
from tests.conftest import check, make_repo

FIXTURES = Path(__file__).parent / "fixtures"


def _cases():
    for rule_id, rule in registry.RULES.items():
        for number, example in enumerate(rule.EXAMPLES):
            first = next(iter(example.files))
            expect = [f"{first}:{line}" for line in example.lines] if not example.passes else []
            case = {"files": example.files, "now": example.now, "options": example.options, "online": example.online,
                    "expect": expect, "any_line": not example.passes and not example.lines}
            yield pytest.param(rule_id, case, id=f"{rule_id}-example-{number}")
        path = FIXTURES / f"{rule_id}.yml"
        for case in yaml.safe_load(path.read_text("utf-8")) if path.exists() else []:
            yield pytest.param(rule_id, case, id=f"{rule_id}-{case['name']}")


def _policy(rule_id: str, options: dict) -> str:
    return yaml.safe_dump({"version": 1, "hq_timezone": "Asia/Shanghai",
                           "rules": {rule_id: {"level": "error", **options}} if options else {}})


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
    got = sorted({f"{f.path}:{f.line}" if f.line else f.path for f in found})
    if case.get("any_line"):
        assert found, f"expected a {rule_id} finding"
    else:
        assert got == sorted(case["expect"]), "\n".join(f"{f.path}:{f.line} {f.message}" for f in found)
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
