"""Counting text the way each platform counts it."""

from __future__ import annotations

import hashlib
import re
import unicodedata
import warnings
from functools import cache
from pathlib import Path

from . import user_cache

X_URL_WEIGHT = 23
MASTODON_URL_WEIGHT = 23
LINKEDIN_RESERVED = re.compile(r"[\\|{}@\[\]()<>#*_~]")


LONGEST_LINK = 512  # characters without a space that are still read as a possible link


def x_weighted_length(text: str) -> int:
    """X's weighted length (remembered between runs: see _x_memo)."""
    memo = _x_memo()
    length = memo.get(text)
    if length is None:
        length = _x_weighted_length_of(text)
        memo.put(text, length)
    return length


@cache
def _x_memo() -> user_cache.Memo:
    """Counts kept in the user's cache: importing twitter-text costs a check more than a
    quarter of a second. Keyed by twitter-text's and emoji's versions and this module's code."""
    source = Path(__file__).read_bytes()
    return user_cache.memo("x-length", user_cache.key(user_cache.installed_version("twitter-text-parser"),
                                                      user_cache.installed_version("emoji"),
                                                      hashlib.sha256(source).hexdigest()))


def _x_weighted_length_of(text: str) -> int:
    """X's weighted length: NFC, CJK and most symbols 2, any emoji sequence 2, every URL 23.

    Uses twitter-text-parser (passes twitter-text's conformance cases). Its emoji data is
    Unicode 12, so newer RGI sequences (e.g. the heart on fire) would count per code point;
    a post-pass caps every RGI emoji sequence at 2, as X does.

    twitter-text's link scan takes time quadratic in the length of a dotted run without
    spaces (0.7 s for 400 characters of `a.a.a…`). Such a run longer than LONGEST_LINK
    characters is therefore counted by its characters, not read as a link: no link in
    social copy is that long, and the weights add up across spaces (no link, emoji or
    letter spans one).
    """
    pieces = _WHITESPACE_RUNS.split(text)  # words and the whitespace between them, in order
    runs = [piece for piece in pieces if len(piece) > LONGEST_LINK and "." in piece]
    if not runs:
        return _x_weighted_length(text)
    short = "".join(" " if len(piece) > LONGEST_LINK and "." in piece else piece for piece in pieces)
    return _x_weighted_length(short) - len(runs) + sum(_x_character_weight(run) for run in runs)


_WHITESPACE_RUNS = re.compile(r"(\s+)")


def _x_character_weight(text: str) -> int:
    """Each character by X's weights (1 in the light ranges, else 2), no link shortened."""
    text = unicodedata.normalize("NFC", text)
    light_emoji = _light_emoji_char_set()
    return 2 * len(text) - len(_LIGHT.findall(text)) + sum(map(light_emoji.__contains__, text))


def _x_weighted_length(text: str) -> int:
    if _emoji_char_set().isdisjoint(text):
        return _x_length_without_emoji(text)
    parse_tweet = _parse_tweet()
    length = parse_tweet(text).weightedLength
    import emoji

    for found in emoji.emoji_list(text):
        alone = parse_tweet(found["emoji"]).weightedLength
        if alone > 2:
            length -= alone - 2
    return length


_LIGHT = re.compile("[\u0000-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037]")
_DOMAIN_DOT = re.compile(r"\.[^\W\d_]")


def x_length_bound(text: str) -> int:
    """A cheap upper bound of `x_weighted_length`: X's per-character weights (1 for the
    light ranges, else 2; light characters that are emoji on their own, such as ©, count
    2, so an emoji sequence weighs at most its characters), plus 23 for
    every dot followed by a letter, since each URL has one and weighs at most 23 more
    than its characters."""
    return _x_character_weight(text) + X_URL_WEIGHT * len(_DOMAIN_DOT.findall(text))


_LINE_ENDINGS = re.compile(r"\r\n|\r")


def _x_length_without_emoji(text: str) -> int:
    """parse_tweet's count of a text in which no emoji can be: each link twitter-text
    finds weighs 23, every other character X's weight. twitter-text's emoji scan, most of
    its cost, runs whatever its options say, and finds nothing here; so it is left out."""
    normalized = _LINE_ENDINGS.sub("\n", unicodedata.normalize("NFC", text))  # as parse_tweet reads it
    pieces, start = [], 0
    for link in x_links()(normalized):
        first, end = link["indices"]
        pieces.append(normalized[start:first])
        start = end
    pieces.append(normalized[start:])
    return X_URL_WEIGHT * (len(pieces) - 1) + _x_character_weight("".join(pieces))


@cache
def _parse_tweet():  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        # twitter-text-parser imports pkg_resources (setuptools<81 is pinned for it)
        warnings.simplefilter("ignore")
        from twitter_text import parse_tweet
    return parse_tweet


@cache
def x_links():  # type: ignore[no-untyped-def]
    """twitter-text's link finder (extract_urls_with_indices), its import's warnings silenced."""
    _parse_tweet()  # the package's import, warnings silenced
    from twitter_text.extract_urls import extract_urls_with_indices

    return extract_urls_with_indices


@cache
def _light_emoji_char_set() -> frozenset[str]:
    """Emoji characters inside X's weight-1 ranges (©, ®): an emoji weighs 2."""
    return frozenset(char for char in _emoji_char_set() if _LIGHT.match(char))


@cache
def _emoji_char_set() -> frozenset[str]:
    """Every non-ASCII character that occurs in any emoji (Emoji 18, from the emoji
    package; twitter-text's Unicode 12 emoji are a subset). Every emoji has one. A set,
    not a character class: compiling a class this large costs more than a check. Kept in
    the user's cache by the emoji package's version: importing it costs 70 ms."""
    cache_key = user_cache.key("emoji-chars/1", user_cache.installed_version("emoji"))
    return frozenset(user_cache.generated_module("emoji", cache_key, _emoji_chars_source).CHARS)


def _emoji_chars_source() -> str:
    import emoji

    chars = sorted({char for sequence in emoji.EMOJI_DATA for char in sequence if ord(char) > 0x7F})
    return f"CHARS = {''.join(chars)!r}\n"


def cjk_characters(text: str) -> int:
    """Chinese, Japanese and Korean letters (Han, kana, Hangul): X weighs each 2 (they lie
    outside its weight-1 ranges)."""
    import regex

    return len(regex.findall(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]", unicodedata.normalize("NFC", text)))


def graphemes(text: str) -> int:
    """User-perceived characters (UAX #29 extended grapheme clusters), after NFC."""
    return len(clusters(unicodedata.normalize("NFC", text)))


_FLAG_HALVES = re.compile("[\U0001F1E6-\U0001F1FF]{3,}")  # a run of regional indicators


def clusters(text: str) -> list[str]:
    """The extended grapheme clusters of `text` (regex's \\X). Regional indicators pair
    up from the start of their run (two make a flag), and \\X finds each pair by looking
    back over the whole run: quadratic on a long run. So a run is cut after each pair,
    where a cluster always ends: the pairs inside it are clusters of their own, and \\X
    splits what lies between runs, with at most one pair of each run next to it."""
    import regex

    found: list[str] = []
    start = 0
    for run in _FLAG_HALVES.finditer(text):
        cuts = range(run.start() + 2, run.end(), 2)
        found += regex.findall(r"\X", text[start:cuts[0]])
        found += [text[cut:cut + 2] for cut in cuts[:-1]]
        start = cuts[-1]
    return found + regex.findall(r"\X", text[start:])


def utf8_bytes(text: str) -> int:
    return len(unicodedata.normalize("NFC", text).encode("utf-8"))


def utf16_units(text: str) -> int:
    """What JavaScript's String.length counts (TikTok's 'runes')."""
    return len(unicodedata.normalize("NFC", text).encode("utf-16-le")) // 2


def codepoints(text: str) -> int:
    return len(unicodedata.normalize("NFC", text))


def threads_length(text: str) -> int:
    """Threads: characters, but an emoji counts its UTF-8 bytes (the rest is unpublished)."""
    total = 0
    for cluster in clusters(unicodedata.normalize("NFC", text)):
        total += 1 if _emoji_char_set().isdisjoint(cluster) else len(cluster.encode("utf-8"))
    return total


_MASTODON_URL = re.compile(r"https?://\S+")
_MASTODON_REMOTE_MENTION = re.compile(r"(@[\w.]+)@[\w.-]+\w")


def mastodon_length(text: str) -> int:
    """Mastodon: graphemes; every http(s) URL counts 23; @user@domain counts as @user."""
    text = _MASTODON_URL.sub("x" * MASTODON_URL_WEIGHT, text)
    return graphemes(_MASTODON_REMOTE_MENTION.sub(r"\1", text))


def linkedin_escaped_length(text: str) -> int:
    """LinkedIn's API takes 'little text': each reserved character is sent backslash-escaped."""
    return codepoints(text) + len(LINKEDIN_RESERVED.findall(text))


COUNTERS = {
    "x-weighted": x_weighted_length,
    "graphemes": graphemes,
    "utf8-bytes": utf8_bytes,
    "utf16": utf16_units,
    "codepoints": codepoints,
    "threads": threads_length,
    "mastodon": mastodon_length,
    "linkedin-escaped": linkedin_escaped_length,
}
# Cheap upper bounds: when the bound fits, the exact (slower) count is not needed.
BOUNDS = {"x-weighted": x_length_bound}
