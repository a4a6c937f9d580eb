"""The reports benchmark: every report of the site (the Reports section, the metric
definitions, each campaign's results and each post's readings) over 1,000,000 metric rows,
against a bare DuckDB scan of the same files in the same run (issue #9: <= 2x).

    python bench/run.py --only-reports [--reports-rows 1000000] [--repeat 3]

The repository is the demo company scaled to 10,000 posts over 8 accounts, with seeded
metric files (generated once into bench/out/): a row per account per day over three
years, and the rest of the rows as daily readings of the published posts. Each side is
timed inside its own fresh process, after its imports:

- bare scan: `SELECT count(*) FROM read_csv([...])` over each table's files, with the
  columns the contract declares (the reports' own read_csv call);
- reports: the DuckDB database of socialops.reports (the files read into memory) and
  every page the reports make: the Reports section, the metric definitions, the campaign
  pages' results and the post pages' readings, rendered. The model (accounts, posts and
  which metric files the check accepted) is loaded before the clock starts: the site loads
  it once for all its pages, and the check's own benchmark times it.
"""

from __future__ import annotations

import csv
import hashlib
import inspect
import io
import json
import random
import sys
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ACCOUNT_DAYS = (date(2024, 1, 1), date(2026, 11, 25))  # three years of daily account rows, to the day before the demo's now
POSTS, ACCOUNTS = 10_000, 8

# The same read_csv call as the reports' views (the contract's columns and types: DuckDB's
# type sniffing of each of ~1,000 files would cost over a minute, a floor no reader pays)
BARE = """
import json, sys, time
from pathlib import Path
import duckdb
from socialops.model.metrics import TABLES
from socialops.reports.db import table_view
files = json.loads(sys.argv[1])
db = duckdb.connect()
db.execute("SET enable_progress_bar = false")
for table, paths in files.items():
    db.execute(table_view(TABLES[table], [Path(path) for path in paths], table))
start = time.perf_counter()
rows = sum(db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in files)
print(json.dumps({"seconds": time.perf_counter() - start, "rows": rows}))
"""

REPORTS = """
import json, sys, time
from pathlib import Path
from socialops.clock import parse_now
from socialops.model import loader
from socialops.reports import queries
from socialops.site import campaigns, metric_definitions, reports
from socialops.site.context import Site
# the model, not timed (see bench/reports.py); no findings: the reports do not show them
site = Site.create(loader.load(Path(sys.argv[1])), parse_now(sys.argv[2]), [], "en", Path(sys.argv[3]) / "site")
start = time.perf_counter()
pages = {**reports.pages(site), **metric_definitions.pages(site), **campaigns.pages(site)}
histories = len(queries.post_histories(site.reports_db()))
print(json.dumps({"seconds": time.perf_counter() - start, "pages": len(pages), "posts_with_readings": histories}))
"""


def ensure_repository(rows: int) -> Path:
    """The scaled demo with `rows` metric rows, made once per generator version."""
    sources = b"".join(path.read_bytes() for path in sorted((HERE.parent / "scripts" / "socialops" / "demo").glob("*.py")))
    generator = "".join(inspect.getsource(function) for function in (write_metrics, _engagements)) + repr(ACCOUNT_DAYS)
    digest = hashlib.sha256(sources + generator.encode()).hexdigest()[:10]
    out = HERE / "out" / f"reports-{rows}-{POSTS}-{ACCOUNTS}-{digest}"
    marker = out / ".complete"
    if not marker.exists():
        from socialops import demo

        print(f"generating {POSTS:,} posts over {ACCOUNTS} accounts and {rows:,} metric rows in {out} ...", flush=True)
        demo.generate(out, accounts=ACCOUNTS, posts=POSTS, with_media=False, with_metrics=False)
        write_metrics(out, rows)
        marker.write_text("ok\n")
    return out


def write_metrics(root: Path, rows: int, seed: int = 9) -> None:
    """Seeded metric files: accounts per day, then the posts' daily readings up to `rows`."""
    from socialops.model import loader
    from socialops.model.metrics import ACCOUNT_DAILY, POST_DAILY, file_path

    rng = random.Random(seed)
    repo = loader.load(root)
    files: dict[str, list[list[object]]] = {}
    days = [ACCOUNT_DAYS[0] + timedelta(days=n) for n in range((ACCOUNT_DAYS[1] - ACCOUNT_DAYS[0]).days + 1)]
    for account_id in sorted(repo.accounts):
        followers = rng.randint(2_000, 50_000)
        for day in days:
            followers += rng.randint(-5, 40)
            impressions = rng.randint(1_000, 40_000)
            files.setdefault(file_path(ACCOUNT_DAILY, account_id, day.strftime("%Y-%m")), []).append(
                [day.isoformat(), account_id, followers, rng.randint(0, 500), impressions, impressions,
                 impressions * 3 // 4, *_engagements(rng, impressions), rng.randint(0, 300),
                 rng.randint(0, 5_000), rng.randint(0, 30)])
    written = sum(len(table) for table in files.values())
    # newest posts first: they have the fewest days to the last one, the older ones take the rest
    published = sorted((post for post in repo.posts if post.status == "published" and post.local_time
                        and post.local_time.date() <= ACCOUNT_DAYS[1]),
                       key=lambda post: (post.local_time, post.path), reverse=True)  # type: ignore[arg-type, return-value]
    for left, post in enumerate(published):
        start = post.local_time.date()  # type: ignore[union-attr]
        quota = -(-(rows - written) // (len(published) - left))
        impressions = 0
        for offset in range(min(quota, (ACCOUNT_DAYS[1] - start).days + 1)):
            day = start + timedelta(days=offset)
            impressions += rng.randint(0, 2_000) // (offset + 1)
            files.setdefault(file_path(POST_DAILY, post.account_id, day.strftime("%Y-%m")), []).append(
                [day.isoformat(), post.id, "", rng.randint(0, 5), impressions, impressions, impressions * 3 // 4,
                 *_engagements(rng, impressions), rng.randint(0, 50), rng.randint(0, 900), rng.randint(0, 3)])
            written += 1
    headers = {ACCOUNT_DAILY.id: ACCOUNT_DAILY.header, POST_DAILY.id: POST_DAILY.header}
    for relpath, table_rows in files.items():
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(headers[relpath.split("/")[2]])
        writer.writerows(sorted(table_rows, key=lambda row: (row[0], row[1])))
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        (root / relpath).write_text(out.getvalue(), encoding="utf-8")


def _engagements(rng: random.Random, impressions: int) -> list[int]:
    likes = impressions * rng.randint(5, 60) // 1_000
    return [likes, likes // 8, likes // 12, likes // 20]


def metric_files(root: Path) -> dict[str, list[str]]:
    """Every metric file by table, as the check accepted them (the files the reports read)."""
    from socialops.model import loader

    repo = loader.load(root)
    return {table: [str(root / path) for path in paths] for table, paths in sorted(repo.metrics.files.items()) if paths}


def measure(repeat: int, rows: int, best_of: Callable) -> dict:
    from socialops.demo import DEMO_NOW

    root = ensure_repository(rows)
    files = metric_files(root)
    bare = _best(best_of, [sys.executable, "-c", BARE, json.dumps(files)], repeat)
    built = _best(best_of, [sys.executable, "-c", REPORTS, str(root), DEMO_NOW, str(HERE.parent)], repeat)
    return {"rows": bare["rows"], "files": sum(len(paths) for paths in files.values()), "bare": bare,
            "reports": {**built, "x_bare": round(built["seconds"] / bare["seconds"], 3)}}


def _best(best_of: Callable, command: list[str], repeat: int) -> dict:
    """The fastest of `repeat` runs by the child's own timing (its imports left out)."""
    runs = [best_of(command, 1) for _ in range(repeat)]
    timed = [(json.loads(stdout), peak) for _, peak, stdout in runs]
    result, peak = min(timed, key=lambda run: run[0]["seconds"])
    return {**result, "seconds": round(result["seconds"], 4), "peak_mib": round(peak, 1)}


def report(result: dict) -> list[str]:
    bare, built = result["bare"], result["reports"]
    print(f"\nreports: {result['rows']:,} metric rows in {result['files']:,} files -> {built['pages']:,} report pages")
    print(f"{'measurement':36} {'wall s':>8} {'peak MiB':>9} {'x bare':>8}")
    print(f"{'bare DuckDB scan (count(*))':36} {bare['seconds']:8.3f} {bare['peak_mib']:9.1f} {1:8.2f}")
    print(f"{'reports (database + pages)':36} {built['seconds']:8.3f} {built['peak_mib']:9.1f} {built['x_bare']:8.2f}")
    ratio = built["x_bare"]
    return [f"reports over {result['rows']:,} metric rows <= 2.00x a bare DuckDB scan: "
            f"{'met' if ratio <= 2 else 'MISSED'} ({ratio:.2f}x, {built['seconds']:.2f} s vs {bare['seconds']:.2f} s)"]

