"""Parsed and validated YAML kept between runs, keyed by the exact text parsed.

Parsing a front matter with its line map and validating it against its schema is most
of a load. The result depends only on the text, the file kind and this code, so it is
kept under a digest of those: a changed file has another digest and is parsed afresh,
and a check's findings always come from the files as they are now. Entries are JSON
(user_cache.Packs); an entry that does not read back as one is a miss. They live in the
user's cache folder (parsed/<code version>/<repository>/), one file per folder of the
repository, so a check of five posts reads the packs of their folders, not all of them.

A new code version (any change to model/ or the schemas, or another PyYAML,
fastjsonschema or jsonschema) starts a new folder and removes the old ones.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .. import user_cache
from .schema import SchemaError
from .yamltext import LineMap, ParsedYaml, Problem


@dataclass
class Parsed:
    document: ParsedYaml
    errors: list[SchemaError] | None  # None: the value was not a mapping, so not validated


@cache
def code_version() -> str:
    """A digest of everything a parse and its validation depend on."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted([*(package / "model").glob("*.py"), *(package / "schemas").glob("*.json")]):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for library in ("PyYAML", "fastjsonschema", "jsonschema"):
        digest.update(f"{library}={user_cache.installed_version(library)}\0".encode())
    return digest.hexdigest()[:24]


class ParseCache:
    """Looks up and stores the parse results of one repository's files (packed one file
    per folder of the repository: a post folder holds an account's year); counts hits so
    tests can see it was used."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.packs = user_cache.Packs("parsed", code_version(), user_cache.key(os.path.realpath(root)))
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(kind: str, text: str, offset: int, plain_words: frozenset[str]) -> str:
        head = f"{kind}\0{offset}\0{','.join(sorted(plain_words))}\0"
        return hashlib.blake2b((head + text).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()

    def get(self, relpath: str, key: str) -> Parsed | None:
        folder, _, name = relpath.rpartition("/")
        stored = self.packs.get(folder, name, key)
        parsed = None
        if stored is not None:
            with contextlib.suppress(ValueError, TypeError, KeyError, IndexError):  # not an entry this code wrote
                parsed = _decode(stored)
        if parsed is None:
            self.misses += 1
        else:
            self.hits += 1
        return parsed

    def put(self, relpath: str, key: str, parsed: Parsed) -> None:
        folder, _, name = relpath.rpartition("/")
        self.packs.put(folder, name, key, _encode(parsed))

    def save(self) -> None:
        self.packs.save(lambda folder: user_cache.listing(os.path.join(self.root, folder)))


def _encode(parsed: Parsed) -> dict:
    document = parsed.document
    return {
        "value": document.value,
        "lines": [[list(path), line] for path, line in document.lines.lines.items()],
        "offset": document.lines.offset,
        "problems": [[p.line, p.message, p.hint] for p in document.problems],
        "errors": None if parsed.errors is None else [[list(e.path), e.message, e.hint] for e in parsed.errors],
    }


def _decode(entry: Any) -> Parsed | None:
    if not isinstance(entry, dict):
        return None
    lines = LineMap({tuple(path): int(line) for path, line in entry["lines"]}, int(entry["offset"]))
    problems = [Problem(int(line), str(message), str(hint)) for line, message, hint in entry["problems"]]
    errors = entry["errors"]
    if errors is not None:
        errors = [SchemaError(tuple(path), str(message), str(hint)) for path, message, hint in errors]
    return Parsed(ParsedYaml(entry["value"], lines, problems), errors)
