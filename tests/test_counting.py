"""Counting text the platforms' way: the fast paths agree with the exact count."""

from __future__ import annotations

import random
import warnings

import pytest

from socialops import counting

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from twitter_text import parse_tweet

PIECES = ["a", "Z", "7", " ", ".", ". ", "\n", "é", "e\u0301", "…", "•", "€", "故", "。", "ア", "😷", "👨‍👩‍👧‍👦",
          "❤️‍🔥", "🇯🇵", "#️⃣", "©", "https://shop.example.com/halo?utm_source=x", "example.com", "a.co", "x.y",
          "https://lanterna-audio.example/a", "@acme", "#ad", ")", ",", "\u200d", "\ufe0f"]


def _texts(count: int = 3000) -> list[str]:
    rng = random.Random(7)
    return ["".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 40))) for _ in range(count)]


def test_bound_is_never_below_the_exact_count() -> None:
    for text in _texts():
        assert counting.x_length_bound(text) >= counting.x_weighted_length(text), repr(text)


def test_emoji_free_fast_path_equals_twitter_text() -> None:
    for text in _texts():
        if counting._emoji_char_set().isdisjoint(text):
            assert counting.x_weighted_length(text) == parse_tweet(text).weightedLength, repr(text)


def test_measured_counts_from_platform_rules() -> None:
    # reference/platform-rules.md, "Measured counts"; ❤️‍🔥 is capped at 2 as X counts it live
    assert counting.x_weighted_length("故人西辞黄鹤楼烟花三") == 20
    assert counting.x_weighted_length("😷") == 2
    assert counting.x_weighted_length("👨‍👩‍👧‍👦") == 2
    assert counting.x_weighted_length("❤️‍🔥") == 2
    assert counting.x_weighted_length("e\u0301") == 1
    assert counting.x_weighted_length("…") == 2
    assert counting.x_weighted_length("https://example.com/" + "a" * 20) == 23
    assert counting.x_weighted_length("example.com") == 23


def _conformance_cases() -> list:
    from pathlib import Path

    import yaml

    path = Path(__file__).parent / "fixtures" / "twitter-text-conformance.yml"
    cases = yaml.safe_load(path.read_text(encoding="utf-8"))
    for case in cases:
        text = case["text"]
        case["text"] = text if isinstance(text, str) else "".join(piece * times for piece, times in text)
    return cases


@pytest.mark.parametrize("case", _conformance_cases(), ids=lambda case: case["description"][:60])
def test_twitter_text_conformance(case: dict) -> None:
    assert counting.x_weighted_length(case["text"]) == case["expected"]


def test_a_run_longer_than_any_link_is_counted_by_its_characters() -> None:
    # by hand: a link weighs 23, a space 1, each Latin letter 1, each CJK letter 2
    assert counting.x_weighted_length("https://example.com/a " + "b" * 600) == 23 + 1 + 600
    assert counting.x_weighted_length("中" * 513) == 2 * 513
    assert counting.x_weighted_length("a." * 300) == 600  # one 600-character dotted run: not read as a link
    assert counting.x_weighted_length("https://example.com/" + "a" * 480) == 23  # a 500-character link is a link


def test_counting_a_hostile_run_takes_linear_time() -> None:
    """twitter-text's link scan is quadratic in a run without spaces (issue 7): 100 KB of
    'a.a.a…' must cost about what a linear pass over it does, not minutes."""
    import time

    hostile = "a." * 50_000
    start = time.perf_counter()
    assert counting.x_weighted_length(hostile) == 100_000
    counted = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(20):
        sum(1 for char in hostile if char == ".")  # a linear pass in Python, twenty times
    linear = time.perf_counter() - start
    assert counted < linear, (counted, linear)


def test_text_without_emoji_is_counted_without_twitter_texts_emoji_scan(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The fast path: parse_tweet scans for emoji whatever its options say; copy that
    cannot hold one is counted without the scan. By hand: 'Hi ' 3 + link 23 + ' 日本' 1 + 2 + 2,
    and CRLF is one character, as parse_tweet reads it."""
    import sys

    counting.x_weighted_length("import twitter-text")
    module = sys.modules["twitter_text.parse_tweet"]  # the package's name parse_tweet is the function

    def no_scan(text: str) -> list:
        raise AssertionError("the emoji scan ran")

    monkeypatch.setattr(module, "extract_emojis_with_indices", no_scan)
    assert counting.x_weighted_length("Hi https://example.com/a-long-path 日本") == 31
    assert counting.x_weighted_length("a\r\nb") == 3
