"""Defects issue #7 names that other slices fix, as the exception each raises today.

The property tests (tests/test_properties.py) and the fuzz harnesses (fuzz/) skip an input
that ends in one of these, so they go on looking for new ones. Each has a strict xfail case
in tests/corpus; when its fix lands that case fails as XPASS: then delete its entry here.
"""

from __future__ import annotations

import traceback

# (exception type, text in its message, the function that raises it)
KNOWN_DEFECTS: list[tuple[type[BaseException], str, str]] = [
    # tests/corpus/octal-looking-key: the key `07` (int(key, 0) in yamltext._Builder._mapping)
    (ValueError, "invalid literal for int() with base 0", "_mapping"),
    # tests/corpus/huge-number-key: a key of more than 4,300 digits, the same line
    (ValueError, "Exceeds the limit (4300 digits)", "_mapping"),
]


def is_known_defect(error: BaseException) -> bool:
    frames = traceback.extract_tb(error.__traceback__)
    where = frames[-1].name if frames else ""
    return any(isinstance(error, kind) and text in str(error) and where == function
               for kind, text, function in KNOWN_DEFECTS)
