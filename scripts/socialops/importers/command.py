"""The `socialops import` subcommand: options, and what it tells the analyst."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from ..output import text


def configure(command: argparse.ArgumentParser) -> None:
    """The subcommand's description, options and handler (its one-line help is in cli.COMMANDS)."""
    from . import PLATFORMS

    command.description = (
        "Import a platform's native analytics export into content/metrics/ (the accounts, posts or audience table, one "
        "file per account and month). Which of the platform's exports FILE is, is read from its headers. "
        "Post rows are found by the posts' published_url; a row of a post the repository does not have is "
        "reported and skipped. Importing the same file again changes nothing; a value that differs from one "
        "already stored is reported and nothing is written, unless --force.")
    command.epilog = ("exit status: 0 imported (or nothing to change), 1 rows skipped as bad or values in "
                      "conflict (nothing written on a conflict), 2 usage error or a file that cannot be read")
    command.add_argument("platform", metavar="PLATFORM", choices=sorted(PLATFORMS),
                         help=f"one of: {', '.join(sorted(PLATFORMS))}")
    command.add_argument("file", metavar="FILE", help="the export as downloaded (CSV, XLS or XLSX)")
    command.add_argument("--account", metavar="ID",
                         help="the account id in accounts.yaml (default: found from the export's page name, "
                              "handle or posts)")
    command.add_argument("--exported", metavar="YYYY-MM-DD", type=_day,
                         help="the day the export was made: post rows are dated by it, and dates without a year "
                              "(TikTok) take theirs from it (default: the file's modification day)")
    command.add_argument("--force", action="store_true", help="replace stored values that the export contradicts")
    command.add_argument("--repo", metavar="DIR", help="the repository (default: found from the current folder)")
    command.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..model.layout import find_root
    from . import Request
    from . import run as import_file

    root = find_root(args.repo)
    outcome = import_file(Request(root, args.platform, Path(args.file), args.account, args.force, args.exported,
                                  progress=sys.stderr.isatty()))
    print(f"{args.file}: {outcome.layout}, account {outcome.account}, export day {outcome.exported} "
          f"({outcome.exported_from})")
    if outcome.ignored:
        print(f"  columns not imported: {', '.join(outcome.ignored)}")
    for finding in sorted(outcome.findings, key=lambda finding: finding.sort_key()):
        print(text.with_hint(finding))
    plan = outcome.plan
    blocked = plan.conflicts and not args.force
    for conflict in plan.conflicts:
        print(f"{conflict.path}:{conflict.line}: {'conflict' if blocked else 'replaced'} "
              f"{' '.join(conflict.key)} {conflict.column}: {conflict.old} → {conflict.new}")
    if blocked:
        print(f"nothing written: {len(plan.conflicts)} stored value(s) differ from the export; "
              "run again with --force to replace them")
        return 1
    if plan.unreadable:
        print("nothing written")
        return 1
    print(f"{plan.rows_changed} rows changed ({plan.added} added, {plan.changed} updated) of {outcome.rows_read} "
          f"read; {len(outcome.written)} file(s) written")
    for relpath in outcome.written:
        print(f"  {relpath}")
    return 1 if any(finding.severity == "error" for finding in outcome.findings) else 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day like 2026-11-20") from None
