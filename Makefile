# Two commands: `make site` builds the demo site, `make test` runs the tests.
# Both set up the virtual environment first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# "Now" is reference_time in policy.yaml (the demo's fixed moment), else the real clock;
# the CLI, the hooks, CI and the site read it alike. `make check NOW=2026-12-01T09:00Z`
# checks at another moment.
NOW ?=
FORMAT ?= text          # text | json | github | sarif

.PHONY: setup hooks check site serve test bench fuzz clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

hooks: setup
	$(BIN)/pre-commit install

check: setup
	$(BIN)/socialops check $(if $(strip $(NOW)),--now "$(strip $(NOW))") --format $(strip $(FORMAT))

site: check
	SOCIALOPS_NOW="$(strip $(NOW))" NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet
	@echo "The site is in public/: open public/index.html, or run 'make serve' for http://127.0.0.1:8000"

serve: setup
	SOCIALOPS_NOW="$(strip $(NOW))" NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --no-strict

test: setup
	$(BIN)/ruff check scripts tests bench site fuzz
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/run.py

# Coverage-guided fuzzing (atheris/libFuzzer), not part of `make test`: each harness in
# fuzz/ runs FUZZ_SECONDS, one at a time and niced. Crashes land in fuzz/crashes/; add each
# one to tests/corpus as a case (see fuzz/README.md). `make fuzz FUZZ_SECONDS=3600`.
FUZZ_SECONDS ?= 300
FUZZ_HARNESSES ?= yaml_text front_matter yaml_file
fuzz: setup
	$(BIN)/python -m pip install --quiet --disable-pip-version-check atheris==3.0.0  # as pyproject's fuzz extra
	mkdir -p fuzz/crashes fuzz/work
	cd fuzz && for harness in $(FUZZ_HARNESSES); do \
	  nice -n 19 ../$(BIN)/python fuzz_$$harness.py -max_total_time=$(FUZZ_SECONDS) -timeout=30 -rss_limit_mb=4096 \
	    -max_len=4096 -len_control=0 -dict=yaml.dict -print_final_stats=1 -artifact_prefix=crashes/$$harness- \
	    2>&1 | tee work/$$harness.log | grep -E "^#[0-9]+ +(DONE|NEW)|ERROR|Traceback|crash-|timeout-|stat::" | tail -n 12; \
	done

clean:
	rm -rf public $(VENV) .pytest_cache
