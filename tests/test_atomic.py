"""Nothing lost: every command that writes replaces a file whole or not at all, refuses
an existing file without --force, and leaves the repository as it was when it fails,
even when it is killed between writing and renaming."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from socialops import atomic
from tests.conftest import ROOT, make_repo, run_cli

NOW = "2026-03-01T00:00:00Z"


def _visible(root: Path) -> dict[str, bytes]:
    """Every file as git and the loader see it: temporary files are hidden and ignored."""
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*"))
            if path.is_file() and ".git" not in path.relative_to(root).parts and not path.name.endswith(atomic.TEMP_SUFFIX)}


def _leftovers(root: Path) -> list[str]:
    return sorted(path.name for path in root.rglob(f"*{atomic.TEMP_SUFFIX}"))


# -- the helper -----------------------------------------------------------------------------


def test_a_new_file_is_written_and_an_existing_one_refused(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "file.txt"
    assert atomic.write_text(path, "one\n", force=False)
    with pytest.raises(atomic.FileExists):
        atomic.write_text(path, "two\n", force=False)
    assert path.read_text() == "one\n"
    assert not atomic.write_text(path, "one\n", force=False)  # the same content is no clash, and no write
    assert atomic.write_text(path, "two\n", force=True)
    assert path.read_text() == "two\n" and _leftovers(tmp_path) == []


def test_a_failed_rename_leaves_the_original_and_no_temporary_file(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "file.txt"
    path.write_text("mine\n")

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError):
        atomic.write_text(path, "theirs\n", force=True)
    assert path.read_text() == "mine\n" and _leftovers(tmp_path) == []


def test_a_failed_new_file_leaves_no_folder_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_link(*_: object, **__: object) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "link", no_link)
    with pytest.raises(OSError):
        atomic.write_text(tmp_path / "a" / "b" / "file.txt", "text\n", force=False)
    assert list(tmp_path.iterdir()) == []


def test_a_change_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, text in {"keep.txt": "old keep\n", "gone.txt": "old gone\n", "b.txt": "old b\n"}.items():
        (tmp_path / name).write_text(text)
    before = _visible(tmp_path)
    calls = []
    real_replace = os.replace

    def fail_on_the_second(source: object, target: object) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", fail_on_the_second)
    change = atomic.Change(tmp_path, {"keep.txt": "new keep\n", "sub/new.txt": "new\n", "b.txt": "new b\n"},
                           ["gone.txt"], force=True)
    with pytest.raises(OSError):
        change.apply()
    monkeypatch.setattr(os, "replace", real_replace)
    assert _visible(tmp_path) == before and _leftovers(tmp_path) == [] and not (tmp_path / "sub").exists()
    assert sorted(change.apply()) == ["b.txt", "keep.txt", "sub/new.txt"]
    assert _visible(tmp_path) == {"b.txt": b"new b\n", "keep.txt": b"new keep\n", "sub/new.txt": b"new\n"}
    assert _leftovers(tmp_path) == []


def test_a_change_that_fails_removing_puts_every_file_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for number in range(4):
        (tmp_path / f"old{number}.txt").write_text(f"{number}\n")
    (tmp_path / "kept.txt").write_text("kept\n")
    before = _visible(tmp_path)
    real_unlink = os.unlink

    def refuse_old2(path: object, *args: object, **kwargs: object) -> None:
        if Path(str(path)).name == "old2.txt":
            raise PermissionError(13, "Permission denied")
        real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", refuse_old2)
    with pytest.raises(PermissionError):
        atomic.Change(tmp_path, {"kept.txt": "changed\n", "new.txt": "new\n"},
                      [f"old{number}.txt" for number in range(4)], force=True).apply()
    assert _visible(tmp_path) == before and _leftovers(tmp_path) == []


def test_a_change_without_force_refuses_before_anything_changes(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("mine\n")
    with pytest.raises(atomic.FileExists):
        atomic.Change(tmp_path, {"a.txt": "a\n", "b.txt": "theirs\n"}).apply()
    assert _visible(tmp_path) == {"b.txt": b"mine\n"}


# -- the commands, killed between writing and renaming --------------------------------------


def _killed(root: Path, syscall: str, *args: str) -> subprocess.CompletedProcess:
    """Run `socialops ARGS` in a child whose `os.<syscall>` (the rename or link that puts the
    written file in place) kills the process instead: the worst moment to die. Only a
    rename into the repository kills: the user cache's own writes (outside it) go ahead."""
    program = (f"import os, signal, sys\n"
               f"real = os.{syscall}\n"
               f"def dying(source, target, *a, **k):\n"
               f"    if os.path.abspath(target).startswith(os.getcwd() + os.sep):\n"
               f"        os.kill(os.getpid(), signal.SIGKILL)\n"
               f"    return real(source, target, *a, **k)\n"
               f"os.{syscall} = dying\n"
               "from socialops.cli import main\n"
               "sys.exit(main(sys.argv[1:]))\n")
    return subprocess.run([sys.executable, "-c", program, *args], cwd=root, capture_output=True, text=True, timeout=120)


@pytest.fixture
def git_repo(tmp_path: Path) -> Path:
    root = make_repo(tmp_path)
    shutil.copy(ROOT / ".gitignore", root / ".gitignore")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "base"],
                   cwd=root, check=True)
    return root


def _git_status(root: Path) -> str:
    return subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=root,
                          capture_output=True, text=True, check=True).stdout


def test_codeowners_killed_mid_write_leaves_the_old_file(git_repo: Path) -> None:
    root = git_repo
    permissions = root / "permissions.yaml"
    permissions.write_text(permissions.read_text().replace("reviewers: [dana]", "reviewers: [dana, pat]", 1))
    before = _visible(root)
    result = _killed(root, "replace", "codeowners")
    assert result.returncode == -signal.SIGKILL
    assert _visible(root) == before  # CODEOWNERS intact, byte for byte
    assert _leftovers(root)  # the temporary file a kill leaves ...
    assert _git_status(root) == " M permissions.yaml\n"  # ... git ignores
    check = run_cli("check", "--now", NOW, "--format", "json", cwd=root)
    assert ".socialops-tmp" not in check.stdout  # and the loader never reads
    assert run_cli("codeowners", cwd=root).returncode == 0  # the next run writes it
    assert len(_leftovers(root)) == 1  # its own temporary file gone; the killed run's stays until removed


def test_new_post_killed_mid_write_leaves_no_post(git_repo: Path) -> None:
    root = git_repo
    before = _visible(root)
    result = _killed(root, "link", "new", "post", "acme-us-x", "--at", "2026-03-02T09:00", "--slug", "hello",
                     "--author", "alice", "--now", NOW)
    assert result.returncode == -signal.SIGKILL
    assert _visible(root) == before
    assert _git_status(root) == ""
    assert "no findings" in run_cli("check", "--now", NOW, cwd=root).stdout


def test_schema_export_killed_mid_write_leaves_the_old_files(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    assert run_cli("schema", "--out", str(out), cwd=tmp_path).returncode == 0
    (out / "post.schema.json").write_text("{}\n")
    before = _visible(out)
    assert _killed(tmp_path, "replace", "schema", "--out", str(out), "--force").returncode == -signal.SIGKILL
    assert _visible(out) == before


def test_codeowners_refuses_a_hand_written_file_without_force(git_repo: Path) -> None:
    root = git_repo
    mine = "# ours, written by hand\n* @dana\n"
    (root / ".github/CODEOWNERS").write_text(mine)
    refused = run_cli("codeowners", cwd=root)
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert (root / ".github/CODEOWNERS").read_text() == mine
    assert run_cli("codeowners", "--force", cwd=root).returncode == 0
    assert (root / ".github/CODEOWNERS").read_text().startswith("# Generated by `socialops codeowners`")


def test_preview_out_refuses_an_existing_file_without_force(tmp_path: Path) -> None:
    from socialops.github import preview

    mine = tmp_path / "notes.md"
    mine.write_text("my notes\n")
    with pytest.raises(Exception, match="--force"):
        preview._write_file(mine, "preview\n", "preview", force=False)
    assert mine.read_text() == "my notes\n"
    preview._write_file(mine, "preview\n", "preview", force=True)
    assert mine.read_text() == "preview\n"


def test_a_damaged_change_journal_stops_every_command_with_what_to_do(tmp_path: Path) -> None:
    from socialops.model.layout import CHANGE_JOURNAL

    root = make_repo(tmp_path)
    (root / CHANGE_JOURNAL).write_text("[[\"accounts.yaml\", nul", encoding="utf-8")
    before = _visible(root)
    result = run_cli("check", cwd=root)
    assert result.returncode == 2
    assert "interrupted change left a journal that cannot be read" in result.stderr and "git checkout" in result.stderr
    assert _visible(root) == before
