"""English and Simplified Chinese: both builds pass --strict as `make site` runs them, the
Chinese one speaks Chinese, the language selector opens the same page in the other
language with relative links, and every string of ours has its translation."""

from __future__ import annotations

import posixpath
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from socialops.site import i18n
from tests.conftest import ROOT
from tests.test_site import build

LOCALE = ROOT / "site" / "locale" / "zh_Hans"


def mkdocs_build(config: str, out: Path) -> subprocess.CompletedProcess:
    return build(ROOT, out, config=config)


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Both builds, as `make site` runs them (its site_dirs moved into a scratch folder)."""
    out = tmp_path_factory.mktemp("i18n") / "public"
    for config, site_dir in (("mkdocs.yml", out), ("mkdocs.zh.yml", out / "zh")):
        result = mkdocs_build(config, site_dir)
        assert result.returncode == 0, result.stderr
    return out


def test_make_site_builds_english_then_chinese_into_its_folder() -> None:
    """Each build empties its own site_dir: the Chinese one must come second, into public/zh."""
    recipe = re.search(r"^site:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text("utf-8"), re.M)
    assert recipe
    builds = re.findall(r"build --strict --quiet -f (\S+)", recipe[1])
    assert builds == ["mkdocs.yml", "mkdocs.zh.yml"]
    assert yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))["site_dir"] == "public"
    assert yaml.safe_load((ROOT / "mkdocs.zh.yml").read_text("utf-8"))["site_dir"] == "public/zh"


def test_both_languages_build_the_same_pages_side_by_side(public: Path) -> None:
    english = {p.relative_to(public).as_posix() for p in public.rglob("*.html") if "zh" not in p.relative_to(public).parts}
    chinese = {p.relative_to(public / "zh").as_posix() for p in (public / "zh").rglob("*.html")}
    assert english == chinese  # the English build did not empty zh/: it ran first
    assert {"index.html", "rules.html", "handbook/index.html", "handbook/risk.html", "howto/writers.html"} <= english


def test_the_chinese_site_speaks_chinese(public: Path) -> None:
    zh_index = (public / "zh" / "index.html").read_text("utf-8")
    en_index = (public / "index.html").read_text("utf-8")
    assert '<html lang="zh"' in zh_index and '<html lang="en"' in en_index
    # Material's own interface (its zh partial) and the nav of mkdocs.zh.yml
    assert 'placeholder="搜索"' in zh_index and 'placeholder="Search"' in en_index
    assert "制度手册" in zh_index and "操作指南" in zh_index
    # our own strings, from site/locale/zh_Hans/handbook.po, and the pages written in Chinese
    content = (public / "zh" / "handbook" / "content.html").read_text("utf-8")
    assert "检查这一部分的规则" in content and "Checked by these rules" not in content
    assert "<title>4 内容管理" in content
    assert 'title="本节的固定链接"' in content and "Permanent link" not in content
    assert "admonition abstract" in content  # the inherited extensions still apply
    assert 'title="Permanent link"' in (public / "handbook" / "content.html").read_text("utf-8")
    assert "以英文撰写" in (public / "zh" / "rules.html").read_text("utf-8")
    assert "以英文撰写" not in (public / "rules.html").read_text("utf-8")


SELECTOR = re.compile(r'<a href="([^"]+)" hreflang="(en|zh)"')


@pytest.mark.parametrize("build", ["", "zh"])
def test_the_language_selector_opens_the_same_page_in_the_other_language(public: Path, build: str) -> None:
    root = public / build if build else public
    checked = 0
    for page in sorted(root.rglob("*.html")):
        relative = page.relative_to(root).as_posix()
        if relative.startswith("zh/") or relative == "404.html":  # 404: served from the site's root only
            continue
        links = dict((lang, href) for href, lang in SELECTOR.findall(page.read_text("utf-8")))
        assert set(links) == {"en", "zh"}, relative
        for lang, href in links.items():
            assert not href.startswith("/") and "://" not in href, href  # relative: file:// and sub-paths
            target = Path(posixpath.normpath(posixpath.join(str(page.parent), href)))
            expected = (public / "zh" if lang == "zh" else public) / relative
            assert target == expected and target.is_file(), (relative, lang, href)
        checked += 1
    assert checked >= 12


def _nav_pages(nav: list) -> list:
    """The nav's structure with its titles left out: pages and sections, in order."""
    shape: list = []
    for item in nav:
        if isinstance(item, str):
            shape.append(item)
        else:
            (_, value), = item.items()
            shape.append(_nav_pages(value) if isinstance(value, list) else value)
    return shape


def test_the_chinese_nav_has_the_english_pages_in_the_same_order() -> None:
    """mkdocs.zh.yml replaces the nav whole (INHERIT merges no lists): a page added to
    mkdocs.yml's nav must be added there too, with its Chinese title."""
    english = yaml.safe_load((ROOT / "mkdocs.yml").read_text("utf-8"))
    chinese = yaml.safe_load((ROOT / "mkdocs.zh.yml").read_text("utf-8"))
    assert _nav_pages(chinese["nav"]) == _nav_pages(english["nav"])
    assert chinese["theme"] == {"language": "zh"} and english["theme"]["language"] == "en"
    for item in chinese["nav"]:
        title = next(iter(item)) if isinstance(item, dict) else None
        assert title is None or re.search(r"[\u4e00-\u9fff]", title), title


def _catalogue() -> dict[str, str]:
    translated: dict[str, str] = {}
    for po in sorted(LOCALE.glob("*.po")):
        with po.open("rb") as handle:
            for message in read_po(handle, locale="zh_Hans"):
                if message.id:
                    assert not message.fuzzy, (po.name, message.id)
                    # a plural (ngettext) is keyed by its singular, translated when every form is
                    key = message.id[0] if isinstance(message.id, tuple) else message.id
                    forms = message.string if isinstance(message.string, tuple) else (message.string,)
                    string = forms[0] if all(form.strip() for form in forms) else ""
                    assert translated.get(key, string) == string, f"{key!r} is translated two ways; {po.name} disagrees"
                    translated[key] = string
    return translated


def _used_messages() -> set[str]:
    """Every msgid in site/templates (Jinja2's Babel extractor) and in the site's modules."""
    found = set()
    sources = [
        (ROOT / "site" / "templates", [("**.j2", "jinja2.ext:babel_extract")],
         {"**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}}),
        (ROOT / "scripts" / "socialops" / "site", [("**.py", "python")], {}),
    ]
    for folder, method_map, options in sources:
        for _, _, message, _, _ in extract_from_dir(str(folder), method_map, options):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_interface_string_has_a_chinese_translation() -> None:
    used = _used_messages()
    assert {"Checked by these rules", "Rules that check it"} <= used
    translated = _catalogue()
    missing = sorted(message for message in used if not translated.get(message, "").strip())
    assert missing == []


def test_every_catalogue_file_is_read(tmp_path: Path) -> None:
    """One .po per page module: all of them make the one catalogue."""
    folder = tmp_path / "zh_Hans"
    folder.mkdir()
    for name, (source, target) in {"a.po": ("Calendar", "日历"), "b.po": ("Agenda", "日程")}.items():
        (folder / name).write_text(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                                   f'msgid "{source}"\nmsgstr "{target}"\n', "utf-8")
    translations = i18n.translations("zh", tmp_path)
    assert translations.gettext("Calendar") == "日历" and translations.gettext("Agenda") == "日程"
    assert i18n.content_folder("zh") == "zh-Hans" and i18n.content_folder("en") == "en"
    with pytest.raises(ValueError, match="no socialops catalogue"):
        i18n.content_folder("fr")
