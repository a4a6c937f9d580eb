"""`socialops preview`: every post a pull request adds or changes, as its reviewer needs to
see it: the account, local and HQ time, the copy counted the platform's way against its
limit, the media, the check's findings, waivers, and who must approve: a director (from
permissions.yaml as the BASE has it) for exactly what the review gate finds needs one
(`triggers.py`, the one answer both use: posts, downgrades, deletions, media, links and
every change outside content/). The Markdown goes to the job summary (or a file, or
stdout); `--comment-file` also writes the body of the pull request's comment, and
`--comment` keeps ONE comment on the pull request up to date with it.

In a workflow the comment is kept by trusted code: the check job, which runs the pull
request's code with a read-only token, writes `--comment-file` and uploads it; a
`workflow_run` workflow from the default branch posts it with `--post-file FILE --pr N`.
That text came from code the pull request could change, so the poster treats it as
untrusted Markdown (`markdown.untrusted`: no HTML, no mentions, no issue references outside
its fenced code blocks), caps it at GitHub's limit, and puts its own one-line banner on
top saying where it came from and that the review gate's status decides.

Everything a writer typed goes through `markdown.py`, so a post cannot break the page,
inject HTML, ping people or cross-reference issues: the copy sits in a fenced code block
whose fence is longer than any run of backticks in it, and every other value is inline
text (`markdown.inline`).

The preview informs; the check step decides. The command exits 0 whatever the findings.
The Markdown is written before GitHub is asked anything, so a comment that cannot be kept
never hides it: a token that may not write (a fork's pull request, a 403 "Resource not
accessible by integration") is a message and exit 0; any other GitHub failure (a rate limit
included) is a message and exit 1, because a comment left stale would show reviewers an
old preview.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from ..findings import printable_text
from . import gate, paths, triggers
from .markdown import code, fenced, inline, table, untrusted

if TYPE_CHECKING:  # the CLI imports this module to build its parser: keep that cheap
    from ..findings import Finding
    from ..model.entities import MediaRef, Post, Repository
    from .api import Client
    from .changes import Change
    from .triggers import Trigger

MARKER = "<!-- socialops-preview -->"
BOT = "github-actions[bot]"  # who writes the comment with the workflow's token
COMMENT_LIMIT = 65_536  # characters; GitHub answers 422 "Body is too long" past it
SUMMARY_LIMIT = 1024 * 1024  # bytes of one step's job summary
NO_POSTS = "socialops preview: this pull request adds, changes or removes no posts, and needs no director."
BANNER = ("*Preview rendered by this pull request's own check run; the `socialops/review-gate` status decides who "
          "must approve.*")  # written by the poster, above the text it posts
DIRECTOR_ROWS = 30  # files needing a director listed in the preview; the gate's run lists them all

_STATUS = {"A": "added", "M": "changed", "T": "changed", "R": "renamed", "D": "removed"}


# -- which posts a pull request touches -------------------------------------------------------


@dataclass(frozen=True)
class PostChange:
    status: str  # added | changed | renamed | removed
    path: str  # the post's path in the pull request (for a removal: the path removed)
    old_path: str | None = None  # where a renamed post was


def post_changes(changes: list[Change]) -> list[PostChange]:
    """The changes that concern posts; a post renamed out of content/posts counts as removed."""
    found: list[PostChange] = []
    for change in changes:
        status = _STATUS.get(change.status, "changed")
        if paths.is_post(change.path):
            old = change.old_path if status == "renamed" else None
            found.append(PostChange(status, change.path, old))
        elif change.status == "R" and change.old_path and paths.is_post(change.old_path):
            found.append(PostChange("removed", change.old_path))
    return found


# -- plain values -----------------------------------------------------------------------------


def size_text(count: int) -> str:
    """Bytes in decimal units, as platforms state their limits (5 MB = 5,000,000 bytes)."""
    if count < 1000:
        return f"{count} B"
    if count < 1_000_000:
        return f"{count / 1000:.1f} KB"
    return f"{count / 1_000_000:.2f} MB"


def time_text(moment: datetime, zone: ZoneInfo) -> str:
    """`Mon 2026-03-02 09:00 (America/New_York, UTC-05:00)`."""
    local = moment.astimezone(zone)
    offset = local.strftime("%z")
    return f"{local:%a %Y-%m-%d %H:%M} ({zone.key}, UTC{offset[:3]}:{offset[3:]})"


# -- the preview ------------------------------------------------------------------------------


@dataclass
class Preview:
    """The Markdown in blocks, so a preview too long for a comment can be cut post by post."""

    intro: list[str]
    posts: list[list[str]]  # per changed post: its blocks, the first naming the post
    removed: list[str] = field(default_factory=list)  # removed paths
    director: bool = False  # whether anything needs a director (the intro says what)

    @property
    def empty(self) -> bool:
        return not self.posts and not self.removed and not self.director

    def markdown(self) -> str:
        if self.empty:
            return NO_POSTS + "\n"
        return _join(self.intro + [_join(blocks) for blocks in self.posts] + self._removed_blocks()) + "\n"

    def _removed_blocks(self) -> list[str]:
        if not self.removed:
            return []
        return [f"### Removed ({len(self.removed)})",
                "\n".join(f"- {code(printable_text(path))}" for path in self.removed)]


def _join(blocks: list[str]) -> str:
    return "\n\n".join(blocks)


def render(repo: Repository, changes: list[PostChange], findings: list[Finding],
           config_errors: list[Finding] | None = None, approvers: Approvers | None = None,
           director: list[Trigger] | None = None) -> Preview:
    """The preview of `changes`, with the check's `findings` on those posts. `approvers`:
    the base's sensitive approvers (default: this checkout's, for a preview without a base).
    `director`: what the review gate finds needs a director (`triggers.between`); without it
    (no base), each shown post's own reasons."""
    approvers = approvers or Approvers(repo.sensitive_approvers)
    from ..rules import registry

    tighter = registry.configure(repo.policy.data.get("rules", {}))["text-length"].options["max"]
    posts = {post.path: post for post in repo.posts}
    shown = [change for change in changes if change.status != "removed"]
    removed = sorted(change.path for change in changes if change.status == "removed")
    on_file: dict[str, list[Finding]] = {}
    for finding in findings:
        on_file.setdefault(finding.path, []).append(finding)
    reasons = _reasons_by_path(director) if director is not None else None
    sections = [post_section(change, posts.get(change.path), repo, on_file.get(change.path, []), tighter, approvers,
                             _post_reasons(change, reasons))
                for change in sorted(shown, key=lambda change: change.path)]
    intro = _intro(repo, shown, removed, findings, config_errors or [])
    if director is not None:
        intro.append(_director_block(repo, director, approvers))
    return Preview(intro, sections, removed, bool(director))


def _reasons_by_path(director: list[Trigger]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for trigger in director:
        found.setdefault(trigger.path, []).append(trigger.reason)
    return found


def _post_reasons(change: PostChange, reasons: dict[str, list[str]] | None) -> list[str] | None:
    """The gate's reasons for a shown post (under its name and, renamed, its old one); None: no gate answer."""
    if reasons is None:
        return None
    names = [change.path] + ([change.old_path] if change.old_path else [])
    return list(dict.fromkeys(reason for name in names for reason in reasons.get(printable_text(name), [])))


def _approver_names(repo: Repository, approvers: Approvers) -> str:
    return (", ".join(inline(_person(repo, h)) for h in approvers.handles)
            or "nobody: " + "; ".join(inline(problem) for problem in approvers.problems))


def _director_block(repo: Repository, director: list[Trigger], approvers: Approvers) -> str:
    """What the review gate finds needs a director, file by file, and who may approve."""
    if not director:
        return "**No director needed**: the review gate finds nothing in this pull request that needs one."
    rows = [[code(trigger.path), trigger.reason] for trigger in director[:DIRECTOR_ROWS]]
    more = (f"\n\n*{len(director) - DIRECTOR_ROWS} more: the review gate's run lists them all.*"
            if len(director) > DIRECTOR_ROWS else "")
    return (f"**A director must approve** (a sensitive approver, from permissions.yaml as the base has it: "
            f"{_approver_names(repo, approvers)}), because the pull request changes, as the review gate finds:\n\n"
            + table(["file", "why"], rows) + more)


def _intro(repo: Repository, shown: list[PostChange], removed: list[str], findings: list[Finding],
           config_errors: list[Finding]) -> list[str]:
    tally = {severity: sum(1 for f in findings if f.severity == severity) for severity in ("error", "warning", "info")}
    summary = (f"{len(shown)} post(s) added or changed, {len(removed)} removed. Local time is the account's time "
               f"zone, HQ time is {inline(repo.policy.hq_timezone.key)}; the copy is counted the way each "
               f"platform counts. Findings in these posts: {tally['error']} error(s), {tally['warning']} "
               f"warning(s), {tally['info']} waived (the check step fails on errors).")
    blocks = ["## socialops preview", summary]
    if config_errors:
        blocks.append(f"**policy.yaml has {len(config_errors)} configuration error(s), so no findings are shown**: "
                      + "; ".join(inline(f"line {f.line}: {f.message}") for f in config_errors))
    return blocks


def post_section(change: PostChange, post: Post | None, repo: Repository, findings: list[Finding],
                 tighter: dict, approvers: Approvers, reasons: list[str] | None = None) -> list[str]:
    """One changed post's blocks: heading, facts, copy, media, findings, waivers, approvers.
    `reasons`: why the review gate wants a director for it (None: the post's own reasons)."""
    heading = _heading(change, post)
    if post is None:
        blocks = [heading, "The post could not be read; the findings say why.", *_findings_blocks(findings)]
        if reasons:
            blocks.append(_director_line(repo, approvers, reasons))
        return blocks
    if reasons is None:
        reasons = triggers.post_reasons(post, triggers.sensitive_terms(repo))
    return [heading, _facts(post, repo), *_copy_blocks(post, tighter), *_media_blocks(post),
            *_findings_blocks(findings), *_waiver_blocks(post), _approval_block(post, repo, approvers, reasons)]


def _heading(change: PostChange, post: Post | None) -> str:
    where = f"renamed from {code(printable_text(change.old_path))}" if change.old_path else change.status
    account = post.account if post else None
    if account is None:
        title = inline(printable_text(change.path))
    else:
        title = " · ".join(inline(value) for value in (account.data.get("name", account.id), account.platform or "?",
                                                        account.data.get("handle", "")) if value)
    return f"### {title}\n\n{code(printable_text(change.path))} ({where})"


def _facts(post: Post, repo: Repository) -> str:
    account = post.account
    meta = post.meta
    if account is not None:
        account_text = f"{account.data.get('name', account.id)} ({account.id}), market {account.market or '?'}"
        platform_text = f"{account.platform or '?'}, {account.data.get('handle', 'no handle')}"
    else:
        account_text = f"{post.account_id or '?'}: not in accounts.yaml"
        platform_text = "unknown"
    rows: list[list[object]] = [["account", account_text], ["platform", platform_text]]
    if post.publish_at is None:
        rows.append(["publish at", "not set or not readable"])
    else:
        zone = account.timezone if account is not None and account.timezone is not None else None
        rows.append(["local time", time_text(post.publish_at, zone) if zone else "the account has no time zone"])
        rows.append(["HQ time", time_text(post.publish_at, repo.policy.hq_timezone)])
    rows += [
        ["status", meta.get("status", "not set")],
        ["format", meta.get("format", "not set")],
        ["campaign", meta.get("campaign", "none")],
        ["author", _person(repo, meta["author"]) if "author" in meta else "not set"],
        ["language", meta.get("language", "not set")],
        ["disclosure", meta.get("disclosure", "not set")],
        ["risk", meta.get("risk", "normal (not set)")],
    ]
    return table(["", ""], rows)


def _person(repo: Repository, handle: str) -> str:
    person = repo.people.get(handle)
    return f"{handle} ({person.name})" if person else f"{handle} (not in permissions.yaml)"


def _copy_blocks(post: Post, tighter: dict) -> list[str]:
    """Each piece of copy (a thread's parts, a title) with its count against each of the platform's limits."""
    from .. import counting, platforms
    from ..rules import text_length

    counts: dict[tuple[str, str], list[str]] = {}
    texts: dict[tuple[str, str], str] = {}
    for limit in platforms.text_limits(post.platform, post.meta.get("format")):
        for text, _line, what in text_length.pieces(post, limit["field"]):
            length = counting.COUNTERS[limit["counting"]](text)
            maximum = text_length.limit_for(post.platform, limit, tighter)
            over = f", **{length - maximum:,} over**" if length > maximum else ""
            key = (limit["field"], what)
            texts[key] = text
            counts.setdefault(key, []).append(f"{length:,} of {maximum:,} {text_length.UNITS[limit['counting']]}{over}")
    if not texts:  # a platform we have no text limits for: still show the copy
        texts = {("text", what): text for text, _line, what in text_length.pieces(post, "text")}
    blocks = []
    for (field_name, what), text in texts.items():
        measured = "; ".join(counts.get((field_name, what), [])) or "no limit known for this platform"
        label = what[0].upper() + what[1:]
        if field_name == "title":
            blocks.append(f"**{label}** ({measured}): {inline(text)}")
        else:
            blocks.append(f"**{label}** ({measured}, as {inline(post.platform or '?')} counts)\n\n"
                          + (fenced(text) if text else "*(empty)*"))
    return blocks


def _media_blocks(post: Post) -> list[str]:
    if not post.media:
        return []
    return ["**Media**\n\n" + table(["#", "file", "kind", "size", "pixels", "duration", "alt text"],
                                    [_media_row(ref) for ref in post.media])]


def _media_row(ref: MediaRef) -> list[object]:
    name = ref.spec.get("file", "")
    alt = ref.spec.get("alt") or "none"
    info = ref.info
    if ref.problem or info is None:
        return [ref.index + 1, f"{name}: {ref.problem or 'not readable'}", "", "", "", "", alt]
    kind = f"{info.kind} {info.format}".strip() + (f" ({info.problem})" if info.problem else "")
    pixels = f"{info.width} × {info.height}" if info.width and info.height else ""
    duration = ""
    if info.kind == "video" and info.seconds is not None:
        duration = f"{info.seconds:.1f} s" + (f" at {info.fps:g} fps" if info.fps else "")
    return [ref.index + 1, name, kind, size_text(info.bytes), pixels, duration, alt]


def _findings_blocks(findings: list[Finding]) -> list[str]:
    if not findings:
        return ["**Findings**: none."]
    rows = [[f.severity, f.rule, f.line or "", f.message, f.hint] for f in findings]
    return ["**Findings**\n\n" + table(["severity", "rule", "line", "message", "hint"], rows)]


def _waiver_blocks(post: Post) -> list[str]:
    waivers = post.meta.get("waivers", [])
    if not waivers:
        return []
    rows = [[waiver.get("rule", ""), waiver.get("reason", "")] for waiver in waivers]
    return ["**Waivers** (a director approves them)\n\n" + table(["rule", "reason"], rows)]


@dataclass(frozen=True)
class Approvers:
    """Who may approve what needs a director: `sensitive_approvers` (teams expanded) in
    permissions.yaml as the base has it, which is what the review gate counts; and why the
    list is empty when it is."""

    handles: list[str]
    problems: list[str] = field(default_factory=list)


def _approval_block(post: Post, repo: Repository, approvers: Approvers, reasons: list[str]) -> str:
    grant = repo.grants.get(post.account_id)
    reviewers = repo.members(grant.reviewers) if grant else []
    lines = ["**Who must approve**", ""]
    if reviewers:
        lines.append(f"- one of the account's reviewers: {', '.join(inline(_person(repo, h)) for h in reviewers)}")
    else:
        lines.append(f"- permissions.yaml names no reviewers for {inline(post.account_id or 'this account')}")
    if reasons:
        lines.append(_director_line(repo, approvers, reasons))
    return "\n".join(lines)


def _director_line(repo: Repository, approvers: Approvers, reasons: list[str]) -> str:
    return (f"- and a sensitive approver (director, from permissions.yaml as the base has it), because "
            f"{' and '.join(inline(reason) for reason in reasons)}: {_approver_names(repo, approvers)}")


# -- fitting a limit --------------------------------------------------------------------------


def fitted(preview: Preview, limit: int, size: Callable[[str], int], elsewhere: str) -> str:
    """The preview's Markdown within `limit` (as `size` measures): whole if it fits, else each
    post cut to a fair share (its heading kept, blocks that do not fit left out with a note),
    then posts left out from the end. `elsewhere` says where the whole preview is."""
    whole = preview.markdown()
    if size(whole) <= limit:
        return whole
    intro = preview.intro + [f"*This preview is too long to show here in full, so parts are left out; the whole "
                             f"preview is {elsewhere}.*"]
    removed = preview._removed_blocks()
    if size(_join(removed)) > limit // 4:
        removed = [f"### Removed ({len(preview.removed)})", f"The list is {elsewhere}."]
    note = f"*Parts of this post are left out here; they are {elsewhere}.*"

    def assemble(sections: list[str]) -> str:
        left_out = len(preview.posts) - len(sections)
        tail = [f"*{left_out} more post(s) are {elsewhere}.*"] if left_out else []
        return _join(intro + sections + tail + removed) + "\n"

    room = limit - size(assemble([]))
    # every post shown gets at least its heading and the note; as many posts as that allows
    minimal = [size(_join([blocks[0], note])) + 2 for blocks in preview.posts]  # 2: the blank line before it
    shown = 0
    while shown < len(minimal) and sum(minimal[:shown + 1]) <= room:
        shown += 1
    spare = room - sum(minimal[:shown])  # shared out fairly; what a short post leaves goes to the next
    sections: list[str] = []
    for index in range(shown):
        share = minimal[index] - 2 + spare // (shown - index)
        section = _cut(preview.posts[index], share, size, note)
        spare -= max(0, size(section) + 2 - minimal[index])
        sections.append(section)
    text = assemble(sections)
    while size(text) > limit and sections:
        sections.pop()
        text = assemble(sections)
    return text if size(text) <= limit else _hard_cut(text, limit, size)


def _cut(blocks: list[str], room: int, size: Callable[[str], int], note: str) -> str:
    """The blocks that fit in `room` with the note, in order; the first (the heading) always."""
    whole = _join(blocks)
    if size(whole) <= room:
        return whole
    kept = [blocks[0]]
    for block in blocks[1:]:
        if size(_join(kept + [block, note])) <= room:
            kept.append(block)
    return _join(kept + [note])


def _hard_cut(text: str, limit: int, size: Callable[[str], int]) -> str:
    """Last resort (an intro longer than the limit): whole lines while they fit."""
    kept: list[str] = []
    for line in text.split("\n"):
        if size("\n".join(kept + [line]) + "\n") > limit:
            break
        kept.append(line)
    return "\n".join(kept) + "\n"


def _utf8_size(text: str) -> int:
    return len(text.encode("utf-8"))


# -- the sticky comment -----------------------------------------------------------------------


def is_fork(payload: dict) -> bool:
    """A pull request from another repository: its token is read-only, it cannot comment."""
    pull = payload.get("pull_request")
    if not isinstance(pull, dict):
        return False
    head = (pull.get("head") or {}).get("repo") or {}
    base = (pull.get("base") or {}).get("repo") or {}
    return head.get("full_name") != base.get("full_name")  # a deleted fork has no head repo: a fork too


def is_preview_comment(comment: dict) -> bool:
    """Ours: written by the workflow's token and starting with the marker (a person's comment
    quoting the marker, or another bot's, is not touched)."""
    login = (comment.get("user") or {}).get("login")
    return login == BOT and str(comment.get("body") or "").startswith(MARKER)


def keep_comment(client: Client, number: int, body: str, create: bool = True) -> str:
    """Create, update or leave the one preview comment on pull request `number`; says what it did.
    With `create` False an absent comment stays absent (nothing worth a new comment). Two runs
    that raced may each have created one: the oldest is kept and the others are deleted."""
    comments = client.get_all(f"issues/{number}/comments")
    ours = sorted((comment for comment in comments if isinstance(comment, dict) and is_preview_comment(comment)),
                  key=lambda comment: comment.get("id") or 0)
    if not ours:
        if not create:
            return "no posts changed and no preview comment exists; none created"
        created = client.post(f"issues/{number}/comments", {"body": body}) or {}
        return f"preview comment created {created.get('html_url', '')}".rstrip()
    comment, extras = ours[0], ours[1:]  # the oldest: the one reviewers have seen since the pull request opened
    if comment.get("body") == body:
        said = "preview comment already up to date; not edited"
    else:
        client.patch(f"issues/comments/{comment['id']}", {"body": body})
        said = f"preview comment updated {comment.get('html_url', '')}".rstrip()
    for extra in extras:
        _delete_comment(client, extra["id"])
    if extras:
        said += f"; deleted {len(extras)} duplicate(s) left by runs that raced ({', '.join(str(c['id']) for c in extras)})"
    return said


def _delete_comment(client: Client, comment_id: int) -> None:
    from .api import GitHubError

    try:
        client.request("DELETE", f"issues/comments/{int(comment_id)}")
    except GitHubError as exc:
        if exc.status != 404:  # 404: gone already (another run deleted it)
            raise


def comment_text(preview: Preview, elsewhere: str) -> str:
    """The comment's Markdown without the marker: the preview fitted to a comment."""
    return fitted(preview, COMMENT_LIMIT - len(MARKER) - 1, len, elsewhere)


def comment_body(preview: Preview, elsewhere: str) -> str:
    return f"{MARKER}\n" + comment_text(preview, elsewhere)


def posted_body(text: str) -> tuple[str, bool]:
    """The comment body for text another job rendered, which code the pull request could change
    wrote: made inert outside its code blocks (`markdown.untrusted`), cut to fit the limit,
    under the poster's own banner; and whether it is worth creating a comment for."""
    head = f"{MARKER}\n{BANNER}\n\n"
    room = COMMENT_LIMIT - len(head)
    create = text.strip() != NO_POSTS
    text = untrusted(text.replace("\x00", "\ufffd"))
    if len(text) > room:
        note = "\n\n*(cut here: longer than a comment may be)*\n"
        text = text[:room - len(note)] + note
    return head + text, create


def read_post_file(path: Path) -> str:
    """At most what a comment can hold (4 bytes per character at worst), as UTF-8."""
    from ..errors import UsageError

    try:
        with open(path, "rb") as handle:
            data = handle.read(4 * COMMENT_LIMIT + 1)
    except OSError as exc:
        raise UsageError(f"cannot read --post-file: {exc}") from None
    return data.decode("utf-8", errors="replace")


def _run_url() -> str | None:
    server, repository, run_id = (os.environ.get(name) for name in
                                  ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID"))
    if server and repository and run_id and re.fullmatch(r"[\w.-]+/[\w.-]+", repository) and run_id.isdigit():
        return f"{server.rstrip('/')}/{repository}/actions/runs/{run_id}"
    return None


def _elsewhere() -> str:
    url = _run_url()
    return f"in the job summary of [this workflow run]({url})" if url else "in the job summary of the workflow run"


def _comment(preview: Preview, number: int | None) -> int:
    """Keep the comment from this checkout (--comment); messages on stderr. 0 done or not
    allowed to write, 1 failed."""
    from .api import event_payload

    if is_fork(event_payload()):
        _say("a pull request from a fork gets a read-only token, so no comment is written; "
             "the preview is in the job summary")
        return 0
    return _keep(number, comment_body(preview, _elsewhere()), not preview.empty, refused_ok=True)


def _post(path: Path, number: int | None, head_sha: str | None) -> int:
    """--post-file: publish a rendered comment; 0 done (or the pull request moved on), 1 failed."""
    body, create = posted_body(read_post_file(path))
    return _keep(number, body, create, refused_ok=False, head_sha=head_sha)


def _keep(number: int | None, body: str, create: bool, refused_ok: bool, head_sha: str | None = None) -> int:
    from .api import Client, GitHubError

    if number is None:
        _say("no pull request number: pass --pr N, or run on a pull_request event", problem=True)
        return 1
    try:
        client = Client.from_environment()
        if head_sha is not None:
            current = ((client.get(f"pulls/{number}") or {}).get("head") or {}).get("sha")
            if current != head_sha:
                _say(f"pull request #{number} is now at {str(current)[:12]}, not {head_sha[:12]}: this preview is "
                     "out of date and not posted; the run for the new head posts its own")
                return 0
        _say(keep_comment(client, number, body, create=create))
    except GitHubError as exc:
        if exc.read_only and refused_ok:
            _say(f"GitHub refused the comment ({exc}); the job needs pull-requests: write, and a fork's pull "
                 "request never has it. The preview is in the job summary")
            return 0
        _say(f"the preview comment was not kept up to date: {exc}", problem=True)
        return 1
    return 0


def _say(message: str, problem: bool = False) -> None:
    print(f"socialops preview: {'error: ' if problem else ''}{message}", file=sys.stderr)


# -- the command ------------------------------------------------------------------------------


def configure(parser: argparse.ArgumentParser) -> None:
    """The subcommand's description, options and handler (its one-line help is in cli.COMMANDS)."""
    parser.description = ("Write GitHub-flavoured Markdown for every post added or changed since the merge base of "
                          "--base and HEAD (renames included, removals listed): account, local and HQ time, the copy "
                          "counted the platform's way, media, findings, waivers and who must approve (directors from "
                          "permissions.yaml at --base). It goes to --out FILE, else $GITHUB_STEP_SUMMARY when set, else "
                          "stdout. --comment-file FILE also writes the pull request comment's text; --comment keeps "
                          "one comment on the pull request up to date (needs GITHUB_TOKEN with pull-requests: write). "
                          "--post-file FILE --pr N only posts a comment text written by --comment-file (for a trusted "
                          "workflow that runs no pull request code).")
    parser.epilog = ("exit status: 0 the preview was written, whatever the findings (the check decides), and the "
                     "comment kept or skipped because the token may not write (a fork's pull request, HTTP 403 Resource "
                     "not accessible by integration); "
                     "with --post-file, 0 also when the pull request has a newer head than --head-sha; "
                     "1 the comment could not be kept for another reason (the preview was still written); "
                     "2 usage error (not a repository, unknown base, unreadable file)")
    parser.add_argument("--base", metavar="REF",
                        help="the pull request's base commit or branch (in a workflow: the event's base SHA); "
                             "required unless --post-file")
    parser.add_argument("--repo", metavar="DIR", help="the repository (default: found from the current folder)")
    parser.add_argument("--out", metavar="FILE",
                        help="write the Markdown to FILE (an existing FILE with other content only with --force)")
    parser.add_argument("--now", metavar="ISO-DATETIME", default=os.environ.get("SOCIALOPS_NOW"),
                        help="what 'now' is for the findings (default: $SOCIALOPS_NOW, else reference_time in "
                             "policy.yaml, else the clock)")
    parser.add_argument("--comment", action="store_true", help="keep one preview comment on the pull request")
    parser.add_argument("--comment-file", metavar="FILE",
                        help="also write the comment's text (fitted to a comment, linking to this run when cut) "
                             "to FILE, for --post-file")
    parser.add_argument("--post-file", metavar="FILE",
                        help="post FILE as the preview comment of --pr N and do nothing else: no git, no check; "
                             "the file is only ever the comment's text, cut at GitHub's limit")
    parser.add_argument("--head-sha", metavar="SHA",
                        help="with --post-file: post only if SHA is still the pull request's head commit")
    parser.add_argument("--pr", type=int, metavar="N", help="the pull request (default: from the workflow's event)")
    parser.add_argument("--force", action="store_true", help="replace --out and --comment-file files that exist")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from ..clock import now_for
    from ..errors import UsageError
    from ..model.layout import find_root
    from .api import pull_number
    from .changes import GitError, changed_files

    if args.post_file:
        if args.base or args.comment or args.out or args.comment_file:
            raise UsageError("--post-file only posts a file: no --base, --out, --comment or --comment-file")
        return _post(Path(args.post_file), pull_number(args.pr), args.head_sha)
    if not args.base:
        raise UsageError("--base REF is required (or --post-file FILE)")
    if args.head_sha:
        raise UsageError("--head-sha goes with --post-file")
    root = find_root(args.repo)
    now = now_for(args.now, root)
    try:
        changed = changed_files(root, args.base)
        preview = build(root, now, changed, args.base)
    except GitError as exc:
        raise UsageError(str(exc)) from None
    _write(preview, Path(args.out) if args.out else None, args.base, args.force)
    if args.comment_file:
        _write_file(Path(args.comment_file), comment_text(preview, _elsewhere()), "the comment's text", args.force)
    if not args.comment:
        return 0
    return _comment(preview, pull_number(args.pr))


def build(root: Path, now: datetime, changed: list[Change], base: str) -> Preview:
    """Check the changed posts once (findings on just those paths) and render them, with what
    the review gate finds needs a director against `base` (its settings judge, its sensitive
    approvers approve)."""
    from .. import check

    changes = post_changes(changed)
    director = triggers.between(root, base, changed=changed)
    shown = {change.path for change in changes if change.status != "removed"}
    if not shown and not director:
        return Preview([], [], sorted(change.path for change in changes))
    repo = check.load(root, shown)
    result = check.run_loaded(repo, now, shown) if shown else None
    approvers = Approvers(*gate.base_approvers(root, base))
    return render(repo, changes, result.findings if result else [], result.config_errors if result else [],
                  approvers, director)


def _write_file(path: Path, text: str, what: str, force: bool) -> None:
    from .. import atomic
    from ..errors import UsageError

    try:
        atomic.write_text(path, text, force=force)
    except atomic.FileExists:
        raise UsageError(f"{path} exists with other content: {what} not written (use --force to replace it)") from None
    except OSError as exc:
        raise UsageError(f"cannot write {what}: {exc}") from None
    _say(f"{what} written to {path}")


def _write(preview: Preview, out: Path | None, base: str, force: bool) -> None:
    from ..errors import UsageError

    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    try:
        if out is not None:
            _write_file(out, preview.markdown(), "preview", force)
        elif summary:
            room = SUMMARY_LIMIT - (os.path.getsize(summary) if os.path.exists(summary) else 0)
            elsewhere = f"shown by {code(f'socialops preview --base {base}')} in a checkout of this branch"
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(fitted(preview, room, _utf8_size, elsewhere))
            _say("preview written to the job summary")
        else:
            sys.stdout.write(preview.markdown())
    except OSError as exc:
        raise UsageError(f"cannot write the preview: {exc}") from None
