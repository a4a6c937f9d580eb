"""The platform limits data file (`data/platforms.yaml`)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def limits() -> dict:
    text = resources.files("socialops.data").joinpath("platforms.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def text_limit(platform: str) -> dict | None:
    return limits()["platforms"].get(platform, {}).get("text")
