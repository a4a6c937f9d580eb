"""One check run: load, run the rules, and on a large repository use every CPU.

Rules keep two promises (rules/base.py): a finding on a post depends only on that post,
the global files, campaigns, incidents and posts of the same account; a finding on any
other file does not depend on posts at all. So a large repository is checked in parts:
the accounts' post folders are shared out among processes, each loading the global
files plus its own accounts' posts and reporting on those posts; this process also
reports on every file that is not a post. The union is exactly what one process would
report (tests/test_check.py compares the two).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .findings import Finding
from .model import loader
from .model.entities import Repository
from .rules import engine

PARALLEL_FROM_POSTS = 1000  # below this, starting processes costs more than it saves


@dataclass
class Result:
    findings: list[Finding]
    config_errors: list[Finding]  # problems in policy.yaml: the rules cannot be configured


def run(root: Path, now: datetime, only: set[str] | None = None, online: bool = False,
        jobs: int | None = None, parallel_from: int = PARALLEL_FROM_POSTS, online_allow_private: bool = False) -> Result:
    jobs = jobs or os.cpu_count() or 1
    if only is None and jobs > 1:
        post_paths = loader.post_files(root)
        parts = _partition(post_paths, jobs)
        if len(parts) > 1 and len(post_paths) >= parallel_from and "fork" in multiprocessing.get_all_start_methods():
            return _run_in_parts(root, now, online, online_allow_private, parts, post_paths)
    return run_loaded(loader.load(root, only), now, only, online=online, online_allow_private=online_allow_private)


def run_loaded(repo: Repository, now: datetime, only: set[str] | None = None, online: bool = False,
               online_allow_private: bool = False) -> Result:
    """The check of a repository already loaded (with `loader.load(root, only)`), in this
    process: for callers that also read the model, so it is loaded once."""
    errors = _config_errors(repo.problems)
    findings = [] if errors else engine.run(repo, now, only, online=online, online_allow_private=online_allow_private)
    return Result(findings, errors)


def _config_errors(problems: list[Finding]) -> list[Finding]:
    return [finding for finding in problems if finding.path == "policy.yaml"]


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
    context = multiprocessing.get_context("fork")
    with context.Pool(len(parts) - 1) as pool:
        pending = pool.starmap_async(_check_part, [(root, now, online, online_allow_private, part, post_paths)
                                                   for part in parts[1:]])
        repo = loader.load(root, set(parts[0]), post_paths)
        errors = _config_errors(repo.problems)
        if errors:
            pool.terminate()
            return Result([], errors)
        others = set(repo.post_paths) - set(parts[0])
        findings = [f for f in engine.run(repo, now, online=online, online_allow_private=online_allow_private)
                    if f.path not in others]
        for part_findings in pending.get():
            findings.extend(part_findings)
    return Result(sorted(set(findings), key=Finding.sort_key), [])


def _check_part(root: Path, now: datetime, online: bool, online_allow_private: bool, paths: list[str],
                post_paths: list[str]) -> list[Finding]:
    wanted = set(paths)
    return engine.run(loader.load(root, wanted, post_paths), now, wanted, online=online,
                      online_allow_private=online_allow_private)
