"""`socialops new post` in the demo: every account gets a draft that passes its own check,
the writer is told to stage it before pre-commit, and a post that cannot be right (a time
that has passed, a draft the check fails) leaves nothing behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import DEMO_NOW, ROOT, copy_demo_content, demo_only, run_cli

pytestmark = demo_only  # the demo's accounts, people and media

# A writer granted on each demo account (permissions.yaml), and media the platform takes.
WRITERS = {
    "lanterna-us-x": ("tom-baker", []),
    "lanterna-us-instagram": ("tom-baker", ["content/media/images/aura-1080x1350.jpg"]),
    "lanterna-gb-linkedin": ("tom-baker", []),
    "lanterna-de-instagram": ("anna-schmidt", ["content/media/images/halo-1080x1350.jpg"]),
    "lanterna-de-facebook": ("anna-schmidt", []),
    "lanterna-jp-x": ("yuki-tanaka", []),
    "lanterna-br-tiktok": ("lucas-souza", ["content/media/video/aura-540x960.mp4"]),
    "lanterna-ae-youtube": ("layla-haddad", ["content/media/video/drift-640x360.mp4"]),
}
RETIRED = "lanterna-mx-facebook"
AT = "2026-12-15T10:07"  # after the demo's now (2026-11-26), a quiet slot on every account


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scaffold") / "demo"
    root.mkdir()
    copy_demo_content(root)
    shutil.copytree(ROOT / ".github", root / ".github")
    return root


def _new(root: Path, account: str, *extra: str, at: str = AT, slug: str = "probe") -> object:
    author, media = WRITERS[account]
    options = [option for name in media for option in ("--media", name, "--alt", "A Lanterna speaker")]
    return run_cli("new", "post", account, "--at", at, "--slug", slug, "--author", author, *options, *extra,
                   "--now", DEMO_NOW, cwd=root)


def test_the_demo_has_the_accounts_this_test_knows() -> None:
    accounts = (ROOT / "accounts.yaml").read_text("utf-8")
    assert sorted(line.strip().rstrip(":") for line in accounts.splitlines()
                  if line.startswith("  ") and not line.startswith("   ")) == sorted([*WRITERS, RETIRED])


@pytest.mark.parametrize("account", sorted(WRITERS))
def test_a_new_post_passes_its_own_check(demo: Path, account: str) -> None:
    made = _new(demo, account, "--text", "Winter sounds better in the living room.")
    assert made.returncode == 0, made.stdout + made.stderr
    relpath = made.stdout.splitlines()[0].removeprefix("created ")
    assert relpath == f"content/posts/{account}/2026/2026-12-15-probe.md"
    checked = run_cli("check", "--now", DEMO_NOW, relpath, cwd=demo)
    assert checked.returncode == 0, checked.stdout
    assert " error " not in checked.stdout


def test_the_writer_is_told_to_stage_before_pre_commit(demo: Path) -> None:
    made = _new(demo, "lanterna-jp-x", slug="staging")
    lines = made.stdout.splitlines()
    add = next(i for i, line in enumerate(lines) if "git add content/posts/lanterna-jp-x/2026/2026-12-15-staging.md" in line)
    run = next(i for i, line in enumerate(lines) if "pre-commit run" in line)
    assert add < run and "staged" in lines[run]


def test_a_time_that_has_passed_is_refused_and_nothing_written(demo: Path) -> None:
    before = sorted(p for p in (demo / "content").rglob("*"))
    # the demo's now is 2026-11-26T09:00+08:00, i.e. 2026-11-25 20:00 in New York
    refused = _new(demo, "lanterna-us-x", at="2026-11-25T19:59", slug="too-late")
    assert refused.returncode == 2
    assert "in the past" in refused.stderr and "nothing written" in refused.stderr
    assert sorted(p for p in (demo / "content").rglob("*")) == before
    assert _new(demo, "lanterna-us-x", at="2026-11-25T20:01", slug="just-in-time").returncode == 0


def test_a_draft_the_check_fails_is_taken_back(demo: Path) -> None:
    before = sorted(p for p in (demo / "content").rglob("*"))
    # 2027-03-14 02:30 does not exist in New York (the clocks skip from 02:00 to 03:00)
    failed = _new(demo, "lanterna-us-x", at="2027-03-14T02:30", slug="skipped")
    assert failed.returncode == 1
    assert "does not exist (the clocks skip it)" in failed.stderr and "nothing was written" in failed.stderr
    assert sorted(p for p in (demo / "content").rglob("*")) == before  # no file, no 2027 folder


def test_a_retired_account_gets_no_new_post(demo: Path) -> None:
    failed = run_cli("new", "post", RETIRED, "--at", AT, "--slug", "hola", "--author", "tom-baker",
                     "--now", DEMO_NOW, cwd=demo)
    assert failed.returncode == 2
    assert f"{RETIRED} is retired in accounts.yaml: it takes no new posts; nothing written" in failed.stderr
    assert not (demo / f"content/posts/{RETIRED}/2026/2026-12-15-hola.md").exists()


def test_a_platform_that_posts_only_media_asks_for_it(demo: Path) -> None:
    refused = run_cli("new", "post", "lanterna-de-instagram", "--at", AT, "--slug", "no-image",
                      "--author", "anna-schmidt", "--now", DEMO_NOW, cwd=demo)
    assert refused.returncode == 2
    assert "instagram posts need an image: give it with --media" in refused.stderr


def test_a_png_on_instagram_is_refused_with_the_fix(demo: Path) -> None:
    failed = run_cli("new", "post", "lanterna-de-instagram", "--at", AT, "--slug", "png", "--author", "anna-schmidt",
                     "--media", "content/media/images/aura-1600x900.png", "--alt", "Aura", "--now", DEMO_NOW, cwd=demo)
    assert failed.returncode == 1
    assert "hint: save it as JPEG" in failed.stderr
    assert not (demo / "content/posts/lanterna-de-instagram/2026/2026-12-15-png.md").exists()


def test_a_theme_from_the_policy_is_written_and_a_mistyped_one_refused(demo: Path) -> None:
    made = _new(demo, "lanterna-us-x", "--theme", "tips", slug="themed")
    assert made.returncode == 0, made.stderr
    written = (demo / "content/posts/lanterna-us-x/2026/2026-12-15-themed.md").read_text("utf-8")
    assert "\ntheme: tips\n" in written
    assert "add theme:" not in made.stdout  # it has one
    failed = _new(demo, "lanterna-us-x", "--theme", "tip", slug="mistyped")
    assert failed.returncode == 1
    assert "theme 'tip' is not one of the themes in policy.yaml" in failed.stderr and "'tips'" in failed.stderr
    assert not (demo / "content/posts/lanterna-us-x/2026/2026-12-15-mistyped.md").exists()


def test_a_post_without_a_theme_is_told_the_policys_themes(demo: Path) -> None:
    made = _new(demo, "lanterna-us-x", slug="unthemed")
    assert made.returncode == 0, made.stderr
    # the demo's policy.yaml: rules: post-theme: themes
    assert ("add theme: (one of product, tips, community, sustainability, behind-the-scenes, company, promotion)"
            in made.stdout)


def test_a_slug_or_theme_cannot_carry_a_line_of_its_own(demo: Path) -> None:
    refused = _new(demo, "lanterna-us-x", slug="probe\n")  # "$" in a pattern matches before a final newline
    assert refused.returncode == 2 and "slug 'probe\n' must be lower-case" in refused.stderr
    failed = _new(demo, "lanterna-us-x", "--theme", "tips\nstatus: published", slug="injected")
    assert failed.returncode == 1  # the theme is one quoted text, not in the policy's list: nothing written
    assert "theme 'tips\\nstatus: published' is not one of the themes in policy.yaml" in failed.stderr  # one line
    assert not (demo / "content/posts/lanterna-us-x/2026/2026-12-15-injected.md").exists()


def test_a_theme_yaml_would_read_as_another_type_is_quoted(demo: Path) -> None:
    """`--theme null` written bare would be no theme at all, `no` a boolean: quoted, it
    stays the text given (and the check says it is not one of the policy's themes)."""
    failed = _new(demo, "lanterna-us-x", "--theme", "null", slug="null-theme")
    assert failed.returncode == 1 and "theme 'null' is not one of the themes in policy.yaml" in failed.stderr
