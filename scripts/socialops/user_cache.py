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

import hashlib
import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType


def folder() -> Path:
    explicit = os.environ.get("SOCIALOPS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "socialops"


def key(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()[:32]


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


def _import(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write_atomically(path: Path, text: str) -> None:
    """Write, then rename: a reader sees the whole file or none (two checks may race, and
    both write the same text, so the second may replace the first)."""
    from . import atomic  # imported only when the cache is (re)written

    atomic.write_text(path, text, force=True)
