"""The compiled fast path (fastjsonschema) and jsonschema agree on every verdict."""

from __future__ import annotations

import copy
import random

import fastjsonschema
import pytest

from socialops.model import loader, schema
from tests.conftest import ROOT

MUTATIONS = [None, True, False, 0, 1.5, "", "x", "NO", "2026-02-30", "2026-03-02T09:00", "2026-03-02T09:00+25:00",
             "Europe/Berlin", "Mars/Olympus", "en-US", "english", "US", "UK", "http://x.com", "https://x.com/a",
             [], ["a"], {}, {"a": 1}, "scheduled", "approved"]


def _documents() -> list[tuple[str, dict]]:
    repo = loader.load(ROOT)
    found = [("post", post.meta) for post in repo.posts[:40]]
    found += [("campaign", c.meta) for c in repo.campaigns.values()]
    found += [("incident", i.meta) for i in repo.incidents]
    found += [("permissions", repo.permissions)]
    found += [("policy", repo.policy.data)]
    accounts = loader.Loader(ROOT).read_yaml("accounts.yaml", "accounts")[0]
    return found + [("accounts", accounts)]


def _mutants(document: dict, rng: random.Random, count: int = 30):
    paths = []

    def walk(value, path):
        if isinstance(value, dict):
            for key, item in value.items():
                paths.append(path + (key,))
                walk(item, path + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                paths.append(path + (index,))
                walk(item, path + (index,))

    walk(document, ())
    for _ in range(count):
        mutant = copy.deepcopy(document)
        path = rng.choice(paths)
        parent = mutant
        for key in path[:-1]:
            parent = parent[key]
        if rng.random() < 0.2 and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = copy.deepcopy(rng.choice(MUTATIONS))
        yield mutant


@pytest.mark.parametrize(("kind", "document"), _documents())
def test_fast_and_full_validation_agree(kind: str, document: dict) -> None:
    rng = random.Random(kind)
    fast = schema.validator(kind).fast
    full = schema.validator(kind).full
    for mutant in [document, *_mutants(document, rng)]:
        try:
            fast(mutant)
            fast_ok = True
        except fastjsonschema.JsonSchemaException:
            fast_ok = False
        assert fast_ok == full.is_valid(mutant), mutant


def test_a_compiled_validator_is_kept_in_the_user_cache_and_reused(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOCIALOPS_CACHE_DIR", str(tmp_path))
    document = {"type": "object", "properties": {"when": {"type": "string", "format": "date"}}}
    assert len(schema.Validator(document).errors({"when": "2026-02-30"})) == 1
    assert len(list((tmp_path / "validators").glob("m*.py"))) == 1

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled again instead of read from the cache")

    monkeypatch.setattr(fastjsonschema, "compile_to_code", no_compiling)
    monkeypatch.setattr(fastjsonschema, "compile", no_compiling)
    again = schema.Validator(document)
    assert again.errors({"when": "2026-03-02"}) == []
    assert [error.path for error in again.errors({"when": "2026-02-30"})] == [("when",)]


def test_an_unusable_cache_folder_compiles_afresh(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("SOCIALOPS_CACHE_DIR", str(blocker))
    validator = schema.Validator({"type": "object", "required": ["a"]})
    assert validator.errors({"a": 1}) == [] and len(validator.errors({})) == 1


def test_a_cache_file_cut_short_is_compiled_afresh(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("SOCIALOPS_CACHE_DIR", str(tmp_path))
    document = {"type": "object", "required": ["b"]}
    schema.Validator(document).errors({})
    (kept,) = (tmp_path / "validators").glob("m*.py")
    kept.write_text("def validate_x(data, custom_formats={}, name_prefix=None):\n    if not isinst")  # damaged
    assert len(schema.Validator(document).errors({})) == 1
    assert "validate_document" in kept.read_text()  # written again
