"""Listed terms in copy: inflections, German compound parts, and the near misses that
must not match. Every expected value is worked out by hand from the words themselves."""

from __future__ import annotations

import time

import pytest

from socialops import terms
from tests.conftest import check, make_repo

SENSITIVE_DE = ("Rückruf", "Sicherheitshinweis", "Klage", "Boykott", "Zoll", "Zölle", "Sanktion", "Sanktionen", "Wahl")
CLAIMS_DE = ("beste", "bester", "bestes", "besten", "Nr. 1", "Nummer eins", "garantiert", "unschlagbar")
SENSITIVE_EN = ("recall", "safety notice", "lawsuit", "tariff", "tariffs", "election", "Hong Kong")
CLAIMS_EN = ("best", "the best", "guaranteed", "risk-free")
CLAIMS_PT = ("melhor", "o melhor", "garantido", "imbatível")


def found(text: str, listed: tuple[str, ...], language: str | None) -> list[tuple[str, str]]:
    """(term as listed, text it matched) for each match."""
    return [(match.term, text[match.start:match.end]) for match in terms.find(text, listed, language)]


@pytest.mark.parametrize(("text", "expected"), [
    # inflections: same Snowball stem, the listed word kept whole with an ending added
    ("Rückrufe für zwei Modelle", [("Rückruf", "Rückrufe")]),
    ("Vor den Wahlen", [("Wahl", "Wahlen")]),
    ("Drei Klagen wurden abgewiesen", [("Klage", "Klagen")]),
    # compounds: the listed word as the last part, after a word of its own (4+ letters)
    ("Zur Bundestagswahl geschlossen", [("Wahl", "Bundestagswahl")]),
    ("Nach den Bundestagswahlen", [("Wahl", "Bundestagswahlen")]),
    ("Neue Strafzölle auf Elektronik", [("Zölle", "Strafzölle")]),
    ("Sammelklagen in den USA", [("Klage", "Sammelklagen")]),
    ("Die Stichwahl am Sonntag", [("Wahl", "Stichwahl")]),
    # ... and a long listed word (7+ letters) anywhere in the word
    ("Informationen zur Rückrufaktion", [("Rückruf", "Rückrufaktion")]),
    ("Zwei Produktrückrufe", [("Rückruf", "Produktrückrufe")]),
    ("Ein Boykottaufruf im Netz", [("Boykott", "Boykottaufruf")]),
    ("Die Sanktionsliste der EU", [("Sanktion", "Sanktionsliste")]),
    # near misses: a prefix is not a word; a short term begins unrelated words
    ("Eine große Auswahl an Farben", []),  # aus-
    ("Mit Vorwahl 030", []),  # vor-: an area code
    ("Wahlweise in Schwarz oder Weiß", []),  # optionally
    ("Mit Zollstock und Wasserwaage", []),  # a folding rule
    ("Heute in Klagenfurt", []),  # a city
    ("Wir werden Sie zurückrufen", []),  # to call back: zu- is a prefix
    # the known miss of that trade-off: a short term at the start of a compound
    ("Der Wahlkampf beginnt", []),
])
def test_german_sensitive_terms(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, SENSITIVE_DE, "de-DE") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Der allerbeste Klang", [("beste", "allerbeste")]),
    ("Unschlagbare Preise", [("unschlagbar", "Unschlagbare")]),
    ("Garantierte Ruhe im Zug", [("garantiert", "Garantierte")]),
    ("Ihre Bestellung ist unterwegs", []),  # Bestellung: beste- at the start of another word
    ("Ein Bestseller in Berlin", []),
    ("Zwei Jahre Garantie", []),  # the warranty is not the claim "garantiert": another stem
])
def test_german_claims(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, CLAIMS_DE, "de") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Some units were recalled", [("recall", "recalled")]),
    ("Two recalls this year", [("recall", "recalls")]),
    ("Read our safety notices", [("safety notice", "safety notices")]),
    ("Lawsuits filed", [("lawsuit", "Lawsuits")]),
    ("Recalibrate the EQ", []),  # another stem
    ("Our selection of colours", []),
    ("A new electric blue", []),
    ("Hong Kong", [("Hong Kong", "Hong Kong")]),
])
def test_english_sensitive_terms(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, SENSITIVE_EN, "en-US") == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The best sound", [("the best", "The best")]),  # the longer listed term, once
    ("A bestseller in Berlin", []),  # English does not compound
    ("Guaranteed fit, risk-free returns", [("guaranteed", "Guaranteed"), ("risk-free", "risk-free")]),
])
def test_english_claims(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, CLAIMS_EN, "en") == expected


def test_ban_is_not_in_banana() -> None:
    assert found("Banana bread, banned words, bans", ("ban",), "en") == [("ban", "banned"), ("ban", "bans")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Os melhores fones do ano", [("melhor", "melhores")]),
    ("Produtos garantidos", [("garantido", "garantidos")]),
    ("Dois anos de garantia", []),  # the warranty shares the stem garant- but not the word garantido
    # a known over-match, documented in terms.py: the stemmer cannot tell the verb from the adjective
    ("Vamos melhorar o aplicativo", [("melhor", "melhorar")]),
])
def test_portuguese_claims(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text, CLAIMS_PT, "pt-BR") == expected


def test_without_a_language_terms_match_as_written_only() -> None:
    assert found("Rückrufaktion und Rückrufe", SENSITIVE_DE, None) == []
    assert found("Der Rückruf", SENSITIVE_DE, None) == [("Rückruf", "Rückruf")]


def test_terms_that_are_not_words_match_as_written() -> None:
    listed = ("100%", "No. 1", "#1")
    assert found("100 Stunden, No. 1 in Tests, 100% recycelt", listed, "de") == [("No. 1", "No. 1"), ("100%", "100%")]


def test_the_finding_quotes_the_word_the_term_was_found_in(tmp_path) -> None:
    root = make_repo(tmp_path, {"content/posts/acme-de-instagram/2026/2026-03-02-a.md":
                                "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\n"
                                "Am Tag der Bundestagswahl bleiben unsere Läden geschlossen.\n"})
    messages = [f.message for f in check(root, "2026-03-01T12:00:00Z") if f.rule == "sensitive-terms"]
    assert messages == ["'Wahl' (in 'Bundestagswahl') is a sensitive subject; the post needs a director's approval"]


def test_the_review_gate_matches_as_the_rule_does(tmp_path) -> None:
    """The gate searches every sensitive list, each the way its language needs."""
    from socialops.github import triggers
    from socialops.model import loader

    path = "content/posts/acme-us-x/2026/2026-03-02-a.md"
    repo = loader.load(make_repo(tmp_path, {path: "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\n"
                                                  "Info: Rückrufaktion. Some units were recalled.\n"}))
    post = next(post for post in repo.posts if post.path == path)
    assert triggers.post_reasons(post, triggers.sensitive_terms(repo)) == [
        "sensitive term 'Rückruf' (line 6), 'recall' (line 6)"]


def _best_time(function, text: str) -> float:
    times = []
    for _ in range(5):
        terms._stemmed_words.cache_clear()  # time the work, not the cache
        start = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - start)
    return min(times)


@pytest.mark.parametrize("unit", ["wahl", "Wahl ", "Rückruf", "recall ", "ab", "a-", "x" * 30 + " "])
def test_matching_is_linear(unit: str) -> None:
    """Ten times the text takes about ten times as long (a quadratic matcher would take a
    hundred; the bound leaves room for a shared machine): 10 KB against 100 KB of
    adversarial copy."""
    def match(text: str) -> None:
        terms.find(text, SENSITIVE_DE + SENSITIVE_EN, "de")
        terms.find(text, SENSITIVE_EN, "en")

    small, large = unit * (10_000 // len(unit)), unit * (100_000 // len(unit))
    ratio = _best_time(match, large) / max(_best_time(match, small), 1e-6)
    assert ratio < 50, f"100 KB took {ratio:.0f} times as long as 10 KB"


def test_offsets_stay_those_of_the_text_when_case_folding_lengthens_a_letter() -> None:
    """İ lower-cases to two characters and ß case-folds to two: the match still points at Wahl."""
    text = "İstanbul, Straße: zur Wahl"
    assert found(text, SENSITIVE_DE, None) == [("Wahl", "Wahl")]
    assert found(text, SENSITIVE_DE, "de") == [("Wahl", "Wahl")]
