"""The one loader: files -> model. Every problem it meets becomes a finding, never a traceback."""

from __future__ import annotations

import bisect
import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from ..findings import Finding, is_utf8, printable_text
from . import metric_files, schema
from .entities import (
    RESPONSE_TIMES,
    Account,
    Campaign,
    Document,
    Grant,
    Incident,
    MarketBrief,
    MediaFile,
    MediaRef,
    Person,
    Plan,
    Playbook,
    Policy,
    Post,
    Report,
    Repository,
    SectionedDocument,
    Team,
    TrainingRecord,
    post_id,
)
from .files import MAX_BYTES, FrontMatter, read_bytes, read_text, split_front_matter
from .layout import (
    CAMPAIGNS_DIR,
    CODEOWNERS,
    CONTENT_DIR,
    INCIDENTS_DIR,
    MARKETS_DIR,
    PLANS_DIR,
    PLAYBOOKS_DIR,
    POSTS_DIR,
    REPORTS_DIR,
    SOURCES,
    account_folder,
    file_day,
)
from .media import MediaCache
from .metrics import TABLES
from .parse_cache import ParseCache, Parsed
from .yamltext import LineMap, Problem, parse

CODEOWNERS_MAX_BYTES = 3 * 1024 * 1024  # GitHub does not load a CODEOWNERS file this large


class Loader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.real_root = root.resolve()
        self.problems: list[Finding] = []
        self._media_files: dict[str, MediaFile] = {}  # posts share media files
        self._linked_folders: dict[str, bool] = {}
        self.texts: dict[str, str] = {}  # every file read, for checks of the raw text (secrets)
        self.unreadable: set[str] = set()
        self.invalid: set[tuple] = set()  # (path, *keys) of each value its schema refused
        self.cache = ParseCache(root)
        self.media_cache = MediaCache()

    # -- findings -------------------------------------------------------------------------

    def problem(self, rule: str, path: str, line: int | None, message: str, hint: str = "") -> None:
        self.problems.append(Finding(path, line, rule, "error", message, hint))

    def _yaml_problems(self, path: str, problems: list[Problem], offset: int = 0) -> None:
        for item in problems:
            self.problem("syntax", path, item.line + offset, item.message, item.hint)

    # -- YAML files ----------------------------------------------------------------------

    def read_yaml(self, relpath: str, kind: str, plain_words: frozenset[str] = frozenset()) -> tuple[dict, LineMap]:
        """A validated mapping (fields that failed their schema removed) and its line map."""
        path = self.root / relpath
        if not path.exists():
            self.unreadable.add(relpath)  # what it would define is missing because of it: one finding
            self.problem("syntax", relpath, None, f"{relpath} is missing", f"create {relpath}; see the README")
            return {}, LineMap()
        text = self._read(relpath)
        if text is None:
            return {}, LineMap()
        parsed = self._parsed(relpath, kind, text, plain_words=plain_words)
        document = parsed.document
        self._yaml_problems(relpath, document.problems)
        if document.value is None:
            self.unreadable.add(relpath)
            if not document.problems:
                self.problem("syntax", relpath, 1, "the file is empty",
                             f"write its fields, or restore it from git: git checkout -- {relpath}")
            return {}, document.lines
        if not isinstance(document.value, dict):
            self.unreadable.add(relpath)
        return self._validated(relpath, parsed), document.lines

    def _parsed(self, relpath: str, kind: str, text: str, offset: int = 0,
                plain_words: frozenset[str] = frozenset()) -> Parsed:
        """The parse of `text` and, for a mapping, its schema errors: from the cache when
        this exact text was parsed before by this code."""
        key = ParseCache.key(kind, text, offset, plain_words)
        parsed = self.cache.get(relpath, key)
        if parsed is None:
            document = parse(text, offset=offset, plain_words=plain_words)
            errors = schema.validate(kind, document.value) if isinstance(document.value, dict) else None
            parsed = Parsed(document, errors)
            self.cache.put(relpath, key, parsed)
        return parsed

    def _read(self, relpath: str, max_bytes: int = MAX_BYTES) -> str | None:
        """The file's text, or None (and a finding) when it cannot be read safely."""
        text = self._read_safely(relpath, max_bytes)
        if text is None:
            self.unreadable.add(relpath)
        else:
            self.texts[relpath] = text
        return text

    def _read_safely(self, relpath: str, max_bytes: int) -> str | None:
        path = os.path.join(self.root, relpath)  # plain strings: this runs for every file
        if not relpath.isascii() and not is_utf8(relpath):
            self.problem("syntax", printable_text(relpath), None, "the file name is not valid UTF-8",
                         "rename the file with letters, digits and hyphens")
            return None
        in_content = relpath.startswith(CONTENT_DIR)
        if in_content and self._in_linked_folder(relpath):
            return self._link_problem(relpath, path)
        result = read_text(path, max_bytes, follow_links=False)
        if result.is_link:
            if in_content or not self._inside(Path(path)):
                return self._link_problem(relpath, path)
            result = read_text(path, max_bytes)  # a settings file linked inside the repository is read
        if result.problem:
            self._yaml_problems(relpath, [result.problem])
        return result.text

    def _link_problem(self, relpath: str, path: str) -> None:
        if not self._inside(Path(path)):
            self.problem("syntax", relpath, None, "this is a link to outside the repository: it is not followed",
                         "replace the link with the file or folder itself")
        else:
            self.problem("syntax", relpath, None, "this is a link (or lies in a linked folder): a pull request "
                         "that changes what it points to would not show as a change here",
                         "replace the link with the file or folder itself")

    def _in_linked_folder(self, relpath: str) -> bool:
        """Whether a symbolic link lies on the way from the repository to the file's folder.
        Folders are resolved once each: many posts share a folder."""
        folder, _, _ = os.path.normpath(relpath).rpartition(os.sep)
        if folder not in self._linked_folders:
            real = os.path.realpath(os.path.join(self.root, folder))
            self._linked_folders[folder] = real != os.path.join(self.real_root, folder).rstrip(os.sep)
        return self._linked_folders[folder]

    def _linked(self, relpath: str) -> bool:
        """Whether the file is a link or lies in a linked folder."""
        return self._in_linked_folder(relpath) or os.path.islink(os.path.join(self.root, relpath))

    def _inside(self, path: Path) -> bool:
        try:
            path.resolve().relative_to(self.real_root)
        except (ValueError, OSError, RuntimeError):
            return False
        return True

    def _validated(self, relpath: str, parsed: Parsed) -> dict:
        value, lines, errors = parsed.document.value, parsed.document.lines, parsed.errors
        if errors is None:
            self.problem("syntax", relpath, lines.line(), f"expected a mapping of fields, found {_kind_of(value)}",
                         "write 'field: value' lines")
            return {}
        for error in errors:
            self.problem("schema", relpath, lines.line(error.path), error.message, error.hint)
            self.invalid.add((relpath, *error.path))
        return _prune(value, [error.path for error in errors])

    # -- Markdown files with front matter -------------------------------------------------

    def read_document(self, relpath: str, kind: str) -> tuple[dict, FrontMatter, LineMap] | None:
        text = self._read(relpath)
        if text is None:
            return None
        split = split_front_matter(text)
        if isinstance(split, Problem):
            self.unreadable.add(relpath)
            self._yaml_problems(relpath, [split])
            return None
        parsed = self._parsed(relpath, kind, split.yaml, offset=1)
        document = parsed.document
        self._yaml_problems(relpath, document.problems, offset=1)
        if document.value is None:
            self.unreadable.add(relpath)
            if not document.problems:
                self.problem("syntax", relpath, 1, "the front matter is empty", "add the fields between the '---' lines")
            return None
        meta = self._validated(relpath, parsed)
        if not isinstance(document.value, dict):
            self.unreadable.add(relpath)
            return None
        return meta, split, document.lines

    def _time(self, document: Document, key: str | tuple, zone_name: str | None) -> datetime | None:
        """An aware datetime; a naive value is local time in `zone_name`. A local time
        that a daylight-saving change skips or repeats is a problem: say the offset.
        `key` is a field, or the key path of a field inside a mapping or list."""
        keys = key if isinstance(key, tuple) else (key,)
        value = _value_at(document.meta, keys)
        name = ".".join(str(part) for part in keys)  # as the finding names it: appeal.filed
        if not isinstance(value, str):
            return None
        moment = schema.parse_datetime(value)  # already validated by the schema's format
        if moment.tzinfo is not None:
            return moment
        if zone_name is None:
            return None
        zone = schema.zone(zone_name)
        first, second = moment.replace(tzinfo=zone, fold=0), moment.replace(tzinfo=zone, fold=1)
        if first.utcoffset() != second.utcoffset():
            skipped = first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != moment
            what = "does not exist (the clocks skip it)" if skipped else "happens twice (the clocks go back)"
            self.problem("schema", document.path, document.line(*keys),
                         f"{name}: {value} {what} in {zone_name}",
                         f"give the offset, e.g. {first.isoformat(timespec='minutes')}")
            return None
        return first

    def _order(self, document: Document, start: str, end: str, first: datetime | None, last: datetime | None) -> None:
        if first is not None and last is not None and last < first:
            self.problem("schema", document.path, document.line(end), f"{end} is before {start}",
                         f"{end} must come after {start}; check the dates")

    # -- the repository ---------------------------------------------------------------------

    def load_policy(self) -> Policy:
        return Policy(*self.read_yaml("policy.yaml", "policy", plain_words=frozenset({"off"})))

    def load(self, report_paths: set[str] | None = None, post_paths: list[str] | None = None,
             neighbour_days: Callable[[Policy], int | None] | None = None) -> Repository:
        repo = Repository(self.root, self.load_policy())
        accounts, account_lines = self.read_yaml("accounts.yaml", "accounts")
        for account_id, data in accounts.get("accounts", {}).items():
            avatar = data.get("profile", {}).get("avatar")
            repo.accounts[account_id] = Account(account_id, data, account_lines,
                                                avatar=self._media_file(avatar) if avatar else None)
        self._load_permissions(repo)
        if os.path.lexists(os.path.join(self.root, SOURCES)):  # the register is optional
            repo.sources, repo.sources_lines = self.read_yaml(SOURCES, "sources")
        if os.path.lexists(os.path.join(self.root, CODEOWNERS)):
            repo.codeowners = self._read(CODEOWNERS, CODEOWNERS_MAX_BYTES)
        for relpath in markdown_files(self.root, CAMPAIGNS_DIR):
            self._load_plan(repo, Campaign, relpath)
        for relpath in markdown_files(self.root, INCIDENTS_DIR):
            self._load_plan(repo, Incident, relpath)
        for folder, kind, found in ((PLANS_DIR, Plan, repo.plans), (REPORTS_DIR, Report, repo.reports),
                                    (MARKETS_DIR, MarketBrief, repo.markets)):
            for relpath in markdown_files(self.root, folder):
                self._load_sectioned(kind, relpath, found)
        self._find_statements(repo.incidents)
        for relpath in markdown_files(self.root, PLAYBOOKS_DIR):
            self._load_playbook(repo, relpath)
        accounts_in_scope = _accounts_in_scope(report_paths)
        repo.post_paths = post_paths if post_paths is not None else post_files(self.root, accounts_in_scope)
        window = neighbour_days(repo.policy) if neighbour_days and accounts_in_scope is not None else None
        for relpath in _posts_to_load(repo.post_paths, report_paths, accounts_in_scope, window):
            self._load_post(repo, relpath)
        self._load_metrics(repo, report_paths)
        self.cache.save()
        repo.problems = self.problems
        repo.texts = self.texts
        repo.unreadable = self.unreadable
        repo.invalid = self.invalid
        repo.media_cache = self.media_cache
        return repo

    def _load_permissions(self, repo: Repository) -> None:
        data, lines = self.read_yaml("permissions.yaml", "permissions")
        repo.permissions, repo.permissions_lines = data, lines
        for handle, person in data.get("people", {}).items():
            repo.people[handle] = Person(handle, person.get("name", handle), person.get("roles", []),
                                         _training(handle, person.get("training"), lines),
                                         lines.line(("people", handle)))
        for team_id, team in data.get("teams", {}).items():
            if "github" not in team:
                continue  # it failed its schema (reported): a team without its GitHub name is no team
            repo.teams[team_id] = Team(team_id, team["github"], team.get("members", []), lines.line(("teams", team_id)))
        for account_id, grant in data.get("grants", {}).items():
            repo.grants[account_id] = Grant(
                account_id, grant.get("writers", []), grant.get("reviewers", []),
                grant.get("publishers", []), grant.get("responders", []), lines.line(("grants", account_id)),
            )

    def _load_post(self, repo: Repository, relpath: str) -> None:
        read = self.read_document(relpath, "post")
        if read is None:
            return
        meta, split, lines = read
        account_id = account_folder(relpath) or ""
        account = repo.accounts.get(account_id)
        zone_name = account.data.get("timezone") if account else None
        post = Post(relpath, meta, split.body, split.body_line, lines, account_id=account_id, account=account)
        post.publish_at = self._time(post, "publish_at", zone_name)
        post.media = [self._media(index, spec) for index, spec in enumerate(meta.get("media", []))]
        repo.posts.append(post)

    # -- metric files (content/metrics) ------------------------------------------------------

    def _load_metrics(self, repo: Repository, report_paths: set[str] | None) -> None:
        """The metric files a check of `report_paths` reports on (all without it): each
        file's rows checked (or its result from the cache), ids repeated across an
        account's or market's months, then what the rows name checked against accounts,
        posts and people. `files` lists those with no finding. A reported file of a table
        keyed by id is read with its folder's other months, for the ids."""
        repo.metrics.files = {table: [] for table in TABLES}
        repo.metrics.every = report_paths is None
        if report_paths is None:
            paths = metric_files.list_paths(self.root)
        else:
            reported = {path for path in report_paths if metric_files.is_metric_path(path)}
            paths = sorted(reported | metric_files.id_siblings(self.root, reported))
        if not paths:
            return
        cache = metric_files.FileCache(self.root)
        read = [summary for summary in (self._metric_file(cache, relpath) for relpath in paths) if summary]
        cache.save()
        repeated = metric_files.repeated_ids([summary.file for summary in read])
        known_posts = {post_id(relpath).casefold(): post_id(relpath) for relpath in repo.post_paths}
        posts = {post.id: post for post in repo.posts}
        files: dict[str, list[str]] = {table: [] for table in TABLES}
        for summary in read:
            file = summary.file
            repo.metrics.read[file.path] = file
            problems = [(metric_files.FILES_RULE, problem)
                        for problem in summary.problems + repeated.get(file.path, [])]
            if not problems:
                problems = [(metric_files.REFERENCES_RULE, problem) for problem in
                            metric_files.reference_problems(repo, file, known_posts, posts)]
            for rule, problem in problems:
                self.problem(rule, file.path, problem.line, problem.message,
                             f"{problem.hint} ({metric_files.LEFT_OUT})")
            if not problems:
                files[file.table].append(file.path)
        repo.metrics.files = {table: sorted(paths) for table, paths in files.items()}

    def _metric_file(self, cache: metric_files.FileCache, relpath: str) -> metric_files.Summary | None:
        path = os.path.join(self.root, relpath)
        if os.path.islink(path):
            return self._link_problem(relpath, path)
        place = metric_files.place(relpath)
        if isinstance(place, metric_files.Problem):
            if not os.path.lexists(os.path.join(self.root, relpath)):
                self.problem(metric_files.FILES_RULE, relpath, None, "the metric file is missing",
                             "restore it, or leave it out of the check")
            elif os.path.isdir(path):
                pass  # a folder named on the command line: its files are what is checked
            else:
                self.problem(metric_files.FILES_RULE, relpath, place.line, place.message, place.hint)
            return None
        raw = self._read_bytes(relpath)
        return None if raw is None else cache.summary(relpath, place, raw)

    def _read_bytes(self, relpath: str) -> bytes | None:
        """A metric file's bytes, or None (and a finding) when it cannot be read safely."""
        path = os.path.join(self.root, relpath)
        if not relpath.isascii() and not is_utf8(relpath):
            self.problem("syntax", printable_text(relpath), None, "the file name is not valid UTF-8",
                         "rename the file with letters, digits and hyphens")
            return None
        if self._in_linked_folder(relpath):
            return self._link_problem(relpath, path)
        result = read_bytes(path, metric_files.MAX_BYTES, follow_links=False,
                            too_large_hint="keep a metric file to one account and month; "
                                           "pre-commit refuses files over 2 MB")
        if result.is_link:
            return self._link_problem(relpath, path)
        if result.problem:
            self.problem(metric_files.FILES_RULE, relpath, result.problem.line, result.problem.message,
                         result.problem.hint)
        return result.data

    def _media(self, index: int, spec: dict) -> MediaRef:
        return MediaRef(index, spec, self._media_file(spec["file"]))

    def _media_file(self, name: str) -> MediaFile:
        """The media file a post or profile names, shared by every use of the name."""
        if name not in self._media_files:
            self._media_files[name] = self._locate_media(name)
        return self._media_files[name]

    def _locate_media(self, name: str) -> MediaFile:
        """The media file's path inside the repository, or why there is none."""
        inside = "copy the file under content/media and give its path from the repository root"
        if name.startswith(("/", "\\", "~")) or (len(name) > 1 and name[1] == ":"):
            return MediaFile(None, f"media path '{name}' is absolute; use a path inside the repository", inside)
        if "\\" in name:  # a path copied from Windows: on Linux (CI) it names no folder
            return MediaFile(None, f"media path '{name}' has backslashes, which only Windows reads as folders",
                             f"use forward slashes: {name.replace(chr(92), '/')}")
        path = self.root / name
        if not self._inside(path):
            return MediaFile(None, f"media path '{name}' leaves the repository", inside)
        if not path.is_file():
            return MediaFile(None, f"media file '{name}' does not exist", _missing_media_hint(path, name))
        if self._linked(name):
            return MediaFile(None, f"media file '{name}' is a link: a change to what it points to would not show "
                                   "as a change to this file", "replace the link with the file itself")
        return MediaFile(path, cache=self.media_cache)

    def _load_plan(self, repo: Repository, kind: type[Campaign] | type[Incident], relpath: str) -> None:
        """A campaign or an incident: front matter, body, and its span (start and end,
        opened and resolved) as aware times in the plan's zone, else the HQ zone."""
        read = self.read_document(relpath, kind.KIND)
        if read is None:
            return
        meta, split, lines = read
        plan = kind(relpath, meta, split.body, split.body_line, lines)
        zone_name = meta.get("timezone") or repo.policy.data.get("hq_timezone", "UTC")
        first_key, last_key = kind.SPAN
        first, last = self._time(plan, first_key, zone_name), self._time(plan, last_key, zone_name)
        plan.set_span(first, last)
        self._order(plan, first_key, last_key, first, last)
        if isinstance(plan, Incident):
            reports = [("platform_reports", index, "reported") for index in range(len(meta.get("platform_reports", [])))]
            for keys in (*RESPONSE_TIMES, *reports):
                moment = self._time(plan, keys, zone_name)
                if moment is not None:
                    plan.times[keys] = moment
        repo.add_plan(plan)

    def _find_statements(self, incidents: list[Incident]) -> None:
        """The file of each incident's statement post, by its id (<account>/<file name>,
        compared ignoring case as post ids are), looked up in its account's folder."""
        folders: dict[str, dict[str, str]] = {}
        for incident in incidents:
            wanted = incident.meta.get("statement")
            if not isinstance(wanted, str):
                continue  # none, or refused by the schema (an id is <account>/<file name>)
            account, _, name = wanted.lower().partition("/")
            if account not in folders:
                paths = markdown_files(self.root, f"{POSTS_DIR}/{account}", recursive=True)
                folders[account] = {path.rsplit("/", 1)[-1].removesuffix(".md").lower(): path for path in paths}
            incident.statement_path = folders[account].get(name)

    def _load_playbook(self, repo: Repository, relpath: str) -> None:
        read = self.read_document(relpath, Playbook.KIND)
        if read is None:
            return
        meta, split, lines = read
        playbook = Playbook(relpath, meta, split.body, split.body_line, lines)
        repo.playbooks[playbook.id] = playbook

    def _load_sectioned(self, kind: type[SectionedDocument], relpath: str, found: dict) -> None:
        """An annual plan, an evaluation report or a market brief, by its file name."""
        read = self.read_document(relpath, kind.KIND)
        if read is None:
            return
        meta, split, lines = read
        document = kind(relpath, meta, split.body, split.body_line, lines)
        found[document.id] = document


def load(root: Path, report_paths: set[str] | None = None, post_paths: list[str] | None = None,
         neighbour_days: Callable[[Policy], int | None] | None = None) -> Repository:
    """Load the repository at `root`.

    With `report_paths` (repository-relative paths whose findings are wanted), posts are
    loaded only for the accounts those paths touch, unless a path is a global file, a
    campaign or an incident: then everything is loaded. With `neighbour_days` too (how
    many days around a post the rules compare, from the policy), only the touched
    accounts' posts dated that close to a reported post are loaded: a check of a few
    posts costs the same after years of history. `post_paths`, when the caller has
    already listed content/posts, saves listing it again."""
    return Loader(root).load(report_paths, post_paths, neighbour_days)


def load_policy(root: Path) -> Policy:
    """policy.yaml alone (its problems are reported by a full load)."""
    return Loader(root).load_policy()


def markdown_files(root: Path, folder: str, recursive: bool = False) -> list[str]:
    """Repository-relative paths of the .md files in `folder` (and below, if recursive). A
    linked folder is listed as itself, not walked: reading it gives its one finding."""
    top = os.path.join(root, folder)
    if os.path.realpath(top) != os.path.join(os.path.realpath(root), folder):
        return [folder] if os.path.lexists(top) else []  # the folder, or one above it, is a link
    found: list[str] = []
    for directory, subdirs, files in os.walk(top):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith(".")) if recursive else []
        relative = PurePosixPath(Path(directory).relative_to(root).as_posix())
        found.extend(str(relative / name) for name in subdirs if os.path.islink(os.path.join(directory, name)))
        found.extend(str(relative / name) for name in sorted(files) if name.endswith(".md"))
    return found


def post_files(root: Path, accounts: set[str] | None = None) -> list[str]:
    """Every post file, or those of `accounts` only."""
    if accounts is None:
        return markdown_files(root, POSTS_DIR, recursive=True)
    return [path for account in sorted(accounts) for path in markdown_files(root, f"{POSTS_DIR}/{account}", True)]


def _training(handle: str, training: str | list | None, lines: LineMap) -> list[TrainingRecord]:
    """A person's training records (validated); the older single date is one course of no
    named topic, so it still counts where policy asks for training of any topic."""
    if isinstance(training, str):
        return [TrainingRecord("compliance training", (), schema.parse_date(training),
                               lines.line(("people", handle, "training")))]
    return [TrainingRecord(record["course"], tuple(record["topics"]), schema.parse_date(record["date"]),
                           lines.line(("people", handle, "training", index)))
            for index, record in enumerate(training or [])]


def _missing_media_hint(path: Path, name: str) -> str:
    """The file of that folder the name most likely meant (launch.jpeg for launch.jpg)."""
    from .. import suggest

    try:
        neighbours = [entry.name for entry in os.scandir(path.parent) if entry.is_file()]
    except OSError:
        neighbours = []
    close = suggest.closest(path.name, neighbours)
    if close:
        return suggest.did_you_mean(name[: len(name) - len(path.name)] + close)
    return "add the file at that path (from the repository root), or correct the path"


def _accounts_in_scope(report_paths: set[str] | None) -> set[str] | None:
    if report_paths is None:
        return None
    accounts = set()
    for relpath in report_paths:
        if metric_files.is_metric_path(relpath):
            metric_account = metric_files.in_scope(relpath)  # a market's file names no post
            accounts.update([metric_account] if metric_account else [])
            continue
        account = account_folder(relpath)
        if account is None:
            return None  # a global file, plan or incident: its findings may need every post
        accounts.add(account)
    return accounts


def _posts_to_load(post_paths: list[str], report_paths: set[str] | None, accounts: set[str] | None,
                   window: int | None) -> Iterator[str]:
    """The posts a check of `report_paths` needs: all (no scope), the scope's accounts'
    (no window), or the reported posts and those of their accounts dated within `window`
    days of one. A post whose file name has no date is always loaded."""
    if accounts is None or report_paths is None:
        yield from post_paths
        return
    if window is None:
        yield from (relpath for relpath in post_paths if account_folder(relpath) in accounts)
        return
    reported_days: dict[str, list[int]] = defaultdict(list)
    whole_accounts: set[str] = set()
    for relpath in report_paths:
        # a metric file of an account names any of its posts: all of them are loaded
        account = account_folder(relpath) or metric_files.in_scope(relpath) or ""
        day = file_day(relpath) if account_folder(relpath) else None
        if day is None:
            whole_accounts.add(account)
        else:
            reported_days[account].append(day)
    for days in reported_days.values():
        days.sort()
    for relpath in post_paths:
        account = account_folder(relpath)
        if account not in accounts:
            continue
        if relpath in report_paths or account in whole_accounts or _near(file_day(relpath), reported_days[account],
                                                                          window):
            yield relpath


def _near(day: int | None, days: list[int], window: int) -> bool:
    if day is None:
        return True
    index = bisect.bisect_left(days, day - window)
    return index < len(days) and days[index] <= day + window


def _prune(value: dict, paths: list[tuple]) -> dict:
    """Remove the values at `paths` so the model keeps only valid fields. A bad list item,
    or a bad field anywhere inside one (media.0.file), removes its whole list: rules then
    never see a half-valid list. (Only a path ending in the item used to: a bad field inside
    an item stayed, and `media: [{file: null}]` reached the loader's media lookup.)"""
    for path in paths:
        lists = [index for index, part in enumerate(path) if isinstance(part, int)]
        path = path[:lists[0]] if lists else path
        if not path:
            continue
        container: Any = value
        for key in path[:-1]:
            container = container.get(key) if isinstance(container, dict) else None
        if isinstance(container, dict):
            container.pop(path[-1], None)
    return value


def _value_at(value: Any, keys: tuple) -> Any:
    """The value at a key path through mappings and lists, or None."""
    for part in keys:
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return None
    return value


def _kind_of(value: object) -> str:
    return {list: "a list", str: "text", int: "a number", float: "a number", bool: "true/false"}.get(
        type(value), type(value).__name__
    )
