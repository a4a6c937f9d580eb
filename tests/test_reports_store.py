"""The reports' store (reports/store.py): a build reads only the metric files that changed
since the last one, and its numbers are always the files' numbers as they are now (each
expected value added up by hand from the rows written below)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from socialops.model import loader
from socialops.reports import db as reports_db
from socialops.reports import opinion, queries, store
from tests.conftest import make_repo, write_files

ACCOUNTS = ("date,account,followers,profile_visits,impressions,views,reach,likes,comments,shares,saves,"
            "clicks,video_views,conversions\n")
POSTS = ("date,post,platform_post_id,follows,impressions,views,reach,likes,comments,shares,saves,clicks,"
         "video_views,conversions\n")
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

    def spy(db, repo, table, files, name, with_path):  # type: ignore[no-untyped-def]
        seen.append((table.id, [path.name for path in files]))
        read(db, repo, table, files, name, with_path)

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


def test_the_posts_derived_tables_follow_a_new_reading(tmp_path: Path, reads: list) -> None:
    root = make_repo(tmp_path, FILES)
    with reports_db.connect(loader.load(root)) as db:
        assert [row.impressions for row in queries.post_histories(db)["acme-us-x/2026-11-02-a"]] == [1000, 500]
    write_files(root, {READINGS: FILES[READINGS] + "2026-11-04,acme-us-x/2026-11-02-a,1,,1200,,,15,3,1,1,,,\n"})
    reads.clear()
    with reports_db.connect(loader.load(root)) as db:
        assert [row.impressions for row in queries.post_histories(db)["acme-us-x/2026-11-02-a"]] == [1200, 1000, 500]
        assert db.execute("SELECT impressions FROM post_month_latest").fetchall() == [(1200,)]
    assert ("posts", ["2026-11.csv"]) in reads


def test_rows_keep_their_lines_in_the_store(tmp_path: Path, reads: list) -> None:
    root = make_repo(tmp_path, FILES)
    for _ in range(2):  # read from the file, then from the store
        lines = [(mention.id, mention.location.line) for mention in opinion.mentions(loader.load(root))]
        assert lines == [("a", 2), ("b", 4), ("c", 6)]
    assert [table for table, _ in reads] == ["mentions"]


def _store_file(table: str) -> Path:
    found = list(Path(store.user_cache.folder(), "reports").glob(f"*/*/{table}.duckdb"))
    assert len(found) == 1
    return found[0]


def test_a_store_holding_a_view_is_made_afresh(tmp_path: Path, reads: list) -> None:
    """A cache folder restored in CI must not put SQL of its own into a build."""
    root = make_repo(tmp_path, FILES)
    assert _impressions(root) == 1_400
    for planted_sql in ("CREATE VIEW leak AS SELECT 1 AS one", "CREATE MACRO shout(x) AS upper(x)",
                        "ALTER TABLE rows ALTER COLUMN likes SET DEFAULT 7"):
        with duckdb.connect(str(_store_file("accounts"))) as planted:
            planted.execute(planted_sql)
        reads.clear()
        assert _impressions(root) == 1_400
        assert reads == [("accounts", ["2026-10.csv", "2026-11.csv"])]  # not used: every file read afresh
        with duckdb.connect(str(_store_file("accounts"))) as fresh:
            assert fresh.execute("SELECT count(*) FROM duckdb_views() WHERE NOT internal").fetchone()[0] == 0
            assert fresh.execute("SELECT count(*) FROM duckdb_functions() WHERE NOT internal").fetchone()[0] == 0


def test_a_damaged_store_is_made_afresh(tmp_path: Path, reads: list) -> None:
    root = make_repo(tmp_path, FILES)
    assert _impressions(root) == 1_400
    _store_file("accounts").write_bytes(b"not a database")
    assert _impressions(root) == 1_400
    assert reads[-1] == ("accounts", ["2026-10.csv", "2026-11.csv"])


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
