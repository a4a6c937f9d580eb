"""Shared helpers: a throwaway copy of the base repository, and running the check on it."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from socialops import check as check_module
from socialops import demo
from socialops.clock import parse_now
from socialops.demo import media as demo_media
from socialops.findings import Finding
from socialops.rules import engine

BASE = Path(__file__).parent / "fixtures" / "base"
ROOT = Path(__file__).resolve().parents[1]
# The tests (and the commands they run) keep compiled schemas in a cache of their own,
# removed when the run ends (the stores of the report tests make it a few hundred MB).
if "SOCIALOPS_CACHE_DIR" not in os.environ:
    os.environ["SOCIALOPS_CACHE_DIR"] = tempfile.mkdtemp(prefix="socialops-test-cache-")
    atexit.register(shutil.rmtree, os.environ["SOCIALOPS_CACHE_DIR"], ignore_errors=True)
DEMO_NOW = demo.DEMO_NOW
# Tests of the demo content itself skip once `socialops init` has made this repository a
# company's own; the rest test the tool and run on whatever content is here.
IS_DEMO = f"reference_time: {DEMO_NOW}" in (ROOT / "policy.yaml").read_text("utf-8")
demo_only = pytest.mark.skipif(not IS_DEMO, reason="this repository is a company's own (socialops init), not the demo")


def write_files(root: Path, files: dict) -> None:
    """Write files over a repository. A value is text, {latin1: text}, {repeat: s, times: n},
    {image: [width, height, format]}, {video: [width, height, seconds, fps]} (MP4; WebM when the path ends
    .webm), or None to delete."""
    for relpath, content in files.items():
        path = root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is None:
            path.unlink()
        elif isinstance(content, dict) and "latin1" in content:
            path.write_bytes(content["latin1"].encode("latin-1"))
        elif isinstance(content, dict) and "image" in content:
            width, height, image_format = content["image"]
            Image.new("RGB", (width, height), (90, 120, 200)).save(path, format=image_format)
        elif isinstance(content, dict) and "video" in content and path.suffix == ".webm":
            _write_webm(path, *content["video"])
        elif isinstance(content, dict) and "video" in content:
            width, height, seconds, fps = content["video"]
            demo_media.write_video(path, "Aura", (width, height), seconds, fps)
        elif isinstance(content, dict) and "repeat" in content:
            path.write_text(content["repeat"] * content["times"], encoding="utf-8")
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")


def _write_webm(path: Path, width: int, height: int, seconds: float, fps: int) -> None:
    """A real WebM (VP9, from PyAV's own libvpx): a container some platforms refuse."""
    import av

    with av.open(str(path), "w", format="webm") as container:
        stream = container.add_stream("libvpx-vp9", rate=fps)
        stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
        for index in range(max(1, int(seconds * fps))):
            frame = av.VideoFrame.from_image(Image.new("RGB", (width, height), (index % 256, 90, 120)))
            for packet in stream.encode(frame):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)


def make_repo(tmp_path: Path, files: dict | None = None) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(BASE, root)
    write_files(root, files or {})
    return root


def copy_demo_content(target: Path) -> None:
    """The demo's settings files and content/ into `target`, for tests that change them."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("accounts.yaml", "permissions.yaml", "policy.yaml"):
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(ROOT / "content", target / "content")


def best_time(operation: Callable[[], object], repeats: int = 3) -> float:
    """The shortest of `repeats` timings of `operation`, in seconds (for ratios, never limits)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        operation()
        best = min(best, time.perf_counter() - start)
    return best


def copy_tracked(target: Path) -> None:
    """Copy this repository's files as a fresh clone has them (tracked and new, not ignored)."""
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)


def check(root: Path, now: str = "2026-03-01T12:00:00Z", paths: set[str] | None = None,
          online: bool = False, online_allow_private: bool = False) -> list[Finding]:
    repo = check_module.load(root, paths)
    return engine.run(repo, parse_now(now), paths, online=online, online_allow_private=online_allow_private)


def run_cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """The installed console script, as a user runs it."""
    command = [str(Path(sys.executable).parent / "socialops"), *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return make_repo(tmp_path)
