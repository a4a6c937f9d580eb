"""What in a pull request needs a director (policy 3.3.2): the one answer the review gate
enforces and the reviewer's preview shows.

A change needs a director when it
- touches anything outside content/ (settings, code, tests, configuration, documentation;
  see `paths.needs_director`), or a `.gitattributes` anywhere;
- changes the kind of an entry (file, link, submodule) anywhere, or adds, changes or
  removes a link or submodule at or under content/;
- adds or changes a post that needs a director in the pull request's version, or changes,
  renames or deletes one that needs a director in the base's version (the merge base, or
  the protected branch now): `risk: sensitive`, a waiver, or a sensitive term;
- changes a media file such a post uses;
- adds or changes a campaign or incident with a waiver in the pull request's version, or
  changes, renames or deletes one with a waiver in the base's version (an account's
  waivers are in accounts.yaml, a settings file);
- has a name git cannot give as UTF-8, or a post name that another post's matches but
  for case or Unicode normalization: neither can be read reliably.

Sensitive terms are searched in a post's title, copy and media alt texts with EVERY list
of the sensitive-terms rule (as the protected branch configures it), whatever the post's
market or language: the post's writer chooses its `language`, so a list chosen by it
would let the writer choose what is searched. Asking a director once too often is cheap;
missing a sensitive post is not. The sensitive-terms rule itself still checks each post
with the lists for its market and language.
"""

from __future__ import annotations

import posixpath
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..findings import is_utf8, printable_text
from . import changes, paths
from .changes import Change

if TYPE_CHECKING:
    from ..model.entities import Post, Repository

SETTINGS_AT_BASE = ("accounts.yaml", "permissions.yaml", "policy.yaml")  # what a post is judged with
UNREADABLE = "cannot be read reliably"


@dataclass(frozen=True)
class Trigger:
    """A changed file that needs a director, and why (both printable)."""

    path: str
    reason: str


def _trigger(path: str, reason: str) -> Trigger:
    return Trigger(printable_text(path), printable_text(reason))


# -- by path: outside content/, links, names -------------------------------------------------


def path_triggers(changed: list[Change]) -> list[Trigger]:
    """Every change outside content/ (either name of a rename counts), and git attributes anywhere."""
    found: list[Trigger] = []
    for change in changed:
        if paths.needs_director(change.path):
            found.append(_trigger(change.path, paths.why_director(change.path) + _how(change)))
        if change.old_path and change.old_path != change.path and paths.needs_director(change.old_path):
            found.append(_trigger(change.old_path, f"{paths.why_director(change.old_path)} (renamed to "
                                                   f"{change.path})"))
    return found


def link_triggers(changed: list[Change]) -> list[Trigger]:
    """A change of an entry's kind (file, link, submodule) anywhere, and any link or submodule
    added, changed or removed at or under content/: what a link points to can change without
    the link changing, and the loader does not follow them."""
    found: list[Trigger] = []
    for change in changed:
        if change.status == "T":
            found.append(_trigger(change.path, f"changes the kind of entry ({_kind(change.old_mode)} to "
                                               f"{_kind(change.new_mode)})"))
        elif change.links and any(paths.at_or_in_content(path) for path in (change.path, change.old_path) if path):
            kind = _kind(change.new_mode if change.new_mode != "000000" else change.old_mode)
            found.append(_trigger(change.path, f"a {kind} at or under content/{_how(change)}: a change to what it "
                                               "points to would not show as a change to a post"))
    return found


def name_triggers(changed: list[Change]) -> list[Trigger]:
    """Names git cannot give as UTF-8: no tool here can tell two of them apart reliably."""
    found: list[Trigger] = []
    for change in changed:
        for path in dict.fromkeys(p for p in (change.path, change.old_path) if p):
            if not is_utf8(path):
                found.append(_trigger(path, f"{UNREADABLE} (its name is not valid UTF-8); rename it, or a director "
                                            "approves it as is"))
    return found


def _kind(mode: str) -> str:
    return {changes.LINK_MODE: "symbolic link", changes.SUBMODULE_MODE: "submodule"}.get(mode, "file")


def _how(change: Change) -> str:
    if change.status == "D":
        return " (deleted)"
    if change.status == "R" and change.old_path:
        return f" (renamed from {change.old_path})"
    return ""


# -- by content: posts and their media -----------------------------------------------------------


def sensitive_terms(repo: Repository) -> dict[str, list[str]] | None:
    """Every list of the sensitive-terms rule as policy.yaml configures it (all markets
    and languages); None when that rule is off."""
    from ..rules import registry

    setting = registry.configure(repo.policy.data.get("rules", {}))["sensitive-terms"]
    if setting.level == "off":
        return None
    return setting.options["terms"]


def term_hits(post: Post, listed: dict[str, list[str]]) -> list[tuple[str, int]]:
    """(term, line) for each term of the lists in the post's title, copy and media alt
    texts, each list matched as its language needs (inflections, German compounds)."""
    from .. import terms

    hits: list[tuple[str, int]] = []
    title = post.meta.get("title")
    if isinstance(title, str):
        hits += [(match.term, post.line("title")) for match in terms.find_listed(title, listed)]
    hits += [(match.term, terms.line_of(post.body, post.body_line, match.start))
             for match in terms.find_listed(post.body, listed)]
    for index, item in enumerate(post.meta.get("media") or []):
        alt = item.get("alt") if isinstance(item, dict) else None
        if isinstance(alt, str):
            hits += [(match.term, post.line("media", index, "alt")) for match in terms.find_listed(alt, listed)]
    return hits


def post_reasons(post: Post, listed: dict[str, list[str]] | None) -> list[str]:
    """Why a post needs a director: its risk, its waivers, the sensitive terms in it
    (`listed`: the sensitive lists; None: the sensitive-terms rule is off)."""
    reasons: list[str] = []
    if post.meta.get("risk") == "sensitive":
        reasons.append("risk: sensitive")
    waived = [str(waiver.get("rule")) for waiver in post.meta.get("waivers") or [] if isinstance(waiver, dict)]
    if waived:
        reasons.append(f"waiver of {', '.join(waived)}")
    if listed:
        hits = term_hits(post, listed)
        if hits:
            found = ", ".join(dict.fromkeys(f"'{term}' (line {line})" for term, line in hits))
            reasons.append(f"sensitive term {found}")
    return reasons


@dataclass
class Snapshot:
    """Every post of one commit, loaded by the one loader with the settings (accounts,
    permissions, policy) of the protected branch, so the pull request's version and the
    base's are judged by the same rules, the branch's current ones."""

    commit: str
    repo: Repository
    present: set[str]  # every post path in the commit's tree, read or not
    unreadable: dict[str, str]  # path -> why its fields cannot be trusted
    terms: dict[str, list[str]] | None  # the sensitive-terms lists; None: that rule is off
    posts: dict[str, Post] = field(default_factory=dict)  # the posts the loader read, by path

    def judge(self, path: str) -> list[str] | None:
        """Why the post at `path` needs a director ([] if it does not); None when the commit has no such post."""
        if path not in self.present:
            return None
        if path in self.unreadable:
            return [f"{UNREADABLE} ({self.unreadable[path]}); fix it, or a director approves it as is"]
        post = self.posts.get(path)
        if post is None:
            return [f"{UNREADABLE} (the file could not be read); fix it, or a director approves it as is"]
        return post_reasons(post, self.terms)

    def media_needing_a_director(self) -> dict[str, tuple[str, str]]:
        """Media file (normalised repository path) -> (the post using it, why that post needs a director)."""
        found: dict[str, tuple[str, str]] = {}
        for post in self.repo.posts:
            if post.path in self.unreadable:
                continue
            reasons = post_reasons(post, self.terms)
            if not reasons:
                continue
            for ref in post.media:
                name = ref.spec.get("file")
                if isinstance(name, str) and name:
                    found.setdefault(normal(name), (post.path, reasons[0]))
        return found


def normal(name: str) -> str:
    """A media path as git names the file: repository-relative, POSIX, without ./ or ..."""
    return posixpath.normpath(name.replace("\\", "/")).lstrip("/")


def safe(path: str) -> bool:
    """Whether a path from a git tree can be written under a folder without leaving it."""
    return all(part not in ("", ".", "..", ".git") for part in path.split("/"))


def _same_name(path: str) -> str:
    """What a case-insensitive, normalising file system (macOS, Windows) makes of a name."""
    return unicodedata.normalize("NFC", path).casefold()


def load_snapshot(root: Path, commit: str, settings_commit: str) -> Snapshot:
    """The posts at `commit`, written as plain files (never links) into a temporary folder
    with the settings of `settings_commit`, and loaded from there."""
    from ..model import loader
    from ..model.files import MAX_BYTES

    entries = [entry for entry in changes.tree(root, commit, loader.POSTS_DIR) if paths.is_post(entry.path)]
    present = {entry.path for entry in entries}
    unreadable: dict[str, str] = {}
    names: dict[str, list[str]] = {}
    for entry in entries:
        names.setdefault(_same_name(entry.path), []).append(entry.path)
    regular = []
    for entry in entries:
        twins = [other for other in names[_same_name(entry.path)] if other != entry.path]
        if entry.kind != "blob" or entry.mode not in ("100644", "100755"):
            unreadable[entry.path] = f"it is a {_kind(entry.mode)}, not a file"
        elif not is_utf8(entry.path):
            unreadable[entry.path] = "its name is not valid UTF-8"
        elif twins:
            unreadable[entry.path] = (f"its name differs from {printable_text(twins[0])} only in case or Unicode "
                                      "normalization")
        elif not safe(entry.path):
            unreadable[entry.path] = "its path cannot be written safely"
        elif entry.size is None or entry.size > MAX_BYTES:
            unreadable[entry.path] = f"it is larger than {MAX_BYTES // 1024} KB"
        else:
            regular.append(entry)
    contents = changes.blobs(root, [entry.sha for entry in regular])
    with tempfile.TemporaryDirectory(prefix="socialops-gate-") as folder:
        for name in SETTINGS_AT_BASE:
            data = changes.file_at(root, settings_commit, name)
            if data is not None:
                Path(folder, name).write_bytes(data)
        for entry in regular:
            target = Path(folder, *entry.path.split("/"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(contents[entry.sha])
        repo = loader.load(Path(folder), post_paths=sorted(entry.path for entry in regular))
    for problem in repo.problems:  # the loader's syntax and schema findings
        if problem.path in present and problem.path not in unreadable:
            unreadable[problem.path] = (f"line {problem.line}: {problem.message}" if problem.line
                                        else problem.message)
    return Snapshot(commit, repo, present, unreadable, sensitive_terms(repo), {post.path: post for post in repo.posts})


class Snapshots:
    """Snapshots by (commit, settings commit), each loaded once per run."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._loaded: dict[tuple[str, str], Snapshot] = {}

    def at(self, commit: str, settings_commit: str) -> Snapshot:
        key = (commit, settings_commit)
        if key not in self._loaded:
            self._loaded[key] = load_snapshot(self.root, commit, settings_commit)
        return self._loaded[key]


def find_triggers(root: Path, changed: list[Change], base: str, tip: str, head: str, branch: str,
                  snapshots: Snapshots | None = None) -> list[Trigger]:
    """Everything the pull request changes that needs a director. `base` is the merge base the
    diff starts from, `tip` the protected branch now (its settings judge every version),
    `branch` its name for the reasons."""
    if not changed:
        return []
    snapshots = snapshots or Snapshots(root)
    triggers = name_triggers(changed) + path_triggers(changed) + link_triggers(changed)
    pr = snapshots.at(head, tip)
    bases = [(snapshots.at(base, tip), f"the merge base {base[:7]}")]
    if tip != base:
        bases.append((snapshots.at(tip, tip), f"{branch} {tip[:7]}"))
    for change in changed:
        if not all(is_utf8(path) for path in (change.path, change.old_path) if path):
            continue  # name_triggers says it: neither version can be told apart from another
        now: list[str] = []
        if change.status != "D" and paths.is_post(change.path):
            now = pr.judge(change.path) or []
            triggers.extend(_trigger(change.path, reason) for reason in now)
        old = change.old_path or change.path
        if not paths.is_post(old):
            continue
        before: dict[str, list[str]] = {}
        for snapshot, label in bases:
            for reason in snapshot.judge(old) or []:
                before.setdefault(reason, []).append(label)
        for reason, labels in before.items():
            if reason in now:
                continue  # the pull request's version needs a director for the same reason
            triggers.append(_trigger(old, f"{_verb(change)} a post that needs a director at the base "
                                          f"({' and '.join(labels)}): {reason}"))
    triggers += plan_triggers(root, changed, head, [(snapshot.commit, label) for snapshot, label in bases])
    media = {**snapshots.at(tip, tip).media_needing_a_director(), **pr.media_needing_a_director()}
    for change in changed:
        for path in dict.fromkeys(p for p in (change.path, change.old_path) if p):
            if path in media:
                post, reason = media[path]
                how = f" (renamed to {change.path})" if path == change.old_path and path != change.path else _how(change)
                triggers.append(_trigger(path, f"media of {post}, which needs a director ({reason}){how}"))
    return list(dict.fromkeys(triggers))


def plan_triggers(root: Path, changed: list[Change], head: str, bases: list[tuple[str, str]]) -> list[Trigger]:
    """Campaigns and incidents with a waiver, in the pull request's version or (changed,
    renamed or deleted) in a base's: their waivers need a director as a post's do."""
    found: list[Trigger] = []
    for change in changed:
        if not all(is_utf8(path) for path in (change.path, change.old_path) if path):
            continue  # name_triggers says it
        now: list[str] = []
        if change.status != "D" and paths.is_plan(change.path):
            now = plan_reasons(changes.file_at(root, head, change.path))
            found.extend(_trigger(change.path, reason) for reason in now)
        old = change.old_path or change.path
        if not paths.is_plan(old):
            continue
        before: dict[str, list[str]] = {}
        for commit, label in bases:
            for reason in plan_reasons(changes.file_at(root, commit, old)):
                before.setdefault(reason, []).append(label)
        found.extend(_trigger(old, f"{_verb(change)} a plan that needs a director at the base "
                                   f"({' and '.join(labels)}): {reason}")
                     for reason, labels in before.items() if reason not in now)
    return found


def plan_reasons(data: bytes | None) -> list[str]:
    """Why a campaign or incident file needs a director: its waivers, or that its front
    matter cannot be read (then no one can tell whether it has any)."""
    from ..model.files import split_front_matter
    from ..model.yamltext import Problem, parse

    if data is None:
        return []
    unreadable = [f"{UNREADABLE} (its front matter cannot be read); fix it, or a director approves it as is"]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return unreadable
    split = split_front_matter(text)
    if isinstance(split, Problem):
        return unreadable
    document = parse(split.yaml)
    if not isinstance(document.value, dict):
        return unreadable
    waivers = document.value.get("waivers")
    if not waivers:
        return []
    rules = [str(waiver.get("rule")) for waiver in waivers if isinstance(waiver, dict)] if isinstance(waivers, list) else []
    return [f"waiver of {', '.join(rules) or 'a rule it does not name readably'}"]


def _verb(change: Change) -> str:
    if change.status == "D":
        return "deletes"
    if change.status == "R" and change.old_path:
        return f"renames (to {change.path})"
    return "changes"


def between(root: Path, base_ref: str, head: str = "HEAD", changed: list[Change] | None = None) -> list[Trigger]:
    """What needs a director in `head` against `base_ref` (a branch or commit; its settings judge):
    the review gate's answer for a checkout, for the preview."""
    tip = changes.resolve(root, base_ref)
    head_sha = changes.resolve(root, head)
    if tip is None or head_sha is None:
        raise changes.GitError(f"git does not know {base_ref if tip is None else head}")
    base = changes.merge_base(root, tip, head_sha)
    if changed is None:
        changed = changes.changed_files(root, base, head_sha)
    return find_triggers(root, changed, base, tip, head_sha, base_ref)
