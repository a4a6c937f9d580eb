"""Defects issue #7 names that other slices fix, as the exception each raises today.

The property tests (tests/test_properties.py) and the fuzz harnesses (fuzz/) skip an input
that ends in one of these, so they go on looking for new ones. Each has a strict xfail case
in tests/corpus; when its fix lands that case fails as XPASS: then delete its entry here.
"""

from __future__ import annotations

import traceback

# (exception type, text in its message, the function that raises it)
KNOWN_DEFECTS: list[tuple[type[BaseException], str, str]] = [
    # none today: the key `07` (a ValueError in yamltext._Builder._mapping) was the last, fixed on main
]


def is_known_defect(error: BaseException) -> bool:
    frames = traceback.extract_tb(error.__traceback__)
    where = frames[-1].name if frames else ""
    return any(isinstance(error, kind) and text in str(error) and where == function
               for kind, text, function in KNOWN_DEFECTS)
