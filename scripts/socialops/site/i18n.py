"""The interface language: Material's `theme.language` picks it; our own strings come
from the message catalogues in site/locale/<locale>/*.po (one file per page kind, so
they can grow apart), compiled in memory with Babel, and dates are written by Babel's
CLDR data for the same locale."""

from __future__ import annotations

import gettext
from datetime import date, datetime
from functools import cache
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_date
from babel.dates import format_datetime as babel_datetime
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES = {"en": "en", "zh": "zh_Hans"}  # theme.language -> catalogue and CLDR locale


def locale_name(language: str) -> str:
    try:
        return LOCALES[language]
    except KeyError:
        raise ValueError(f"theme.language {language!r} has no socialops catalogue; use one of "
                         f"{', '.join(sorted(LOCALES))}") from None


def translations(language: str, locale_dir: Path) -> gettext.NullTranslations:
    """English is the source language; another language reads every .po file of its folder."""
    name = locale_name(language)
    if name == "en":
        return gettext.NullTranslations()
    merged = Catalog(locale=name)
    for po in sorted((locale_dir / name).glob("*.po")):
        with po.open("rb") as handle:
            for message in read_po(handle, locale=name):
                if message.id and message.string and not message.fuzzy:
                    merged.add(message.id, message.string)
    compiled = BytesIO()
    write_mo(compiled, merged)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@cache
def _locale(language: str) -> Locale:
    return Locale.parse(locale_name(language))


def format_datetime(moment: datetime, form: str, language: str) -> str:
    """`moment` in its own time zone, written the locale's way ("short", "medium", "long" or a CLDR pattern)."""
    return babel_datetime(moment, form, tzinfo=moment.tzinfo, locale=_locale(language))


def format_date(day: date, form: str, language: str) -> str:
    return babel_date(day, form, locale=_locale(language))
