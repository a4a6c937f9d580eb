"""The YAML reader: values as writers mean them, every problem a line, never an exception."""

from __future__ import annotations

import pytest

from socialops.model.yamltext import parse


@pytest.mark.parametrize("text, expected", [
    ("07: x", {"07": "x"}),            # a leading zero once raised ValueError (int("07", 0))
    ("1234: handle", {"1234": "handle"}),  # a numeric GitHub handle stays the same text as in a post
    ("0x1F: a", {"0x1F": "a"}),
])
def test_keys_are_text_as_written(text: str, expected: dict) -> None:
    document = parse(text)
    assert document.value == expected and document.problems == []


@pytest.mark.parametrize("text, expected", [
    ("a: 07", 7),        # YAML 1.2 core: decimal, the leading zero is not octal
    ("a: +07", 7),
    ("a: 0o17", 15),
    ("a: 0x1F", 31),
    ("a: -12", -12),
])
def test_integers_follow_yaml_1_2_core(text: str, expected: int) -> None:
    assert parse(text).value == {"a": expected}


def test_an_integer_past_pythons_digit_limit_stays_text() -> None:
    digits = "9" * 5000  # Python refuses int() of more than 4,300 digits
    assert parse(f"a: {digits}").value == {"a": digits}
