"""The policy handbook and the how-to pages.

Both are written by hand, once per interface language, in site/handbook/<folder>/ (the
folder of `theme.language`, see i18n.content_folder), so each build carries one language.
The handbook's pages number their headings as the policy does ("## 4.1 Planning"); what
the rules enforce is generated, never maintained by hand: under each numbered heading,
the rules whose SECTION falls under it (rules/registry.py), so a new rule appears by
itself, and the rules reference links each rule back to that heading (`section_target`).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from ..rules import registry
from . import i18n
from .context import Output, Site

HANDBOOK = "handbook"  # site path of the handbook's pages; the how-to pages keep theirs (howto/...)
HOWTO = "howto"
# A numbered heading: "# 4 Content" opens the page of policy section 4, "## 4.1 Planning"
# one of its sections. Anchored, no nested quantifiers: linear time.
_HEADING = re.compile(r"^(#{1,4}) (\d+(?:\.\d+)*) (\S.*)$")


@dataclass(frozen=True)
class Heading:
    number: str  # "4.1"
    title: str
    page: str  # site path, e.g. "handbook/content.md"
    level: int  # 1 for the page's title

    @property
    def anchor(self) -> str:
        return "section-" + self.number.replace(".", "-")

    @property
    def target(self) -> str:
        """The site path of the heading: the page itself for its title."""
        return self.page if self.level == 1 else f"{self.page}#{self.anchor}"


def pages(site: Site) -> dict[str, Output]:
    texts = _sources(site)
    if not texts:
        return {}
    numbered = _headings(texts)
    rules = _rules_by_heading(numbered)
    out = {}
    for page, text in texts.items():
        if page.startswith(HANDBOOK + "/"):
            text = _with_rules(site, page, text, rules)
        if page == f"{HANDBOOK}/index.md":
            text += "\n" + site.render("handbook-index.md.j2", page, sections=_contents(numbered, rules))
        out[page] = Output(text)
    return out


def source_folder(site: Site) -> Path:
    return site.repo.root / "site" / "handbook" / i18n.content_folder(site.language)


def headings(site: Site) -> dict[str, Heading]:
    """The handbook's numbered headings by section number (none without a handbook)."""
    return _headings(_sources(site))


def _sources(site: Site) -> dict[str, str]:
    """Site path -> the hand-written Markdown of the handbook and how-to pages."""
    folder = source_folder(site)
    return {_site_path(path.relative_to(folder)): path.read_text("utf-8") for path in sorted(folder.rglob("*.md"))}


def resolve(section: str, numbered: dict[str, Heading]) -> Heading:
    """The most specific heading a section number falls under: 4.1.3 under "4.1.3", else
    "4.1", else the page "4". A rule whose section has no page is a mistake in the code."""
    parts = section.split(".")
    for length in range(len(parts), 0, -1):
        number = ".".join(parts[:length])
        if number in numbered:
            return numbered[number]
    raise ValueError(f"policy section {section} has no page in the handbook (a heading '# {parts[0]} ...')")


def markdown_link(page: str, target: str) -> str:
    """A relative link from `page` to `target` (site paths, `.md` for pages, maybe with an
    anchor) for Markdown: MkDocs checks it and turns it into the page's URL."""
    path, hash_sign, anchor = target.partition("#")
    return posixpath.relpath(path, posixpath.dirname(page) or ".") + hash_sign + anchor


def _site_path(relative: Path) -> str:
    """site/handbook/<folder>/howto/x.md -> howto/x.md; any other page -> handbook/<name>."""
    posix = relative.as_posix()
    return posix if posix.startswith(HOWTO + "/") else f"{HANDBOOK}/{posix}"


def _headings(texts: dict[str, str]) -> dict[str, Heading]:
    found: dict[str, Heading] = {}
    for page, text in texts.items():
        if not page.startswith(HANDBOOK + "/"):
            continue
        for line in text.splitlines():
            match = _HEADING.match(line)
            if match:
                heading = Heading(match[2], match[3], page, len(match[1]))
                if heading.number in found:
                    raise ValueError(f"policy section {heading.number} has two headings: {found[heading.number].page} "
                                     f"and {page}")
                found[heading.number] = heading
    return found


def _rules_by_heading(numbered: dict[str, Heading]) -> dict[str, list[dict]]:
    rules: dict[str, list[dict]] = {}
    for rule_id, rule in sorted(registry.RULES.items(), key=lambda item: (_sort_key(item[1].SECTION), item[0])):
        heading = resolve(rule.SECTION, numbered)
        rules.setdefault(heading.number, []).append(
            {"id": rule_id, "section": rule.SECTION, "level": rule.LEVEL, "summary": registry.summary(rule),
             "target": f"rules.md#{rule_id}"})
    return rules


def _sort_key(section: str) -> tuple[int, ...]:
    return tuple(int(part) for part in section.split("."))


def _with_rules(site: Site, page: str, text: str, rules: dict[str, list[dict]]) -> str:
    """The page with an id on each numbered heading, and the rules of each heading's
    section at its end (before the next numbered heading)."""
    lines: list[str] = []
    pending: list[dict] = []  # the rules of the section being written
    for line in text.splitlines():
        match = _HEADING.match(line)
        if match:
            lines += _rule_block(site, page, pending)
            number = match[2]
            pending = rules.get(number, [])
            if len(match[1]) > 1:  # the page's title keeps Material's own id
                line = f"{line} {{#{Heading(number, match[3], page, len(match[1])).anchor}}}"
        lines.append(line)
    lines += _rule_block(site, page, pending)
    return "\n".join(lines) + "\n"


def _rule_block(site: Site, page: str, rules: list[dict]) -> list[str]:
    if not rules:
        return []
    rules = [{**rule, "link": markdown_link(page, rule["target"])} for rule in rules]
    return ["", site.render("handbook-rules.md.j2", page, rules=rules).rstrip("\n"), ""]


def _contents(numbered: dict[str, Heading], rules: dict[str, list[dict]]) -> list[dict]:
    """The handbook's pages in policy order, each with how many rules enforce it."""
    pages = sorted((h for h in numbered.values() if h.level == 1), key=lambda h: _sort_key(h.number))
    return [{"number": h.number, "title": h.title, "link": markdown_link(f"{HANDBOOK}/index.md", h.page),
             "rules": sum(len(found) for number, found in rules.items() if number.split(".")[0] == h.number)}
            for h in pages]
