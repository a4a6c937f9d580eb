"""Deep YAML: libyaml's C composer overflows the stack near 20,000 levels, so text that
could nest that deep is composed by PyYAML's Python composer. Both must read every
ordinary document alike (the corpus has the deep cases: tests/corpus/nested-*)."""

from __future__ import annotations

import pytest

from socialops.model import yamltext
from socialops.model.files import FrontMatter, read_text, split_front_matter
from tests.conftest import ROOT

SAMPLES = ["accounts.yaml", "permissions.yaml", "policy.yaml",
           *sorted(str(path.relative_to(ROOT)) for path in (ROOT / "content").rglob("*.md"))[:60]]


def _yaml_of(relpath: str) -> str:
    text = read_text(ROOT / relpath).text or ""
    split = split_front_matter(text) if relpath.endswith(".md") else None
    return split.yaml if isinstance(split, FrontMatter) else text


@pytest.mark.parametrize("relpath", SAMPLES)
def test_the_python_composer_reads_as_the_c_composer(monkeypatch: pytest.MonkeyPatch, relpath: str) -> None:
    text = _yaml_of(relpath)
    monkeypatch.setattr(yamltext, "_may_nest_deeply", lambda _text: False)
    fast = yamltext.parse(text)
    monkeypatch.setattr(yamltext, "_may_nest_deeply", lambda _text: True)
    deep = yamltext.parse(text)
    assert (deep.value, deep.lines.lines, deep.problems) == (fast.value, fast.lines.lines, fast.problems)


@pytest.mark.parametrize("text", ["a: " + "[" * 30_000, "- " * 30_000 + "x", "a: " + "{b: " * 30_000])
def test_nesting_that_crashed_the_c_composer_is_a_problem(text: str) -> None:
    parsed = yamltext.parse(text)
    assert parsed.value is None and [problem.message for problem in parsed.problems] == ["the YAML is nested too deeply"]


def test_short_text_never_takes_the_slow_path() -> None:
    assert not yamltext._may_nest_deeply("[" * yamltext.C_COMPOSER_MAX_DEPTH)
    assert yamltext._may_nest_deeply("[" * (yamltext.C_COMPOSER_MAX_DEPTH + 1))
