"""Counting text the way each platform counts it."""

from __future__ import annotations

import unicodedata
import warnings
from functools import cache

X_URL_WEIGHT = 23


def x_weighted_length(text: str) -> int:
    """X's weighted length: NFC, CJK and most symbols 2, any emoji sequence 2, every URL 23.

    Uses twitter-text-parser (passes twitter-text's conformance cases). Its emoji data is
    Unicode 12, so newer RGI sequences (e.g. the heart on fire) would count per code point;
    a post-pass caps every RGI emoji sequence at 2, as X does.
    """
    parse_tweet = _parse_tweet()
    length = parse_tweet(text).weightedLength
    if any(ord(char) > 0xFFFF or char == "\u200d" for char in text):
        import emoji

        for found in emoji.emoji_list(text):
            alone = parse_tweet(found["emoji"]).weightedLength
            if alone > 2:
                length -= alone - 2
    return length


def x_length_bound(text: str) -> int:
    """A cheap upper bound of `x_weighted_length`: every character weighs at most 2 and
    every URL (which always contains a dot) at most 23 more than its characters."""
    return 2 * len(unicodedata.normalize("NFC", text)) + X_URL_WEIGHT * text.count(".")


@cache
def _parse_tweet():  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        # twitter-text-parser imports pkg_resources (setuptools<81 is pinned for it)
        warnings.simplefilter("ignore")
        from twitter_text import parse_tweet
    return parse_tweet
