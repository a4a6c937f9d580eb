"""Reading the copy's language: the detector on a hand-labelled sample of short posts,
what is left out before reading, and which term lists a post then gets."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from socialops import language
from socialops.model import loader
from socialops.rules import engine
from tests.conftest import make_repo

SAMPLE = Path(__file__).parent / "data" / "language-sample.yml"
# the demo's accounts' languages and the default term lists' languages
CANDIDATES = frozenset({"en", "de", "ja", "pt", "es", "ar", "zh"})
HEAD = "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n"


def _sample() -> list[tuple[str, str]]:
    return [(code, text) for code, texts in yaml.safe_load(SAMPLE.read_text("utf-8")).items() for text in texts]


def test_the_sample_is_read_as_labelled() -> None:
    """The hand labels of bench/language.py's sample (140 posts): no text is confidently
    read as a wrong language (that would be a false warning), at most two are read
    wrong at all, and at most 15 are too short to judge (12 when this was written)."""
    readings = [(code, text, language.read(text, CANDIDATES)) for code, text in _sample()]
    judged = [(code, text, found) for code, text, found in readings if found is not None]
    wrong = [(code, text, found) for code, text, found in judged if found.language != code]
    confidently_wrong = [(code, text, found) for code, text, found in wrong if found.confidence >= language.CONFIDENT]
    assert confidently_wrong == []
    assert len(wrong) <= 2, wrong
    assert len(readings) - len(judged) <= 15


@pytest.mark.parametrize(("text", "expected"), [
    ("Thanks @techradar for the review! https://example.com/r/123 #audio 🎉", "Thanks for the review"),
    ("Mail info@example.com or see shop.example.com/halo?utm_source=x, today.", "Mail or see today"),
    ("感谢 @gadget_cn 的测评！全文请看https://example.com/z/8", "感谢 的测评 全文请看"),
    ("Nr. 1 im Test: 40 Std. Akku, 100 % #1", "Nr im Test Std Akku"),
    ("Don't stop. Neue Farben ab Freitag.", "Don't stop Neue Farben ab Freitag"),
])
def test_prose_leaves_out_what_carries_no_language(text: str, expected: str) -> None:
    assert language.prose(text) == expected


def test_short_copy_is_not_judged() -> None:
    assert language.read("Link in bio 👆 #newin https://example.com", CANDIDATES) is None
    assert language.letters("再入荷しました") == 14  # seven wide characters count two each
    assert language.read("渋谷店は明日10時にオープンします。", CANDIDATES).language == "ja"


def test_fewer_than_two_known_candidates_read_nothing() -> None:
    assert language.read("Our store in Hamburg opens at ten tomorrow.", frozenset({"en"})) is None
    assert language.read("Our store in Hamburg opens at ten tomorrow.", frozenset({"en", "tlh"})) is None


def _post(tmp_path: Path, front: str, body: str):
    path = "content/posts/acme-de-instagram/2026/2026-03-02-a.md"
    repo = loader.load(make_repo(tmp_path, {path: f"{HEAD}{front}---\n{body}\n"}))
    return engine.used_languages(repo), next(post for post in repo.posts if post.path == path)


def test_a_german_post_written_in_english_is_written_in_both(tmp_path: Path) -> None:
    languages, post = _post(tmp_path, "language: de-DE\n", "We are recalling some charging cases. Please check yours.")
    assert language.Reader(languages).written_in(post) == ("de-DE", "en")


def test_a_german_post_in_german_is_written_in_german(tmp_path: Path) -> None:
    languages, post = _post(tmp_path, "language: de-DE\n", "Wir rufen einige Ladeetuis zurück. Bitte prüft eure.")
    assert language.Reader(languages).written_in(post) == ("de-DE",)


def test_a_post_without_language_is_read_by_its_account(tmp_path: Path) -> None:
    languages, post = _post(tmp_path, "", "Nossa loja em Hamburgo abre amanhã às 10h. Passa lá!")
    assert language.declared(post) == "de-DE"
    assert language.Reader(languages).written_in(post) == ("de-DE", "pt")


def test_the_languages_read_among_come_from_the_global_files_only(tmp_path: Path) -> None:
    """A check of one post reads it among the same languages as a whole check: the
    accounts' (en, de) and the default term lists' (en, de, ja, pt, ar, zh), not a
    post's (es-MX)."""
    root = make_repo(tmp_path, {"content/posts/acme-de-instagram/2026/2026-03-02-a.md": f"{HEAD}language: es-MX\n---\nHola.\n"})
    whole, one = loader.load(root), loader.load(root, {"content/posts/acme-us-x/2026/2026-03-02-x.md"})
    assert engine.used_languages(whole) == engine.used_languages(one) == {"en", "de", "ja", "pt", "ar", "zh"}


def test_the_mismatch_message(tmp_path: Path) -> None:
    from tests.conftest import check

    root = make_repo(tmp_path, {"content/posts/acme-de-instagram/2026/2026-03-02-a.md":
                                f"{HEAD}language: de-DE\n---\nOur store in Hamburg opens at 10 tomorrow. Come say hi!\n"})
    [finding] = [f for f in check(root, "2026-03-01T12:00:00Z") if f.rule == "language-mismatch"]
    assert (finding.severity, finding.line) == ("warning", 5)
    assert finding.message == "the copy reads as English (confidence 0.99) but language is de-DE"
    assert finding.hint.startswith("fix `language:` or the copy")


@pytest.mark.parametrize(("only", "loaded"), [(["accounts.yaml"], False), (None, True)])
def test_the_detector_loads_only_when_a_post_is_read(tmp_path: Path, only: list[str] | None, loaded: bool) -> None:
    """A check of accounts.yaml alone reads no post's language, so lingua is not even imported."""
    root = make_repo(tmp_path, {"content/posts/acme-de-instagram/2026/2026-03-02-a.md":
                                f"{HEAD}language: de-DE\n---\nUnser Laden in Hamburg hat morgen ab 10 Uhr geöffnet.\n"})
    code = ("import sys; from pathlib import Path; from socialops import check; from socialops.clock import parse_now;"
            f"check.run(Path({str(root)!r}), parse_now('2026-03-01T12:00:00Z'), {only!r} and set({only!r}), jobs=1);"
            "print('lingua' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == str(loaded)


@pytest.mark.parametrize("unit", ["http://", "@a", "#", "a.", "x@y", "a" * 40 + " ", "ab.cd/"])
def test_prose_is_linear(unit: str) -> None:
    """Ten times the text takes about ten times as long (a quadratic scan would take a
    hundred; the bound leaves room for a shared machine): 10 KB against 100 KB."""
    def best(text: str) -> float:
        times = []
        for _ in range(5):
            language.read.cache_clear()  # time the work, not the cache
            start = time.perf_counter()
            language.read(text, CANDIDATES)
            times.append(time.perf_counter() - start)
        return min(times)

    small, large = unit * (10_000 // len(unit)), unit * (100_000 // len(unit))
    ratio = best(large) / max(best(small), 1e-6)
    assert ratio < 50, f"100 KB took {ratio:.0f} times as long as 10 KB"
