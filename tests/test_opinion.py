"""Public opinion (policy 7.3): which mentions are scored and how, the negative share by
day and week counted by hand, and what the mentions list gives the page."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from socialops.model import loader
from socialops.reports import db as reports_db
from socialops.reports import opinion, sentiment
from tests.conftest import make_repo

HEADER = "id,date,platform,market,url,text,reach\n"


@pytest.mark.parametrize(("text", "code", "expected"), [
    ("Terrible support and the lamp broke after a day", "en", "negative"),
    ("I love this lamp and the warm light is wonderful", "en", "positive"),
    ("Golpe! Não caiam nessa, é fraude e o atendimento é péssimo", "pt", "negative"),
    ("Adorei a luminária, a luz é linda e muito boa", "pt", "positive"),
])
def test_english_and_portuguese_are_scored(text: str, code: str, expected: str) -> None:
    value = sentiment.score(text, code)
    assert value is not None and -1 <= value <= 1
    assert (value <= sentiment.NEGATIVE_AT, value >= sentiment.POSITIVE_AT) == (expected == "negative",
                                                                              expected == "positive")


@pytest.mark.parametrize("code", ["de", "ja", "ar", None])
def test_other_languages_are_not_scored(code: str | None) -> None:
    assert sentiment.score("Die Lampe ist kaputt und der Support ist schrecklich", code) is None


def _repo(tmp_path: Path, rows: list[str]) -> loader.Repository:
    root = make_repo(tmp_path, {"content/metrics/mentions/US/2026-03.csv": HEADER + "\n".join(rows) + "\n"})
    return loader.load(root)


ANGRY = "Terrible support and the lamp broke after a day and nobody answers"
CALM = "I love this lamp and the warm light is wonderful every evening"
GERMAN = "Die Lampe ist kaputt und der Kundendienst antwortet einfach nicht"


def test_each_mention_has_its_language_score_and_row(tmp_path: Path) -> None:
    repo = _repo(tmp_path, [f"a,2026-03-02,x,US,https://x.com/a/status/1,{ANGRY},120",
                            f"b,2026-03-02,x,US,,{GERMAN},",
                            "c,2026-03-02,x,US,,Meh,"])
    first, german, short = opinion.mentions(repo)
    assert (first.language, first.sentiment, first.reach, first.location.line) == ("en", "negative", 120, 2)
    assert (german.language, german.score, german.sentiment) == ("de", None, None)  # read, but not scored
    assert (short.language, short.score) == (None, None)  # too short to tell its language


def test_negative_share_by_day_and_week_counted_by_hand(tmp_path: Path) -> None:
    # Mon 2026-03-02: 2 negative, 1 positive, 1 German (not scored) -> 2 of 3 scored = 66.7 %
    # Wed 2026-03-04: 1 positive -> 0 %; Mon 2026-03-09 (next week): 1 negative -> 100 %
    # week of Mar 2: 2 negative of 4 scored = 50 %
    repo = _repo(tmp_path, [f"a,2026-03-02,x,US,,{ANGRY},", f"b,2026-03-02,x,US,,{ANGRY},",
                            f"c,2026-03-02,x,US,,{CALM},", f"d,2026-03-02,x,US,,{GERMAN},",
                            f"e,2026-03-04,x,US,,{CALM},", f"f,2026-03-09,x,US,,{ANGRY},"])
    with reports_db.connect(repo, tables=("mentions",)) as db:
        days = opinion.by_day(db)
        weeks = opinion.by_week(db)
        assert opinion.counts(db) == (6, 5)
    assert [(p.start, p.mentions, p.scored, p.negative) for p in days] == [
        (date(2026, 3, 2), 4, 3, 2), (date(2026, 3, 4), 1, 1, 0), (date(2026, 3, 9), 1, 1, 1)]
    assert [(p.start, p.scored, p.negative) for p in weeks] == [(date(2026, 3, 2), 4, 2), (date(2026, 3, 9), 1, 1)]
    assert weeks[0].negative_share == pytest.approx(50.0)
    assert days[0].negative_share == pytest.approx(200 / 3)


def test_the_newest_mentions_come_latest_day_first_then_by_file_and_line(tmp_path: Path) -> None:
    repo = _repo(tmp_path, [f"a,2026-03-02,x,US,,{CALM},", f"b,2026-03-09,x,US,,{CALM},",
                            f"c,2026-03-04,x,US,,{CALM},", f"d,2026-03-09,x,US,,{CALM},"])
    assert [mention.id for mention in opinion.mentions(repo, newest=3)] == ["d", "b", "c"]


def test_a_day_with_nothing_scored_has_no_share() -> None:
    assert opinion.Period("DE", date(2026, 3, 2), mentions=3).negative_share is None


def test_a_second_build_reads_each_mention_s_language_and_score_from_the_user_cache(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from socialops import user_cache

    monkeypatch.setenv("SOCIALOPS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(user_cache, "_MEMOS", {})
    repo = _repo(tmp_path, [f"a,2026-03-02,x,US,,{ANGRY},", f"b,2026-03-02,x,US,,{GERMAN},"])
    first = [(mention.language, mention.score) for mention in opinion.mentions(repo)]
    user_cache.save_memos()
    monkeypatch.setattr(user_cache, "_MEMOS", {})  # a new build: only what was saved
    monkeypatch.setattr(sentiment, "read_language", lambda *_: pytest.fail("read again"))
    assert [(mention.language, mention.score) for mention in opinion.mentions(repo)] == first
    assert first[0][0] == "en" and first[0][1] is not None and first[1] == ("de", None)


def test_each_mention_is_located_on_the_line_it_starts_on(tmp_path: Path) -> None:
    """Line numbers counted by hand: a blank line is no row, a quoted text over two lines is
    one row, and a file with CRLF line ends counts its lines the same."""
    root = make_repo(tmp_path, {
        "content/metrics/mentions/US/2026-03.csv": (HEADER + f"a,2026-03-02,x,US,,{CALM},\n\n"  # a on 2, blank 3
                                                     f'b,2026-03-03,x,US,,"{ANGRY}\nsecond line",\n'  # b on 4-5
                                                     f"c,2026-03-04,x,US,,{CALM},\n"),  # c on 6
        "content/metrics/mentions/US/2026-04.csv": (HEADER.replace("\n", "\r\n")
                                                    + f"d,2026-04-01,x,US,,{CALM},\r\ne,2026-04-02,x,US,,{CALM},\r\n"),
    })
    found = opinion.mentions(loader.load(root))
    assert [(mention.id, mention.location.path.rsplit("/", 1)[1], mention.location.line) for mention in found] == [
        ("a", "2026-03.csv", 2), ("b", "2026-03.csv", 4), ("c", "2026-03.csv", 6),
        ("d", "2026-04.csv", 2), ("e", "2026-04.csv", 3)]
    assert found[1].text == f"{ANGRY}\nsecond line"
    files = {path.name: path for path in (root / "content/metrics/mentions/US").iterdir()}
    assert reports_db._record_lines(files["2026-04.csv"], 2) is None  # every line a row: place + 2, not re-read
    assert reports_db._record_lines(files["2026-03.csv"], 3) == [2, 4, 6]
