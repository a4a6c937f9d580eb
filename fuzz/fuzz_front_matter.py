"""Fuzz a Markdown document (front matter and body) through the loader and every rule.

The first byte picks the file (post, campaign or incident); the rest is its content.
Run: `make fuzz` (or .venv/bin/python fuzz/fuzz_front_matter.py -max_total_time=600).
"""

from __future__ import annotations

import atheris

with atheris.instrument_imports(include=["socialops", "yaml"]):
    import common

ROOT = common.make_repo()
TARGETS = (common.POST, common.CAMPAIGN, common.INCIDENT)


def test_one_input(data: bytes) -> None:
    if not data:
        return
    common.write(ROOT, TARGETS[data[0] % len(TARGETS)], data[1:])
    common.run_check(ROOT)


if __name__ == "__main__":
    common.main(test_one_input, "front_matter")
