"""Property tests: whatever bytes a writer (or an attacker) puts in a file, the check ends
in findings or in silence -- never a traceback, never a hang.

Strategies build YAML-shaped text, not random characters: keys and values that YAML reads
as something else (`07`, `0x1F`, `1e3`, `.inf`, `no`, `12:30`), anchors and aliases, tags
(`!!python/object`, `!!binary`, `!!int abc`), deep nesting, huge numbers, dates, and then
byte-level damage (tabs, BOM, CRLF, NUL, invalid UTF-8, the UTF-8 of a lone surrogate).

Profiles: the default ("ci") is derandomized and sized to run in well under a minute here;
SOCIALOPS_HYPOTHESIS=long runs 50 times as many examples with fresh randomness, e.g.
    SOCIALOPS_HYPOTHESIS=long .venv/bin/python -m pytest tests/test_properties.py
A per-example deadline catches a hang (it is not a speed test: it is far above normal).
"""

from __future__ import annotations

import os
import posixpath
import shutil
from datetime import timedelta
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from socialops.check import run_loaded
from socialops.clock import parse_now
from socialops.findings import SEVERITIES, Finding
from socialops.model import files, loader, yamltext
from socialops.rules import registry
from tests.conftest import BASE
from tests.known_defects import is_known_defect

_COMMON = {"deadline": timedelta(seconds=20), "print_blob": True,
           "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}
settings.register_profile("ci", max_examples=60, derandomize=True, **_COMMON)
settings.register_profile("long", max_examples=3000, **_COMMON)
settings.load_profile(os.environ.get("SOCIALOPS_HYPOTHESIS", "ci"))

NOW = parse_now("2026-03-01T12:00:00Z")
POST = "content/posts/acme-us-x/2026/2026-03-02-a.md"
CAMPAIGN = "content/campaigns/spring-launch.md"
INCIDENT = "content/incidents/2026-02-20-outage.md"

# -- YAML-shaped strategies ---------------------------------------------------------------------

# Scalars YAML 1.1/1.2 read as something other than the text, or that the model parses.
TRICKY_SCALARS = [
    "07", "+07", "0x1F", "0o17", "0b101", "1e3", "1_000", ".inf", "-.inf", ".nan", "-0", "12:30", "1:02:03",
    "yes", "No", "ON", "off", "y", "~", "null", "true", "False", "", "''", '""', "'it''s'", '"\\x00"', '"\\uD800"',
    '"\\U0001F600"', "!!binary SGk=", "!!python/object:os.system x", "!!python/object/apply:os.system [id]",
    "!!int abc", "!!float x", "!!bool maybe", "!!str 07", "!!timestamp 2026-01-01", "!local x",
    "!<tag:yaml.org,2002:int> 0x", "9" * 4400, "-" + "9" * 30, "1e999", "2026-02-30", "2026-03-02",
    "2026-03-08T02:30", "2026-11-01T01:30", "2026-03-02T09:00", "2026-03-02T09:00:00+01:00", "2026-03-02 25:00",
    "tomorrow", "Europe/Berlin", "Europe/Berlim", "../../etc/passwd", "America/New_York", "en-US", "english",
    "US", "NO", "XX", "https://acme.example/a?utm_source=x", "http://x.com/1", "javascript:alert(1)",
    "content/media/avatar.png", "/etc/passwd", "C:\\logo.png", "content\\media\\avatar.png", "@acme", "#tag",
    "draft", "scheduled", "published", "cancelled", "approved", "image", "thread", "sensitive", "alice", "dana",
    "acme-us-x", "x", "instagram", "Q&A: ask us", "a # comment", "|", ">", "- item", "? key", "[a, b", "{a: 1",
    "*undefined", "'unclosed", "%TAG", "@", "`",
]
FIELD_NAMES = [
    "publish_at", "status", "author", "title", "campaign", "language", "format", "media", "file", "alt", "source",
    "license", "credit", "disclosure", "risk", "published_url", "substantiation", "waivers", "rule", "reason",
    "type", "owner", "start", "end", "timezone", "accounts", "goals", "budget", "amount", "currency", "prizes",
    "official_rules", "legal_review", "by", "date", "collects_data", "severity", "opened", "resolved", "kind",
    "platform", "handle", "name", "market", "languages", "url", "profile", "avatar", "security", "two_factor",
    "people", "roles", "training", "grants", "writers", "reviewers", "teams", "github", "members", "version",
    "hq_timezone", "reference_time", "rules", "level", "max_per_day", "cadence", "secrets",
]
# Keys YAML may read as numbers, nulls, booleans or merges.
TRICKY_KEYS = ["07", "0x1F", "1e3", ".inf", "~", "null", "true", "no", "<<", "12:30", "1", "-1", "'07'", '"a b"', "? x"]

plain_words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
scalars = st.one_of(st.sampled_from(TRICKY_SCALARS), plain_words.map(lambda text: f'"{text}"'),
                    st.from_regex(r"[A-Za-z0-9 ._/@#:-]{0,20}", fullmatch=True), st.integers().map(str))
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.sampled_from(TRICKY_KEYS),
                 st.from_regex(r"[a-z_][a-z0-9_-]{0,10}", fullmatch=True))


def _tree(children: st.SearchStrategy) -> st.SearchStrategy:
    block_map = st.lists(st.tuples(keys, children), min_size=1, max_size=5).map(lambda items: ("map", items))
    block_seq = st.lists(children, min_size=1, max_size=4).map(lambda items: ("seq", items))
    flow = st.lists(scalars, max_size=4).map(lambda items: ("flow", items))
    anchored = st.tuples(st.sampled_from("ab"), children).map(lambda pair: ("anchor", *pair))
    return st.one_of(block_map, block_seq, flow, anchored)


values = st.recursive(st.one_of(scalars, st.sampled_from(["*a", "*b"]).map(lambda alias: ("alias", alias))),
                      _tree, max_leaves=25)


def render(value: object, indent: int = 0) -> str:
    """YAML text of a generated tree: block mappings and lists, flow lists, anchors, aliases."""
    pad = " " * indent
    if isinstance(value, str):
        return value
    kind = value[0]
    if kind == "alias":
        return value[1]
    if kind == "anchor":
        inner = render(value[2], indent)
        return f"&{value[1]} {inner}" if not inner.startswith("\n") else f"&{value[1]}{inner}"
    if kind == "flow":
        return "[" + ", ".join(value[1]) + "]"
    if kind == "map":
        return "\n" + "".join(f"{pad}{key}:{_after(child, indent + 2)}\n" for key, child in value[1]).rstrip("\n")
    return "\n" + "".join(f"{pad}-{_after(child, indent + 2)}\n" for child in value[1]).rstrip("\n")


def _after(child: object, indent: int) -> str:
    text = render(child, indent)
    return text if text.startswith("\n") else " " + text


documents = st.lists(st.tuples(keys, values), min_size=0, max_size=8).map(
    lambda items: "".join(f"{key}:{_after(value, 2)}\n" for key, value in items))

# Byte-level damage a file can carry: editors, platforms and attackers all make these.
DAMAGE = [b"\t", b"\r\n", b"\r", b"\xef\xbb\xbf", b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xe9", b"\x1b[31m",
          b"\xe2\x80\xae", b"\xe2\x80\x8b", b"---\n", b"...\n", b"\n---\n", b"  ", b": ", b"- ", b"[" * 50, b"{" * 50,
          b"&a ", b"*a", b"<<: *a\n", b"\t- ", b"'", b'"', b"\\", b"#", b"\n" * 3]


@st.composite
def damaged(draw: st.DrawFn, text: str) -> bytes:
    """`text` as UTF-8 with up to three pieces of DAMAGE inserted or bytes cut."""
    data = text.encode("utf-8")
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(data)))
        if draw(st.booleans()):
            data = data[:at] + draw(st.sampled_from(DAMAGE)) + data[at:]
        else:
            data = data[:at] + data[at + draw(st.integers(1, 8)):]
    return data


bodies = st.lists(st.one_of(
    st.sampled_from(["## Theme", "## Evaluation", "# Title #", "---", "Hello from Acme.", "#launch @acme",
                     "https://acme.example/kettle", "http://127.0.0.1/x", "password: hunter2", "AKIAIOSFODNN7EXAMPLE",
                     "<script>alert(1)</script>", "😀👍🏽", "新品发布，欢迎购买", "مرحبا", "e\u0301", "\u200b", "   ", ""]),
    st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60),
), max_size=12).map("\n".join)


def front_matter_document(yaml_text: str, body: str) -> str:
    return f"---\n{yaml_text}---\n{body}\n"


# -- the repository under test ------------------------------------------------------------------


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The base repository with a valid post, campaign and incident; each example writes one
    file over it and the test puts the original back."""
    root = tmp_path_factory.mktemp("properties") / "repo"
    shutil.copytree(BASE, root)
    seeds = Path(__file__).parents[1] / "fuzz" / "seeds" / "documents"
    for relpath, seed in ((POST, "post.md"), (CAMPAIGN, "campaign.md"), (INCIDENT, "incident.md")):
        (root / relpath).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(seeds / seed, root / relpath)
    return root


def check_with(root: Path, relpath: str, data: bytes) -> list[Finding]:
    """Write `data` as `relpath`, run the whole check, put the file back; a known defect of
    another slice rejects the example (it is a corpus case of its own)."""
    path = root / relpath
    original = path.read_bytes()
    path.write_bytes(data)
    try:
        result = run_loaded(loader.load(root), NOW)
    except Exception as error:
        if is_known_defect(error):
            reject()
        raise
    finally:
        path.write_bytes(original)
    return result.findings + result.config_errors


def assert_well_formed(root: Path, findings: list[Finding]) -> None:
    """A finding names a file of the repository by a relative POSIX path, a rule and a message."""
    for finding in findings:
        path = PurePosixPath(finding.path)
        assert finding.path and not path.is_absolute() and ".." not in path.parts and "\\" not in finding.path, finding
        assert os.path.lexists(root / finding.path), finding
        assert finding.rule in registry.RULES and finding.severity in SEVERITIES, finding
        assert finding.message.strip(), finding
        assert finding.line is None or finding.line >= 1, finding


# -- the properties -----------------------------------------------------------------------------


@settings(max_examples=settings.default.max_examples * 5)
@given(documents.flatmap(damaged))
def test_any_bytes_read_and_parsed_end_in_a_value_or_problems(data: bytes) -> None:
    """The layer under the loader alone (fast, so many examples): reading, splitting, parsing."""
    path = Path(os.environ.get("TMPDIR", "/tmp")) / f"socialops-property-{os.getpid()}.md"
    path.write_bytes(data)
    try:
        read = files.read_text(path)
    finally:
        path.unlink()
    if read.text is None:
        assert read.problem and read.problem.message
        return
    try:
        document = yamltext.parse(read.text, offset=1)
    except Exception as error:
        if is_known_defect(error):
            reject()
        raise
    lines = read.text.count("\n") + 2
    assert all(1 <= problem.line <= lines and problem.message for problem in document.problems), document.problems


@given(st.sampled_from([POST, CAMPAIGN, INCIDENT]), documents, bodies, st.data())
def test_any_document_ends_in_findings(repo: Path, relpath: str, front: str, body: str, data: st.DataObject) -> None:
    """A post, campaign or incident with generated front matter and body, then damaged."""
    raw = data.draw(damaged(front_matter_document(front, body)))
    assert_well_formed(repo, check_with(repo, relpath, raw))


@given(st.sampled_from([POST, CAMPAIGN, INCIDENT]), st.data())
def test_a_valid_document_with_one_value_changed_ends_in_findings(repo: Path, relpath: str,
                                                                    data: st.DataObject) -> None:
    """Mutations of a valid file: one field's value, a new key, or a line dropped."""
    lines = (repo / relpath).read_text("utf-8").split("\n")
    fields = [index for index, line in enumerate(lines) if ":" in line and index < lines.index("---", 1)]
    at = data.draw(st.sampled_from(fields))
    key = lines[at].split(":", 1)[0]
    change = data.draw(st.sampled_from(["value", "key", "drop"]))
    if change == "value":
        lines[at] = f"{key}:{_after(data.draw(values), len(key) - len(key.lstrip()) + 2)}"
    elif change == "key":
        lines.insert(at, f"{data.draw(keys)}:{_after(data.draw(values), 2)}")
    else:
        del lines[at]
    raw = data.draw(damaged("\n".join(lines)))
    assert_well_formed(repo, check_with(repo, relpath, raw))


@given(st.sampled_from(["accounts.yaml", "permissions.yaml", "policy.yaml"]), st.data())
def test_any_settings_file_ends_in_findings(repo: Path, relpath: str, data: st.DataObject) -> None:
    """accounts, permissions and policy: generated documents, or the valid file with one
    value or key replaced, then damaged."""
    if data.draw(st.booleans()):
        text = data.draw(documents)
    else:
        lines = (repo / relpath).read_text("utf-8").splitlines()
        at = data.draw(st.integers(0, len(lines) - 1))
        head, colon, _ = lines[at].partition(":")
        lines[at] = f"{head}:{_after(data.draw(values), len(head) - len(head.lstrip()) + 2)}" if colon else \
            data.draw(keys) + ": x"
        text = "\n".join(lines) + "\n"
    assert_well_formed(repo, check_with(repo, relpath, data.draw(damaged(text))))


def test_the_strategies_reach_the_loaders_error_classes(repo: Path) -> None:
    """A check on the strategies themselves: inputs they make give syntax and schema findings
    (a strategy that only made valid or only unreadable files would test little)."""
    samples = [front_matter_document(render(("map", [("status", "No"), ("07x", "1")])).lstrip("\n") + "\n", "Hi"),
               front_matter_document("title: [[\n", "Hi")]
    rules = {finding.rule for sample in samples for finding in check_with(repo, POST, sample.encode())}
    assert {"syntax", "schema"} <= rules


_PATH_PARTS = st.sampled_from(["posts", "reports", "accounts", "a", "x.html", "index.md", ".", "..", ""])


@given(st.lists(_PATH_PARTS, min_size=1, max_size=4), st.lists(_PATH_PARTS, max_size=3), st.booleans())
def test_a_pages_links_are_the_standard_librarys_relative_paths(target: list[str], folder: list[str],
                                                                absolute: bool) -> None:
    """The site's fast relative link agrees with posixpath.relpath, odd paths included."""
    from socialops.site.context import _relative

    to, start = "/".join(target), ("/" if absolute else "") + "/".join(folder)
    if not to or start == "/":
        reject()
    assert _relative(to, start) == posixpath.relpath(to, start or ".")
