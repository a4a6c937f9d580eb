"""The reports' store (reports/store.py): a build reads only the metric files that changed
since the last one, and its numbers are always the files' numbers as they are now (each
expected value added up by hand from the rows written below)."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest

from socialops.model import loader
from socialops.reports import db as reports_db
from socialops.reports import opinion, queries, sentiment, store
from tests.conftest import ROOT, make_repo, write_files
from tests.test_reports import HEADER_ACCOUNTS as ACCOUNTS
from tests.test_reports import HEADER_POSTS as POSTS

OCTOBER = "content/metrics/accounts/acme-us-x/2026-10.csv"
NOVEMBER = "content/metrics/accounts/acme-us-x/2026-11.csv"
READINGS = "content/metrics/posts/acme-us-x/2026-11.csv"
MENTIONS = "content/metrics/mentions/US/2026-03.csv"
POST = ("---\npublish_at: 2026-11-02T09:00:00-05:00\nstatus: published\nauthor: alice\nlanguage: en-US\n"
        "format: image\ndisclosure: none\nrisk: normal\npublished_url: https://x.com/acme/status/1\n---\nHello.\n")
FILES = {
    OCTOBER: ACCOUNTS + "2026-10-31,acme-us-x,1000,,400,,,8,2,1,1,4,,\n",  # 400 impressions
    NOVEMBER: ACCOUNTS + "2026-11-01,acme-us-x,1010,,600,,,12,3,2,1,6,,1\n"  # 600 + 400 = 1,000
    + "2026-11-02,acme-us-x,1030,,400,,,5,0,1,0,4,,1\n",
    "content/posts/acme-us-x/2026/2026-11-02-a.md": POST,
    READINGS: POSTS + "2026-11-02,acme-us-x/2026-11-02-a,1,,500,,,5,0,0,0,,,\n"
    + "2026-11-03,acme-us-x/2026-11-02-a,1,,1000,,,15,3,1,1,,,\n",
    # a blank line (line 3) is no row, a text over two lines (4-5) is one
    MENTIONS: "id,date,platform,market,url,text,reach\n" + "a,2026-03-02,x,US,,Lovely lamp,\n\n"
    + 'b,2026-03-03,x,US,,"Broken lamp\nsecond line",\n' + "c,2026-03-04,x,US,,Lovely lamp,\n",
}


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[tuple[str, list[str]]]:
    """A cache folder of the test's own, and each reading of metric files as (table, file names)."""
    monkeypatch.setenv("SOCIALOPS_CACHE_DIR", str(tmp_path / "cache"))
    seen: list[tuple[str, list[str]]] = []
    read = reports_db._read

    def spy(db, repo, table, files, with_path):  # type: ignore[no-untyped-def]
        seen.append((table.id, [path.name for path in files]))
        return read(db, repo, table, files, with_path)

    monkeypatch.setattr(reports_db, "_read", spy)
    return seen


def _impressions(root: Path) -> int:
    with reports_db.connect(loader.load(root), tables=("accounts",)) as db:
        return db.execute("SELECT sum(impressions) FROM accounts").fetchone()[0]


def test_a_build_reads_only_the_files_changed_since_the_last(tmp_path: Path, reads: list) -> None:
    root = make_repo(tmp_path, FILES)
    assert _impressions(root) == 1_400  # 400 + 600 + 400
    assert reads == [("accounts", ["2026-10.csv", "2026-11.csv"])]
    reads.clear()
    assert _impressions(root) == 1_400
    assert reads == []  # nothing changed: no file read, the store's rows used
    write_files(root, {NOVEMBER: FILES[NOVEMBER].replace(",600,", ",650,")})
    assert _impressions(root) == 1_450  # 400 + 650 + 400
    assert reads == [("accounts", ["2026-11.csv"])]
    reads.clear()
    write_files(root, {OCTOBER: None})
    assert _impressions(root) == 1_050  # the October rows are gone with their file
    assert reads == []


def test_the_reading_thread_asks_each_question_on_a_cursor_of_its_own(tmp_path: Path, reads: list) -> None:
    """The site's reading thread: the database can be used while its questions are asked,
    and each answer, or its error, reaches the page that asks."""
    from socialops.clock import parse_now
    from socialops.site.context import Site
    from tests.test_site import add_site_sources

    root = make_repo(tmp_path, FILES)
    add_site_sources(root)
    site = Site.create(loader.load(root), parse_now("2026-11-05T00:00:00Z"), [], "en", root / "site")

    def impressions(db: duckdb.DuckDBPyConnection) -> int:
        return db.execute("SELECT sum(impressions) FROM accounts").fetchone()[0]

    def broken(db: duckdb.DuckDBPyConnection) -> list:
        return db.execute("SELECT no_such_column FROM accounts").fetchall()

    site.start_reports_db(impressions, broken)
    assert site.reports_db().execute("SELECT count(*) FROM accounts").fetchone()[0] == 3
    assert site.answer(impressions) == 1_400  # 400 in October, 600 + 400 in November
    with pytest.raises(duckdb.BinderException):
        site.answer(broken)
    assert site.answer(lambda db: db.execute("SELECT 7").fetchone()[0]) == 7  # not asked before: asked now
    site.close_databases()


def _readings(db: duckdb.DuckDBPyConnection, post: str) -> list[int]:
    """The post's latest readings' impressions, newest first (the post page's)."""
    return [impressions for (impressions,) in db.execute(
        f"SELECT impressions FROM ({queries.latest_readings_sql()}) WHERE post = $post ORDER BY newness",
        {"post": post}).fetchall()]


def test_the_posts_derived_tables_follow_a_new_reading(tmp_path: Path, reads: list) -> None:
    root = make_repo(tmp_path, FILES)
    with reports_db.connect(loader.load(root)) as db:
        assert _readings(db, "acme-us-x/2026-11-02-a") == [1000, 500]
    write_files(root, {READINGS: FILES[READINGS] + "2026-11-04,acme-us-x/2026-11-02-a,1,,1200,,,15,3,1,1,,,\n"})
    reads.clear()
    with reports_db.connect(loader.load(root)) as db:
        assert _readings(db, "acme-us-x/2026-11-02-a") == [1200, 1000, 500]
        assert db.execute("SELECT impressions FROM post_month_latest").fetchall() == [(1200,)]
    assert ("posts", ["2026-11.csv"]) in reads
    write_files(root, {READINGS: None})
    with reports_db.connect(loader.load(root)) as db:
        assert db.execute(queries.latest_readings_sql()).fetchall() == []
        assert db.execute("SELECT count(*) FROM post_month_latest").fetchone()[0] == 0


def test_derived_tables_made_again_in_part_equal_those_made_whole(tmp_path: Path, reads: list) -> None:
    """Two posts over two months; a build after one month's file changed remakes the derived
    rows of the posts that file names, and they equal those of a build from nothing."""
    second = POST.replace("2026-11-02T09", "2026-10-30T09")
    october = "content/metrics/posts/acme-us-x/2026-10.csv"
    root = make_repo(tmp_path, {**FILES, "content/posts/acme-us-x/2026/2026-10-30-b.md": second,
                                october: POSTS + "2026-10-30,acme-us-x/2026-10-30-b,1,,100,,,1,0,0,0,,,\n"
                                + "2026-10-31,acme-us-x/2026-10-30-b,1,,200,,,2,0,0,0,,,\n"})
    reports_db.connect(loader.load(root)).close()
    write_files(root, {READINGS: FILES[READINGS] + "2026-11-01,acme-us-x/2026-10-30-b,1,,300,,,3,0,0,0,,,\n"})
    reads.clear()
    derived = "SELECT * FROM {} ORDER BY post, date"
    with reports_db.connect(loader.load(root)) as db:
        kept = {name: db.execute(derived.format(name)).fetchall() for name in reports_db.POST_DERIVED}
    assert ("posts", ["2026-11.csv"]) in reads  # the store's path: one file read
    repo = loader.load(root)
    for file in repo.metrics.read.values():
        file.digest = ""  # no store: everything read into memory and derived whole
    with reports_db.connect(repo) as db:
        assert kept == {name: db.execute(derived.format(name)).fetchall() for name in reports_db.POST_DERIVED}
    # by hand: post b's October ends at 200 impressions, its November (one reading) at 300
    assert [(row[1], row[4]) for row in kept["post_month_latest"] if row[1].endswith("-b")] == [
        ("acme-us-x/2026-10-30-b", 200), ("acme-us-x/2026-10-30-b", 300)]


def test_rows_keep_their_lines_in_the_store(tmp_path: Path, reads: list) -> None:
    root = make_repo(tmp_path, FILES)
    for _ in range(2):  # read from the file, then from the store
        lines = [(mention.id, mention.location.line) for mention in opinion.mentions(loader.load(root))]
        assert lines == [("a", 2), ("b", 4), ("c", 6)]
    assert [table for table, _ in reads] == ["mentions"]


def test_the_store_keeps_each_mention_s_language_and_score(tmp_path: Path, reads: list,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A build whose mention files did not change reads no text again; one among other
    languages (a language added to accounts.yaml) reads every file again."""
    texts: list[str] = []
    reading = sentiment.reading
    monkeypatch.setattr(sentiment, "reading", lambda text, among: texts.append(text) or reading(text, among))
    root = make_repo(tmp_path, FILES)
    first = [(mention.id, mention.language, mention.score) for mention in opinion.mentions(loader.load(root))]
    assert [score is not None for _, _, score in first] == [False, True, False]  # "Lovely lamp": too short to read
    assert sorted(texts) == ["Broken lamp\nsecond line", "Lovely lamp"]  # each text read once
    assert [(mention.id, mention.language, mention.score) for mention in opinion.mentions(loader.load(root))] == first
    assert [table for table, _ in reads] == ["mentions"] and len(texts) == 2  # from the store: nothing read
    monkeypatch.setattr(sentiment, "candidates", lambda repo: frozenset({"en", "pt", "fr"}))
    assert [(mention.id, mention.language) for mention in opinion.mentions(loader.load(root))] == [
        (mention_id, code) for mention_id, code, _ in first]
    assert [table for table, _ in reads] == ["mentions", "mentions"] and len(texts) == 4


def _store_file(table: str) -> Path:
    found = list(Path(store.user_cache.folder(), "reports").glob(f"*/*/{table}.duckdb"))
    assert len(found) == 1
    return found[0]


def test_a_store_holding_a_view_is_made_afresh(tmp_path: Path, reads: list) -> None:
    """A cache folder restored in CI must not put SQL of its own into a build."""
    root = make_repo(tmp_path, FILES)
    assert _impressions(root) == 1_400
    for planted_sql in ("CREATE VIEW leak AS SELECT 1 AS one", "ALTER TABLE rows ALTER COLUMN likes SET DEFAULT 7",
                        "CREATE OR REPLACE TABLE files (path VARCHAR, digest VARCHAR GENERATED ALWAYS AS (path) VIRTUAL)"):
        with duckdb.connect(str(_store_file("accounts"))) as planted:
            planted.execute(planted_sql)
        reads.clear()
        assert _impressions(root) == 1_400
        assert reads == [("accounts", ["2026-10.csv", "2026-11.csv"])]  # not used: every file read afresh
        with duckdb.connect(str(_store_file("accounts"))) as fresh:
            assert fresh.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchone()[0] == 0
            assert fresh.execute("SELECT count(*) FROM duckdb_columns() WHERE column_default IS NOT NULL"
                                 ).fetchone()[0] == 0


def test_a_macro_in_a_store_is_never_called(tmp_path: Path, reads: list) -> None:
    """A macro named as a function the reading calls is not found by that bare name."""
    root = make_repo(tmp_path, FILES)
    assert _impressions(root) == 1_400
    with duckdb.connect(str(_store_file("accounts"))) as planted:
        planted.execute("CREATE MACRO substr(text, start) AS 'planted'")
        planted.execute("CREATE MACRO coalesce(a, b) AS -1")
    write_files(root, {NOVEMBER: FILES[NOVEMBER].replace(",600,", ",650,")})  # read again: substr names its path
    reads.clear()
    with reports_db.connect(loader.load(root), tables=("accounts",)) as db:
        assert db.execute("SELECT sum(impressions) FROM accounts").fetchone()[0] == 1_450
        assert db.execute("SELECT DISTINCT path FROM accounts_store.rows ORDER BY path").fetchall() == [
            (OCTOBER,), (NOVEMBER,)]
    assert reads == [("accounts", ["2026-11.csv"])]  # the store was used


def test_a_damaged_store_is_made_afresh(tmp_path: Path, reads: list) -> None:
    root = make_repo(tmp_path, FILES)
    assert _impressions(root) == 1_400
    for damage in (b"not a database", _store_file("accounts").read_bytes()[:20_000]):  # not one, cut short
        _store_file("accounts").write_bytes(damage)
        reads.clear()
        assert _impressions(root) == 1_400
        assert reads == [("accounts", ["2026-10.csv", "2026-11.csv"])]
        reads.clear()
        assert _impressions(root) == 1_400
        assert reads == []  # made afresh by the build that found it damaged


def test_a_store_in_use_leaves_the_build_to_read_the_files(tmp_path: Path, reads: list) -> None:
    root = make_repo(tmp_path, FILES)
    assert _impressions(root) == 1_400
    with duckdb.connect(str(_store_file("accounts"))):  # another build holds it
        reads.clear()
        write_files(root, {NOVEMBER: FILES[NOVEMBER].replace(",600,", ",650,")})
        assert _impressions(root) == 1_450
        assert reads == [("accounts", ["2026-10.csv", "2026-11.csv"])]  # every file, into memory


def test_a_model_without_digests_is_read_into_memory(tmp_path: Path, reads: list) -> None:
    root = make_repo(tmp_path, FILES)
    repo = loader.load(root)
    for file in repo.metrics.read.values():
        file.digest = ""
    with reports_db.connect(repo, tables=("accounts",)) as db:
        assert db.execute("SELECT sum(impressions) FROM accounts").fetchone()[0] == 1_400
    assert not (Path(store.user_cache.folder()) / "reports").exists()


def test_a_second_build_in_one_process_reads_no_file(tmp_path: Path, reads: list) -> None:
    """`mkdocs serve` builds again in the same process: each build (its check included)
    closes its connections, so the next one opens the stores rather than reading afresh."""
    from socialops.clock import parse_now
    from socialops.site import build_site, render_pages

    interactions = ("id,account,channel,priority,category,received,first_response,resolved,responder,escalated_to,"
                    "post\ni1,acme-us-x,dm,important,question,2026-11-02T09:00:00-05:00,,,,,\n")  # unanswered
    root = make_repo(tmp_path, {**FILES, "content/metrics/interactions/acme-us-x/2026-11.csv": interactions})
    (root / "site").symlink_to(ROOT / "site")
    switch_interval = sys.getswitchinterval()
    render_pages(build_site(root, parse_now("2026-11-25T12:00:00Z")))
    assert sys.getswitchinterval() == switch_interval  # lowered while DuckDB reads beside Python, then put back
    assert {table for table, _ in reads} == {"accounts", "posts", "audience", "interactions", "mentions"}
    reads.clear()
    pages = render_pages(build_site(root, parse_now("2026-11-25T12:00:00Z")))
    assert reads == []
    assert "acme-us-x/2026-11-02-a" in str(pages["posts/acme-us-x/2026-11-02-a.md"].content)


def test_a_check_of_some_files_leaves_the_store_as_it_was(tmp_path: Path, reads: list) -> None:
    """A pre-commit check of one changed file reads that file into memory: a store synced to
    it would drop every other file's rows, and the next build would read them all again."""
    root = make_repo(tmp_path, FILES)
    assert _impressions(root) == 1_400
    with reports_db.connect(loader.load(root, report_paths={NOVEMBER}), tables=("accounts",)) as db:
        assert db.execute("SELECT sum(impressions) FROM accounts").fetchone()[0] == 1_000  # 600 + 400
    reads.clear()
    assert _impressions(root) == 1_400
    assert reads == []


def test_a_store_found_damaged_when_copied_is_read_afresh(tmp_path: Path, reads: list,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A data block damaged on disk shows only when read (the copy into memory): the build
    reads the files instead, and the next build makes the store afresh."""
    root = make_repo(tmp_path, FILES)
    assert _impressions(root) == 1_400
    copy = reports_db._copy

    def damaged(db, table, schema):  # type: ignore[no-untyped-def]
        raise duckdb.IOException("IO Error: Corrupt database file: computed checksum 1 does not match stored checksum 2")

    monkeypatch.setattr(reports_db, "_copy", damaged)
    reads.clear()
    assert _impressions(root) == 1_400
    assert reads == [("accounts", ["2026-10.csv", "2026-11.csv"])]  # into memory
    assert not list(Path(store.user_cache.folder(), "reports").glob("*/*/accounts.duckdb"))  # removed
    monkeypatch.setattr(reports_db, "_copy", copy)
    reads.clear()
    assert _impressions(root) == 1_400
    assert reads == [("accounts", ["2026-10.csv", "2026-11.csv"])]  # into a new store
    reads.clear()
    assert _impressions(root) == 1_400
    assert reads == []


def test_the_stores_of_a_repository_unused_for_30_days_are_removed(tmp_path: Path, reads: list) -> None:
    """A deleted checkout's stores would stay in the user cache for good: the first build of
    another repository removes those no build has used for 30 days, and keeps the rest."""
    import os
    import time

    reports = Path(store.user_cache.folder()) / "reports"
    gone, recent = reports / ("a" * 32), reports / ("b" * 32)  # named as stores are: a key of 32 hex digits
    not_a_store = reports / "notes"  # not named as a store: left alone, however old
    for folder, days in ((gone, 31), (recent, 7), (not_a_store, 90)):
        (folder / "v1").mkdir(parents=True)
        (folder / "v1" / "accounts.duckdb").write_bytes(b"")
        os.utime(folder, (time.time() - days * 86_400,) * 2)
    root = make_repo(tmp_path, FILES)
    assert _impressions(root) == 1_400
    assert not gone.exists() and recent.is_dir() and not_a_store.is_dir()
    ours = [folder for folder in reports.iterdir() if folder not in (gone, recent, not_a_store)]
    assert len(ours) == 1 and time.time() - ours[0].stat().st_mtime < 60  # this repository's, marked used


def test_a_reports_folder_that_is_a_link_is_never_pruned(tmp_path: Path) -> None:
    """A cache whose reports/ folder links elsewhere (a shared or restored cache) removes
    nothing there: pruning stays inside the cache's own folder."""
    import os
    import time

    elsewhere = tmp_path / "elsewhere"
    old = elsewhere / ("c" * 32)
    old.mkdir(parents=True)
    os.utime(old, (time.time() - 90 * 86_400,) * 2)
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / "reports").symlink_to(elsewhere)
    store._remove_unused(tmp_path / "cache" / "reports")
    assert old.is_dir()
