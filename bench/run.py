"""Benchmark: the check on a large synthetic repository, against a floor measured in the same run.

    python bench/run.py [--posts 10000] [--accounts 100] [--repeat 3]

Generates (once, cached under bench/out/) the demo company scaled up, then times, each
in a fresh process, best of --repeat runs:

- floor: python-frontmatter parsing every post file (the least any checker must do);
- whole check: `socialops check` of the whole repository, all rules on, in parts on
  every CPU (and again with `--jobs 1`, one process);
- 5-file check: `socialops check` of five posts in five accounts (what pre-commit runs).

Reports wall time, peak memory (max RSS) and the ratio to the floor. Targets: whole
check <= 2x the floor; 5-file check <= 1 s.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
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


def best_of(command: list[str], repeat: int) -> tuple[float, float, str]:
    runs = [run_measured(command) for _ in range(repeat)]
    return min(runs, key=lambda run: run[0])


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=10_000)
    parser.add_argument("--accounts", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    from socialops.demo import DEMO_NOW

    root = ensure_repository(args.posts, args.accounts)
    python = sys.executable
    socialops = str(Path(python).parent / "socialops")
    common = ["--repo", str(root), "--now", DEMO_NOW, "--format", "json"]
    floor = best_of([python, "-c", FLOOR, str(root)], args.repeat)
    whole = best_of([socialops, "check", *common], args.repeat)
    single = best_of([socialops, "check", "--jobs", "1", *common], args.repeat)
    five = best_of([socialops, "check", *common, *five_posts(root)], args.repeat)

    parsed = int(floor[2].strip())
    findings = json.loads(whole[2])["counts"]
    cpus = os.cpu_count() or 1
    rows = [("floor: python-frontmatter parse", floor), (f"whole check, {cpus} processes", whole),
            ("whole check, 1 process (--jobs 1)", single), ("5-file check", five)]
    print(f"\n{parsed:,} post files, {args.accounts} accounts; best of {args.repeat}; findings {findings}\n")
    print(f"{'measurement':34} {'wall s':>8} {'peak MiB':>9} {'x floor':>8}   (peak: the largest process)")
    for name, (seconds, rss, _) in rows:
        print(f"{name:34} {seconds:8.3f} {rss:9.1f} {seconds / floor[0]:8.2f}")
    ratio = whole[0] / floor[0]
    print(f"\ntarget whole check <= 2.00x floor: {'met' if ratio <= 2 else 'MISSED'} ({ratio:.2f}x)")
    print(f"target 5-file check <= 1.00 s:     {'met' if five[0] <= 1 else 'MISSED'} ({five[0]:.3f} s)")
    results = {"posts": parsed, "accounts": args.accounts, "repeat": args.repeat,
               "cpus": cpus,
               **{key: {"seconds": round(value[0], 4), "peak_mib": round(value[1], 1)}
                  for key, value in (("floor", floor), ("whole_check", whole), ("whole_check_one_process", single),
                                     ("five_file_check", five))},
               "whole_ratio": round(ratio, 3)}
    (HERE / "out" / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
