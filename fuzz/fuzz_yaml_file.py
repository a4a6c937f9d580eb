"""Fuzz the repository's YAML files (accounts, permissions, policy) through the loader
and every rule. The first byte picks the file; the rest is its content.
Run: `make fuzz` (or .venv/bin/python fuzz/fuzz_yaml_file.py -max_total_time=600).
"""

from __future__ import annotations

import shutil

import atheris

with atheris.instrument_imports(include=["socialops", "yaml"]):
    import common

ROOT = common.make_repo()
TARGETS = ("accounts.yaml", "permissions.yaml", "policy.yaml")


def test_one_input(data: bytes) -> None:
    if not data:
        return
    target = TARGETS[data[0] % len(TARGETS)]
    common.write(ROOT, target, data[1:])
    try:
        common.run_check(ROOT)
    finally:
        shutil.copy(common.BASE / target, ROOT / target)  # the other harness inputs see valid files


if __name__ == "__main__":
    common.main(test_one_input, "yaml_file")
