"""Read YAML the way writers mean it, and say exactly where it went wrong.

PyYAML alone keeps the last of two duplicate keys, reads `market: NO` as false,
turns `12:30` into 750 and raises on `2026-02-30`. This module composes the node
tree with libyaml (as fast as a bare `yaml.load`), then builds plain values itself:

- every key's line is kept in a `LineMap`, so findings point at the line;
- duplicate keys, YAML 1.1 booleans (yes/no/on/off) and sexagesimal numbers
  are problems, reported with their line, never silently read;
- timestamps stay strings: the model parses them with a clear message;
- aliases are allowed, but a document that expands past `MAX_NODES` is refused
  (alias bombs finish fast).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.cyaml import CParser  # libyaml: the pinned PyYAML wheels include it

MAX_NODES = 100_000
# libyaml's composer (C, in PyYAML's _yaml extension) recurses once per nesting level
# and overflows the C stack -- a segmentation fault, no exception -- near 20,000 levels
# (30 KB of `[`). Text that might nest deeper than this is composed by PyYAML's Python
# composer instead, whose recursion ends in a RecursionError, reported as a problem.
C_COMPOSER_MAX_DEPTH = 2_000

KeyPath = tuple  # a key path inside a document, e.g. ("media", 0, "file")


@dataclass
class Problem:
    """A YAML-level problem: 1-based line in the document, a message and a fix hint."""

    line: int
    message: str
    hint: str = ""


@dataclass
class LineMap:
    """Maps a key path to the 1-based line it starts on; falls back to the parent."""

    lines: dict = field(default_factory=dict)
    offset: int = 0  # lines before the document in its file (front matter starts at 2)

    def line(self, path: KeyPath = ()) -> int:
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1) + self.offset


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core scalars, plus tags that flag the YAML 1.1 surprises."""


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:socialops:yaml11-bool",
    re.compile(r"^(?:yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$"),
    list("yYnNoO"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"),
    list("-+0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:socialops:sexagesimal",
    re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$"),
    list("-+0123456789"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:float",
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+0123456789."),
)
_Resolver.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


_Resolver.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^<<$"), ["<"])

class _Loader(CParser, _Resolver):  # type: ignore[misc]
    """Composes nodes with our resolver; values are built by `_Builder`, not PyYAML."""

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        # The same answers as BaseResolver.resolve, without its path machinery (unused
        # here): libyaml calls this for every node.
        if kind is yaml.ScalarNode:
            if implicit[0]:
                for tag, regexp in _IMPLICIT.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return _Resolver.DEFAULT_SCALAR_TAG
        return _Resolver.DEFAULT_SEQUENCE_TAG if kind is yaml.SequenceNode else _Resolver.DEFAULT_MAPPING_TAG


_IMPLICIT = {first: tuple(resolvers) for first, resolvers in _Resolver.yaml_implicit_resolvers.items()}


class _DeepLoader(yaml.composer.Composer, _Loader):  # type: ignore[misc]
    """libyaml's parser with PyYAML's Python composer: for text that may nest deeper than
    the C composer survives."""

    def __init__(self, text: str) -> None:
        _Loader.__init__(self, text)
        yaml.composer.Composer.__init__(self)


def _may_nest_deeply(text: str) -> bool:
    """Whether `text` could nest deeper than C_COMPOSER_MAX_DEPTH (a cheap upper bound).
    Each level takes a character, so short text cannot; otherwise a level is a flow
    bracket, an indentation step (at most two levels per column: a block list may sit at
    its key's column) or a `- `/`? ` on one line, all bounded by the longest line."""
    if len(text) <= C_COMPOSER_MAX_DEPTH:
        return False
    longest = max(map(len, text.split("\n")))
    return text.count("[") + text.count("{") + 2 * longest + 2 > C_COMPOSER_MAX_DEPTH


_TRUE_WORDS = {"yes", "on", "y"}


class _Builder:
    """Turns a composed node tree into plain Python values, recording lines and problems."""

    def __init__(self, plain_words: frozenset[str], offset: int = 0) -> None:
        self.plain_words = plain_words
        self.offset = offset  # lines before the document in its file: messages name file lines
        self.lines: dict = {}
        self.problems: list[Problem] = []
        self.budget = MAX_NODES
        self.top_line = 1  # line of the top-level key being built: where an alias bomb is reported

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.budget -= 1
        if self.budget < 0:
            raise _TooLarge(self.top_line)
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            self._plain_collection(node, _Resolver.DEFAULT_MAPPING_TAG)
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            self._plain_collection(node, _Resolver.DEFAULT_SEQUENCE_TAG)
            return [self.build(item, path + (i,)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _plain_collection(self, node: yaml.Node, default_tag: str) -> None:
        """A tag on a list or mapping (`!!python/object/apply:os.system [...]`, `!!set`) is
        refused as on a scalar; it used to pass silently."""
        if node.tag != default_tag:
            self.problems.append(Problem(node.start_mark.line + 1, f"unsupported YAML tag {node.tag}",
                                         "remove the tag; write plain values"))

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict:
        result: dict = {}
        first_line: dict = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                merged = self.build(value_node, path)
                for item in merged if isinstance(merged, list) else [merged]:
                    if isinstance(item, dict):
                        for k, v in item.items():
                            result.setdefault(k, v)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append(
                    Problem(key_node.start_mark.line + 1, "a key must be plain text, not a list or mapping",
                            "write the key as plain text before the colon; a '?' or '[' at the start makes it complex")
                )
                continue
            key = key_node.value  # keys are names, as in JSON: `07:` and `1234:` (a GitHub handle) stay text
            line = key_node.start_mark.line + 1
            if key in first_line:
                self.problems.append(
                    Problem(
                        line,
                        f"duplicate key '{key}' (first on line {first_line[key] + self.offset}); YAML would silently keep only this one",
                        "remove one of the two, or merge them",
                    )
                )
            first_line.setdefault(key, line)
            self.lines[path + (key,)] = line
            if not path:
                self.top_line = line
            result[key] = self.build(value_node, path + (key,))
        return result

    def _scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        value, tag, line = node.value, node.tag, node.start_mark.line + 1
        if tag == "tag:yaml.org,2002:bool":
            return value.lower() == "true"
        if tag == "tag:socialops:yaml11-bool":
            if value not in self.plain_words:
                self.problems.append(
                    Problem(
                        line,
                        f"'{value}' is read by YAML 1.1 tools as the boolean {value.lower() in _TRUE_WORDS}, not as text",
                        f"write \"{value}\" in quotes if you mean the text, or true/false for a yes/no field",
                    )
                )
            return value
        if tag == "tag:socialops:sexagesimal":
            self.problems.append(
                Problem(
                    line,
                    f"'{value}' is read by YAML 1.1 tools as a base-60 number, not as a time",
                    f"write \"{value}\" in quotes",
                )
            )
            return value
        if tag == "tag:yaml.org,2002:int":
            return _int(value)
        if tag == "tag:yaml.org,2002:float":
            return _float(value)
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag == "tag:yaml.org,2002:str":
            return value
        self.problems.append(Problem(line, f"unsupported YAML tag {tag}", "remove the tag; write plain values"))
        return value


def _int(text: str) -> int | str:
    """A YAML 1.2 core integer: 0o17 and 0x1F by their prefix, 07 as decimal seven
    (Python's base-0 parsing would refuse the leading zero). Digits past Python's
    conversion limit stay text: no field wants such a number, and the schema says so."""
    try:
        return int(text[2:], 8 if text[1] == "o" else 16) if text.startswith(("0o", "0x")) else int(text)
    except ValueError:
        return text


def _float(text: str) -> float | str:
    """A YAML float; an explicit `!!float x` (the tag skips the resolver) stays text, as
    _int keeps what it cannot convert, and the schema says what the field wants."""
    try:
        return float(text.lower().replace(".inf", "inf").replace(".nan", "nan"))
    except ValueError:
        return text


class _TooLarge(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


@dataclass
class ParsedYaml:
    """One parsed YAML document: its value (None when unreadable), line map and problems."""

    value: Any
    lines: LineMap
    problems: list[Problem]


def parse(text: str, offset: int = 0, plain_words: frozenset[str] = frozenset()) -> ParsedYaml:
    """Parse one YAML document. `offset` is the number of lines before it in its file;
    `plain_words` are YAML 1.1 booleans this file's own vocabulary uses as text
    (policy.yaml's level `off`)."""
    builder = _Builder(plain_words, offset)
    lines = LineMap(builder.lines, offset)
    try:
        loader = _DeepLoader(text) if _may_nest_deeply(text) else _Loader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
    except RecursionError:
        return ParsedYaml(None, lines, [Problem(1, "the YAML is nested too deeply", "flatten the structure")])
    except yaml.reader.ReaderError as exc:
        # a control character (NUL, BEL, U+FFFE...): the error gives a position, no line
        line = text.count("\n", 0, exc.position) + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character or "\0")
        return ParsedYaml(None, lines, [Problem(line, f"the text holds the control character U+{code:04X}, which YAML "
                                                      "does not allow", "delete it; it is invisible in most editors")])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        near = [m.line for m in (exc.problem_mark, exc.context_mark) if m is not None]
        tab = _indenting_tab(text, near)
        if tab is not None:
            return ParsedYaml(None, lines, [tab])
        message = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        return ParsedYaml(None, lines, [Problem(line, f"YAML syntax error: {message}", _syntax_hint(message))])
    except yaml.YAMLError as exc:
        return ParsedYaml(None, lines, [Problem(1, f"YAML error: {exc}", "save the file as plain UTF-8 text")])
    if node is None:
        return ParsedYaml(None, lines, [])
    try:
        value = builder.build(node, ())
    except _TooLarge as exc:
        return ParsedYaml(
            None,
            lines,
            [
                Problem(
                    exc.line,
                    f"the YAML expands to more than {MAX_NODES:,} values (aliases repeated too often?)",
                    "write the values out; avoid nesting anchors and aliases",
                )
            ],
        )
    except RecursionError:  # a self-referencing alias (&a [*a]) too: on the top-level key it is under
        return ParsedYaml(None, lines, [Problem(builder.top_line, "the YAML is nested too deeply", "flatten the structure")])
    return ParsedYaml(value, lines, builder.problems)


_INDENTATION = re.compile(r"^(?:[ \t]|-(?=[ \t]))*")  # the spaces, tabs and '- ' that indent a line


def _indenting_tab(text: str, near: list[int]) -> Problem | None:
    """Tabs in the indentation of a line where the parser stopped (0-based line numbers),
    said in plain words: libyaml's 'found character that cannot start any token' names no tab."""
    rows = text.split("\n")
    for number in sorted(set(near), reverse=True):  # the problem's line first: it comes after the context
        indentation = _INDENTATION.match(rows[number]).group() if number < len(rows) else ""
        columns = [str(index + 1) for index, char in enumerate(indentation) if char == "\t"]
        if columns:
            where = f"column {columns[0]}" if len(columns) == 1 else f"columns {', '.join(columns[:-1])} and {columns[-1]}"
            tabs = "the tab" if len(columns) == 1 else "the tabs"
            return Problem(number + 1, f"this line is indented with a tab ({where}); YAML allows only spaces there",
                           f"replace {tabs} at {where} with spaces")
    return None


def _syntax_hint(message: str) -> str:
    if "mapping values are not allowed" in message:
        return "a value containing ': ' must be quoted, e.g. title: \"Q&A: ask us\""
    if "could not find expected ':'" in message:
        return "each line needs 'key: value'; check the line above for a missing colon or quote"
    if "found undefined alias" in message:
        return "define the anchor (&name) before using the alias (*name)"
    return "check the indentation and quoting around this line"
