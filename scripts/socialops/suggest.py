"""Did-you-mean: the closest known value to one a writer mistyped.

Case first (`Active` is `active`), then spelling (difflib): a suggestion must be something
the check would accept, so every function here picks from the accepted values only.
Imported only when a value is wrong.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from functools import cache


def closest(value: str, choices: Iterable[str], aliases: Mapping[str, str] | None = None,
            cutoff: float = 0.6) -> str | None:
    """The choice `value` most likely meant: the same up to case, an alias (`twitter` ->
    `x`), else the closest spelling with difflib; None when nothing is close."""
    by_folded = {choice.casefold(): choice for choice in choices}
    folded = value.strip().casefold()
    if folded in by_folded:
        return by_folded[folded]
    for alias, meant in (aliases or {}).items():
        if folded == alias.casefold() and meant.casefold() in by_folded:
            return by_folded[meant.casefold()]
    close = difflib.get_close_matches(folded, list(by_folded), n=1, cutoff=cutoff)
    return by_folded[close[0]] if close else None


def did_you_mean(suggestion: str | None) -> str:
    return f"did you mean '{suggestion}'?" if suggestion else ""


# Among hundreds of long names a loose match is a wrong guess (Mars/Base is not
# Pacific/Marquesas): only a typo or two away counts.
_CLOSE = 0.8


def timezone(name: str) -> str | None:
    """The IANA zone meant by `name`: `europe/berlin`, `Europe/Berlim`, `Berlin` or
    `New York` (a city alone is matched against the last part of each zone name)."""
    zones = _zones()
    written = re.sub(r"\s+", "_", name.strip())
    found = closest(written, zones, cutoff=_CLOSE)
    if found:
        return found
    by_city = {zone.rsplit("/", 1)[-1].casefold(): zone for zone in sorted(zones) if "/" in zone}
    city = closest(written, by_city, cutoff=_CLOSE)
    return by_city[city] if city else None


@cache
def _zones() -> frozenset[str]:
    import zoneinfo

    return frozenset(zoneinfo.available_timezones())


# Codes ISO 3166 reserves for another country's code, which writers often use.
_COUNTRY_ALIASES = {"UK": "GB", "EL": "GR"}


def country(code: str, countries: Iterable[str]) -> str | None:
    """The ISO 3166-1 alpha-2 code meant: `us` is US, `UK` is GB. Two-letter codes are
    too short to guess from spelling, so only case and the reserved aliases count."""
    known = {choice.upper(): choice for choice in countries}
    written = code.strip().upper()
    meant = _COUNTRY_ALIASES.get(written, written)
    return known.get(meant)


def language(tag: str) -> str | None:
    """A valid BCP 47 tag for what was written: `en_US` or `EN us` as en-US, a language's
    English name (`English`, `german`) as its subtag, from the IANA registry langcodes ships."""
    import langcodes

    written = re.sub(r"[\s_]+", "-", tag.strip()).strip("-")
    if written and langcodes.tag_is_valid(written):
        return langcodes.standardize_tag(written)
    if written.casefold() in _COUNTRY_FOR_LANGUAGE:
        return _COUNTRY_FOR_LANGUAGE[written.casefold()]
    names = _language_names()
    found = closest(tag, names, cutoff=0.9)  # Deutsch is not Dutch
    return names[found] if found else None


def with_region(tag: str) -> str | None:
    """`en` -> `en-US`: the tag with its most likely region, when it has none (CLDR's
    likely subtags, shipped with langcodes)."""
    import langcodes

    language = langcodes.Language.get(tag)
    if language.territory:
        return None
    region = language.maximize().territory
    return f"{tag}-{region}" if region else None


# Country codes written for the language (jp for Japanese), where the code is no language.
_COUNTRY_FOR_LANGUAGE = {"jp": "ja", "cn": "zh", "dk": "da", "cz": "cs", "ua": "uk", "gr": "el"}


@cache
def _language_names() -> dict[str, str]:
    """English name -> language subtag, from the IANA language subtag registry."""
    from importlib import resources

    text = resources.files("langcodes").joinpath("data", "language-subtag-registry.txt").read_text("utf-8")
    names: dict[str, str] = {}
    for record in text.split("\n%%\n"):
        fields = [line.split(": ", 1) for line in record.splitlines() if ": " in line and not line.startswith(" ")]
        keys = {key: value for key, value in fields}
        if keys.get("Type") == "language" and "Deprecated" not in keys:
            for key, value in fields:
                if key == "Description":
                    names.setdefault(value, keys["Subtag"])  # a name may have several records: keep the first
    return names
