# The two set-up commands: `make serve` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Re-install when the dependencies change; the package itself is editable.
STAMP := $(VENV)/.installed-stamp

.PHONY: serve test lint build pack publish offline clean

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
	$(BIN)/ruff check plugins tests benchmarks
	$(BIN)/ruff format --check plugins tests benchmarks

build: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

# The coming week's prep sheets as one PDF (cover + one page each), printed by your Chromium.
pack: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/playbook pdf --upcoming $(PDF_ARGS)

# The public profile, safe to host, into site/ (README: "Hosting your playbook").
# make publish SITE_URL=https://you.github.io/playbook/ also fills sitemap.xml and canonical links
# (the address goes to MkDocs as a two-line config on standard input that inherits mkdocs.yml).
publish: $(STAMP)
	printf 'INHERIT: mkdocs.yml\n%s\n' '$(if $(SITE_URL),site_url: "$(SITE_URL)")' | \
		PLAYBOOK_PROFILE=public NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --clean -f -

# A copy that opens from the file system, into site-offline/. The PRIVATE profile unless
# PLAYBOOK_PROFILE=public: it is for reading on your own laptop, not for sharing.
offline: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --clean -f mkdocs.offline.yml
	@echo "site-offline/index.html: the $${PLAYBOOK_PROFILE:-private} playbook, opens without a server"

clean:
	rm -rf site site-offline .cache/playbook
