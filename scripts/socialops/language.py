"""Which language a post's copy is written in, read by an offline detector.

The detector is lingua (`lingua-language-detector`, Rust, its models inside the wheel:
nothing is downloaded), in its low-accuracy mode: trigram models only, about 0.06 s to
load and 0.1 ms a post here. The high-accuracy mode took 1.6 to 2.4 s to load the
Latin-script models and about 0.4 ms a post; on our short-post sample it read one more
text right but less surely, so at CONFIDENT it would have caught 114 of 128 posts
declared in another language, against 126 (`bench/language.py` measures both).

It chooses only among the languages the repository uses (`used`: those accounts.yaml
declares and those of the term lists) and the post's own; fewer candidates are faster
and more accurate, but copy in a language outside them is read as the nearest candidate
(with a lower confidence as a rule).

Links, bare domains, @handles, #hashtags, e-mail addresses, digits and emoji are removed
before reading; copy with fewer than MIN_LETTERS letters (an East Asian character counts
two) is not judged. A reading counts when the detector is at least CONFIDENT sure.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import user_cache

if TYPE_CHECKING:
    from lingua import LanguageDetector

    from .model.entities import Post, Repository

MIN_LETTERS = 20  # shorter copy ("Link in bio 👆") says too little to judge
CONFIDENT = 0.9  # no sample text was read as a wrong language this surely (bench/language.py)
READ_CHARS = 1000  # a long description is read from its first characters: the cost stays bounded

# Entities that carry no language: each alternative starts with a literal character and
# ends at the first character outside its class, so the scan cannot backtrack.
_ENTITIES = re.compile(r"https?://\S+|www\.\S+|[@＠][A-Za-z0-9_.]+|[#＃$]\w+")


@dataclass(frozen=True)
class Reading:
    """What the detector makes of a text."""

    language: str  # ISO 639-1, e.g. "pt"
    confidence: float  # 0..1, relative to the other candidates

    @property
    def name(self) -> str:
        return _known_languages().get(self.language, self.language)


def base(tag: str) -> str:
    """The language subtag of a BCP 47 tag: pt-BR -> pt, zh-Hant -> zh."""
    return tag.split("-", 1)[0].lower()


def prose(text: str) -> str:
    """The words of `text` that carry its language: without links, bare domains, handles,
    hashtags, e-mail addresses, digits, emoji and symbols."""
    # the test for "." and "@" inline: a call per word was most of the time of a long text
    kept = " ".join(word for word in text.split() if not (("." in word or "@" in word) and _is_address(word)))
    return " ".join(_NOT_LETTERS.sub(" ", _ENTITIES.sub(" ", kept)).split())


_NOT_LETTERS = re.compile(r"(?:[^\w'’]|[\d_])+")  # disjoint single characters: no backtracking


def _is_address(word: str) -> bool:
    """An e-mail address, or a bare domain with or without a path (shop.example.com/halo)."""
    if "." not in word and "@" not in word:
        return False  # most words: spared the rest
    word = word.strip(".,;:!?()[]\"'«»“”")
    if "@" in word[1:]:
        return True
    labels = word.split("/", 1)[0].split(".")
    top = labels[-1]
    return len(labels) > 1 and all(labels) and len(top) >= 2 and top.isascii() and top.isalpha() and top.islower()


def letters(words: str) -> int:
    """The letters of `prose` output, an East Asian wide letter (Han, kana, Hangul)
    counting two: it carries about as much."""
    wide = 0 if words.isascii() else sum(1 for char in words
                                         if char >= "\u1100" and unicodedata.east_asian_width(char) in "WF")
    return len(words) - words.count(" ") - words.count("'") - words.count("’") + wide


@lru_cache(maxsize=1 << 14)  # copy posted to several accounts is read once
def read(text: str, candidates: frozenset[str]) -> Reading | None:
    """The most likely of `candidates` (ISO 639-1 codes) for `text`, or None when the
    text is too short to judge or fewer than two candidates are known to the detector."""
    words = prose(text)[:READ_CHARS]
    if letters(words) < MIN_LETTERS:
        return None
    memo = _memo(candidates)
    kept = memo.get(words)
    if isinstance(kept, list) and len(kept) == 2:
        return Reading(str(kept[0]), float(kept[1]))
    detector = _detector(candidates)
    if detector is None:
        return None
    best = detector.compute_language_confidence_values(words)[0]
    found = Reading(best.language.iso_code_639_1.name.lower(), best.value)
    memo.put(words, [found.language, found.confidence])
    return found


@lru_cache(maxsize=32)
def _memo(candidates: frozenset[str]) -> user_cache.Memo:
    """Readings kept between runs: a check whose copy was read before loads no language
    model (40 ms and more each). Keyed by the detector's version, this module's code and
    the languages read among."""
    source = Path(__file__).read_bytes()
    return user_cache.memo("language", user_cache.key(user_cache.installed_version("lingua-language-detector"),
                                                      hashlib.sha256(source).hexdigest(), ",".join(sorted(candidates))))


@lru_cache(maxsize=32)
def _detector(candidates: frozenset[str]) -> LanguageDetector | None:
    from lingua import LanguageDetectorBuilder  # ~2 ms; its models load on first use

    languages = [_lingua(code) for code in sorted(candidates) if known(code)]
    if len(languages) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def known(code: str) -> bool:
    """Whether the detector knows the language (ISO 639-1 code): 75 languages."""
    return code in _known_languages()


@lru_cache(maxsize=1)
def _known_languages() -> dict[str, str]:
    """The detector's languages (ISO 639-1 code -> English name), kept in the user's cache
    by its version: asking lingua costs a check its import even when every reading comes
    from the memo."""
    cache_key = user_cache.key("lingua-languages/2", user_cache.installed_version("lingua-language-detector"))
    return dict(user_cache.generated_module("lingua_languages", cache_key, _known_languages_source).NAMES)


def _known_languages_source() -> str:
    from lingua import Language

    names = {language.iso_code_639_1.name.lower(): language.name.title() for language in Language.all()}
    return f"NAMES = {dict(sorted(names.items()))!r}\n"


def _lingua(code: str):
    from lingua import IsoCode639_1, Language

    return Language.from_iso_code_639_1(IsoCode639_1.from_str(code))


def declared(post: Post) -> str | None:
    """The post's `language`, else its account's first language."""
    language = post.meta.get("language")
    if language is None and post.account is not None:
        languages = post.account.data.get("languages")
        language = languages[0] if isinstance(languages, list) and languages else None
    return language if isinstance(language, str) and language else None


class Reader:
    """Reads posts' copy among a repository's languages, each post once: in a check, the
    mismatch rule and the three term rules all ask."""

    def __init__(self, languages: frozenset[str]) -> None:
        self.languages = languages  # the repository's (`used`)
        self._readings: dict[str, Reading | None] = {}

    def reading(self, post: Post) -> Reading | None:
        """What the detector makes of the post's title and copy, among the repository's
        languages and the post's own; None when the detector does not know the post's
        language (it would read the copy as another, whatever it says)."""
        if post.path not in self._readings:
            self._readings[post.path] = self._read(post)
        return self._readings[post.path]

    def written_in(self, post: Post) -> tuple[str, ...]:
        """The languages the post is written in: the declared one (as declared, e.g. de-DE),
        and the one its copy confidently reads as, when that is another."""
        language = declared(post)
        found = self.reading(post)
        if found is None or found.confidence < CONFIDENT or (language and base(language) == found.language):
            return (language,) if language else ()
        return (language, found.language) if language else (found.language,)

    def _read(self, post: Post) -> Reading | None:
        language = declared(post)
        if language and not known(base(language)):
            return None
        own = frozenset({base(language)}) if language else frozenset()
        title = post.meta.get("title")
        return read(f"{title}\n{post.text}" if isinstance(title, str) else post.text, self.languages | own)


def used(repo: Repository, term_lists: Iterable[dict[str, list[str]]]) -> frozenset[str]:
    """The languages a repository uses (ISO 639-1): its accounts' and those of its term
    lists. From the global files only, so a check of a few posts reads them among the
    same languages as a whole check."""
    found: set[str] = set()
    for account in repo.accounts.values():
        languages = account.data.get("languages")
        if isinstance(languages, list):
            found.update(base(tag) for tag in languages if isinstance(tag, str) and tag)
    for lists in term_lists:
        found.update(base(key) for key in lists if key != "*" and not key.isupper())
    return frozenset(found)
