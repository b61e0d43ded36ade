# The two set-up commands: `make serve` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-install when the dependencies change; the package itself is editable.
STAMP := $(VENV)/.installed-stamp

.PHONY: serve test lint build pack clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# Live-reloading preview on http://127.0.0.1:8000 (click > 8.2.1 needs --livereload).
serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

test: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check plugins tests
	$(BIN)/ruff format --check plugins tests

build: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# The coming week's prep sheets as one PDF (cover + one page each), printed by your Chromium.
pack: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/playbook pdf --upcoming $(PDF_ARGS)

clean:
	rm -rf site
