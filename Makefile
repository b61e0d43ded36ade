# The two set-up commands: `make serve` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-install when the dependencies change; the package itself is editable.
STAMP := $(VENV)/.installed-stamp

.PHONY: serve test test-fast lint typecheck build pack publish publish-private offline clean messages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,pdf,holidays]'
	touch $(STAMP)

# Live-reloading preview on http://127.0.0.1:8000 (click > 8.2.1 needs --livereload).
serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

test: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -n auto $(PYTEST_ARGS)

# The inner loop, under 30 s: the core and the command line, no site built, no browser, and
# each property tried on fewer examples.
test-fast: $(STAMP)
	NO_MKDOCS_2_WARNING=1 HYPOTHESIS_PROFILE=fast $(BIN)/python -m pytest -m "core or cli" $(PYTEST_ARGS)

# ruff, then import-linter: each layer imports only the layers below it (pyproject.toml).
lint: $(STAMP)
	$(BIN)/ruff check plugins tests benchmarks
	$(BIN)/ruff format --check plugins tests benchmarks
	$(BIN)/lint-imports

# mypy: strict on the pure core (pyproject.toml, [tool.mypy]), checked everywhere else.
typecheck: $(STAMP)
	$(BIN)/mypy

build: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# The coming week's prep sheets as one PDF (cover + one page each), printed by your Chromium.
pack: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/playbook pdf --upcoming $(PDF_ARGS)

# A build to host, into an emptied site/. SITE_URL=https://you.github.io/playbook/ also fills
# sitemap.xml and canonical links (the address goes to MkDocs as a two-line config on standard
# input that inherits mkdocs.yml).
HOSTED_CONFIG = printf 'INHERIT: mkdocs.yml\n%s\n' '$(if $(SITE_URL),site_url: "$(SITE_URL)")'
HOSTED_BUILD = NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --clean -f -

# The public profile, safe to host (README: "Hosting your playbook").
publish: $(STAMP)
	$(HOSTED_CONFIG) | PLAYBOOK_PROFILE=public $(HOSTED_BUILD)

# Your whole playbook, every page encrypted with the passphrase in PLAYBOOK_PASSPHRASE
# (README: "Your private playbook, hosted").
publish-private: $(STAMP)
	$(HOSTED_CONFIG) | PLAYBOOK_PROFILE=encrypted $(HOSTED_BUILD)

# A copy that opens from the file system, into site-offline/. The PRIVATE profile unless
# PLAYBOOK_PROFILE=public: it is for reading on your own laptop, not for sharing.
offline: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --clean -f mkdocs.offline.yml
	@echo "site-offline/index.html: the $${PLAYBOOK_PROFILE:-private} playbook, opens without a server"

# The words to translate: extracted from the Python and the page templates into messages.pot,
# then merged into every language's catalogue (README: "Contributing a language").
LOCALE := plugins/playbook/locale
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k C_:1c,2 -k N_plural:1,2 --add-location=file --sort-by-file \
		--project=interview-playbook --no-wrap -o $(LOCALE)/messages.pot .
	$(BIN)/pybabel update -i $(LOCALE)/messages.pot -d $(LOCALE) --no-wrap \
		--ignore-obsolete --no-fuzzy-matching

clean:
	rm -rf site site-offline .cache/playbook
