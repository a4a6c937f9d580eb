"""Fuzz the layer under the loader alone, thousands of inputs a second: bytes read as a
file (size, UTF-8, BOM, line endings), split into front matter and body, and the YAML
parsed. Every input must end in a value or a problem with a line inside the text.
Run: `make fuzz` (or .venv/bin/python fuzz/fuzz_yaml_text.py -max_total_time=600).
"""

from __future__ import annotations

import os
import tempfile

import atheris

with atheris.instrument_imports(include=["socialops", "yaml"]):
    import common

    from socialops.model import files, yamltext

FILE = os.path.join(tempfile.mkdtemp(prefix="socialops-fuzz-"), "input.md")


def test_one_input(data: bytes) -> None:
    with open(FILE, "wb") as handle:
        handle.write(data)
    read = files.read_text(FILE)
    if read.text is None:
        return
    split = files.split_front_matter(read.text)
    yaml_text = split.yaml if isinstance(split, files.FrontMatter) else read.text
    try:
        document = yamltext.parse(yaml_text, offset=1)
    except Exception as error:
        if common.is_known_defect(error):
            return
        raise
    lines = read.text.count("\n") + 2
    for problem in document.problems:
        if not 1 <= problem.line <= lines or not problem.message:
            raise AssertionError(f"problem outside the text: {problem!r}")


if __name__ == "__main__":
    common.main(test_one_input, "yaml_text")
