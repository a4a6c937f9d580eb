"""One check run: load, run the rules, and on a large repository use every CPU.

Rules keep two promises (rules/base.py): a finding on a post depends only on that post,
the global files, campaigns, incidents and the posts of the same account within the
rules' neighbour_days of it; a finding on a metric file, on its account's posts; a
finding on any other file does not depend on posts at all, but for a rule that needs
every post (a campaign's budget), which collects from each part and judges the sums
(rules/base.py). So a check of a few posts loads just their neighbours (load), and a
large repository is checked in parts: the accounts' post folders are shared out among
processes, each loading the global files plus its own accounts' posts and metric files
and reporting on those; this process also reports on every other file. The union is
exactly what one process would report (tests/test_check.py compares the two).
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .findings import Finding
from .model import loader, metric_files
from .model.entities import Policy, Repository
from .model.layout import POLICY
from .rules import engine, registry

PARALLEL_FROM_POSTS = 1000  # below this, starting processes costs more than it saves


@dataclass
class Result:
    findings: list[Finding]
    config_errors: list[Finding]  # problems in policy.yaml: the rules cannot be configured
    processes: int = 1  # how many processes checked a part (more than one: the check ran in parts)
    files_checked: int = 0  # the files reported on: the paths asked about, else every file read


def run(root: Path, now: datetime, report_paths: set[str] | None = None, online: bool = False,
        jobs: int | None = None, parallel_from: int = PARALLEL_FROM_POSTS, online_allow_private: bool = False) -> Result:
    """The check of the repository at `root`; with `report_paths`, of those files only."""
    jobs = jobs or os.cpu_count() or 1
    if report_paths is None and jobs > 1:
        post_paths = loader.post_files(root)
        parts = _partition(post_paths, jobs)
        if len(parts) > 1 and len(post_paths) >= parallel_from and _can_fork():
            return _run_in_parts(root, now, online, online_allow_private, parts, post_paths)
    return run_loaded(load(root, report_paths), now, report_paths, online=online,
                      online_allow_private=online_allow_private)


def load(root: Path, report_paths: set[str] | None = None, post_paths: list[str] | None = None) -> Repository:
    """The model a check of `report_paths` needs: for a few posts, their accounts' posts
    within the rules' neighbour_days of them, not years of history."""
    return loader.load(root, report_paths, post_paths, neighbour_days=_neighbour_days)


def _neighbour_days(policy: Policy) -> int | None:
    return None if registry.settings_problems(policy) else registry.neighbour_days(policy)


def run_loaded(repo: Repository, now: datetime, report_paths: set[str] | None = None, online: bool = False,
               online_allow_private: bool = False) -> Result:
    """The check of a repository already loaded (with `load(root, report_paths)`), in this
    process: for callers that also read the model, so it is loaded once."""
    errors = config_errors(repo)
    findings = [] if errors else engine.run(repo, now, report_paths, online=online,
                                            online_allow_private=online_allow_private)
    repo.keep_caches()
    checked = len(report_paths) if report_paths is not None else _files_checked(repo, repo.post_paths, findings)
    return Result(findings, errors, files_checked=checked)


def _files_checked(repo: Repository, post_paths: list[str], findings: list[Finding]) -> int:
    """How many files a whole check covered: every file read, every post (a part's
    posts were read by its own process), and any other path a finding names (a
    missing or unreadable file)."""
    return len(set(repo.texts) | set(post_paths) | set(repo.metrics.read) | {f.path for f in repo.problems}
               | {f.path for f in findings})


def config_errors(repo: Repository) -> list[Finding]:
    """Problems in policy.yaml: while there is one, the rules cannot be configured."""
    return [finding for finding in repo.problems if finding.path == POLICY] + registry.settings_problems(repo.policy)


def _can_fork() -> bool:
    import multiprocessing  # only a large repository's check needs it: a few files' check starts faster

    return "fork" in multiprocessing.get_all_start_methods()


def _partition(post_paths: list[str], jobs: int) -> list[list[str]]:
    """Post paths grouped by account into `jobs` parts of similar size; [] when a post
    lies outside any account folder (then one process checks everything)."""
    by_account: dict[str, list[str]] = defaultdict(list)
    for path in post_paths:
        account = loader.account_folder(path)
        if account is None:
            return []
        by_account[account].append(path)
    parts: list[list[str]] = [[] for _ in range(min(jobs, len(by_account)))]
    for paths in sorted(by_account.values(), key=len, reverse=True):
        min(parts, key=len).extend(paths)
    return parts


def _run_in_parts(root: Path, now: datetime, online: bool, online_allow_private: bool, parts: list[list[str]],
                  post_paths: list[str]) -> Result:
    """This process checks the first part and every file that is not a post; forked
    workers check the other parts' posts."""
    import multiprocessing

    metric_paths = metric_files.list_paths(root)
    parts = _with_metric_files(metric_paths, parts)
    context = multiprocessing.get_context("fork")
    with context.Pool(len(parts) - 1) as pool:
        pending = pool.starmap_async(_check_part, [(root, now, online, online_allow_private, part, post_paths)
                                                   for part in parts[1:]])
        repo = loader.load(root, set(parts[0]), post_paths)
        errors = config_errors(repo)
        if errors:
            pool.terminate()
            return Result([], errors)
        others = {path for part in parts[1:] for path in part}
        judged_apart = engine.collecting(repo)
        findings = [f for f in engine.run(repo, now, online=online, online_allow_private=online_allow_private,
                                          skip=judged_apart) if f.path not in others]
        collected = {rule_id: [summary] for rule_id, summary in engine.collect(repo, now).items()}
        repo.keep_caches()
        processes = {os.getpid()}
        for pid, part_findings, part_collected in pending.get():
            processes.add(pid)
            findings.extend(part_findings)
            for rule_id, summary in part_collected.items():
                collected[rule_id].append(summary)
        findings += [f for f in engine.judge(repo, now, collected) if f.path not in others]
    return Result(sorted(set(findings), key=Finding.sort_key), [], len(processes),
                  _files_checked(repo, post_paths + metric_paths, findings))


def _with_metric_files(metric_paths: list[str], parts: list[list[str]]) -> list[list[str]]:
    """Each part with its accounts' metric files (whose rows name those accounts' posts);
    the first part also with every other metric file (a market's, or a misplaced one)."""
    part_of = {loader.account_folder(path): number for number, part in enumerate(parts) for path in part}
    extended = [list(part) for part in parts]
    for path in metric_paths:
        extended[part_of.get(metric_files.in_scope(path), 0)].append(path)
    return extended


def _check_part(root: Path, now: datetime, online: bool, online_allow_private: bool, paths: list[str],
                post_paths: list[str]) -> tuple[int, list[Finding], dict[str, object]]:
    """A part's findings on its posts, and what the collecting rules read from them."""
    report_paths = set(paths)
    repo = loader.load(root, report_paths, post_paths)
    findings = engine.run(repo, now, report_paths, online=online, online_allow_private=online_allow_private)
    collected = engine.collect(repo, now)
    repo.keep_caches()
    return os.getpid(), findings, collected
