"""The platform limits' side of the source-check rule: the limits and sources that ship in
socialops' data/platforms.yaml, for the platforms a repository's accounts post to, once
they are older than policy's intervals.source_check_days."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import check, make_repo

DATA = Path(__file__).resolve().parents[1] / "scripts" / "socialops" / "data" / "platforms.yaml"
EVERY_30_DAYS = {"policy.yaml": "version: 1\nintervals: {source_check_days: 30}\n"}
# Every limit and source in the data file was checked on 2026-11-26.
DAY_31 = "2026-12-27T12:00:00Z"
DAY_30 = "2026-12-26T12:00:00Z"


def first_limit_line(platform: str) -> int:
    """The line of a platform's first text limit in the data file, found by reading it."""
    lines = DATA.read_text("utf-8").split("\n")
    start = lines.index("platforms:")
    block = lines.index(f"  {platform}:", start)
    return next(number for number, text in enumerate(lines, start=1)
                if number > block + 1 and text.startswith("      - {field:"))


def test_limits_of_the_platforms_in_use_are_due_after_the_interval(tmp_path: Path) -> None:
    root = make_repo(tmp_path, EVERY_30_DAYS)  # base accounts: x, instagram, linkedin
    found = [f for f in check(root, DAY_31) if f.rule == "source-check"]
    limits = {f.message.split(" ")[1]: f for f in found if "limit(s)" in f.message}
    assert sorted(limits) == ["instagram", "linkedin", "x"]  # not tiktok, youtube...: no account posts there
    for platform, finding in limits.items():
        assert finding.path == "socialops/data/platforms.yaml"  # the package is not inside this repository
        assert finding.line == first_limit_line(platform)
        assert "(the oldest on 2026-11-26)" in finding.message and finding.severity == "warning"
    assert limits["x"].message.endswith(": text.0, media.images, media.video, media.count, media.alt")
    # the sources their limits cite: x S2 and S16, instagram S11, linkedin S10 and S19
    sources = sorted(f.message.split(" ")[3] for f in found if "platform source" in f.message)
    assert sources == ["S10", "S11", "S16", "S19", "S2"]


def test_nothing_is_due_within_the_interval_or_without_one(tmp_path: Path) -> None:
    root = make_repo(tmp_path, EVERY_30_DAYS)
    assert [f for f in check(root, DAY_30) if f.rule == "source-check"] == []
    plain = make_repo(tmp_path / "plain")
    assert [f for f in check(plain, "2030-01-01T00:00:00Z") if f.rule == "source-check"] == []
