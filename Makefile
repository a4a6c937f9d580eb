# Two commands: `make site` builds the demo site, `make test` runs the tests.
# Both set up the virtual environment first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The demo's reference date: the demo content is written around it, so the demo stays
# green as the calendar moves on. Your own repository runs without --now (the clock).
DEMO_NOW := 2026-11-26T09:00:00+08:00
NOW ?= $(DEMO_NOW)      # `make check NOW=` checks against the real clock
FORMAT ?= text          # text | json | github | sarif

.PHONY: setup print-now hooks check site serve test bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

print-now:
	@echo "$(strip $(NOW))"

hooks: setup
	$(BIN)/pre-commit install

check: setup
	$(BIN)/socialops check --now "$(strip $(NOW))" --format $(strip $(FORMAT))

site: check
	SOCIALOPS_NOW=$(DEMO_NOW) NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet
	@echo "The site is in public/: open public/index.html, or run 'make serve' for http://127.0.0.1:8000"

serve: setup
	SOCIALOPS_NOW=$(DEMO_NOW) NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve

test: setup
	$(BIN)/ruff check scripts tests bench site
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf public $(VENV) .pytest_cache
