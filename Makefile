# The two commands of the README, and the benchmarks. Everything runs from a
# virtual environment in .venv that these targets create and keep up to date.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test bench forms screenshots clean

# Install the app (as a user would: not editable) and open it on the default library.
run: $(VENV)/.app-installed
	PYTHON=$(BIN)/python sh packaging/system_deps.sh desktop
	$(BIN)/pir-desktop

# Install the app with its test tools, lint, then run the whole test suite.
test: $(VENV)/.test-installed
	PYTHON=$(BIN)/python sh packaging/system_deps.sh test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest

bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/library_bench.py
	$(BIN)/python benchmarks/startup_bench.py
	$(BIN)/python benchmarks/export_bench.py
	$(BIN)/python benchmarks/coach_accuracy.py
	$(BIN)/python benchmarks/coach_bench.py
	$(BIN)/python benchmarks/import_bench.py
	$(BIN)/python benchmarks/presenter_bench.py
	$(BIN)/python benchmarks/learning_bench.py
	$(BIN)/python benchmarks/growth_bench.py
	$(BIN)/python benchmarks/team_bench.py
	$(BIN)/python benchmarks/merge_bench.py

# The README's screenshots, in a real X window under Xvfb (see docs/make_screenshots.py).
screenshots: $(VENV)/.test-installed
	PYTHON=$(BIN)/python sh packaging/system_deps.sh desktop
	$(BIN)/python docs/make_screenshots.py
	$(BIN)/python docs/make_report_pages.py
	$(BIN)/python docs/make_pattern_pages.py

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.app-installed: pyproject.toml $(BIN)/python $(shell find pir_desktop resources ui -type f -not -path '*/__pycache__/*')
	$(BIN)/python -m pip install --quiet .
	rm -f $(VENV)/.test-installed
	touch $@

$(VENV)/.test-installed: pyproject.toml $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	rm -f $(VENV)/.app-installed
	touch $@

# Compile the Qt Designer forms in ui/ after changing one.
forms: $(VENV)/.test-installed
	$(BIN)/python packaging/build_forms.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis
