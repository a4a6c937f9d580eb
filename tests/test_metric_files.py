"""The metric files in the model: which files the reports may query, what a check of a
few files reads, links and large files, and the per-file cache."""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from socialops import check
from socialops.clock import parse_now
from socialops.model import loader, metric_files
from tests.conftest import make_repo

ACCOUNTS_HEADER = ("date,account,followers,profile_visits,impressions,views,reach,likes,comments,shares,saves,clicks,"
                   "video_views,conversions\n")
GOOD = "content/metrics/accounts/acme-us-x/2026-02.csv"
BAD = "content/metrics/accounts/acme-us-x/2026-03.csv"
POST = "content/posts/acme-us-x/2026/2026-03-02-hello.md"
FILES = {
    GOOD: ACCOUNTS_HEADER + "2026-02-01,acme-us-x,1200,15,,,,30,4,2,1,12,,\n",
    BAD: ACCOUNTS_HEADER + "2026-03-01,acme-us-x,many,15,,,,30,4,2,1,12,,\n",
    "content/metrics/mentions/DE/2026-02.csv": "id,date,platform,market,url,text,reach\nm1,2026-02-03,web,DE,,Gut,\n",
    POST: "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\nHello from Acme.\n",
}


def test_reports_see_only_the_files_without_errors(tmp_path: Path) -> None:
    repo = loader.load(make_repo(tmp_path, FILES))
    assert repo.metrics.files["accounts"] == [GOOD]
    assert repo.metrics.files["mentions"] == ["content/metrics/mentions/DE/2026-02.csv"]
    assert repo.metrics.files["posts"] == []
    finding = next(f for f in repo.problems if f.path == BAD)
    assert finding.rule == "metric-files" and finding.line == 2
    assert "the reports leave this file out until it is fixed" in finding.hint


def test_a_check_of_posts_reads_no_metric_file(tmp_path: Path) -> None:
    repo = check.load(make_repo(tmp_path, FILES), {POST})
    assert repo.metrics.read == {}
    assert repo.metrics.files == {"accounts": [], "posts": [], "interactions": [], "mentions": [], "audience": []}


def test_a_check_of_a_metric_file_reads_it_and_its_accounts_posts(tmp_path: Path) -> None:
    repo = check.load(make_repo(tmp_path, FILES), {BAD})
    assert list(repo.metrics.read) == [BAD]
    assert [post.path for post in repo.posts] == [POST]


def test_a_markets_file_needs_no_posts(tmp_path: Path) -> None:
    repo = check.load(make_repo(tmp_path, FILES), {"content/metrics/mentions/DE/2026-02.csv"})
    assert repo.posts == [] and repo.metrics.files["mentions"] == ["content/metrics/mentions/DE/2026-02.csv"]


def test_a_linked_metric_file_is_not_read(tmp_path: Path) -> None:
    root = make_repo(tmp_path, FILES)
    outside = tmp_path / "outside.csv"
    outside.write_text(FILES[GOOD], encoding="utf-8")
    os.symlink(outside, root / "content/metrics/accounts/acme-us-x/2026-01.csv")
    repo = loader.load(root)
    finding = next(f for f in repo.problems if f.path.endswith("2026-01.csv"))
    assert "link to outside the repository" in finding.message
    assert "content/metrics/accounts/acme-us-x/2026-01.csv" not in repo.metrics.files["accounts"]


def test_a_file_over_the_limit_is_not_read(tmp_path: Path) -> None:
    row = "2026-02-01,acme-us-x,1200,15,,,,30,4,2,1,12,,\n"
    big = ACCOUNTS_HEADER + row * (2 * 1024 * 1024 // len(row) + 1)  # just over 2 MiB, what pre-commit refuses
    repo = loader.load(make_repo(tmp_path, {GOOD: big}))
    finding = next(f for f in repo.problems if f.path == GOOD)
    assert "more than the 2,097,152 allowed" in finding.message
    assert repo.metrics.files["accounts"] == []


def test_a_second_check_reuses_each_files_result(tmp_path: Path) -> None:
    root = make_repo(tmp_path, FILES)
    first = check.run(root, parse_now("2026-03-20T12:00:00Z"), jobs=1).findings
    cache = metric_files.FileCache(root)
    place = metric_files.place(BAD)
    assert isinstance(place, metric_files.Place)
    cache.summary(BAD, place, (root / BAD).read_bytes())
    assert cache.hits == 1
    assert check.run(root, parse_now("2026-03-20T12:00:00Z"), jobs=1).findings == first
    (root / BAD).write_text(FILES[GOOD].replace("2026-02-01", "2026-03-01"), encoding="utf-8")
    again = check.run(root, parse_now("2026-03-20T12:00:00Z"), jobs=1).findings
    assert not [f for f in again if f.path == BAD], "a fixed file is read afresh"


def test_a_check_in_parts_reports_metric_files_once(tmp_path: Path) -> None:
    files = dict(FILES)
    files["content/posts/acme-de-instagram/2026/2026-03-02-hallo.md"] = (
        "---\npublish_at: 2026-03-02T09:00\nstatus: draft\nauthor: alice\n---\nHallo.\n")
    files["content/metrics/posts/acme-de-instagram/2026-03.csv"] = (
        "date,post,platform_post_id,follows,impressions,views,reach,likes,comments,shares,saves,clicks,video_views,"
        "conversions\n2026-03-02,acme-de-instagram/2026-03-02-halo,,,,,,,,,,,,\n")
    root = make_repo(tmp_path, files)
    now = parse_now("2026-03-20T12:00:00Z")
    single = check.run(root, now, jobs=1)
    parted = check.run(root, now, jobs=2, parallel_from=1)
    assert parted.processes == 2
    assert parted.findings == single.findings
    assert parted.files_checked == single.files_checked
    assert {f.rule for f in single.findings if f.path.startswith("content/metrics/")} == {"metric-files",
                                                                                          "metric-references"}


_CELLS = st.sampled_from(["", "1", "-1", "0.5", "2026-02-01", "2026-02-01T10:00:00Z", "acme-us-x", "x", "DE", "dm",
                          "a,b", '"', "\n", "\r\n", "\x00", "é", "acme-us-x/2026-02-01-a", "1e3", "NaN", " "])


@given(table=st.sampled_from(sorted(metric_files.TABLES)),
       rows=st.lists(st.lists(_CELLS, max_size=16), max_size=6), header=st.booleans(), noise=st.binary(max_size=40))
@settings(max_examples=300, deadline=None)
def test_any_file_gives_findings_not_a_traceback(table: str, rows: list[list[str]], header: bool, noise: bytes) -> None:
    """Whatever a metric file holds, reading it ends in findings (or none)."""
    path = f"content/metrics/{table}/DE/2026-02.csv"
    place = metric_files.place(path)
    assert isinstance(place, metric_files.Place)
    lines = ([",".join(metric_files.TABLES[table].header)] if header else []) + [",".join(row) for row in rows]
    raw = "\n".join(lines).encode("utf-8") + noise
    summary = metric_files.read_rows(path, place, raw)
    assert all(problem.message and problem.hint for problem in summary.problems)


def test_a_check_of_one_month_sees_the_ids_of_the_others(tmp_path: Path) -> None:
    header = "id,account,channel,priority,category,received,first_response,resolved,responder,escalated_to,post\n"
    october = "content/metrics/interactions/acme-us-x/2026-10.csv"
    november = "content/metrics/interactions/acme-us-x/2026-11.csv"
    root = make_repo(tmp_path, {
        october: header + "c7,acme-us-x,dm,general,question,2026-10-02T10:00:00-04:00,,,,,\n",
        november: header + "c7,acme-us-x,dm,general,question,2026-11-02T10:00:00-05:00,,,,,\n"})
    findings = check.run(root, parse_now("2026-11-20T12:00:00Z"), {november}).findings
    assert [(f.path, f.line, f.message) for f in findings if f.rule == "metric-files"] == [
        (november, 2, f"id 'c7' is also in {october} (line 2)")]


IMPORTED = [("x", "account_analytics_content_2026-10-21_2026-11-19.csv"),
            ("x", "tweet_activity_metrics_acme_20261101_20261119_en.csv"),
            ("facebook", "Facebook Insights Data Export (Post Level) - Acme Deutschland - 2026-11-19.csv"),
            ("facebook", "Nov-01-2026_Nov-19-2026_1290000000000000.csv"), ("facebook", "Views.csv"),
            ("facebook", "Follows.csv"), ("instagram", "instagram_posts.csv"), ("tiktok", "Overview.csv"),
            ("tiktok", "FollowerHistory.csv"), ("tiktok", "Content.csv"), ("tiktok", "FollowerTopTerritories.csv"),
            ("youtube", "Table data.csv"), ("youtube", "Chart data.csv"), ("youtube", "Totals.csv")]


def test_what_the_importers_write_the_check_accepts_and_the_reports_read(tmp_path: Path) -> None:
    from socialops.importers import Request, run
    from tests import test_import

    root = make_repo(tmp_path, {"accounts.yaml": test_import.ACCOUNTS,
                                **{f"content/posts/{path}": text for path, text in test_import.POSTS.items()}})
    for platform, name in IMPORTED:
        run(Request(root, platform, test_import.EXPORTS / name, exported=test_import.EXPORTED))
    repo = loader.load(root)
    assert [f for f in repo.problems if f.path.startswith("content/metrics/")] == []
    written = sorted(path.relative_to(root).as_posix() for path in (root / "content/metrics").rglob("*.csv"))
    assert len(written) >= 10
    assert sorted(path for paths in repo.metrics.files.values() for path in paths) == written


def test_the_files_the_check_accepts_whatever_their_line_ends_the_reports_read(tmp_path: Path) -> None:
    """DuckDB reads a file's rows with one kind of line end: CRLF throughout, CR throughout
    and a quoted cell over two lines with another kind are read; mixed row ends are a
    finding (the line where the kind changes), never a failed build."""
    from socialops.reports import db as reports_db

    header = "id,date,platform,market,url,text,reach"
    rows = ["m1,2026-02-03,web,DE,,Gut,", 'm2,2026-02-04,web,DE,,"zwei\r\nZeilen",', "m3,2026-02-05,web,DE,,Gut,"]
    files = {"content/metrics/mentions/DE/2026-02.csv": "\r\n".join([header, *rows]) + "\r\n",
             "content/metrics/mentions/DE/2026-03.csv": "\r".join([header, "m4,2026-03-03,web,DE,,Gut,"]) + "\r",
             "content/metrics/mentions/DE/2026-04.csv": "\n".join([header, 'm5,2026-04-04,web,DE,,"zwei\r\nZeilen",'])
                                                        + "\n",
             "content/metrics/mentions/DE/2026-05.csv": f"{header}\r\nm6,2026-05-03,web,DE,,Gut,\r\n"
                                                        "m7,2026-05-05,web,DE,,Gut,\n",
             # a quote inside a cell opens no quoted cell: the line ends after it still count
             "content/metrics/mentions/DE/2026-06.csv": f'{header}\r\nm8,2026-06-03,web,DE,,12" lamp,\r\n'
                                                        "m9,2026-06-05,web,DE,,Gut,\n"}
    root = make_repo(tmp_path, files)
    result = check.run(root, now=parse_now("2026-06-01T12:00:00Z"))
    found = [(finding.path.rsplit("/", 1)[1], finding.line) for finding in result.findings
             if finding.rule == metric_files.FILES_RULE]
    assert found == [("2026-05.csv", 3), ("2026-06.csv", 3)]  # line 3 ends LF, lines 1-2 CRLF
    repo = loader.load(root)
    with reports_db.connect(repo, tables=("mentions",)) as db:
        assert db.execute("SELECT id, text FROM mentions ORDER BY date").fetchall() == [
            ("m1", "Gut"), ("m2", "zwei\r\nZeilen"), ("m3", "Gut"), ("m4", "Gut"), ("m5", "zwei\r\nZeilen")]
