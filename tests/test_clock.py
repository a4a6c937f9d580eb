"""One clock: --now, else reference_time in policy.yaml, else the real clock, read alike
by the CLI, the pre-commit hook (tests/test_precommit.py runs it on the demo without any
date given), CI (`make check`) and the site."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from socialops import demo
from socialops.clock import resolve_now
from tests.conftest import ROOT, demo_only, make_repo, run_cli

# 09:00 in New York on 2 March 2026 is 14:00 UTC; post-missed allows an hour of grace.
POST = {"content/posts/acme-us-x/2026/2026-03-02-a.md":
        "---\npublish_at: 2026-03-02T09:00\nstatus: scheduled\nauthor: alice\n---\nHi\n"}
POLICY = "version: 1\nhq_timezone: Asia/Shanghai\nreference_time: {}\nrules: {{}}\n"


def _missed(root: Path, *args: str) -> list[str]:
    result = run_cli("check", "--format", "json", *args, cwd=root, env={**os.environ, "SOCIALOPS_NOW": ""})
    assert result.returncode in (0, 1), result.stderr
    return [f["path"] for f in json.loads(result.stdout)["findings"] if f["rule"] == "post-missed"]


def test_reference_time_is_now_unless_overridden(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {**POST, "policy.yaml": POLICY.format("2026-03-02T14:30:00Z")})
    assert _missed(root) == []  # 14:30 UTC: within the grace period
    assert _missed(root, "--now", "2026-03-02T15:01:00Z") == list(POST)  # --now still overrides


def test_without_reference_time_the_real_clock_is_now(tmp_path: Path) -> None:
    root = make_repo(tmp_path, POST)  # the base policy has no reference_time; the post is long past
    assert _missed(root) == list(POST)
    before = datetime.now(UTC)
    assert before - timedelta(seconds=5) <= resolve_now(None, root) <= datetime.now(UTC)


def test_resolution_order(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"policy.yaml": POLICY.format("2026-03-02T14:30:00+01:00")})
    assert resolve_now(None, root) == datetime(2026, 3, 2, 13, 30, tzinfo=UTC)
    assert resolve_now("2026-01-01T00:00:00Z", root) == datetime(2026, 1, 1, tzinfo=UTC)


def test_a_reference_time_without_an_offset_is_a_configuration_error(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {"policy.yaml": POLICY.format("2026-03-02T14:30")})
    result = run_cli("check", cwd=root)
    assert result.returncode == 2
    assert "policy.yaml:3" in result.stderr and "reference_time" in result.stderr


@demo_only
def test_the_demo_names_its_reference_time_in_policy_yaml() -> None:
    assert f"reference_time: {demo.DEMO_NOW}" in (ROOT / "policy.yaml").read_text("utf-8")
    assert demo.DEMO_NOW not in (ROOT / "Makefile").read_text("utf-8")  # one place says what the demo's now is


@pytest.mark.parametrize("reference", ["2026-03-02T14:30:00Z", "2026-03-09T08:00:00Z"])
def test_the_site_uses_the_same_now(tmp_path: Path, reference: str) -> None:
    root = make_repo(tmp_path, {**POST, "policy.yaml": POLICY.format(reference)})
    from tests.test_site import add_site_sources, build

    add_site_sources(root)
    out = tmp_path / "public"
    built = build(root, out)  # no --now: the reference time in policy.yaml
    assert built.returncode == 0, built.stderr
    shown = datetime.fromisoformat(reference).astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M")
    assert f"as of {shown} HQ time" in (out / "calendar" / "index.html").read_text("utf-8")
