"""Reading a platform's export into text cells, and the forgiving parsers every importer
shares: headers, numbers and dates as the platforms write them (metric-exports.md).

Everything here takes what a platform wrote and either returns a clean value or raises
BadValue with a sentence for the analyst; nothing here knows a platform."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path


class ExportError(Exception):
    """The file as a whole cannot be read as an export: nothing is imported."""


class BadValue(ValueError):
    """One cell cannot be read: its row becomes a finding with the export's line."""


@dataclass
class Sheet:
    """One table of the export: a CSV file, or one sheet of a workbook. `rows` holds each
    row's cells as text with the line (CSV) or row number (workbook) it starts on."""

    name: str
    rows: list[tuple[int, list[str]]]


# -- files --------------------------------------------------------------------------------

_XLSX_MAGIC = b"PK\x03\x04"  # a zip: xlsx
_XLS_MAGIC = b"\xd0\xcf\x11\xe0"  # an OLE2 compound file: xls


def read_export(path: Path) -> list[Sheet]:
    """The sheets of the export at `path`: CSV in any of the encodings the platforms use,
    or an XLS/XLSX workbook (told apart by content, not by name)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExportError(f"cannot read {path}: {exc.strerror or exc}") from None
    if data.startswith(_XLSX_MAGIC) and not _is_workbook(path):
        raise ExportError("it is a ZIP archive, not a workbook: unpack it and import each file in it")
    if data.startswith(_XLSX_MAGIC) or data.startswith(_XLS_MAGIC):
        return _read_workbook(path)
    return [Sheet("", csv_rows(decode(data)))]


def decode(data: bytes) -> str:
    """Text from the bytes of a CSV export: UTF-8 (with or without a BOM) or UTF-16 LE/BE
    (Meta's page-level files; with a BOM, or recognised by the NUL byte of ASCII text)."""
    if data.startswith(b"\xef\xbb\xbf"):
        encoding, data = "utf-8", data[3:]
    elif data.startswith(b"\xff\xfe"):
        encoding, data = "utf-16-le", data[2:]
    elif data.startswith(b"\xfe\xff"):
        encoding, data = "utf-16-be", data[2:]
    elif len(data) >= 2 and data[1] == 0 and data[0] != 0:
        encoding = "utf-16-le"
    elif len(data) >= 2 and data[0] == 0 and data[1] != 0:
        encoding = "utf-16-be"
    else:
        encoding = "utf-8"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ExportError(f"the file is not {encoding.upper()} text (byte {exc.start + 1} cannot be read); "
                          "export it again from the platform, or save it as 'CSV UTF-8'") from None


def csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """The rows of CSV `text` with the line each starts on (a quoted cell may span lines).
    A first line `sep=X` (Excel's separator hint, in Meta's UTF-16 files) sets the
    separator and is not a row."""
    first, _, rest = text.partition("\n")
    offset = 0
    delimiter = ","
    hint = first.strip().strip('"')
    if hint.casefold().startswith("sep=") and len(hint) == 5:
        delimiter, text, offset = hint[4], rest, 1
    elif "\t" in first and "," not in first:
        delimiter = "\t"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    while True:
        start = reader.line_num + 1 + offset
        try:
            row = next(reader)
        except StopIteration:
            return rows
        except csv.Error as exc:
            raise ExportError(f"line {start}: the CSV cannot be read ({exc})") from None
        rows.append((start, row))


def _is_workbook(path: Path) -> bool:
    """Whether a ZIP file is an XLSX workbook (it names its parts in [Content_Types].xml)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return True  # damaged: the workbook reader says what is wrong


def _read_workbook(path: Path) -> list[Sheet]:
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        raise ExportError("reading XLS/XLSX files needs python-calamine: pip install 'socialops[import]'") from None
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = []
        for name in workbook.sheet_names:
            cells = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            sheets.append(Sheet(name, [(number, [cell_text(cell) for cell in row])
                                       for number, row in enumerate(cells, start=1)]))
        return sheets
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise ExportError(f"the workbook cannot be read: {exc}") from None


def cell_text(cell: object) -> str:
    """A workbook cell as the text a CSV export would hold (a whole float without `.0`)."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(cell).upper()
    if isinstance(cell, float):
        return str(int(cell)) if cell.is_integer() else repr(cell)
    if isinstance(cell, datetime) and cell.time() == time(0):
        return cell.date().isoformat()
    if isinstance(cell, date | datetime | time):
        return cell.isoformat()
    if isinstance(cell, timedelta):
        return str(cell.total_seconds())
    return str(cell)


# -- headers and text ----------------------------------------------------------------------


def header_key(text: str) -> str:
    """A header as alias tables spell it: NFKC, no BOM, trimmed, case-folded, runs of
    spaces as one (exports differ in all of these between months and languages)."""
    text = unicodedata.normalize("NFKC", text).replace("\ufeff", "").casefold()
    return " ".join(text.split())


def clean_text(text: str) -> str:
    """A text cell as stored: NFKC (Meta's "math bold" captions become plain letters), trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


# -- numbers -------------------------------------------------------------------------------

EMPTY = frozenset({"", "-", "--", "\u2013", "\u2014", "undefined", "n/a", "na", "null"})


def parse_whole(text: str) -> int | None:
    """A count as the platforms write it: `1,234`, `10.000`, `1 234`, `29.0`, `-7`; None for
    "no data" (`-`, `undefined`, empty: never 0). A dot or comma followed by groups of three
    digits separates thousands (`1.500` is 1500: these are counts); one followed by other
    digits is a decimal point, allowed only when the fraction is zero (`29.0`)."""
    if text.isascii() and text.isdigit():  # most cells: plain digits
        return int(text)
    value = clean_text(text).replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    if value.casefold() in EMPTY:
        return None
    sign = -1 if value.startswith("-") else 1
    digits = value.lstrip("+-")
    number = _locale_number(digits)
    if number is None or number != number.to_integral_value():
        raise BadValue(f"{text.strip()!r} is not a whole number")
    return sign * int(number)


def parse_share(text: str) -> Decimal | None:
    """A share of followers: a fraction (`0.601`, `0,601`) or a percentage (`60.1%`); None
    for no data."""
    value = clean_text(text).replace(" ", "")
    if value.casefold() in EMPTY:
        return None
    percent = value.endswith("%")
    number = _decimal(value.removesuffix("%").replace(",", "."))
    if number is None:
        raise BadValue(f"{text.strip()!r} is not a share")
    share = number / 100 if percent else number
    if not 0 <= share <= 1:
        raise BadValue(f"{text.strip()!r} is not a share between 0 and 1 (or 0% and 100%)")
    return share


def _decimal(text: str) -> Decimal | None:
    if not text or text.count(".") > 1 or not all(char.isdigit() or char == "." for char in text):
        return None
    return Decimal(text)


def _locale_number(text: str) -> Decimal | None:
    if "," in text and "." in text:  # the later one is the decimal point
        thousands = "," if text.rfind(",") < text.rfind(".") else "."
        text = text.replace(thousands, "").replace(",", ".")
    elif "," in text or "." in text:
        mark = "," if "," in text else "."
        head, *groups = text.split(mark)
        text = "".join([head, *groups]) if _thousands(head, groups) else text.replace(",", ".")
    if not text or not all(char.isdigit() or char == "." for char in text) or text.count(".") > 1:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _thousands(head: str, groups: list[str]) -> bool:
    return 1 <= len(head) <= 3 and all(len(group) == 3 for group in groups) and not (len(groups) == 1 and head == "0")


# -- dates ---------------------------------------------------------------------------------

# Month names and their abbreviations in the languages the exports come in (metric-exports.md:
# English, Spanish and Portuguese TikTok dates, Turkish X headers), case-folded.
_MONTH_NAMES = {
    1: ("january", "enero", "janeiro", "ocak"),
    2: ("february", "febrero", "fevereiro", "şubat"),
    3: ("march", "marzo", "março", "mart"),
    4: ("april", "abril", "nisan"),
    5: ("may", "mayo", "maio", "mayıs"),
    6: ("june", "junio", "junho", "haziran"),
    7: ("july", "julio", "julho", "temmuz"),
    8: ("august", "agosto", "ağustos"),
    9: ("september", "septiembre", "setiembre", "setembro", "eylül"),
    10: ("october", "octubre", "outubro", "ekim"),
    11: ("november", "noviembre", "novembro", "kasım"),
    12: ("december", "diciembre", "dezembro", "aralık"),
}
MONTHS: dict[str, int] = {}
for _number, _names in _MONTH_NAMES.items():
    for _name in _names:
        MONTHS[_name] = MONTHS[_name[:3]] = _number
MONTHS["sept"] = 9
# Words a date may carry that say nothing about which day it is.
_FILLER = frozenset({"de", "del", "of", "mon", "tue", "wed", "thu", "fri", "sat", "sun", "monday", "tuesday",
                     "wednesday", "thursday", "friday", "saturday", "sunday", "lun", "mié", "jue", "vie",
                     "sáb", "dom", "seg", "ter", "qua", "qui", "sex", "pzt", "sal", "çar", "per", "cum", "cmt",
                     "paz", "at", "am", "pm", "utc"})
TOKEN = re.compile(r"[^\W\d_]+|\d+")  # a run of letters or a run of digits


@dataclass(frozen=True)
class DateStyle:
    """How an export writes days: `order` of an all-number date ("mdy": Meta's and
    LinkedIn's US-style 01/19/2017, "dmy"), and `exported`, the day the export was made,
    from which a date without a year (TikTok's "February 28") takes the last year in
    which that day was not after it."""

    order: str = "mdy"
    exported: date | None = None


def parse_day(text: str, style: DateStyle) -> date:
    """The day a date cell names: ISO (`2025-08-01`, `2025-08-01T00:00:00`, X's
    `2017-04-04 00:00 +0000`), all numbers in `style.order`, or with a month name in any
    of MONTHS, with or without a weekday or a year (`Fri, Mar 21, 2025`, `8 de marzo`,
    `3-Jun-26`). The time of day, when there is one, is dropped: days are as exported."""
    value = clean_text(text)
    if len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            raise BadValue(f"{text.strip()!r} is not a date") from None
    tokens = TOKEN.findall(value.casefold())
    months = [MONTHS[token] for token in tokens if token in MONTHS]
    numbers = [token for token in tokens if token.isdigit()]
    unknown = [token for token in tokens if not token.isdigit() and token not in MONTHS and token not in _FILLER]
    if unknown or not numbers or len(months) > 1:
        raise BadValue(f"{text.strip()!r} is not a date this importer reads")
    try:
        if months:
            return _named_month(months[0], numbers[:3], style)
        return _numeric(numbers[:3], style.order)
    except BadValue:
        raise
    except ValueError:
        raise BadValue(f"{text.strip()!r} is not a date") from None


def _named_month(month: int, numbers: list[str], style: DateStyle) -> date:
    day = next((int(number) for number in numbers if len(number) <= 2), None)
    if day is None:
        raise ValueError("no day")
    years = [number for number in numbers if len(number) == 4] or numbers[1:2]
    if years:
        return date(_full_year(years[0]), month, day)
    if style.exported is None:
        raise BadValue("the date has no year: give the export's day with --exported")
    return yearless(month, day, style.exported)


def _numeric(numbers: list[str], order: str) -> date:
    if len(numbers) != 3:
        raise ValueError("not three numbers")
    if len(numbers[0]) == 4:
        year, month, day = numbers
    elif order == "dmy":
        day, month, year = numbers
    else:
        month, day, year = numbers
    return date(_full_year(year), int(month), int(day))


def _full_year(text: str) -> int:
    return 2000 + int(text) if len(text) == 2 else int(text)


def yearless(month: int, day: int, exported: date) -> date:
    """The last `month`/`day` on or before `exported` (an export covers the days before it
    was made; 29 February goes back to the last leap year)."""
    for year in range(exported.year, exported.year - 9, -1):
        try:
            found = date(year, month, day)
        except ValueError:
            continue
        if found <= exported:
            return found
    raise BadValue(f"{month}/{day} is not a day of any recent year")
