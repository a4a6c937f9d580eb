"""The rules reference, the policy handbook and the how-to pages: what a reader sees on the
built site, the links between the handbook and the rules both ways, and how-to pages that
say only what the tool does."""

from __future__ import annotations

import json
import posixpath
import re
import shlex
import shutil
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from socialops import cli
from socialops.rules import docs, registry
from socialops.site import build_site, handbook, render_pages
from tests.conftest import DEMO_NOW, ROOT, copy_demo_content, demo_only, make_repo, run_cli
from tests.test_site import build

HANDBOOK_SOURCES = ROOT / "site" / "handbook"
LANGUAGES = ("en", "zh-Hans")
SECTION_PAGES = ("principles", "roles", "accounts", "content", "interaction", "data", "risk")


class Page(HTMLParser):
    """A built page as a reader has it: the article's text, its ids, and its links."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>
        self.chunks: list[str] = []
        self.ids: dict[str, str] = {}  # id -> tag
        self.links: list[tuple[str, str | None]] = []  # (href, id of the last numbered heading before it)
        self.heading: str | None = None
        self.feed(html)
        self.text = "".join(self.chunks)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "article":
            self.depth += 1
        if found.get("id"):
            self.ids[found["id"]] = tag  # type: ignore[index]
            if tag in ("h2", "h3", "h4") and found["id"].startswith("section-"):  # type: ignore[union-attr]
                self.heading = found["id"]
        if tag == "a" and self.depth and found.get("href"):
            self.links.append((found["href"], self.heading))  # type: ignore[arg-type]

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.chunks.append(data)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("handbook") / "public"
    result = build(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


def page(site: Path, path: str) -> Page:
    return Page((site / path).read_text("utf-8"))


# -- the rules reference ----------------------------------------------------------------------


def test_the_rules_page_shows_placeholders_in_angle_brackets_as_text(site: Path) -> None:
    text = page(site, "rules.html").text
    assert "A post lives at content/posts/<account>/<yyyy>/<yyyy-mm-dd>-<slug>.md, dated as it publishes." in text
    assert "content/posts///-.md" not in text
    assert "waivers: [{rule: <id>, reason: <why>}]" in text  # in a code span, verbatim
    assert "(content/incidents/<date>-<slug>.md)" in text  # in prose
    # example files are fenced: shown exactly as written, & included
    assert "title: Winter Q&A" in text and "Q&amp;A" not in text


def test_prose_is_escaped_outside_code_and_verbatim_inside() -> None:
    # by hand: entities outside the spans, the spans (one and two backticks) untouched
    assert docs.prose("a <b> & `<c> & d` then ``x ` <y>`` end >") == \
        "a &lt;b&gt; &amp; `<c> & d` then ``x ` <y>`` end &gt;"
    assert docs.prose("an unmatched ` tick <here>") == "an unmatched ` tick &lt;here&gt;"
    assert docs.prose("``two`` and `one`` <x>") == "``two`` and `one`` &lt;x&gt;"


def test_code_spans_and_fences_outlast_the_backticks_inside() -> None:
    assert docs.code("a`b") == "``a`b``"
    assert docs.code("`x`") == "`` `x` ``"
    fenced = docs._fenced("```\nnot the end\n````\n", "text")
    assert fenced[0] == "`````text" and fenced[-1] == "`````"


def test_the_command_line_reference_has_no_links_into_the_site() -> None:
    text = docs.markdown()
    assert "](handbook/" not in text and "Policy section 4.1.3" in text


# -- the handbook and the rules, both ways ------------------------------------------------------


def test_every_rule_links_to_its_handbook_section_and_back(site: Path) -> None:
    rules = page(site, "rules.html")
    links_from_rules = {}
    for rule_id, rule in registry.RULES.items():
        assert rules.ids.get(rule_id) == "h2", rule_id
        # the rule's own section: its "Policy section" link is the first handbook link after its heading
        html = (site / "rules.html").read_text("utf-8")
        section = html[html.index(f'id="{rule_id}"'):]
        match = re.search(r'Policy section <a href="(handbook/[^"#]+\.html)(?:#([^"]+))?">([\d.]+)</a>', section)
        assert match and match[3] == rule.SECTION, rule_id
        links_from_rules[rule_id] = (match[1], match[2])
    for rule_id, (target, anchor) in links_from_rules.items():
        section = registry.RULES[rule_id].SECTION
        assert target in {f"handbook/{name}.html" for name in SECTION_PAGES}
        handbook_page = page(site, target)
        if anchor:  # the heading exists, and its number is the start of the rule's section
            assert handbook_page.ids.get(anchor) in ("h2", "h3", "h4"), (rule_id, anchor)
            number = anchor.removeprefix("section-").replace("-", ".")
            assert (section + ".").startswith(number + "."), (rule_id, number)
        else:
            assert target.removeprefix("handbook/").removesuffix(".html") == _page_of(section)
        # and back: the handbook links to the rule under that same heading
        back = [heading for href, heading in handbook_page.links if href == f"../rules.html#{rule_id}"]
        assert back == [anchor], (rule_id, back)


def _page_of(section: str) -> str:
    return SECTION_PAGES[int(section.split(".")[0]) - 1]


def test_the_handbook_index_counts_the_rules_of_each_section(site: Path) -> None:
    index = page(site, "handbook/index.html")
    counted = {name: 0 for name in SECTION_PAGES}
    for rule in registry.RULES.values():
        counted[_page_of(rule.SECTION)] += 1
    html = (site / "handbook" / "index.html").read_text("utf-8")
    for number, name in enumerate(SECTION_PAGES, start=1):
        row = re.search(rf'<td>{number}</td>\s*<td><a href="{name}.html">[^<]+</a></td>\s*<td>(\d+)</td>', html)
        assert row and int(row[1]) == counted[name], name
    assert sum(counted.values()) == len(registry.RULES)
    assert "rules reference" in index.text


def test_a_new_rule_appears_in_its_handbook_section_by_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_repo(tmp_path)
    shutil.copytree(ROOT / "site", root / "site")
    rule = SimpleNamespace(ID="reply-times", SECTION="5.1.1", LEVEL="warning", OPTIONS={}, EXAMPLES=[],
                           check=lambda context: iter(()),
                           __doc__="Important comments are answered within the policy's hours.\n\nBody.\n")
    monkeypatch.setitem(registry.RULES, rule.ID, rule)
    for language, heading in (("en", "Checked by these rules"), ("zh", "检查这一部分的规则")):
        site = build_site(root, now=None, language=language)
        interaction = handbook.pages(site)["handbook/interaction.md"].content
        assert isinstance(interaction, str)
        block = interaction[interaction.index("## 5.1 "):interaction.index("## 5.2 ")]
        assert heading in block
        assert "[`reply-times`](../rules.md#reply-times) (§5.1.1, `warning`): Important comments are answered" in block
        reference = render_pages(site)["rules.md"].content
        assert "Policy section [5.1.1](handbook/interaction.md#section-5-1)" in str(reference)


def test_a_section_without_a_handbook_page_is_an_error() -> None:
    numbered = {"4": handbook.Heading("4", "Content", "handbook/content.md", 1)}
    assert handbook.resolve("4.9.9", numbered).target == "handbook/content.md"
    with pytest.raises(ValueError, match="policy section 8.1 has no page"):
        handbook.resolve("8.1", numbered)


def test_both_languages_number_the_same_sections_on_the_same_pages() -> None:
    numbered = {}
    for language in LANGUAGES:
        folder = HANDBOOK_SOURCES / language
        assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md")) == sorted(
            ["index.md", "howto/analysts.md", "howto/reviewers.md", "howto/writers.md", *(f"{name}.md" for name in SECTION_PAGES)])
        numbered[language] = {(path.stem, number) for path in folder.glob("*.md")
                              for number in re.findall(r"^#{1,4} (\d+(?:\.\d+)*) ", path.read_text("utf-8"), re.M)}
    assert numbered["en"] == numbered["zh-Hans"]
    assert {number for _, number in numbered["en"]} >= {"1", "2", "3", "4", "5", "6", "7"}


def test_the_chinese_pages_are_written_in_chinese() -> None:
    for path in (HANDBOOK_SOURCES / "zh-Hans").rglob("*.md"):
        prose = re.sub(r"```.*?```|`[^`]*`|\[[^\]]*\]\([^)]*\)", "", path.read_text("utf-8"), flags=re.S)
        han = len(re.findall(r"[\u4e00-\u9fff]", prose))
        latin = len(re.findall(r"[A-Za-z]", prose))
        assert han > 3 * latin, f"{path.name}: {han} Han characters, {latin} Latin letters outside code"


# -- the how-to pages say what the tool does ----------------------------------------------------


def _howto(language: str, name: str) -> str:
    return (HANDBOOK_SOURCES / language / "howto" / name).read_text("utf-8")


def _options(parser_args: list[str]) -> set[str]:
    parser = cli._parser(parser_args[0])
    for name in parser_args:
        parser = next(action.choices[name] for action in parser._actions if action.choices and name in action.choices)
    return {option for action in parser._actions for option in action.option_strings}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_writers_page_names_only_options_that_exist(language: str) -> None:
    text = _howto(language, "writers.md")
    new_post = _options(["new", "post"])
    named = set(re.findall(r"`(--[a-z][a-z-]*)", text))
    assert named >= {"--at", "--author", "--media", "--alt", "--source", "--license", "--credit", "--campaign", "--text"}
    assert named <= new_post
    commands = set(re.findall(r"socialops ([a-z-]+)", text + _howto(language, "reviewers.md")))
    assert commands <= {"new", "check", "preview", "codeowners"} and commands <= set(cli._parser()._subparsers
                                                                                  ._group_actions[0].choices)
    assert "--base" in _options(["preview"]) and "--online" in _options(["check"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_writers_page_lists_every_front_matter_field(language: str) -> None:
    schema = json.loads((ROOT / "scripts" / "socialops" / "schemas" / "post.schema.json").read_text("utf-8"))
    table = re.findall(r"^\| `([a-z_]+)` \|", _howto(language, "writers.md"), re.M)
    assert sorted(table) == sorted(schema["properties"])
    for field in ("format", "disclosure", "risk", "status"):
        values = schema["properties"][field]["enum"]
        row = next(line for line in _howto(language, "writers.md").splitlines() if line.startswith(f"| `{field}` |"))
        assert all(f"`{value}`" in row for value in values), (field, values)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pages_name_only_files_and_unwaivable_rules_that_exist(language: str) -> None:
    folder = HANDBOOK_SOURCES / language
    text = "".join(path.read_text("utf-8") for path in folder.rglob("*.md"))
    named = set(re.findall(r"`((?:[\w.-]+/)*[\w.-]+\.(?:yaml|md|py)|(?:\.github|content|scripts)/[\w./-]*)`", text))
    named = {name for name in named if "lanterna" not in name}  # the example post is made by the command
    assert {"permissions.yaml", ".github/CODEOWNERS", "scripts/socialops/data/platforms.yaml"} <= named
    assert sorted(name for name in named if not (ROOT / name).exists()) == []
    from socialops.rules import waivers
    assert "`syntax`、`schema` 和 `waivers`" in text or "`syntax`, `schema` and `waivers`" in text
    assert set(waivers.UNWAIVABLE) == {"syntax", "schema", "waivers"}


@demo_only
def test_the_writers_example_command_makes_the_file_it_names(tmp_path: Path) -> None:
    """The page's `socialops new post` example, run on a copy of the demo, writes the path
    the page gives, a draft that passes the check."""
    text = _howto("en", "writers.md")
    command = re.search(r"```sh\n(socialops new post .*?)\n```", text, re.S)
    assert command
    args = shlex.split(command[1].replace("\\\n", " "))
    named = re.search(r"`(content/posts/lanterna-de-instagram/\S+\.md)`", text)
    assert named
    copy_demo_content(tmp_path / "demo")
    result = run_cli(*args[1:], "--now", DEMO_NOW, "--repo", str(tmp_path / "demo"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"created {named[1]}" in result.stdout
    written = (tmp_path / "demo" / named[1]).read_text("utf-8")
    assert "status: draft" in written and 'alt: "The Halo speaker on a dark background"' in written
    zh = _howto("zh-Hans", "writers.md")
    assert command[1] in zh and named[1] in zh  # the Chinese page gives the same command


def test_the_howto_pages_link_where_the_site_has_pages(site: Path) -> None:
    for name in ("writers", "reviewers"):
        for href, _ in page(site, f"howto/{name}.html").links:
            target = href.split("#")[0]
            if target and "://" not in target:
                assert (site / posixpath.normpath(posixpath.join("howto", target))).is_file(), href
    assert "socialops/review-gate" in page(site, "howto/reviewers.html").text
