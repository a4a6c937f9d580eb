"""Parsed and validated YAML kept between runs, keyed by the exact text parsed.

Parsing a front matter with its line map and validating it against its schema is most
of a load. The result depends only on the text, the file kind and this code, so it is
kept under a digest of those: a changed file has another digest and is parsed afresh,
and a check's findings always come from the files as they are now. Entries are JSON
(never pickle: a cache folder restored in CI must not be able to run code); an entry
that does not read back as one is a miss. They live in the user's cache folder
(user_cache.folder()/parsed/<code version>/<repository>/), one file per folder of the
repository, so a check of five posts reads the packs of their folders, not all of them.

A new code version (any change to model/ or the schemas, or another PyYAML,
fastjsonschema or jsonschema) starts a new folder and removes the old ones.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from functools import cache
from importlib.metadata import version
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
        digest.update(f"{library}={version(library)}\0".encode())
    return digest.hexdigest()[:24]


class ParseCache:
    """Looks up and stores the parse results of one repository's files; counts hits so
    tests can see it was used. Entries are packed one file per folder of the repository
    (a post folder holds an account's year), each file name with the digest of the text
    its entry was parsed from."""

    def __init__(self, root: Path, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else user_cache.folder() / "parsed" / code_version()
        self.root = root
        self.repo_key = user_cache.key(os.path.realpath(root))
        self.hits = 0
        self.misses = 0
        self._packs: dict[str, dict] = {}  # folder of the repository -> {file name: [digest, entry]}
        self._changed: set[str] = set()

    @staticmethod
    def key(kind: str, text: str, offset: int, plain_words: frozenset[str]) -> str:
        head = f"{kind}\0{offset}\0{','.join(sorted(plain_words))}\0"
        return hashlib.blake2b((head + text).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()

    def get(self, relpath: str, key: str) -> Parsed | None:
        folder, _, name = relpath.rpartition("/")
        stored = self._pack(folder).get(name)
        parsed = None
        if isinstance(stored, list) and len(stored) == 2 and stored[0] == key:
            with contextlib.suppress(ValueError, TypeError, KeyError, IndexError):  # not an entry this code wrote
                parsed = _decode(stored[1])
        if parsed is None:
            self.misses += 1
        else:
            self.hits += 1
        return parsed

    def put(self, relpath: str, key: str, parsed: Parsed) -> None:
        folder, _, name = relpath.rpartition("/")
        self._pack(folder)[name] = [key, _encode(parsed)]
        self._changed.add(folder)

    def save(self) -> None:
        """Write the packs that changed, without entries of files no longer there."""
        if not self._changed:
            return
        self._sweep()
        for folder in sorted(self._changed):
            pack = self._packs[folder]
            try:
                present = set(os.listdir(os.path.join(self.root, folder)))
            except OSError:
                present = set()
            text = _json({name: pack[name] for name in sorted(pack) if name in present})
            path = self._pack_path(folder)
            temporary = f"{path}.{os.getpid()}.tmp"
            try:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(temporary, "w", encoding="utf-8") as handle:
                    handle.write(text)
                os.replace(temporary, path)  # readers see a whole pack or none
            except OSError:  # a read-only or full disk: parsed afresh next time, as on a first run
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                return
        self._changed.clear()

    def _pack_path(self, folder: str) -> str:
        return os.path.join(self.folder, self.repo_key, user_cache.key(folder) + ".json")

    def _pack(self, folder: str) -> dict:
        pack = self._packs.get(folder)
        if pack is None:
            try:
                with open(self._pack_path(folder), "rb") as handle:
                    pack = json.loads(handle.read())
            except (OSError, ValueError):
                pack = None
            pack = pack if isinstance(pack, dict) else {}
            self._packs[folder] = pack
        return pack

    def _sweep(self) -> None:
        """Remove the folders of other code versions: no run of this code reads them."""
        parent = self.folder.parent
        if parent.name != "parsed" or self.folder.is_dir():
            return
        for old in parent.glob("*"):
            if old.is_dir() and old != self.folder:
                shutil.rmtree(old, ignore_errors=True)


def _json(pack: dict) -> str:
    """The pack as JSON, without the entries JSON cannot hold exactly (NaN, infinity):
    those files are parsed afresh each time."""
    try:
        return json.dumps(pack, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        return _json({name: entry for name, entry in pack.items() if _exact(entry)})


def _exact(entry: object) -> bool:
    try:
        json.dumps(entry, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True


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
