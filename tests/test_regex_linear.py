"""Every regular expression in scripts/socialops takes time linear in its input.

Python's `re` backtracks: a pattern whose quantifiers can share characters (`\\s*.+?\\s*`)
may try every way of sharing them, and one hostile line then takes minutes. Each pattern
is listed in REGEXES with how the code applies it; the test feeds it inputs of ~100 KB
(runs of spaces, runs of each of its characters, its own shortest match repeated, and
each beginning of that match followed by a long run: near-misses) and bounds its time as
a ratio to a plain Python scan of the same input, measured in the same test.

A newcomer who adds a pattern adds it to REGEXES (`test_every_regex_is_listed` fails
until then), with extra `Seed`s when the pattern has a weak spot the generic inputs miss.
"""

from __future__ import annotations

import ast
import re
import re._compiler as sre_compiler  # the standard library's own regex compiler and parser
import re._parser as sre_parser
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import regex as regex_module

from socialops import counting, language, scaffold, terms
from socialops.github import api, audit, codeowners, markdown, pulls
from socialops.importers import read as importers_read
from socialops.model import entities, metric_files, metrics, schema, yamltext
from socialops.output import sarif, text
from socialops.rules import campaign_promotion, docs, links, post_location, secrets, text_entities
from socialops.site import handbook
from tests.conftest import best_time

PACKAGE = Path(__file__).resolve().parents[1] / "scripts" / "socialops"
SIZE = 100_000  # characters of each hostile input
SIZES = (100, 1_000, 10_000, SIZE)  # grown step by step, so a super-linear pattern fails early instead of hanging
MAX_RATIO = 50  # pattern time / linear-scan time, at SIZE
MAX_RATIO_SMALL = 1_000  # before SIZE: timings of microseconds are noisy, but cubic is far above this
NEAR_MISS_END = "\x00"  # a character that ends a run and matches almost nothing


@dataclass(frozen=True)
class Seed:
    """A hostile input: `prefix`, then `unit` repeated to the size wanted, then `suffix`."""

    prefix: str
    unit: str
    suffix: str = ""

    def text(self, size: int) -> str:
        return self.prefix + self.unit * max(1, (size - len(self.prefix) - len(self.suffix)) // len(self.unit)) + self.suffix


@dataclass(frozen=True)
class Regex:
    """A pattern of the package. `uses`: how the code applies it ("search" covers search,
    finditer, findall, sub; "match"; "fullmatch"). `builds`: for a pattern made at run
    time, "path/from/socialops.py:function" where it is compiled. `guard`: when the code
    only ever applies the pattern through a function that bounds its input, that
    function is what is timed."""

    name: str
    pattern: Callable[[], re.Pattern]
    uses: tuple[str, ...]
    seeds: tuple[Seed, ...] = ()
    builds: str = ""
    guard: Callable[[str], object] | None = None  # the code's own function that bounds what the pattern sees


def inline(source: str, flags: int = 0) -> Callable[[], re.Pattern]:
    """A pattern written inline in a call such as re.fullmatch(r"...", value)."""
    return lambda: re.compile(source, flags)


S, M, F = ("search",), ("match",), ("fullmatch",)
REGEXES = [
    # writers' files: posts, campaigns, accounts, people, policy
    Regex("secrets.VAULT_REFERENCE", lambda: secrets.VAULT_REFERENCE, M, (Seed("a", "a"), Seed("a", "+"))),
    Regex("secrets._YAML_PAIR", lambda: secrets._YAML_PAIR, F,
          (Seed(" ", " ", "password" + " " * 500 + "word"), Seed("", " ", "password"), Seed("# ", "a ", ": x #"))),
    Regex("secrets keywords", lambda: re.compile("|".join(_denylist())), S, (Seed("", "api_"), Seed("", "pass")),
          builds="rules/secrets.py:_prefilter"),
    Regex("links.URL", lambda: links.URL, S, (Seed("", "http://"), Seed("https://", "a"))),
    Regex("text_entities hashtags", lambda: text_entities.PATTERNS["hashtags"], S, (Seed("#", "1"), Seed("", "#_1"))),
    Regex("text_entities mentions", lambda: text_entities.PATTERNS["mentions"], S, (Seed("", "@."),)),
    Regex("text_entities links", lambda: text_entities.PATTERNS["links"], S, (Seed("", "https://"),)),
    Regex("campaign_promotion._MECHANICS", lambda: campaign_promotion._MECHANICS, S,
          (Seed("", "share "), Seed("", "tag 1"), Seed("tag ", "1"))),
    Regex("campaign_promotion._CONTACT", lambda: campaign_promotion._CONTACT, S,
          (Seed("", "p"), Seed("", "a."), Seed("x@", "a-"), Seed("", "a@"))),
    Regex("campaign_promotion zoned", inline(r"(Z|[+-]\d{2}:?\d{2})$"), S, (Seed("", "+00"), Seed("", "+00:"))),
    Regex("post_location._NAME", lambda: post_location._NAME, M, (Seed("content/posts/", "a"),)),
    Regex("entities.THREAD_BREAK", lambda: entities.THREAD_BREAK, F, (Seed("---", " ", "x"),)),
    Regex("entities.HEADING", lambda: entities.HEADING, M,
          (Seed("## a", " ", "b"), Seed("## ", " ", "#"), Seed("#", " #", "x"), Seed("### Data", " ", " ##x"))),
    Regex("schema._DATETIME", lambda: schema._DATETIME, M, (Seed("2026-03-02T09:00:00.", "1"),)),
    Regex("schema date", inline(r"\d{4}-\d{2}-\d{2}"), F),
    Regex("schema zone", inline(r"[A-Za-z0-9_+\-]+(/[A-Za-z0-9_+\-]+)*"), F, (Seed("", "a/", "!"), Seed("", "a/a", "/"))),
    Regex("yamltext bool", inline(r"^(?:true|True|TRUE|false|False|FALSE)$"), M),
    Regex("yamltext yaml11-bool", inline(r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$"), M),
    Regex("yamltext int", inline(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), M),
    Regex("yamltext sexagesimal", inline(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$"), M,
          (Seed("1", ":1"), Seed("1", ":1", "x"), Seed("1", "_", ":"))),
    Regex("yamltext float", inline(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                                   r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"), M, (Seed("1.", "1", "e"),)),
    Regex("yamltext null", inline(r"^(?:~|null|Null|NULL|)$"), M),
    Regex("yamltext merge", inline(r"^<<$"), M),
    Regex("terms._SPACED", lambda: terms._SPACED, M),
    Regex("terms._WORD", lambda: terms._WORD, S, (Seed("", "a1"), Seed("", "ä_"))),
    Regex("terms._STEMMABLE", lambda: terms._STEMMABLE, F, (Seed("", "a", "1"), Seed("", "ä", "-"))),
    Regex("language._ENTITIES", lambda: language._ENTITIES, S,
          (Seed("", "http://"), Seed("", "https:/"), Seed("", "www."), Seed("", "@a"), Seed("", "@"), Seed("", "#"),
           Seed("", "＃a"), Seed("", "$"))),
    Regex("language._NOT_LETTERS", lambda: language._NOT_LETTERS, S, (Seed("", "1'"), Seed("", "a1"), Seed("", "_ "))),
    Regex("terms._pattern", lambda: terms._pattern(("ab", "a b", "No. 1", "Rückruf", "春", "x-"))[0], S,
          (Seed("", "a "), Seed("", "no. "), Seed("", "ab"), Seed("", "春")), builds="terms.py:_pattern"),
    # metric files: their paths, and the published_url a post's platform id is read from
    Regex("metric_files.MONTH_FILE", lambda: metric_files.MONTH_FILE, F, (Seed("2026-", "1"), Seed("", "2026-10.csv"))),
    Regex("metric_files.numbers_row", lambda: metric_files.numbers_row(("count", "signed", "signed", "count")), F,
          (Seed("", "1"), Seed("", "-1,"), Seed("1,", "-"), Seed("", ",1-")), builds="model/metric_files.py:numbers_row"),
    Regex("metric_files.TIMESTAMP", lambda: metric_files.TIMESTAMP, F,
          (Seed("2026-02-02T10:00:00.", "1"), Seed("2026-02-02T10:00", ":00"), Seed("", "2026-02-02T"))),
    # counting: every post's copy
    Regex("counting.LINKEDIN_RESERVED", lambda: counting.LINKEDIN_RESERVED, S),
    Regex("counting._WHITESPACE_RUNS", lambda: counting._WHITESPACE_RUNS, S, (Seed("", " a"),)),
    Regex("counting._LIGHT", lambda: counting._LIGHT, S, (Seed("", "中"),)),
    Regex("counting._LINE_ENDINGS", lambda: counting._LINE_ENDINGS, S, (Seed("", "a\r\n"),)),
    Regex("counting._DOMAIN_DOT", lambda: counting._DOMAIN_DOT, S),
    Regex("counting._MASTODON_URL", lambda: counting._MASTODON_URL, S, (Seed("", "http://"),)),
    Regex("counting._MASTODON_REMOTE_MENTION", lambda: counting._MASTODON_REMOTE_MENTION, S,
          (Seed("@", "a", "@"), Seed("@a@", "a-"), Seed("", "@a"), Seed("@", ".", "@.-"))),
    Regex("counting CJK letters", lambda: regex_module.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]"), S,
          (Seed("", "中"),)),
    Regex("yamltext._INDENTATION", lambda: yamltext._INDENTATION, M, (Seed("", " "), Seed("", "- "), Seed("", "-"))),
    Regex("suggest spaces", inline(r"\s+"), S),
    Regex("suggest tag separators", inline(r"[\s_]+"), S, (Seed("", " _"),)),
    # our own generated code, not writers' text; listed because every pattern is
    Regex("schema validator entry", inline(r"^def (\w+)\(", re.MULTILINE), S, (Seed("def ", "a"),)),
    Regex("counting._FLAG_HALVES", lambda: counting._FLAG_HALVES, S, (Seed("", "\U0001f1e6"), Seed("", "\U0001f1e6a"))),
    Regex("counting graphemes", lambda: regex_module.compile(r"\X"), S,
          (Seed("a", "\u0301"), Seed("", "👍🏽"), Seed("", "\u200d"), Seed("", "\U0001f1e6"), Seed("\U0001f1e6", "\u200d"),
           Seed("", "\U0001f1e6\U0001f1e6\u0301")), guard=counting.clusters),
    Regex("sarif._NUMBER", lambda: sarif._NUMBER, S),
    Regex("docs._BACKTICKS", lambda: docs._BACKTICKS, S, (Seed("", "`"), Seed("`", "a"))),
    Regex("handbook._HEADING", lambda: handbook._HEADING, M, (Seed("## 1", ".1"), Seed("#### ", "1", " "), Seed("# 1", ".1."))),
    # the pull request preview and review gate: writers' text and names from GitHub
    Regex("markdown._PUNCTUATION", lambda: markdown._PUNCTUATION, S),
    Regex("markdown._LEADING_MARK", lambda: markdown._LEADING_MARK, S),
    Regex("markdown._LEADING_NUMBER", lambda: markdown._LEADING_NUMBER, S, (Seed("", "1"),)),
    Regex("markdown._MENTION", lambda: markdown._MENTION, S),
    Regex("markdown._ISSUE", lambda: markdown._ISSUE, S),
    Regex("markdown._GH_ISSUE", lambda: markdown._GH_ISSUE, S, (Seed("", "gh\\-"), Seed("", "GH-"))),
    Regex("markdown._INFO", lambda: markdown._INFO, F, (Seed("", "a", " "),)),
    Regex("markdown._FENCE_OPEN", lambda: markdown._FENCE_OPEN, M, (Seed("   ", "`"), Seed("", "~", "\n"))),
    Regex("markdown._RUN", lambda: markdown._RUN, S, (Seed("", "``"), Seed("", "~~ "))),
    Regex("markdown._REFERENCE", lambda: markdown._REFERENCE, S, (Seed("", "&am"),)),
    Regex("markdown cell pipe", inline(r"(?<!\\)\|"), S, (Seed("", "\\|"),)),
    Regex("markdown backtick run", inline(r"`+"), S, (Seed("", "` "),)),
    Regex("pulls._BRANCH_NAME", lambda: pulls._BRANCH_NAME, F, (Seed("", "a", ":"),)),
    Regex("pulls login", inline(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})"), F),
    Regex("codeowners._SEGMENT", lambda: codeowners._SEGMENT, F),
    Regex("codeowners._HANDLE", lambda: codeowners._HANDLE, F),
    Regex("codeowners._TEAM", lambda: codeowners._TEAM, F, (Seed("a", "-", "/"), Seed("a/", "a", "/"))),
    Regex("api._NEXT", lambda: api._NEXT, S, (Seed("<a>", " ", ";"), Seed("", "<a>; "))),
    Regex("api repository", inline(r"[\w.-]+/[\w.-]+"), F, (Seed("", "a", "/"), Seed("a/", "a", "/"))),
    Regex("api scheme", inline(r"[A-Za-z][A-Za-z0-9+.-]*:"), M, (Seed("a", "+"),)),
    Regex("api origin", inline(r"^https?://[^/]+"), S, (Seed("https://", "a"),)),
    Regex("gate head", inline(r"[0-9a-f]{40}"), F),
    Regex("audit.FINGERPRINT", lambda: audit.FINGERPRINT, S, (Seed("", "<!-- socialops-audit-fingerprint: "),)),
    Regex("text._UNSAFE", lambda: text._UNSAFE, S, (Seed("", "\x1b["),)),
    Regex("audit._AGE", lambda: audit._AGE, S,
          (Seed("", "1"), Seed("", "1 day"), Seed("", "1 hour "), Seed("", "1 minutes"))),
    *(Regex(f"audit.OVERDUE_MESSAGES {rule}", lambda pattern=pattern: pattern, S)
      for rule, pattern in audit.OVERDUE_MESSAGES.items()),
    Regex("scaffold._SLUG", lambda: scaffold._SLUG, F, (Seed("a", "-", "!"), Seed("a", "-", "\n"))),
    # init and the demo: the company's own answers and the demo's own text
    Regex("init domains", inline(r"[a-z0-9.-]+"), F),
    Regex("init site_name", inline(r"(?m)^site_name:.*$"), S, (Seed("", "site_name:\n"),)),
    Regex("demo plain_safe", inline(r": |\s#|^[-?:,\[\]{}#&*!|>'\"%@`]|^(yes|no|on|off|true|false|null|~)$", re.I), S),
    Regex("demo number", inline(r"[\d.:+-]+"), F),
    Regex("preview repository", inline(r"[\w.-]+/[\w.-]+"), F),
    # model/metrics.py: a post's published_url, and the links in an analyst's export file
    Regex("metrics._DIGITS", lambda: metrics._DIGITS, F),
    Regex("metrics._X_STATUS", lambda: metrics._X_STATUS, S, (Seed("", "/status"), Seed("/statuses/", "1", "x"))),
    Regex("metrics._TIKTOK_VIDEO", lambda: metrics._TIKTOK_VIDEO, S, (Seed("", "/video"),)),
    Regex("metrics._INSTAGRAM", lambda: metrics._INSTAGRAM, S, (Seed("", "/p"), Seed("/reel/", "a"))),
    Regex("metrics._LINKEDIN_URN", lambda: metrics._LINKEDIN_URN, S, (Seed("", "urn:li:share:"),)),
    Regex("metrics._YOUTUBE_PATH", lambda: metrics._YOUTUBE_PATH, S, (Seed("", "/shorts/a"),)),
    Regex("metrics._FACEBOOK", lambda: metrics._FACEBOOK, S, (Seed("", "/posts"), Seed("/videos/", "a"))),
    # importers: the cells of an analyst's export file
    Regex("importers.read.TOKEN", lambda: importers_read.TOKEN, S, (Seed("", "a1"), Seed("", "ş_"))),
]


@cache
def _denylist() -> tuple[str, ...]:
    from detect_secrets.plugins.keyword import DENYLIST

    return tuple(DENYLIST)


@pytest.mark.parametrize("case", REGEXES, ids=[case.name for case in REGEXES])
def test_regex_is_linear(case: Regex) -> None:
    pattern = case.pattern()
    seeds = dict.fromkeys(case.seeds + _generic_seeds(pattern))
    worst: tuple[float, str] = (0.0, "")
    for seed in seeds:
        for size in SIZES:
            text = seed.text(size)
            bound = MAX_RATIO if size == SIZE else MAX_RATIO_SMALL
            ratio = _ratio(case, pattern, text, bound)
            assert ratio <= bound, f"{case.name} on {seed} at {len(text):,} characters: {ratio:.0f}x a linear scan"
            worst = max(worst, (ratio, repr(seed)))
    assert worst[0] <= MAX_RATIO, worst


def _ratio(case: Regex, pattern: re.Pattern, text: str, bound: float, tries: int = 3) -> float:
    """The pattern's time over a linear scan's, both measured afresh on each try, until
    one is within `bound`: a busy machine slows one measurement, while a quadratic
    pattern is hundreds of times over at 100 KB on every try."""
    if case.guard:
        def operation() -> object:
            return case.guard(text)
    else:
        def operation() -> object:
            return _apply(pattern, case.uses, text)
    ratio = float("inf")
    for _ in range(tries):
        ratio = min(ratio, best_time(operation) / _linear_scan_time(text))
        if ratio <= bound:
            break
    return ratio


def _linear_scan_time(text: str) -> float:
    """The baseline: a Python loop that looks at each character once."""
    return best_time(lambda: sum(1 for char in text if char == " "))


def _apply(pattern: re.Pattern, uses: tuple[str, ...], text: str) -> None:
    for use in uses:
        if use == "search":
            pattern.subn("", text)  # tries every place finditer does, without a match object for each
        else:
            getattr(pattern, use)(text)



# -- generic hostile inputs, from the pattern itself --------------------------------------

_POOL = "a Z1_.-:/@#\t!+~`'\"<>&|\\中é"  # candidates for a character a class accepts


def _generic_seeds(pattern: re.Pattern) -> tuple[Seed, ...]:
    """Runs of spaces and of each character the pattern names; its shortest match
    repeated; each beginning of that match repeated, and followed by a long run of the
    character that comes next, or of spaces, then a character that ends the run."""
    if not isinstance(pattern, re.Pattern):
        return (Seed("", " "), Seed("", "a"))  # the `regex` module: its own seeds only
    parsed = sre_parser.parse(pattern.pattern, pattern.flags)
    shortest, atoms = _shortest_match(parsed)
    seeds = [Seed("", " ")] + [Seed("", atom) for atom in list(dict.fromkeys(atoms))[:6]]
    if shortest:
        seeds.append(Seed("", shortest))
        cuts = sorted({len(shortest) * k // 6 for k in range(1, 6)} - {0})
        for cut in cuts:
            begin, following = shortest[:cut], shortest[cut]
            seeds += [Seed("", begin), Seed(begin, following, NEAR_MISS_END), Seed(begin, " ", NEAR_MISS_END)]
    return tuple(seeds)


def _shortest_match(items: sre_parser.SubPattern) -> tuple[str, list[str]]:
    """A short string the pattern's items spell (each repeat once, each branch's first
    alternative), and every single character it is made of."""
    text, atoms = "", []
    for op, argument in items:
        name = str(op)
        if name in ("LITERAL", "NOT_LITERAL", "IN", "ANY"):
            char = _a_char_of(items, (op, argument))
            text += char
            atoms.append(char)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            part, found = _shortest_match(argument[2])
            text += part * min(max(1, argument[0]), 64)
            atoms += found
        elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
            part, found = _shortest_match(argument[-1] if name == "SUBPATTERN" else argument)
            text += part
            atoms += found
        elif name == "BRANCH":
            for number, alternative in enumerate(argument[1]):
                part, found = _shortest_match(alternative)
                text += part if number == 0 else ""
                atoms += found
    return text, atoms


def _a_char_of(parent: sre_parser.SubPattern, item: tuple) -> str:
    """The first character of _POOL that this one-character item accepts."""
    single = sre_compiler.compile(sre_parser.SubPattern(parent.state, [item]), parent.state.flags)
    return next((char for char in _POOL if single.fullmatch(char)), "a")


# -- every pattern is listed ------------------------------------------------------------------

_FUNCTIONS = {"compile", "match", "search", "fullmatch", "findall", "finditer", "sub", "subn", "split"}


def _patterns_in_source() -> tuple[set[str], set[str]]:
    """Every literal pattern passed to re or regex in the package, and every function
    that builds one from a variable ("path:function")."""
    literal: set[str] = set()
    built: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        finder = _PatternFinder(path.relative_to(PACKAGE).as_posix())
        finder.visit(ast.parse(path.read_text("utf-8")))
        literal |= finder.literal
        built |= finder.built
    return literal, built


class _PatternFinder(ast.NodeVisitor):
    def __init__(self, where: str) -> None:
        self.where, self.functions = where, [""]
        self.literal: set[str] = set()
        self.built: set[str] = set()

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:  # noqa: N802
        self.functions.append(node.name)
        self.generic_visit(node)
        self.functions.pop()

    def visit_Call(self, node: ast.Call) -> None:  # noqa: N802
        function = node.func
        if (isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name) and node.args
                and function.value.id in ("re", "regex") and function.attr in _FUNCTIONS):
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                self.literal.add(first.value)
            else:
                self.built.add(f"{self.where}:{self.functions[-1]}")
        self.generic_visit(node)


def test_every_regex_is_listed() -> None:
    """A pattern added to scripts/socialops without an entry in REGEXES fails here."""
    literal, built = _patterns_in_source()
    listed_built = {case.builds for case in REGEXES if case.builds}
    listed = {case.pattern().pattern for case in REGEXES if not case.builds}
    assert sorted(literal - listed) == [], "add these patterns to REGEXES"
    assert sorted(built - listed_built) == [], "add these pattern builders to REGEXES"
    assert sorted(listed - literal) == [] and sorted(listed_built - built) == [], "REGEXES lists patterns gone"


# -- the cases issue 7 reported, through the code that applies the patterns ------------------


def test_campaign_sections_after_a_long_run_of_spaces() -> None:
    """A heading followed by 4,000 spaces took 86 s (cubic); now a heading's title is the
    rest of its line, without the closing #s."""
    from socialops.model.yamltext import LineMap

    body = "## Evaluation" + " " * SIZE + "x ##\nReach 12%.\n## Risks \nNone.\n"
    campaign = entities.Campaign("content/campaigns/c.md", {}, body, 1, LineMap())

    def sections() -> dict[str, str]:
        campaign.__dict__.pop("sections", None)  # a cached_property: computed again each time
        return campaign.sections

    assert best_time(sections) / _linear_scan_time(body) <= MAX_RATIO
    assert campaign.sections == {"evaluation" + " " * SIZE + "x": "Reach 12%.", "risks": "None."}


def test_cutting_runs_of_flag_halves_keeps_the_clusters() -> None:
    """counting.clusters cuts runs of regional indicators; regex's \\X over the whole
    text, on short texts where it is fast, is the oracle."""
    import random

    pieces = ["\U0001f1e6", "\U0001f1e9", "\u0301", "\u200d", "a", " ", "👍", "\U0001f3fd", "\u1100", "\u1161", "\r\n", "\u0600"]
    generator = random.Random(7)
    for _ in range(3_000):
        text = "".join(generator.choice(pieces) for _ in range(generator.randint(0, 24)))
        assert counting.clusters(text) == regex_module.findall(r"\X", text), repr(text)
