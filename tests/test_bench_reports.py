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


def test_the_generated_metrics_have_the_rows_asked_and_pass_the_check(tmp_path: Path) -> None:
    demo.generate(tmp_path, accounts=8, posts=40, with_media=False, with_metrics=False)
    bench_reports.write_metrics(tmp_path, rows=9_000)
    repo = loader.load(tmp_path)
    files = [tmp_path / path for paths in repo.metrics.files.values() for path in paths]
    assert sorted(table for table, paths in repo.metrics.files.items() if paths) == ["accounts", "posts"]
    assert len(files) == len(list((tmp_path / "content" / "metrics").rglob("*.csv")))  # every file accepted
    days = [row["date"] for path in files for row in csv.DictReader(path.open(encoding="utf-8"))]
    assert len(days) == 9_000  # 8 accounts x 1,060 days, and 520 readings of the posts
    assert max(days) == bench_reports.ACCOUNT_DAYS[1].isoformat()
    assert [f for f in repo.problems if f.path.startswith("content/metrics")] == []
