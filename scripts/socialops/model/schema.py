"""JSON Schema validation of the content files, with messages a writer can act on.

The schemas ship in `socialops/schemas/` and are exported for editors by
`socialops schema --out DIR`. Formats that JSON Schema leaves open (a real calendar
date, an IANA time zone, a BCP 47 tag, an ISO country) are checked here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache, cached_property, partial
from importlib import resources
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import fastjsonschema

from .. import user_cache

KINDS = ("accounts", "permissions", "policy", "post", "campaign", "incident", "playbook", "plan", "report",
         "market", "sources")

def _check_date(value: str) -> None:
    parse_date(value)


def _check_datetime(value: str) -> None:
    parse_datetime(value)


def _check_timezone(value: str) -> None:
    zone(value)


@cache
def _check_language(value: str) -> None:
    import langcodes  # imported late: only files with a language tag pay for it

    if "_" in value or not langcodes.tag_is_valid(value):  # langcodes forgives en_US; BCP 47 and the term lists do not
        raise ValueError(f"'{value}' is not a BCP 47 language tag (e.g. en-US, de, pt-BR, ja)")


def _check_country(value: str) -> None:
    if value not in countries():
        raise ValueError(f"'{value}' is not an ISO 3166-1 alpha-2 country code (e.g. US, GB, DE, JP)")


def _check_https_url(value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or " " in value:
        raise ValueError(f"'{value}' is not an https:// URL")


# The formats our schemas use that JSON Schema leaves open; each raises ValueError with
# the message the writer sees.
FORMAT_CHECKS = {
    "date": _check_date,
    "local-or-offset-datetime": _check_datetime,
    "iana-timezone": _check_timezone,
    "bcp47": _check_language,
    "iso3166-alpha2": _check_country,
    "https-url": _check_https_url,
}


FORMAT_HINTS = {
    "date": "write the date as YYYY-MM-DD, e.g. 2026-12-04",
    "local-or-offset-datetime": "write YYYY-MM-DDTHH:MM, e.g. 2026-12-04T09:30 (the account's local time), "
                                "or add an offset such as +01:00",
    "iana-timezone": "use an IANA time zone name such as Europe/Berlin or America/New_York",
    "bcp47": "use a language tag such as en-US, de-DE, pt-BR or ja",
    "iso3166-alpha2": "use a two-letter country code such as US, GB, DE or JP",
    "https-url": "give the full address, starting with https://",
}


def _strings_only(check: Callable[[str], None]) -> Callable[[object], bool]:
    def checked(value: object) -> bool:
        if isinstance(value, str):
            check(value)  # a ValueError carries the message
        return True

    return checked




@cache
def countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, from the IANA time zone database's iso3166.tab
    (shipped by the pinned tzdata package; the same 249 codes as pycountry, read in
    a millisecond)."""
    table = resources.files("tzdata").joinpath("zoneinfo", "iso3166.tab").read_text("utf-8")
    return frozenset(line.split("\t", 1)[0] for line in table.splitlines() if line and not line.startswith("#"))


_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")


def parse_date(value: str) -> date:
    """An ISO calendar date; a clear ValueError for 2026-02-30 or 1.3.2026."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"'{value}' is not a date written YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"'{value}' is not a real calendar date") from None


def parse_datetime(value: str) -> datetime:
    """ISO 8601 date and time, with or without an offset (naive means local time)."""
    if not _DATETIME.match(value):
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(f"'{value}' has a date but no time; write e.g. {value}T09:00")
        raise ValueError(f"'{value}' is not a date and time written YYYY-MM-DDTHH:MM, optionally with an offset")
    try:
        return datetime.fromisoformat(value)
    except ValueError as exc:
        parse_date(value[:10])  # says "not a real calendar date" when that is the reason
        # Python's own words for an offset out of range name its timedelta type
        reason = "the offset must lie between -23:59 and +23:59" if "offset" in str(exc) else str(exc)
        raise ValueError(f"'{value}' is not a valid date and time ({reason})") from None


@cache
def zone(name: str) -> ZoneInfo:
    if not re.fullmatch(r"[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*", name):
        raise ValueError(f"'{name}' is not an IANA time zone name (e.g. Europe/Berlin)")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder of tzdata, e.g. "US" or "America"
        raise ValueError(f"'{name}' is not an IANA time zone (e.g. Europe/Berlin, America/New_York)") from None


@cache
def schema(kind: str) -> dict:
    """The shipped schema of one file kind. policy.yaml's `rules:` is checked here only for
    its shape; each rule's levels and options are checked by the rules' registry."""
    text = resources.files("socialops.schemas").joinpath(f"{kind}.schema.json").read_text("utf-8")
    return json.loads(text)


@dataclass
class SchemaError:
    """One schema violation: where (key path) and what, with a hint."""

    path: tuple
    message: str
    hint: str = ""


class Validator:
    """Validation against one schema document. Valid documents (nearly all) take
    fastjsonschema's compiled path; only an invalid one is walked again by jsonschema,
    for the messages."""

    def __init__(self, document: dict) -> None:
        self.document = document

    def errors(self, value: Any) -> list[SchemaError]:
        try:
            self.fast(value)
            return []
        except fastjsonschema.JsonSchemaException:
            return [explained for error in self.full.iter_errors(value) for explained in _explain_each(error)]

    @cached_property
    def fast(self) -> Callable[[Any], Any]:
        """fastjsonschema's validator, compiled once into the user's cache (compiling takes
        longer than validating every file of a small check)."""
        document = {**self.document, "$schema": "http://json-schema.org/draft-07/schema#"}  # same keywords, draft 7
        formats = {name: _passes(check) for name, check in FORMAT_CHECKS.items()}
        cache_key = user_cache.key(fastjsonschema.VERSION, json.dumps(document, sort_keys=True), *sorted(formats))
        module = user_cache.python_module("validators", cache_key, lambda: _validator_source(document, formats))
        if module is None or not hasattr(module, "validate_document"):
            return fastjsonschema.compile(document, formats=formats)
        return partial(module.validate_document, custom_formats=formats)

    @cached_property
    def full(self):  # type: ignore[no-untyped-def]  (a jsonschema validator, imported only when needed)
        import jsonschema

        formats = jsonschema.FormatChecker(formats=())
        for name, check in FORMAT_CHECKS.items():
            formats.checks(name, raises=ValueError)(_strings_only(check))
        return jsonschema.Draft202012Validator(self.document, format_checker=formats)


def _validator_source(document: dict, formats: dict) -> str:
    """fastjsonschema's code for `document`; its first function validates the whole
    document (the one `fastjsonschema.compile` returns), named validate_document."""
    code = fastjsonschema.compile_to_code(document, formats=formats)
    entry = re.search(r"^def (\w+)\(", code, re.MULTILINE)
    if entry is None:
        raise SyntaxError("fastjsonschema wrote no function")
    return f"{code}\n\nvalidate_document = {entry.group(1)}\n"


@cache
def validator(kind: str) -> Validator:
    return Validator(schema(kind))


def validate(kind: str, value: Any) -> list[SchemaError]:
    """Every violation of the file kind's schema, explained."""
    return validator(kind).errors(value)


def _passes(check: Callable[[str], None]) -> Callable[[str], bool]:
    def passes(value: str) -> bool:
        try:
            check(value)
        except ValueError:
            return False
        return True

    return passes


def _field(path: tuple) -> str:
    return ".".join(str(part) for part in path) or "the document"


def _explain_each(error) -> list[SchemaError]:  # type: ignore[no-untyped-def]  (a jsonschema.ValidationError)
    """jsonschema reports all unknown fields of one mapping in one error; each is a finding
    of its own, and each must be left out of the model (a second unknown field used to stay
    in, with whatever value it had)."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        return _explain_each(_closest_branch(error))
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        allowed = list(error.schema.get("properties", {}))
        path = tuple(error.absolute_path)
        return [_unknown_field(path, key, allowed) for key in error.instance if key not in allowed]
    return [_explain(error)]


def _unknown_field(path: tuple, key: object, allowed: list[str]) -> SchemaError:
    from .. import suggest

    hint = suggest.did_you_mean(suggest.closest(str(key), allowed)) or f"known fields: {', '.join(allowed)}"
    return SchemaError(path + (key,), f"unknown field '{key}'", hint)


def _explain(error) -> SchemaError:  # type: ignore[no-untyped-def]  (a jsonschema.ValidationError)
    path = tuple(error.absolute_path)
    rule = error.schema if isinstance(error.schema, dict) else {}
    hint = rule.get("x-hint", "")
    name = _field(path)
    kind = error.validator
    if "propertyNames" in error.relative_schema_path:
        return SchemaError(path + (error.instance,), f"{error.instance!r} is not a valid name for an entry of {name}",
                           hint or _keyword_hint(error))
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        described = error.schema.get("properties", {}).get(missing, {}).get("description", "")
        return SchemaError(path, f"missing required field '{missing}'",
                           f"add a line '{missing}: ...'" + (f" ({described})" if described else ""))
    if kind == "enum":
        from .. import suggest

        choices = [str(choice) for choice in error.validator_value]
        close = suggest.closest(error.instance, choices, rule.get("x-aliases")) if isinstance(error.instance, str) else None
        return SchemaError(path, f"{name}: {error.instance!r} is not one of: {', '.join(choices)}",
                           suggest.did_you_mean(close) or hint or "write one of these values exactly as shown")
    if kind == "const":
        return SchemaError(path, f"{name}: must be {error.validator_value!r}", hint or f"write {error.validator_value!r}")
    if kind == "type":
        return SchemaError(path, f"{name}: expected {_type_name(error.validator_value)}, got {_describe(error.instance)}",
                           hint or _type_hint(error.validator_value, error.instance))
    if kind == "format":
        reason = str(error.cause) if error.cause else f"{error.instance!r} is not a valid {error.validator_value}"
        close = _format_suggestion(error.validator_value, error.instance)
        return SchemaError(path, f"{name}: {reason}",
                           close or hint or FORMAT_HINTS.get(error.validator_value, ""))
    if kind == "pattern" and hint:
        return SchemaError(path, f"{name}: {error.instance!r} is not allowed here", hint)
    return SchemaError(path, f"{name}: {error.message}", hint or _keyword_hint(error))


def _format_suggestion(format_name: str, value: object) -> str:
    """'did you mean ...?' for a mistyped time zone, country or language, else ''."""
    from .. import suggest

    if not isinstance(value, str):
        return ""
    if format_name == "iana-timezone":
        return suggest.did_you_mean(suggest.timezone(value))
    if format_name == "iso3166-alpha2":
        return suggest.did_you_mean(suggest.country(value, countries()))
    if format_name == "bcp47":
        tag = suggest.language(value)
        regional = suggest.with_region(tag) if tag else None
        return suggest.did_you_mean(tag) + (f" (or {regional}, with the region)" if regional else "")
    return ""


def _type_hint(expected: object, value: object) -> str:
    """How to write a value of the expected type in YAML."""
    wanted = expected if isinstance(expected, list) else [expected]
    if value is None:
        return "write a value after the colon, or delete the line"
    if "boolean" in wanted:
        return "write true or false, without quotes"
    if "integer" in wanted or "number" in wanted:
        return "write a number without quotes, e.g. 3"
    if "array" in wanted:
        return "write a list: [a, b] on the line, or one '- item' per line below it"
    if "object" in wanted:
        return "write the fields indented below this key, one 'field: value' a line"
    if "string" in wanted:
        shown = str(value).lower() if isinstance(value, bool) else value
        return f"put the value in quotes to make it text: \"{shown}\"" if isinstance(value, (int, float)) \
            else "write the value as text"
    return f"write {_type_name(expected)}"


def _keyword_hint(error) -> str:  # type: ignore[no-untyped-def]
    """A hint for the constraints that carry none of their own."""
    kind, limit = error.validator, error.validator_value
    hints = {
        "minLength": "give a value; it may not be empty" if limit == 1 else f"write at least {limit} characters",
        "maxLength": f"write at most {limit} characters",
        "minItems": f"list at least {limit} item(s)",
        "maxItems": f"list at most {limit} item(s)",
        "minimum": f"use a number of at least {limit}",
        "maximum": f"use a number of at most {limit}",
        "uniqueItems": "remove the repeated item",
        "minProperties": f"add at least {limit} entr{'y' if limit == 1 else 'ies'}",
        "pattern": f"write it in the form the pattern {limit} describes",
    }
    return hints.get(kind, "correct the value as the message says")


def _closest_branch(error):  # type: ignore[no-untyped-def]
    """Of an anyOf's failed branches, the one written for this kind of value (a mapping
    is explained by the mapping branch, not by 'is not one of off, warning, error')."""
    kinds = ((dict, "object"), (list, "array"), (str, "string"))  # a date written as text: the date branch explains it
    kind = next((name for python_type, name in kinds if isinstance(error.instance, python_type)), None)
    same_kind = [sub for sub in error.context
                 if error.validator_value[sub.relative_schema_path[0]].get("type") == kind]
    from jsonschema.exceptions import best_match

    return best_match(same_kind or error.context)


def _type_name(expected: object) -> str:
    names = {"string": "text", "object": "a mapping of fields", "array": "a list", "boolean": "true or false",
             "integer": "a whole number", "number": "a number", "null": "nothing"}
    if isinstance(expected, list):
        return " or ".join(names.get(item, item) for item in expected)
    return names.get(str(expected), str(expected))


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return f"{type(value).__name__} {value!r}"
