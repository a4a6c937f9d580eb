"""The bad-input corpus: broken and hostile files, each with every finding it must give.

A case is a folder tests/corpus/<case-id>/ (the id is the folder's name):

    <any path>        a file laid over the base repository (tests/fixtures/base) at that
                      path, byte for byte: tabs, BOM, CRLF and bad bytes stay as written
    outside/          optional: files for a folder OUTSIDE the repository, for links
    case.yaml         what the case is and what the check must say:

        about: one line, why the case exists
        now: 2026-03-01T12:00:00Z          optional: the check's "now" (this is the default)
        make:                              optional: what git cannot hold, made by the test
          - path: content/posts/a.md       a file of text: `text`, or `parts` (a list of
            parts: ["## Theme", {repeat: " ", times: 4000}, "x"]   strings and repeats)
            bytes: true                    optional: each character U+0000-U+00FF is one byte
          - path_bytes: "content/caf\\xe9.md"  a file NAME that is not UTF-8 (characters as bytes)
            text: "..."
          - {path: content/posts, link: "{outside}/posts"}   a symbolic link ({outside}: outside/)
          - {path: content/posts/x.md, fifo: true}           a named pipe
          - {path: policy.yaml, folder: true}                a folder where a file should be
          - {path: accounts.yaml, delete: true}              remove a file of the base
        findings:                          EVERY finding the check gives, in any order ([] = none)
          - path: content/posts/acme-us-x/2026/2026-03-02-a.md
            line: 5                        null when the finding has no line
            rule: syntax
            message: "duplicate key 'status'"   a part of the message that carries the point
            hint: "remove one"             optional: a part of the hint (a hint is always required)
        missing_hint: reason               optional: some hints are still missing (xfail, strict)
        xfail: reason                      optional: a known defect, named (xfail, strict)
        slow: reason                       optional: a known hang; not run until it is fixed

So a newcomer adds a case by adding a folder with the broken file and its case.yaml.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from socialops import check
from socialops.clock import parse_now
from socialops.findings import Finding
from tests.conftest import BASE

CORPUS = Path(__file__).parent / "corpus"
DEFAULT_NOW = "2026-03-01T12:00:00Z"


@dataclass
class Case:
    folder: Path
    spec: dict

    @property
    def id(self) -> str:
        return self.folder.name


def _cases() -> list[Case]:
    return [Case(folder, yaml.safe_load((folder / "case.yaml").read_text("utf-8")))
            for folder in sorted(CORPUS.iterdir()) if (folder / "case.yaml").is_file()]


def _param(case: Case):  # type: ignore[no-untyped-def]
    marks = []
    if case.spec.get("slow"):
        marks.append(pytest.mark.xfail(reason=case.spec["slow"], run=False))
    elif case.spec.get("xfail"):
        marks.append(pytest.mark.xfail(reason=case.spec["xfail"], strict=True))
    return pytest.param(case, id=case.id, marks=marks)


# -- building the repository -------------------------------------------------------------------


def _content(item: dict) -> bytes:
    if "parts" in item:
        text = "".join(part if isinstance(part, str) else part["repeat"] * part["times"] for part in item["parts"])
    else:
        text = item.get("text", "")
    return text.encode("latin-1") if item.get("bytes") else text.encode("utf-8")


def _make(root: Path, outside: Path, item: dict) -> None:
    if "path_bytes" in item:
        path: str | bytes = os.path.join(os.fsencode(root), item["path_bytes"].encode("latin-1"))
    else:
        path = str(root / item["path"])
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if os.path.lexists(path) and not os.path.isdir(path):
        os.unlink(path)  # what the case makes replaces the base's file
    if "link" in item:
        os.symlink(item["link"].replace("{outside}", str(outside)), path)
    elif item.get("fifo"):
        os.mkfifo(path)
    elif item.get("folder"):
        os.mkdir(path)
    elif not item.get("delete"):
        with open(path, "wb") as handle:
            handle.write(_content(item))


def build(case: Case, tmp_path: Path) -> Path:
    """The base repository with the case's files over it, in tmp_path/repo; the case's
    outside/ folder at tmp_path/outside."""
    root, outside = tmp_path / "repo", tmp_path / "outside"
    shutil.copytree(BASE, root)
    outside.mkdir()
    for source in sorted(case.folder.rglob("*")):
        relative = source.relative_to(case.folder)
        if source.is_dir() or relative.as_posix() == "case.yaml":
            continue
        target = outside / relative.relative_to("outside") if relative.parts[0] == "outside" else root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    for item in case.spec.get("make", []):
        _make(root, outside, item)
    return root


# -- comparing findings ------------------------------------------------------------------------


def _matches(expected: dict, found: Finding) -> bool:
    return (found.path == expected["path"] and found.line == expected["line"] and found.rule == expected["rule"]
            and expected["message"] in found.message and expected.get("hint", "") in found.hint)


def _unmatched(expected: list[dict], found: list[Finding]) -> tuple[list[dict], list[Finding]]:
    """Pairs each expected finding with one found finding; returns what is left of each.
    The longest message parts are paired first, so a short part cannot take a finding a
    longer one needs."""
    left = list(found)
    missing = []
    for want in sorted(expected, key=lambda entry: -len(entry["message"])):
        match = next((finding for finding in left if _matches(want, finding)), None)
        if match is None:
            missing.append(want)
        else:
            left.remove(match)
    return missing, left


def _shown(findings: list[Finding]) -> str:
    return "\n".join(f"  {f.path}:{f.line} {f.rule}: {f.message} | hint: {f.hint}" for f in findings)


@pytest.mark.parametrize("case", [_param(case) for case in _cases()])
def test_corpus_case(case: Case, tmp_path: Path) -> None:
    root = build(case, tmp_path)
    result = check.run(root, parse_now(str(case.spec.get("now", DEFAULT_NOW))), jobs=1)
    found = result.findings + result.config_errors
    missing, unexpected = _unmatched(case.spec["findings"], found)
    assert not missing and not unexpected, (
        f"missing: {missing}\nunexpected:\n{_shown(unexpected)}\nall found:\n{_shown(found)}")
    for finding in found:
        assert not finding.path.startswith("/") and ".." not in finding.path.split("/"), finding
    without_hint = [finding for finding in found if not finding.hint]
    if case.spec.get("missing_hint"):
        assert without_hint, "every finding has its hint now: remove missing_hint from case.yaml"
        pytest.xfail(case.spec["missing_hint"])
    assert not without_hint, f"findings without a hint:\n{_shown(without_hint)}"


def test_the_corpus_covers_every_case_folder() -> None:
    """A folder without case.yaml would be silently skipped: it is a mistake."""
    folders = {folder.name for folder in CORPUS.iterdir() if folder.is_dir()}
    assert folders == {case.id for case in _cases()}
