"""How well and how fast the copy's language is read (language-mismatch, term lists).

    python bench/language.py

Reads tests/data/language-sample.yml (short posts written by hand, labelled by the
language they are written in) and the demo's posts (labelled by their `language:`),
among the languages the demo repository uses, each detector mode in a fresh process:

- low: lingua's low-accuracy mode, what socialops uses (language.read);
- high: lingua's high-accuracy mode, for comparison (same preparation of the text).

Reports the load time (import and first reading), the time per post once loaded (the
best of 5 passes over the distinct texts), and per
mode: texts judged (the rest too short), read right, read wrong, and read wrong at least
language.CONFIDENT sure (a false warning), and read right that surely (a post declared
in another language would be warned). Per language and per length too.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLE = ROOT / "tests" / "data" / "language-sample.yml"
LENGTHS = ((0, 40), (40, 80), (80, 140), (140, 281))
REPEAT = 5


def labelled() -> list[tuple[str, str, str]]:
    """(source, language, text): the hand-written sample, then the demo's posts."""
    import yaml

    from socialops import language
    from socialops.model import loader

    rows = [("sample", code, text) for code, texts in yaml.safe_load(SAMPLE.read_text("utf-8")).items() for text in texts]
    repo = loader.load(ROOT)
    rows += [("demo", language.base(language.declared(post)), post.text) for post in repo.posts if language.declared(post)]
    return rows


def child(mode: str) -> None:
    """One mode in this (fresh) process: readings and timings as JSON on stdout."""
    from socialops import language
    from socialops.model import loader
    from socialops.rules import engine

    candidates = engine.used_languages(loader.load(ROOT))
    rows = labelled()
    start = time.perf_counter()  # lingua is imported and loads its models on the first reading
    read = language.read if mode == "low" else _high_accuracy(candidates)
    read(rows[0][2], candidates)  # an English text: the models of the Latin-script candidates load
    load = time.perf_counter() - start
    distinct = list(dict.fromkeys(text for _, _, text in rows))
    passes = []
    for _ in range(REPEAT):  # the best pass: the machine is shared
        language.read.cache_clear()  # time readings, not the cache (the demo repeats some copy)
        start = time.perf_counter()
        for text in distinct:
            read(text, candidates)
        passes.append((time.perf_counter() - start) / len(distinct))
    per_post = min(passes)
    readings = [read(text, candidates) for _, _, text in rows]
    print(json.dumps({"candidates": sorted(candidates), "load": load, "per_post": per_post,
                      "readings": [None if r is None else [r.language, r.confidence] for r in readings]}))


def _high_accuracy(candidates: frozenset[str]):
    from lingua import LanguageDetectorBuilder

    from socialops import language

    detector = LanguageDetectorBuilder.from_languages(*(language._lingua(code) for code in sorted(candidates))).build()

    def read(text: str, _: frozenset[str]) -> language.Reading | None:
        words = language.prose(text)[:language.READ_CHARS]
        if language.letters(words) < language.MIN_LETTERS:
            return None
        best = detector.compute_language_confidence_values(words)[0]
        return language.Reading(best.language.iso_code_639_1.name.lower(), best.value)

    return read


def report(mode: str, rows: list[tuple[str, str, str]], result: dict, confident: float) -> None:
    print(f"\n== lingua {mode}-accuracy mode: load and first reading {result['load']:.3f} s, "
          f"{result['per_post'] * 1000:.3f} ms a post once loaded")
    groups: dict[str, Counter] = {}
    for (source, code, text), reading in zip(rows, result["readings"], strict=True):
        length = next(f"{low}-{high - 1} chars" for low, high in LENGTHS if low <= len(text) < high) \
            if len(text) < LENGTHS[-1][1] else "281+ chars"
        for key in (f"{source}: all", f"{source}: {code}", f"{source}: {length}"):
            count = groups.setdefault(key, Counter())
            count["texts"] += 1
            if reading is None:
                continue
            count["judged"] += 1
            right = reading[0] == code
            count["right" if right else "wrong"] += 1
            if reading[1] >= confident:
                count["surely right" if right else "surely wrong"] += 1
    print(f"{'':22}{'texts':>6}{'judged':>8}{'right':>7}{'wrong':>7}{'surely wrong':>14}{'surely right':>14}")
    order = ["all", *sorted({code for _, code, _ in rows}), *(f"{low}-{high - 1} chars" for low, high in LENGTHS),
             "281+ chars"]
    for key in sorted(groups, key=lambda k: (k.split(":")[0] != "sample", order.index(k.split(": ")[1]))):
        count = groups[key]
        print(f"{key:22}{count['texts']:>6}{count['judged']:>8}{count['right']:>7}{count['wrong']:>7}"
              f"{count['surely wrong']:>14}{count['surely right']:>14}")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--child":
        child(sys.argv[2])
        return
    from socialops import language

    rows = labelled()
    print(f"{len(rows)} labelled texts; 'surely' means a confidence of at least {language.CONFIDENT}; "
          f"texts under {language.MIN_LETTERS} letters are not judged")
    for mode in ("low", "high"):
        output = subprocess.run([sys.executable, __file__, "--child", mode], capture_output=True, text=True, check=True)
        result = json.loads(output.stdout)
        if mode == "low":
            print(f"candidates (the demo repository's languages): {', '.join(result['candidates'])}")
        report(mode, rows, result, language.CONFIDENT)


if __name__ == "__main__":
    main()
