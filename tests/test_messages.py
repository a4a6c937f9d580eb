"""Messages a writer can act on: did-you-mean for every enum value and name, tabs, Windows
paths and CJK counting on X in plain words, hints that know the post's platform.

Expected suggestions are the values the files should have had (written by hand); counts
are computed by hand from the platform rules (X: each CJK character weighs 2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialops.findings import Finding
from tests.conftest import check, make_repo

X_POST = "content/posts/acme-us-x/2026/2026-03-02-a.md"
IG_POST = "content/posts/acme-de-instagram/2026/2026-03-02-a.md"
FRONT = "publish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n"


def _only(findings: list[Finding], rule: str, path: str) -> Finding:
    found = [f for f in findings if f.rule == rule and f.path == path]
    assert len(found) == 1, [(f.rule, f.path, f.line, f.message) for f in findings]
    return found[0]


def _accounts(root: Path, old: str, new: str) -> None:
    path = root / "accounts.yaml"
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize(("old", "new", "line", "meant"), [
    ("    status: active\n", "    status: Active\n", 10, "active"),
    ("    platform: instagram\n", "    platform: insta\n", 15, "instagram"),
    ("    platform: x\n", "    platform: twitter\n", 3, "x"),
    ("    timezone: Europe/Berlin\n", "    timezone: Europe/Berlim\n", 20, "Europe/Berlin"),
    ("    timezone: America/New_York\n", "    timezone: New York\n", 8, "America/New_York"),
    ("    market: GB\n", "    market: UK\n", 30, "GB"),
    ("    market: US\n", "    market: us\n", 6, "US"),
    ("    languages: [en-US]\n", "    languages: [english]\n", 7, "en"),
    ("    languages: [de-DE]\n", "    languages: [de_DE]\n", 19, "de-DE"),
])
def test_a_mistyped_value_gets_the_value_meant(tmp_path: Path, old: str, new: str, line: int, meant: str) -> None:
    root = make_repo(tmp_path)
    _accounts(root, old, new)
    finding = _only(check(root), "schema", "accounts.yaml")
    assert finding.line == line
    assert finding.hint.startswith(f"did you mean '{meant}'?"), finding.hint


def test_post_enums_suggest_their_lower_case_value(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {X_POST: "---\npublish_at: 2026-03-02T09:00\nstatus: Scheduled\nauthor: alice\n"
                                        "format: Text\ndisclosure: AD\n---\nHello\n"})
    hints = {f.line: f.hint for f in check(root) if f.rule == "schema" and f.path == X_POST}
    assert hints == {3: "did you mean 'scheduled'?", 5: "did you mean 'text'?", 6: "did you mean 'ad'?"}


def test_nothing_close_lists_no_guess(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    _accounts(root, "    timezone: Europe/Berlin\n", "    timezone: Mars/Olympus_Mons\n")
    finding = _only(check(root), "schema", "accounts.yaml")
    assert "did you mean" not in finding.hint and "Europe/Berlin" in finding.hint


@pytest.mark.parametrize(("field", "written", "meant"), [
    ("author", "Alice", "alice"),
    ("author", "alcie", "alice"),
])
def test_an_unknown_id_suggests_the_closest_existing_one(tmp_path: Path, field: str, written: str, meant: str) -> None:
    root = make_repo(tmp_path, {X_POST: f"---\npublish_at: 2026-03-02T09:00\nstatus: draft\n{field}: {written}\n"
                                        "---\nHello\n"})
    finding = _only(check(root), "references", X_POST)
    assert finding.message == f"unknown person '{written}'"
    assert finding.hint == f"did you mean '{meant}'?"


def test_an_unknown_account_folder_suggests_the_account(tmp_path: Path) -> None:
    path = "content/posts/acme-us-X/2026/2026-03-02-a.md"
    root = make_repo(tmp_path, {path: f"---\n{FRONT}---\nHello\n"})
    assert _only(check(root), "references", path).hint == "did you mean 'acme-us-x'?"


def test_a_tab_in_the_indentation_is_named_with_its_column(tmp_path: Path) -> None:
    root = make_repo(tmp_path)
    _accounts(root, "    handle: acme.de\n", "\thandle: acme.de\n")
    found = [f for f in check(root) if f.path == "accounts.yaml" and f.rule == "syntax"]
    assert [(f.line, f.hint) for f in found] == [(16, "replace the tab at column 1 with spaces")]
    assert "tab" in found[0].message and "YAML" in found[0].message


def test_a_tab_in_front_matter_names_the_file_line(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {X_POST: "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nmedia:\n  -\tfile: x.png\n"
                                        "author: alice\n---\nHello\n"})
    finding = _only(check(root), "syntax", X_POST)
    assert (finding.line, finding.hint) == (5, "replace the tab at column 4 with spaces")


def test_a_windows_media_path_says_use_forward_slashes(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {X_POST: f"---\n{FRONT}format: image\nmedia:\n"
                                        "  - file: content\\media\\avatar.png\n    alt: Logo\n    source: original\n"
                                        "---\nHello\n"})
    finding = _only(check(root), "media-file", X_POST)
    assert finding.line == 7
    assert finding.hint == "use forward slashes: content/media/avatar.png"


def test_a_mistyped_media_file_name_suggests_its_neighbour(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {X_POST: f"---\n{FRONT}format: image\nmedia:\n"
                                        "  - file: content/media/avatar.jpg\n    alt: Logo\n    source: original\n"
                                        "---\nHello\n"})
    assert _only(check(root), "media-file", X_POST).hint == "did you mean 'content/media/avatar.png'?"


@pytest.mark.parametrize(("body", "cjk", "weighted"), [
    ("春" * 141, 141, 282),             # 141 x 2 = 282 > 280
    ("春" * 100 + "a" * 100, 100, 300),  # 100 x 2 + 100 x 1 = 300
])
def test_cjk_on_x_is_explained(tmp_path: Path, body: str, cjk: int, weighted: int) -> None:
    root = make_repo(tmp_path, {X_POST: f"---\n{FRONT}---\n{body}\n"})
    finding = _only(check(root), "text-length", X_POST)
    assert f"is {weighted:,} weighted characters" in finding.message
    assert f"X counts each Chinese, Japanese or Korean character as 2, so the {cjk} here count as {2 * cjk}" \
        in finding.hint


def test_latin_text_over_the_limit_on_x_says_nothing_of_cjk(tmp_path: Path) -> None:
    root = make_repo(tmp_path, {X_POST: f"---\n{FRONT}---\n{'a' * 281}\n"})
    assert _only(check(root), "text-length", X_POST).hint.startswith("shorten it")


def test_the_utm_hint_names_the_posts_platform_and_campaign(tmp_path: Path) -> None:
    policy = "version: 1\nhq_timezone: Asia/Shanghai\nrules:\n  links: {owned_domains: [shop.example.com]}\n"
    root = make_repo(tmp_path, {"policy.yaml": policy,
                                IG_POST: f"---\n{FRONT}---\nNeu: https://shop.example.com/halo?ref=ig#top\n",
                                X_POST: f"---\n{FRONT}---\nNew: https://shop.example.com/halo?utm_medium=social\n"})
    findings = check(root)
    assert _only(findings, "links", IG_POST).hint == (
        "tag it for this post: https://shop.example.com/halo?ref=ig&utm_source=instagram&utm_medium=social"
        "&utm_campaign=<campaign>#top")
    assert _only(findings, "links", X_POST).hint == (
        "tag it for this post: https://shop.example.com/halo?utm_medium=social&utm_source=x&utm_campaign=<campaign>")


def _media_post(image: list, path: str = IG_POST) -> dict:
    name = "content/media/t/a." + ("png" if image[2] == "PNG" else "jpg")
    return {name: {"image": image},
            path: f"---\n{FRONT}format: image\nmedia:\n  - file: {name}\n    alt: A picture\n    source: original\n"
                  "---\nHallo\n"}


@pytest.mark.parametrize(("image", "fix"), [
    ([1080, 1350, "PNG"], "save it as JPEG"),                          # Instagram takes JPEG only
    ([1080, 1920, "JPEG"], "crop it wider: at least 4:5 (width:height)"),  # 0.5625 < 0.8
    ([1600, 800, "JPEG"], "resize it to at most 1,440 px wide"),     # 1600 > 1440 (ratio 2.0 also > 1.91)
    ([300, 300, "JPEG"], "use a version at least 320 px wide"),
])
def test_media_hints_say_what_the_platform_takes(tmp_path: Path, image: list, fix: str) -> None:
    root = make_repo(tmp_path, _media_post(image))
    hints = [f.hint for f in check(root) if f.rule == "media-spec"]
    assert any(hint.startswith(fix) for hint in hints), hints
    assert all("developers.facebook.com" in hint for hint in hints)  # the source of the numbers


def test_linkedin_escapes_are_explained(tmp_path: Path) -> None:
    # 2,990 letters and 10 '#': 3,000 characters, each '#' sent as '\#' -> 3,010 > 3,000
    path = "content/posts/acme-gb-linkedin/2026/2026-03-02-a.md"
    root = make_repo(tmp_path, {path: f"---\n{FRONT}---\n{'a' * 2990}{'#' * 10}\n"})
    finding = _only(check(root), "text-length", path)
    assert "is 3,010 characters once escaped" in finding.message
    assert "so the 10 here count twice" in finding.hint
