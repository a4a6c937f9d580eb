"""The reports benchmark's metric files (bench/reports.py): as many rows as asked, none after
the last day, and accepted by the same check as a team's own files (so the benchmark
measures the reports over files they would really read)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from socialops import demo
from socialops.model import loader
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import reports as bench_reports  # noqa: E402  (bench/ is a folder of scripts, not a package)


def test_the_generated_metrics_have_the_rows_asked_in_all_five_tables_and_pass_the_check(tmp_path: Path) -> None:
    demo.generate(tmp_path, accounts=8, posts=40, with_media=False, with_metrics=False)
    bench_reports.write_metrics(tmp_path, rows=14_500)
    repo = loader.load(tmp_path)
    files = [tmp_path / path for paths in repo.metrics.files.values() for path in paths]
    assert len(files) == len(list((tmp_path / "content" / "metrics").rglob("*.csv")))  # every file accepted
    counts = {table: sum(1 for path in paths for _ in csv.DictReader((tmp_path / path).open(encoding="utf-8")))
              for table, paths in repo.metrics.files.items()}
    # accounts: 8 x 1,060 days (2024-01-01 .. 2026-11-25); audience: 35 months x (35 regions over the
    # 8 accounts' markets + 8 x (6 ages + 2 genders + 5 interests)); interactions 3% and mentions 2%
    # of 14,500; the posts' readings the rest (an interaction of the last evening in the Americas,
    # after the demo's "now" in UTC, is left out and its row goes to the posts)
    assert sum(counts.values()) == 14_500
    assert {table: counts[table] for table in ("accounts", "audience", "mentions")} == {
        "accounts": 8_480, "audience": 4_865, "mentions": 290}
    assert 425 <= counts["interactions"] <= 435
    days = [row["date"] for table in ("accounts", "posts") for path in repo.metrics.files[table]
            for row in csv.DictReader((tmp_path / path).open(encoding="utf-8"))]
    assert max(days) == bench_reports.ACCOUNT_DAYS[1].isoformat()
    assert [f for f in repo.problems if f.path.startswith("content/metrics")] == []
