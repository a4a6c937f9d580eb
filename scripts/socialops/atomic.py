"""Writing files so that nothing is lost: every command that writes goes through here.

A file is written whole or not at all: the new content goes to a temporary file in the
same folder, is flushed to disk (fsync), and is then renamed over the target, which on
POSIX and Windows replaces it in one step. A crash, a full disk or a kill at any moment
leaves either the old file or the new one, never half of either.

Temporary files are named `.<name>.<random>.socialops-tmp`: the leading dot and the
suffix keep them out of the loader (it reads only `*.md` and named files), and the
repository's .gitignore ignores them. They are removed on any failure the process
survives; only a kill can leave one behind, next to an intact original.

Nothing is replaced unless asked: without `force`, an existing file is never
overwritten (a new file is linked into place, which fails if another process created
it meanwhile).
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from .model.layout import CHANGE_JOURNAL

TEMP_SUFFIX = ".socialops-tmp"


class FileExists(FileExistsError):
    """The target exists and `force` was not given: nothing was written."""

    def __init__(self, path: Path) -> None:
        super().__init__(errno.EEXIST, "already exists; nothing written (use --force to replace it)", str(path))
        self.path = path


def write_text(path: Path, text: str, *, force: bool) -> bool:
    """Write `text` (UTF-8, `\\n` line endings as given) to `path` atomically. False when the
    file already holds exactly this text (nothing written). Without `force`, an existing
    file with other content is refused with FileExists."""
    return write_bytes(path, text.encode("utf-8"), force=force)


def write_bytes(path: Path, data: bytes, *, force: bool) -> bool:
    if _holds(path, data):
        return False
    with replacing(path, force=force) as temp, open(temp, "wb") as handle:
        handle.write(data)
    return True


@contextmanager
def replacing(path: Path, *, force: bool) -> Iterator[Path]:
    """A temporary path next to `path` for the caller to write the new content to (for
    writers that want a file name, such as Pillow or PyAV). When the block ends, the
    temporary file is flushed and renamed over `path`; if the block fails, it is removed
    with any folder this made, and `path` is as it was."""
    if not force and os.path.lexists(path):
        raise FileExists(path)
    made = _make_folders(path.parent)
    temp = temp_path(path)
    try:
        yield temp
        _flush(temp)
        if force:
            os.replace(temp, path)
        else:
            _place_new(temp, path)
        _flush_folder(path.parent)
    except BaseException:
        _remove(temp)
        _remove_folders(made)
        raise


def temp_path(path: Path, kind: str = "") -> Path:
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}{kind}{TEMP_SUFFIX}")


# -- several files as one change ------------------------------------------------------------


@dataclass
class Change:
    """Files to write and files to remove under `root`, applied together: all of them or,
    if anything fails, none (the folder is left as it was). Without `force`, a file that
    exists with other content is refused before anything changes; a file that already
    has its new content is left alone.

    Every new content is on disk before the first file changes; each file is then swapped
    in one rename, with a second name kept for its old content until the end, so a
    failure puts every file back. A kill cannot run that undo: so before the first swap a
    journal (CHANGE_JOURNAL, in root) names each file's second name, and the next command run
    in the repository undoes the change from it (`recover`); removing the journal is the
    moment the change takes effect."""

    root: Path
    write: Mapping[str, str] = field(default_factory=dict)  # path relative to root -> text
    remove: Sequence[str] = ()
    force: bool = False

    def apply(self) -> list[str]:
        """Apply the change; the paths written (those whose content changed)."""
        recover(self.root)
        changed = {relpath: text.encode("utf-8") for relpath, text in self.write.items()
                   if not _holds(self.root / relpath, text.encode("utf-8"))}
        clashes = [relpath for relpath in changed if os.path.lexists(self.root / relpath)]
        if clashes and not self.force:
            raise FileExists(self.root / clashes[0])
        self._swap({self.root / relpath: data for relpath, data in changed.items()},
                   [self.root / relpath for relpath in self.remove if relpath not in changed])
        return list(changed)

    def _swap(self, changed: dict[Path, bytes], removed: list[Path]) -> None:
        # target -> [temporary file with its new content (None: to remove), its old content's second name
        # (None: it is new)]: chosen before anything changes, so the journal can name them
        plan = {target: [temp_path(target), temp_path(target, ".old") if os.path.lexists(target) else None]
                for target in changed}
        plan.update({target: [None, temp_path(target, ".old")] for target in removed if os.path.lexists(target)})
        journal = self.root / CHANGE_JOURNAL
        swapped: list[Path] = []
        made: list[Path] = []
        try:
            write_text(journal, json.dumps([[_inside(self.root, path) for path in (target, *names)]
                                            for target, names in plan.items()]), force=True)
            for target, data in changed.items():  # 1. every new content on disk, flushed
                made += _make_folders(target.parent)
                with open(plan[target][0], "wb") as handle:
                    handle.write(data)
                _flush(plan[target][0])
            for target, (temp, aside) in plan.items():  # 2. each file swapped in one rename; removals last
                if aside is not None:
                    _keep_second_name(target, aside)
                swapped.append(target)
                if temp is not None:
                    os.replace(temp, target)
                else:
                    os.unlink(target)
        except BaseException:
            for target in reversed(swapped):
                _put_back(target, plan[target][1])
            for temp, _ in plan.values():
                if temp is not None:
                    _remove(temp)
            _remove_folders(made)
            _remove(journal)
            raise
        _remove(journal)  # the change has taken effect
        for _, aside in plan.values():  # the old contents are no longer needed
            if aside is not None:
                _remove(aside)
        for folder in {target.parent for target in plan} | {self.root}:
            _flush_folder(folder)


def recover(root: Path) -> list[str]:
    """Undo a change a kill interrupted (its journal is still in root): put back every
    file's old content and remove what it added. The paths put back; [] when there was
    nothing to undo."""
    journal = root / CHANGE_JOURNAL
    if not os.path.lexists(journal):
        return []
    try:
        entries = json.loads(journal.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        entries = None
    if not isinstance(entries, list):
        raise OSError(errno.EIO, "an interrupted change left a journal that cannot be read; restore the files "
                                 "with git (git status, git checkout) and delete it", str(journal))
    restored = []
    for target, temp, aside in reversed(entries):
        target_path, temp_path_ = root / target, (root / temp if temp else None)
        aside_path = root / aside if aside else None
        moved_in = temp_path_ is None or not os.path.lexists(temp_path_)  # its rename had happened
        if aside_path is not None and os.path.lexists(aside_path):
            _put_back(target_path, aside_path)
            restored.append(target)
        elif aside_path is None and moved_in and os.path.lexists(target_path):
            _remove(target_path)  # a file the change added
            restored.append(target)
        if temp_path_ is not None:
            _remove(temp_path_)
    _remove(journal)
    return restored


def _inside(root: Path, path: Path | None) -> str | None:
    return None if path is None else path.relative_to(root).as_posix()


def _put_back(target: Path, aside: Path | None) -> None:
    """Restore `target`'s old content from its second name (None: it did not exist)."""
    if aside is None:
        _remove(target)
    elif os.path.lexists(target) and os.path.samefile(target, aside):
        _remove(aside)  # never changed: renaming a file onto another name of itself would do nothing
    else:
        os.replace(aside, target)


def _keep_second_name(path: Path, aside: Path) -> None:
    """A hidden second name for a file's current content (a hard link; a copy where the
    file system has none), so it can be put back."""
    try:
        os.link(path, aside, follow_symlinks=False)
    except OSError:
        shutil.copy2(path, aside, follow_symlinks=False)


# -- helpers ------------------------------------------------------------------------------


def _holds(path: Path, data: bytes) -> bool:
    try:
        return not path.is_symlink() and path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _place_new(temp: Path, path: Path) -> None:
    """Move `temp` to `path` only if `path` does not exist: a hard link fails if it does
    (no window between looking and writing). A file system without hard links gets the
    look-then-rename instead."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise FileExists(path) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        if os.path.lexists(path):
            raise FileExists(path) from None
        os.replace(temp, path)
        return
    _remove(temp)


def _flush(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _flush_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX: fsync the folder); not possible on Windows."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _make_folders(folder: Path) -> list[Path]:
    """Create `folder` and its missing parents; the ones created, deepest first."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        each.mkdir(exist_ok=True)
    return missing


def _remove_folders(folders: list[Path]) -> None:
    for folder in sorted(set(folders), key=lambda each: len(each.parts), reverse=True):  # deepest first
        with suppress(OSError):  # not empty (someone else wrote there): keep it
            folder.rmdir()


def _remove(path: Path) -> None:
    with suppress(FileNotFoundError):
        os.unlink(path)
