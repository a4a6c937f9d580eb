"""The `socialops` command line. Exit codes: 0 fine, 1 errors found, 2 usage or configuration error."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .clock import now_for
from .errors import UsageError
from .model.layout import CHANGE_JOURNAL, find_root

# Commands in modules of their own: name -> (module, one-line help). Only the module of the
# command being run is imported (`configure(parser)` adds its options), so the pre-commit
# hook's `socialops check` does not pay for the GitHub client.
COMMANDS = {
    "init": ("socialops.init", "turn this clone of the demo into your company's own repository"),
    "codeowners": ("socialops.github.codeowners", "write .github/CODEOWNERS from permissions.yaml"),
    "preview": ("socialops.github.preview",
                "preview a pull request's changed posts for its reviewer (Markdown; optional PR comment)"),
    "review-gate": ("socialops.github.gate", "fail until a director approves a sensitive pull request (policy 3.3.2)"),
    "audit": ("socialops.github.audit", "list what is overdue and keep one GitHub issue about it (scheduled workflow)"),
    "github-settings": ("socialops.github.settings",
                        "print, or --check, the branch protection .github/branch-protection.yaml states"),
    "import": ("socialops.importers.command", "import a platform's analytics export into content/metrics/"),
}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = _parser(next((arg for arg in argv if not arg.startswith("-")), None))
    args = parser.parse_args(argv)
    try:
        _undo_interrupted_change(getattr(args, "repo", None))
        return args.handler(args)
    except UsageError as exc:
        from .output.text import visible  # each line's control characters as escapes: it may quote a file

        print("\n".join(visible(line) for line in f"socialops: {exc}".split("\n")), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _undo_interrupted_change(repo: str | None) -> None:
    """Before any command reads the repository: undo a multi-file change (such as init's)
    that a kill interrupted, from the journal it left (atomic.Change)."""
    try:
        root = find_root(repo)
    except UsageError:
        return  # not in a repository: the command says so itself if it needs one
    if not os.path.lexists(root / CHANGE_JOURNAL):
        return
    from . import atomic

    try:
        restored = atomic.recover(root)
    except OSError as exc:
        raise UsageError(f"{exc.filename}: {exc.strerror}") from None
    print(f"socialops: a change was interrupted (the process was killed); undone, {len(restored)} file(s) put back: "
          + ", ".join(restored[:5]) + (" ..." if len(restored) > 5 else ""), file=sys.stderr)


def _parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser; of the COMMANDS, only `command`'s options are loaded."""
    parser = argparse.ArgumentParser(prog="socialops", description="Social media operations by a written policy, in git.")
    parser.add_argument("--version", action="version", version=f"socialops {__version__}")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    check = commands.add_parser("check", help="check the repository against the policy",
                                description="Check the repository against the policy. The whole repository is "
                                            "read for context; with PATHs only findings on those files are reported.",
                                epilog="exit status: 0 no errors (warnings allowed), 1 errors, "
                                       "2 usage or configuration error")
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to report on (default: everything)")
    check.add_argument("--format", choices=("text", "json", "github", "sarif"), default="text",
                       help="text (default); json; github: workflow annotations and job summary; sarif: code scanning")
    check.add_argument("--now", metavar="ISO-DATETIME", default=os.environ.get("SOCIALOPS_NOW"),
                       help="what 'now' is for time-dependent rules (default: $SOCIALOPS_NOW, else "
                            "reference_time in policy.yaml, else the clock)")
    check.add_argument("--repo", metavar="DIR", help="the repository (default: found from the current folder)")
    check.add_argument("--online", action="store_true", help="also fetch every link in the posts (rule link-reachable)")
    check.add_argument("--online-allow-private", action="store_true",
                       help="with --online, also fetch links to private, loopback and link-local addresses "
                            "(refused by default)")
    check.add_argument("--jobs", type=int, metavar="N", help="processes for a large repository (default: CPU count)")
    check.set_defaults(handler=_check)

    rules = commands.add_parser("rules", help="list the rules, or write their reference")
    rules.add_argument("--format", choices=("text", "markdown"), default="text")
    rules.set_defaults(handler=_rules)

    schema = commands.add_parser("schema", help="export the JSON Schemas of the file formats for editors")
    schema.add_argument("--out", metavar="DIR", required=True, help="folder to write the *.schema.json files into")
    schema.add_argument("--force", action="store_true", help="overwrite schema files that differ")
    schema.set_defaults(handler=_schema)

    new = commands.add_parser("new", help="create a new content file")
    kinds = new.add_subparsers(required=True, metavar="KIND")
    post = kinds.add_parser("post", help="scaffold a post at the right path",
                            description="Create content/posts/ACCOUNT/YYYY/YYYY-MM-DD-SLUG.md as a draft that passes "
                                        "the check (if the check finds an error in it, nothing is written). Never "
                                        "overwrites a file; refuses a time that has passed.",
                            epilog="exit status: 0 written, 1 the check found errors in the draft (nothing written), "
                                   "2 usage error (nothing written)")
    post.add_argument("account", metavar="ACCOUNT", help="account id from accounts.yaml")
    post.add_argument("--at", required=True, metavar="DATETIME",
                      help="publishing time, e.g. 2026-12-01T09:30 (account's local time) or with an offset")
    post.add_argument("--slug", required=True, help="short name: lower-case letters, digits, hyphens")
    post.add_argument("--author", default=os.environ.get("SOCIALOPS_AUTHOR"),
                      help="your GitHub handle (default: $SOCIALOPS_AUTHOR, else git config github.user)")
    post.add_argument("--campaign", help="campaign id")
    post.add_argument("--theme",
                      help="content theme, one of the post-theme rule's themes in policy.yaml (e.g. product)")
    post.add_argument("--text", default="", help="the copy (default: empty, write it in your editor)")
    post.add_argument("--media", action="append", default=[], metavar="FILE",
                      help="an image or video already in the repository, e.g. content/media/2026/launch.jpg "
                           "(repeat for several; Instagram, Pinterest, TikTok and YouTube posts need one)")
    post.add_argument("--alt", action="append", default=[], metavar="TEXT",
                      help="what an image shows, for people who cannot see it (one per --media, in order)")
    post.add_argument("--source", choices=("original", "licensed", "stock", "ugc"), default="original",
                      help="where the media comes from (default: original, made by us)")
    post.add_argument("--license", help="for licensed, stock or ugc media: what allows the use")
    post.add_argument("--credit", help="for licensed, stock or ugc media: who to credit")
    post.add_argument("--now", metavar="ISO-DATETIME", default=os.environ.get("SOCIALOPS_NOW"),
                      help="what 'now' is (default: $SOCIALOPS_NOW, else reference_time in policy.yaml, else the clock)")
    post.add_argument("--repo", metavar="DIR", help="the repository (default: found from the current folder)")
    post.set_defaults(handler=_new_post)
    demo = commands.add_parser("demo", help="write the demo repository (Lanterna Audio) into a folder",
                               description="Write the demo content repository into DIR: accounts, people, policy, "
                                           "~150 posts, campaigns, an incident and media. Refuses a non-empty DIR.")
    demo.add_argument("--out", metavar="DIR", required=True)
    demo.add_argument("--accounts", type=int, help="scale up: this many accounts (benchmarks)")
    demo.add_argument("--posts", type=int, help="scale up: this many posts in all (benchmarks)")
    demo.add_argument("--force", action="store_true", help="write into a non-empty DIR, replacing demo files")
    demo.set_defaults(handler=_demo)
    for name, (module, summary) in COMMANDS.items():
        subparser = commands.add_parser(name, help=summary)
        if name == command:
            importlib.import_module(module).configure(subparser)
    return parser


# -- shared helpers ------------------------------------------------------------------------


def _report_paths(root: Path, paths: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for name in paths:
        path = Path(name).resolve()
        try:
            relative = path.relative_to(root)
        except ValueError:
            raise UsageError(f"{name} is outside the repository {root}") from None
        if path.is_dir():
            found.update(p.relative_to(root).as_posix() for p in path.rglob("*") if p.is_file())
        elif path.exists() or path.is_symlink():
            found.add(relative.as_posix())
        else:
            raise UsageError(f"{name}: no such file")
    return found


# -- commands ------------------------------------------------------------------------------


def _check(args: argparse.Namespace) -> int:
    from . import check
    from .output import FORMATS, printable, text

    root = find_root(args.repo)
    now = now_for(args.now, root)
    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    report_paths = _report_paths(root, args.paths) if args.paths else None
    if args.online_allow_private and not args.online:
        raise UsageError("--online-allow-private only makes sense with --online")
    result = check.run(root, now, report_paths, online=args.online, jobs=args.jobs,
                       online_allow_private=args.online_allow_private)
    for finding in result.config_errors:
        print(text.visible(f"{finding.path}:{finding.line}: configuration error: {finding.message}"), file=sys.stderr)
        if finding.hint:
            print(f"    hint: {text.visible(finding.hint)}", file=sys.stderr)
    if result.config_errors:
        return 2
    sys.stdout.write(FORMATS[args.format](printable(result.findings), result.files_checked, root))
    return 1 if any(finding.severity == "error" for finding in result.findings) else 0


def _rules(args: argparse.Namespace) -> int:
    from .rules import docs

    sys.stdout.write(docs.markdown() if args.format == "markdown" else docs.table())
    return 0


def _schema(args: argparse.Namespace) -> int:
    import json

    from . import atomic
    from .model import schema
    from .rules import registry

    out = Path(args.out)
    shipped = {kind: registry.policy_schema() if kind == "policy" else schema.schema(kind) for kind in schema.KINDS}
    documents = {f"{kind}.schema.json": json.dumps(document, indent=2, ensure_ascii=False) + "\n"
                 for kind, document in shipped.items()}
    try:
        written = atomic.Change(out, documents, force=args.force).apply()  # all of them or none
    except atomic.FileExists as exc:
        raise UsageError(f"{exc.path} already exists with other content; nothing written (use --force to "
                         "overwrite)") from None
    except OSError as exc:
        raise UsageError(f"cannot write into {out}: {exc}; nothing written") from None
    for name in documents:
        print(out / name if name in written else f"unchanged: {out / name}")
    return 0


def _new_post(args: argparse.Namespace) -> int:
    from . import scaffold
    from .output import text

    root = find_root(args.repo)
    request = scaffold.Request(args.account, args.at, args.slug, args.author or scaffold.git_github_user(root),
                               args.campaign, args.theme, args.text, args.media, args.alt, args.source, args.license,
                               args.credit)
    try:
        path, warnings = scaffold.new_post(root, request, now_for(args.now, root))
    except scaffold.ScaffoldError as exc:
        raise UsageError(str(exc)) from None
    except scaffold.DraftFails as exc:
        for finding in exc.findings:
            print(text.with_hint(finding), file=sys.stderr)
        print(f"socialops: the check finds errors in {exc.relpath} as asked, so nothing was written; "
              "change the options above and run again", file=sys.stderr)
        return 1
    relpath = path.relative_to(root).as_posix()
    print(f"created {relpath}")
    for finding in warnings:
        print(text.with_hint(finding))
    themes = [] if args.theme else scaffold.themes(root)
    print("next: write the copy" + (text.visible(f", add theme: (one of {', '.join(themes)})") if themes else "")
          + " and set status: scheduled when it is ready; then\n"
          f"  git add {relpath}\n"
          "  pre-commit run   (pre-commit checks only staged files: git add first)\n"
          "commit, push and open a pull request. `socialops check FILE` checks a file without staging it.")
    return 0


def _demo(args: argparse.Namespace) -> int:
    from . import demo

    out = Path(args.out)
    if out.exists() and any(out.iterdir()) and not args.force:
        raise UsageError(f"{out} is not empty; use --force to write the demo files into it")
    if (args.accounts is not None and args.accounts < 1) or (args.posts is not None and args.posts < 0):
        raise UsageError("--accounts must be at least 1 and --posts at least 0")
    plan = demo.generate(out, accounts=args.accounts, posts=args.posts)
    posts = sum(1 for name in plan.files if name.startswith("content/posts/"))
    print(f"wrote {len(plan.files)} files ({posts} posts) and {len(plan.images) + len(plan.videos)} media files to {out}")
    print(f"try: socialops check --repo {out} --now {demo.DEMO_NOW}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
