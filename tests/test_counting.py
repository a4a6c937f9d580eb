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
