"""What a rule module is made of, and the small types rules use.

A rule is a module with module constants, in the manner of yamllint:

    ID        stable id, used in policy.yaml, waivers and findings
    SECTION   the policy section it enforces (see the policy handbook)
    LEVEL     default level: "error" or "warning"
    OPTIONS   {name: JSON Schema fragment with a "default"} -- validated from policy.yaml
    EXAMPLES  [Example] -- shown in the rules reference and run by the test suite
    NEEDS     (optional) files whose facts the rule judges, e.g. (PERMISSIONS,): when one
              is unreadable the rule does not run, since all it could say follows from
              the one syntax finding on that file
    check(ctx) -> Iterable[Hit]

    neighbour_days(options) -> int   (optional) how many days apart, by the dates in
              their file names, two posts of an account the rule compares can be

    collect(ctx) -> object   and   judge(ctx, collected: list) -> Iterable[Hit]
              (optional, together) for a finding on a file that is not a post which
              needs every post (a campaign's budget against all its boosts): collect
              reads the posts this process loaded into a picklable summary, and judge
              gives the findings from every process's summary; check(ctx) is then
              judge(ctx, [collect(ctx)])

The docstring's first line is the summary; the rest says why and how to fix.

A finding on a post may depend only on that post, the global files, campaigns,
incidents, and the posts of the same account within the rules' `neighbour_days` of
it: that is what a check of a few posts loads (check.load). A finding on a metric file
(content/metrics) may depend on that file, the global files and its account's posts:
a check of a metric file loads them. A finding on any other file does not depend on
posts, except through collect and judge.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .. import language
from ..model.entities import Post, Repository


@dataclass(frozen=True)
class Hit:
    """A rule's raw finding; the engine adds the rule id and level."""

    path: str
    line: int | None
    message: str
    hint: str = ""
    escalate: bool = False  # an error whatever the rule's level (unless off): e.g. past a grace period


@dataclass
class Context:
    repo: Repository
    now: datetime
    options: dict[str, Any] = field(default_factory=dict)
    online: bool = False  # rules may use the network (socialops check --online)
    report_paths: set[str] | None = None  # only findings on these are kept (None: all); lets costly rules skip work
    online_allow_private: bool = False  # --online may also fetch private and local addresses
    rule_ids: frozenset[str] = frozenset()  # every rule's id, for rules about rules (a waiver names one)
    reader: language.Reader = field(default_factory=lambda: language.Reader(frozenset()))  # each post's language, read once

    def reported(self, path: str) -> bool:
        return self.report_paths is None or path in self.report_paths


@dataclass(frozen=True)
class Example:
    """A small repository change that passes or fails the rule.

    `files` are written over the test suite's base repository (accounts acme-us-x on X in
    America/New_York, acme-de-instagram in Europe/Berlin; people alice (content) and
    dana (director)). `lines` are the lines a failing example is flagged on, in its first file.
    """

    title: str
    files: dict[str, str]
    passes: bool
    lines: tuple[int, ...] = ()
    now: str = "2026-03-01T12:00:00Z"
    options: dict[str, Any] = field(default_factory=dict)
    online: bool = False


def post_file(front: str, body: str = "Hello from Acme.", name: str = "acme-us-x/2026/2026-03-02-hello") -> dict[str, str]:
    """An example post file: front matter lines (without the dashes) and a body."""
    return {f"content/posts/{name}.md": f"---\n{front.strip()}\n---\n{body}\n"}


def load_problems(ctx: Context, rule_id: str) -> Iterator[Hit]:
    """The loader's findings for `rule_id` (syntax and schema are found while loading)."""
    for finding in ctx.repo.problems:
        if finding.rule == rule_id:
            yield Hit(finding.path, finding.line, finding.message, finding.hint)


TERM_LISTS = {
    "type": "object",
    "propertyNames": {"pattern": "^(\\*|[A-Z]{2}|[a-z]{2,3}(-[A-Za-z0-9]{2,8})*)$",
                      "x-hint": "key each list by * (everywhere), a market in capitals (US) or a language (en, zh-Hant)"},
    "additionalProperties": {"type": "array", "items": {"type": "string", "minLength": 1}},
}


def term_lists(description: str, default: dict[str, list[str]]) -> dict:
    """The option schema of a term list keyed by "*", market (US) or language (en, zh-Hant)."""
    return {**TERM_LISTS, "default": default, "description": description}


def market_and_language(post: Post) -> tuple[str | None, str | None]:
    """The post's market and its declared language (else its account's first)."""
    return (post.account.market if post.account else None), language.declared(post)


def term_hits(ctx: Context, post: Post, lists: dict[str, list[str]],
              explain: Callable[[str], tuple[str, str]]) -> Iterator[Hit]:
    """A hit for each term of `lists` in the post's title and copy, on its line: the
    lists of the post's market, of its declared language and of the language its copy
    reads as (Reader.written_in). `explain` gives the message and hint for the quoted
    term ('Wahl' (in 'Bundestagswahl'))."""
    from .. import terms

    if not ctx.reported(post.path):
        return  # spares reading the language of posts a path-scoped check does not report
    market = post.account.market if post.account else None
    languages = ctx.reader.written_in(post)
    title = post.meta.get("title")
    if isinstance(title, str):
        for match in terms.find_written(title, lists, market, languages):
            yield Hit(post.path, post.line("title"), *explain(match.quoted(title)))
    for match in terms.find_written(post.body, lists, market, languages):
        yield Hit(post.path, terms.line_of(post.body, post.body_line, match.start), *explain(match.quoted(post.body)))
