"""Benchmark: the check on large synthetic repositories, against a floor measured in the same run.

    python bench/run.py [--scenario POSTS:ACCOUNTS ...] [--repeat 3]

For each scenario (default: 1,000 and 50,000 posts over 200 accounts, and 10,000 posts
over 8 accounts, i.e. years of history per account), generates once (cached under
bench/out/) the demo company scaled up, then times, each in a fresh process, best of
--repeat runs:

- floor: python-frontmatter parsing every post file (the least any checker must do);
- whole check: `socialops check` of the whole repository, all rules on, in parts on
  every CPU, and again in one process (`--jobs 1`): with an empty parse cache before
  each run (a first run), and warm (the usual run: only changed files are parsed);
- 5-file check: `socialops check` of five posts in five accounts (what pre-commit runs).

Reports wall time, peak memory (max RSS of the largest process) and the ratio to the
floor. Targets: whole check in one process <= 2x the floor; 5-file check <= 0.3 s at
50,000 posts, and no slower at 50,000 posts than at 1,000.

Then the reports (bench/reports.py): every report over 1,000,000 metric rows against a
bare DuckDB scan of the same files (--reports-rows; --only-reports runs nothing else).
Target: <= 2x the bare scan.

Then the site (bench/site_build.py): `mkdocs build` of the 10,000-post repository
(--site POSTS:ACCOUNTS) against a bare Material build of as many plain pages out of the
navigation, best of --site-repeat. Target: <= 1.5x the bare build.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOOR = """
import os, sys, frontmatter
count = 0
for directory, _, files in os.walk(os.path.join(sys.argv[1], "content", "posts")):
    for name in files:
        if name.endswith(".md"):
            frontmatter.load(os.path.join(directory, name))
            count += 1
print(count)
"""


TIME = "/usr/bin/time"  # GNU time: the child's own peak memory, whatever this process holds


def run_measured(command: list[str]) -> tuple[float, float, str]:
    """One run in a child process: wall time, the child's max RSS (MiB), its stdout."""
    measured = [TIME, "-f", "%M", *command] if os.path.exists(TIME) else command
    start = time.perf_counter()
    process = subprocess.run(measured, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if process.returncode not in (0, 1):
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{process.stderr}")
    if measured is command:  # no GNU time: the rusage of all children so far (an upper bound)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    else:
        peak = int(process.stderr.strip().splitlines()[-1]) / 1024
    return elapsed, peak, process.stdout


def best_of(command: list[str], repeat: int, before: Callable[[], None] | None = None) -> tuple[float, float, str]:
    runs = []
    for _ in range(repeat):
        if before:
            before()
        runs.append(run_measured(command))
    return min(runs, key=lambda run: run[0])


CACHE = HERE / "out" / "cache"  # the runs' own user cache ($SOCIALOPS_CACHE_DIR)


def forget_parses() -> None:
    """An empty parse cache: the next check parses every file (a first run, or a change
    to the parsing code)."""
    shutil.rmtree(CACHE / "parsed", ignore_errors=True)


def ensure_repository(posts: int, accounts: int) -> Path:
    """The synthetic repository, made once per generator version (its source's hash)."""
    package = HERE.parent / "scripts" / "socialops" / "demo"
    source = b"".join(p.read_bytes() for p in sorted(package.glob("*.py")))
    out = HERE / "out" / f"repo-{posts}-{accounts}-{hashlib.sha256(source).hexdigest()[:10]}"
    marker = out / ".complete"
    if not marker.exists():
        from socialops import demo

        print(f"generating {posts:,} posts over {accounts} accounts in {out} ...", flush=True)
        demo.generate(out, accounts=accounts, posts=posts)
        marker.write_text("ok\n")
    return out


def five_posts(root: Path) -> list[str]:
    """The middle post of five accounts spread over the repository."""
    accounts = sorted(p for p in (root / "content" / "posts").iterdir() if p.is_dir())
    picked = accounts[:: max(1, len(accounts) // 5)][:5]
    return [str(sorted(account.rglob("*.md"))[len(list(account.rglob("*.md"))) // 2]) for account in picked]


Scenario = tuple[int, int]  # posts, accounts
DEFAULT_SCENARIOS: list[Scenario] = [(1_000, 200), (50_000, 200), (10_000, 8)]


def scenario(text: str) -> Scenario:
    posts, _, accounts = text.partition(":")
    return int(posts), int(accounts)


def measure(posts: int, accounts: int, repeat: int) -> dict:
    from socialops.demo import DEMO_NOW

    root = ensure_repository(posts, accounts)
    python = sys.executable
    socialops = str(Path(python).parent / "socialops")
    common = ["--repo", str(root), "--now", DEMO_NOW, "--format", "json"]
    runs = {
        "floor": best_of([python, "-c", FLOOR, str(root)], repeat),
        "whole_check": best_of([socialops, "check", *common], repeat),
        "whole_check_one_process_cold": best_of([socialops, "check", "--jobs", "1", *common], repeat, forget_parses),
        "whole_check_one_process": best_of([socialops, "check", "--jobs", "1", *common], repeat),
        "five_file_check": best_of([socialops, "check", *common, *five_posts(root)], repeat),
    }
    floor = runs["floor"][0]
    return {"posts": int(runs["floor"][2].strip()), "accounts": accounts,
            "findings": json.loads(runs["whole_check"][2])["counts"],
            **{name: {"seconds": round(seconds, 4), "peak_mib": round(peak, 1), "x_floor": round(seconds / floor, 3)}
               for name, (seconds, peak, _) in runs.items()}}


def report(result: dict, cpus: int) -> None:
    names = {"floor": "floor: python-frontmatter parse", "whole_check": f"whole check, {cpus} processes",
             "whole_check_one_process_cold": "whole check, 1 process, cold cache",
             "whole_check_one_process": "whole check, 1 process (--jobs 1)", "five_file_check": "5-file check"}
    print(f"\n{result['posts']:,} post files, {result['accounts']} accounts; findings {result['findings']}")
    print(f"{'measurement':36} {'wall s':>8} {'peak MiB':>9} {'x floor':>8}")
    for key, name in names.items():
        row = result[key]
        print(f"{name:36} {row['seconds']:8.3f} {row['peak_mib']:9.1f} {row['x_floor']:8.2f}")


def targets(results: list[dict]) -> list[str]:
    lines = []
    for result in results:
        ratio = result["whole_check_one_process"]["x_floor"]
        cold = result["whole_check_one_process_cold"]["x_floor"]
        lines.append(f"{result['posts']:>6,} posts/{result['accounts']:<3} one-process whole check <= 2.00x floor: "
                     f"{'met' if ratio <= 2 else 'MISSED'} ({ratio:.2f}x; with an empty parse cache {cold:.2f}x)")
    large = next((r for r in results if r["posts"] >= 50_000), None)
    if large:
        seconds = large["five_file_check"]["seconds"]
        lines.append(f"5-file check at {large['posts']:,} posts <= 0.300 s: {'met' if seconds <= 0.3 else 'MISSED'} "
                     f"({seconds:.3f} s)")
        small = min((r for r in results if r["accounts"] == large["accounts"] and r is not large),
                    key=lambda r: r["posts"], default=None)
        if small:
            base = small["five_file_check"]["seconds"]
            lines.append(f"5-file check, {large['posts']:,} vs {small['posts']:,} posts over {large['accounts']} "
                         f"accounts: {seconds:.3f} s vs {base:.3f} s ({seconds / base:.2f}x)")
    return lines


def report_site(result: dict) -> list[str]:
    site, bare = result["site"], result["bare"]
    print(f"\nsite: {result['posts']:,} posts -> {result['site_pages']:,} pages")
    print(f"{'measurement':36} {'wall s':>8} {'peak MiB':>9} {'x bare':>8}")
    print(f"{'bare Material build, plain pages':36} {bare['seconds']:8.3f} {bare['peak_mib']:9.1f} {1:8.2f}")
    print(f"{'socialops site build':36} {site['seconds']:8.3f} {site['peak_mib']:9.1f} {site['x_bare']:8.2f}")
    ratio = site["x_bare"]
    return [f"site build of {result['posts']:,} posts <= 1.50x bare Material build: {'met' if ratio <= 1.5 else 'MISSED'} "
            f"({ratio:.2f}x, {site['ms_per_post']:.2f} ms per post, peak {site['peak_mib']:.0f} MiB)"]


def main(argv: list[str] | None = None) -> int:
    os.environ["SOCIALOPS_CACHE_DIR"] = str(CACHE)
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenario", type=scenario, action="append", metavar="POSTS:ACCOUNTS",
                        help="posts and accounts of a generated repository (repeatable)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--site", type=scenario, default=(10_000, 8), metavar="POSTS:ACCOUNTS",
                        help="the repository whose site is built (default 10000:8)")
    parser.add_argument("--site-repeat", type=int, default=2)
    parser.add_argument("--no-site", action="store_true", help="skip the site benchmark")
    parser.add_argument("--reports-rows", type=int, default=1_000_000, help="metric rows of the reports benchmark")
    parser.add_argument("--only-reports", action="store_true", help="run the reports benchmark only")
    args = parser.parse_args(argv)
    cpus = os.cpu_count() or 1
    results = []
    for posts, accounts in [] if args.only_reports else args.scenario or DEFAULT_SCENARIOS:
        results.append(measure(posts, accounts, args.repeat))
        report(results[-1], cpus)
    lines = targets(results)
    from reports import measure as measure_reports
    from reports import report as report_reports

    reports = measure_reports(args.repeat, args.reports_rows, best_of)
    lines += report_reports(reports)
    site = None
    if not args.no_site and not args.only_reports:
        from site_build import measure as measure_site

        from socialops.demo import DEMO_NOW

        site = measure_site(ensure_repository(*args.site), HERE / "out", sys.executable, DEMO_NOW, args.site_repeat,
                            best_of)
        lines += report_site(site)
    print(f"\nbest of {args.repeat} (site: {args.site_repeat}), {cpus} CPUs")
    for line in lines:
        print(line)
    (HERE / "out" / "results.json").write_text(json.dumps({"cpus": cpus, "repeat": args.repeat, "results": results,
                                                           "reports": reports, "site": site}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
