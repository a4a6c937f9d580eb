"""The platform limits data file (`data/platforms.yaml`): one versioned place for every number."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from .model.yamltext import LineMap, parse


@cache
def _text() -> str:
    return resources.files("socialops.data").joinpath("platforms.yaml").read_text("utf-8")


@cache
def limits() -> dict:
    text = _text()
    # libyaml's safe loader: the same result as yaml.safe_load, in a fifth of the time
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def platform(name: str | None) -> dict:
    return limits()["platforms"].get(name or "", {})


def text_limits(name: str | None, post_format: str | None) -> list[dict]:
    """The text limits that apply to a post of `post_format` on platform `name`."""
    return [limit for limit in platform(name).get("text", [])
            if "formats" not in limit or (post_format or "text") in limit["formats"]]


def source_url(limit: dict) -> str:
    """Where a number comes from, for messages and docs."""
    source = limits()["sources"].get(limit.get("source", ""))
    return source["url"] if source else "no official source"


@cache
def dated() -> tuple[dict, LineMap]:
    """The file as the model reads YAML: dates as text, with each value's line (for
    findings on when a source or limit was last checked)."""
    document = parse(_text())
    return document.value, document.lines


def data_file(root: Path) -> str:
    """The data file's path as a finding names it: from the repository root when the
    package lives inside the repository (a clone of the demo), else inside the package."""
    path = Path(str(resources.files("socialops.data").joinpath("platforms.yaml"))).resolve()
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return "socialops/data/platforms.yaml"


def limit_records(platform_limits: dict) -> list[tuple[tuple, dict]]:
    """(key path under the platform, limit) for each dated limit of one platform: text
    limits by index, entities and media by name."""
    found: list[tuple[tuple, dict]] = [(("text", index), limit) for index, limit in
                                       enumerate(platform_limits.get("text", []))]
    for group in ("entities", "media"):
        found += [((group, name), limit) for name, limit in platform_limits.get(group, {}).items()]
    return found
