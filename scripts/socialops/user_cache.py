"""Work kept between runs in the user's cache folder, so each check does not redo it.

What is derived from the installed code (schemas compiled to Python, detect-secrets'
table of patterns; each keyed by a hash of what it was made from and the library's
version), and the parses of a repository's YAML (model/parse_cache.py), each keyed by a
digest of the exact text parsed and the code that parsed it, so a check's findings
always come from the files as they are now. The folder is
$SOCIALOPS_CACHE_DIR, else $XDG_CACHE_HOME/socialops, else ~/.cache/socialops; it lies
outside every repository, so a pull request cannot plant a file in it. When it cannot
be written, everything is computed afresh, as on a first run.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any


def folder() -> Path:
    explicit = os.environ.get("SOCIALOPS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "socialops"


def key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


def installed_version(distribution: str) -> str:
    """The installed version of a distribution, read from its `<name>-<version>.dist-info`
    folder: importing importlib.metadata costs a check of a few files more than the rest of
    its imports (about 40 ms). Falls back to importlib.metadata for another layout."""
    wanted = _normalized(distribution)
    for found, found_version in _dist_infos():
        if found == wanted:
            return found_version
    from importlib.metadata import version

    return version(distribution)


def _normalized(name: str) -> str:
    return name.lower().replace("-", "_").replace(".", "_")


@cache
def _dist_infos() -> tuple[tuple[str, str], ...]:
    """(normalized name, version) of every .dist-info folder on sys.path, in path order."""
    import sys

    found = []
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for name in names:
            if name.endswith(".dist-info") and "-" in name:
                project, _, version = name.removesuffix(".dist-info").rpartition("-")
                found.append((_normalized(project), version))
    return tuple(found)


def python_module(kind: str, cache_key: str, source: Callable[[], str]) -> ModuleType | None:
    """The module `source()` writes, kept as `<folder>/<kind>/m<cache_key>.py` (Python keeps
    its bytecode beside it); None when the folder cannot be used."""
    path = folder() / kind / f"m{cache_key}.py"
    for _ in range(2):
        try:
            if not path.is_file():
                _write_atomically(path, source())
            return _import(path, f"socialops_cache_{kind}_{cache_key}")
        except SyntaxError:
            path.unlink(missing_ok=True)  # damaged (edited, or a disk filled up): write it again
        except (OSError, ImportError):
            return None  # an unwritable folder: compile afresh every time
    return None


def generated_module(kind: str, cache_key: str, source: Callable[[], str]) -> ModuleType | SimpleNamespace:
    """python_module, else (no usable cache folder) the same generated source run in this
    process: a table derived from an installed library, read without importing it."""
    module = python_module(kind, cache_key, source)
    if module is None:
        namespace: dict = {}
        exec(source(), namespace)  # our own generated literals
        return SimpleNamespace(**{name: value for name, value in namespace.items() if name != "__builtins__"})
    return module


def _import(path: Path, name: str) -> ModuleType:
    _compile(path)
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _compile(path: Path) -> None:
    """Keep the module's bytecode beside it, also where PYTHONDONTWRITEBYTECODE stops
    Python from writing it on import: compiling a large generated module costs more than
    the work it saves."""
    import py_compile

    bytecode = importlib.util.cache_from_source(str(path))
    if not os.path.exists(bytecode):
        with contextlib.suppress(OSError, py_compile.PyCompileError):
            py_compile.compile(str(path), cfile=bytecode, doraise=True)


def _write_atomically(path: Path, text: str) -> None:
    """Write, then rename: a reader sees the whole file or none (two checks may race, and
    both write the same text, so the second may replace the first)."""
    from . import atomic  # imported only when the cache is (re)written

    atomic.write_text(path, text, force=True)


class Packs:
    """JSON entries about files, kept between runs and packed one file per folder of the
    files they describe (`<folder>/<kind>/<version>/<space>/`). Each entry holds the key it
    was made from (a digest of the file's text, or its size and times), and is used only
    while the file still has that key. JSON, never pickle: a cache folder restored in CI
    must not be able to run code. A new `version` (of the code that makes the entries)
    removes the other versions' folders when it first writes."""

    def __init__(self, kind: str, version: str, space: str) -> None:
        self.base = folder() / kind
        self.version = version
        self.space = space
        self._packs: dict[str, dict] = {}  # folder of the files -> {file name: [key, entry]}
        self._changed: set[str] = set()

    def get(self, where: str, name: str, entry_key: object) -> Any | None:
        """The entry of file `name` in folder `where`, if it was made from `entry_key`."""
        stored = self._pack(where).get(name)
        if isinstance(stored, list) and len(stored) == 2 and stored[0] == entry_key:
            return stored[1]
        return None

    def put(self, where: str, name: str, entry_key: object, entry: object) -> None:
        self._pack(where)[name] = [entry_key, entry]
        self._changed.add(where)

    def save(self, present: Callable[[str], set[str]]) -> None:
        """Write the packs that changed, keeping only the files `present(folder)` names.
        An entry JSON cannot hold exactly (NaN, infinity) is left out: made afresh each time."""
        if not self._changed:
            return
        self._sweep()
        for where in sorted(self._changed):
            pack = self._packs[where]
            names = present(where)
            text = _exact_json({name: pack[name] for name in sorted(pack) if name in names})
            path = self._path(where)
            temporary = f"{path}.{os.getpid()}.tmp"
            try:
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(temporary, "w", encoding="utf-8") as handle:
                    handle.write(text)
                os.replace(temporary, path)  # readers see a whole pack or none
            except OSError:  # a read-only or full disk: made afresh next time, as on a first run
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                return
        self._changed.clear()

    def _path(self, where: str) -> str:
        return os.path.join(self.base, self.version, self.space, key(where) + ".json")

    def _pack(self, where: str) -> dict:
        pack = self._packs.get(where)
        if pack is None:
            try:
                with open(self._path(where), "rb") as handle:
                    pack = json.loads(handle.read())
            except (OSError, ValueError):
                pack = None  # absent or damaged: every entry is made afresh
            pack = pack if isinstance(pack, dict) else {}
            self._packs[where] = pack
        return pack

    def _sweep(self) -> None:
        current = self.base / self.version
        if current.is_dir():
            return
        for old in self.base.glob("*"):
            if old.is_dir() and old != current:
                shutil.rmtree(old, ignore_errors=True)


def _exact_json(pack: dict) -> str:
    try:
        return json.dumps(pack, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        return _exact_json({name: entry for name, entry in pack.items() if _exact(entry)})


def _exact(entry: object) -> bool:
    try:
        json.dumps(entry, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True


def listing(directory: str) -> set[str]:
    """The names in a folder; none when it is gone or unreadable."""
    try:
        return set(os.listdir(directory))
    except OSError:
        return set()


class Memo:
    """Results of a costly pure function of a text, kept between runs: what X counts a
    post as, what detect-secrets makes of a line. A check whose texts were all seen
    before neither imports nor runs the library again. Keyed by a digest of the text
    under `version` (the library's version and the options that shape the result); one
    JSON file per kind, at most LIMIT entries, the ones this run used kept first. The
    file is merged with what is on disk when saved: forked workers of one check share it."""

    LIMIT = 200_000

    def __init__(self, kind: str, version: str) -> None:
        self.path = folder() / "memo" / kind / f"{key(version)}.json"
        self._stored: dict[str, Any] | None = None
        self._used: dict[str, Any] = {}
        self._new = False
        self.hits = 0

    def get(self, text: str) -> Any | None:
        digest = _digest(text)
        value = self._used.get(digest)
        if value is None:
            value = self._entries().get(digest)
            if value is not None:
                self._used[digest] = value
        if value is not None:
            self.hits += 1
        return value

    def put(self, text: str, value: Any) -> None:
        self._used[_digest(text)] = value
        self._new = True

    def save(self) -> None:
        if not self._new:
            return
        on_disk = self._read()  # what other processes saved meanwhile
        merged = {**self._used, **{k: v for k, v in {**self._entries(), **on_disk}.items() if k not in self._used}}
        kept = dict(list(merged.items())[:self.LIMIT])
        with contextlib.suppress(OSError):  # unwritable: computed afresh next time
            _write_atomically(self.path, json.dumps(kept, ensure_ascii=False, separators=(",", ":")))
            self._stored, self._new = kept, False
            for other in self.path.parent.glob("*.json"):  # other versions' results are never read again
                if other != self.path:
                    other.unlink(missing_ok=True)

    def _entries(self) -> dict[str, Any]:
        if self._stored is None:
            self._stored = self._read()
        return self._stored

    def _read(self) -> dict[str, Any]:
        try:
            with open(self.path, "rb") as handle:
                stored = json.loads(handle.read())
        except (OSError, ValueError):
            return {}
        return stored if isinstance(stored, dict) else {}


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


_MEMOS: dict[tuple[str, str], Memo] = {}


def memo(kind: str, version: str) -> Memo:
    """This process's memo of `kind` under `version`; saved by save_memos()."""
    found = _MEMOS.get((kind, version))
    if found is None:
        found = _MEMOS[(kind, version)] = Memo(kind, version)
    return found


def save_memos() -> None:
    for found in _MEMOS.values():
        found.save()
