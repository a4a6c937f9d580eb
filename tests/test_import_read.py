"""The importers' readers: encodings, headers, numbers and dates as the platforms write
them (metric-exports.md). Expected values are the ones the exports mean, worked by hand."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from socialops.importers.read import (
    BadValue,
    DateStyle,
    ExportError,
    csv_rows,
    decode,
    header_key,
    parse_day,
    parse_share,
    parse_whole,
)


@pytest.mark.parametrize(("data", "text"), [
    (b"\xef\xbb\xbfPost ID,Views\n", "Post ID,Views\n"),  # Meta's post files: UTF-8 with a BOM
    ("sep=,\n".encode("utf-16"), "sep=,\n"),  # Meta's page-level files: UTF-16 LE with a BOM
    ("Date".encode("utf-16-le"), "Date"),  # without a BOM: the NUL byte of ASCII text
    ("Date".encode("utf-16-be"), "Date"),
    ("Gönderi".encode(), "Gönderi"),
])
def test_decode_sniffs_the_encoding(data: bytes, text: str) -> None:
    assert decode(data) == text


def test_decode_refuses_what_is_not_utf8_or_utf16() -> None:
    with pytest.raises(ExportError, match="not UTF-8 text"):
        decode("Größe".encode("latin-1"))


def test_csv_rows_keep_the_line_each_row_starts_on() -> None:
    text = 'sep=,\n"Views"\n"Date","Primary"\n"a","multi\nline"\n"b","2"\n'
    assert csv_rows(text) == [(2, ["Views"]), (3, ["Date", "Primary"]), (4, ["a", "multi\nline"]), (6, ["b", "2"])]


def test_header_key_ignores_bom_case_spacing_and_width() -> None:
    assert header_key("\ufeff  Post   ID ") == "post id"
    assert header_key("ＵＲＬ Clicks") == "url clicks"  # full-width letters (NFKC)


@pytest.mark.parametrize(("text", "value"), [
    ("1,234", 1234), ("10.000", 10000), ("1 234", 1234), ("1\u00a0234", 1234), ("29.0", 29), ("1,234.0", 1234),
    ("1.234,0", 1234), ("-7", -7), ("0", 0), ("0.0", 0), ("", None), ("-", None), ("undefined", None), (" ", None),
])
def test_parse_whole_reads_locale_numbers(text: str, value: int | None) -> None:
    assert parse_whole(text) == value


@pytest.mark.parametrize("text", ["12abc", "1.5", "0,25", "1e3", "1.2.3"])
def test_parse_whole_refuses_what_is_not_a_count(text: str) -> None:
    with pytest.raises(BadValue, match="is not a whole number"):
        parse_whole(text)


@pytest.mark.parametrize(("text", "style", "day"), [
    ("2025-08-01T00:00:00", DateStyle(), date(2025, 8, 1)),  # Meta page-level
    ("2017-04-04 00:00 +0000", DateStyle(), date(2017, 4, 4)),  # X legacy `time`
    ("Fri, Mar 21, 2025", DateStyle(), date(2025, 3, 21)),  # X account overview
    ("Tue, Jul 14, 2026", DateStyle(), date(2026, 7, 14)),
    ("Per, Kas 12, 2026", DateStyle(), date(2026, 11, 12)),  # Turkish weekday and month
    ("01/19/2017 09:03:47 AM", DateStyle("mdy"), date(2017, 1, 19)),  # Meta legacy `Posted`
    ("19/01/2017", DateStyle("dmy"), date(2017, 1, 19)),
    ("Jan 8, 2025", DateStyle(), date(2025, 1, 8)),  # YouTube publish time
    ("3-Jun-26", DateStyle("dmy"), date(2026, 6, 3)),  # YouTube, re-saved by a spreadsheet
    ("8 de marzo", DateStyle(exported=date(2026, 4, 1)), date(2026, 3, 8)),  # TikTok, Spanish
    ("8 de março", DateStyle(exported=date(2026, 4, 1)), date(2026, 3, 8)),  # Portuguese
    ("December 31", DateStyle(exported=date(2027, 1, 2)), date(2026, 12, 31)),  # the year before the export
    ("February 29", DateStyle(exported=date(2027, 3, 1)), date(2024, 2, 29)),  # back to the last leap year
    ("February 28", DateStyle(exported=date(2026, 2, 28)), date(2026, 2, 28)),  # the export's own day
])
def test_parse_day(text: str, style: DateStyle, day: date) -> None:
    assert parse_day(text, style) == day


@pytest.mark.parametrize(("text", "message"), [
    ("February 28", "give the export's day with --exported"),
    ("2026-13-01", "is not a date"),
    ("Someday 5", "is not a date this importer reads"),
    ("Total", "is not a date this importer reads"),
    ("02/30/2026", "is not a date"),
])
def test_parse_day_refuses(text: str, message: str) -> None:
    with pytest.raises(BadValue, match=message):
        parse_day(text, DateStyle())


@pytest.mark.parametrize(("text", "share"), [
    ("0.601", Decimal("0.601")), ("0,09", Decimal("0.09")), ("60.1%", Decimal("0.601")), ("100%", Decimal(1)),
    ("-", None), ("undefined", None),
])
def test_parse_share_reads_fractions_and_percentages(text: str, share: Decimal | None) -> None:
    assert parse_share(text) == share


@pytest.mark.parametrize("text", ["1.5", "150%", "abc", "0.1.2"])
def test_parse_share_refuses_what_is_not_a_share(text: str) -> None:
    with pytest.raises(BadValue, match="is not a share"):
        parse_share(text)
