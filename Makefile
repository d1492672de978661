# The README's two commands: `make demo` and `make test`. Both set up everything first.
# `make test-fast` is the tier to run constantly while working: every test that needs no LibreOffice
# and is not marked slow (no lint, no templates check); `make test` still runs everything.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    ?= out

.PHONY: demo test test-fast setup system-deps lint bench clean i18n

setup: system-deps $(STAMP)

system-deps:
	@bash tools/ensure-system-deps.sh

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

demo: setup
	@mkdir -p $(OUT)
	$(BIN)/legal-docs example vacatur > $(OUT)/client.yaml
	$(BIN)/legal-docs generate $(OUT)/client.yaml --out $(OUT)
	@echo "Sample packet written under $(OUT)/ (see $(OUT)/*/packet.pdf)"

lint: setup
	$(BIN)/ruff check legal_docs cli tools benchmarks tests
	$(BIN)/mypy legal_docs cli

test: setup lint
	$(BIN)/legal-docs templates check
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# One pytest worker per core (pytest-xdist): measured back to back at load 4 on 2 cores, 181 s
# against 203 s in one process; FAST_JOBS=0 runs them in this one process.
FAST_JOBS ?= auto
test-fast: setup
	$(BIN)/python -m pytest -m "not libreoffice and not slow" -q -n $(FAST_JOBS) $(PYTEST_ARGS)

# Every figure of the README's speed tables in one run (about half an hour on 2 cores): each
# benchmark prints a Markdown table of ratios against a baseline measured side by side.
bench: setup
	$(BIN)/python benchmarks/bench_generate.py
	$(BIN)/python benchmarks/bench_forms.py
	$(BIN)/python benchmarks/bench_batch.py
	$(BIN)/python benchmarks/bench_converters.py

# Messages: extract from the code, the models and the interview scripts; update the Spanish
# catalog; compile it. Commit the .pot, .po and .mo (tests/test_i18n.py checks they agree).
LOCALE := legal_docs/locale
i18n: setup
	$(BIN)/pybabel extract -F babel.cfg -k _ -k N_ -k ngettext:1,2 --no-wrap --sort-by-file --omit-header -o $(LOCALE)/legal_docs.pot .
	$(BIN)/pybabel update -i $(LOCALE)/legal_docs.pot -d $(LOCALE) -D legal_docs -l es --no-wrap --ignore-obsolete
	$(BIN)/pybabel compile -d $(LOCALE) -D legal_docs --statistics

clean:
	rm -rf $(VENV) build dist *.egg-info $(OUT)
