# e-Akte: the two commands a newcomer needs are `make start` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export EAKTE_VAR ?= $(CURDIR)/var
ZOPE_CONF := $(EAKTE_VAR)/etc/zope.conf
ZOPE_INI := $(EAKTE_VAR)/etc/zope.ini

# Debian packages: building psycopg2 (libpq), libmagic (type detection of uploads); for the tests PostgreSQL, Chromium (browser tests,
# driven by Playwright: never a downloaded browser) and poppler/qpdf (PDF checks).
APT_BUILD := python3-venv python3-dev build-essential libpq-dev libmagic1
APT_TEST := postgresql chromium poppler-utils qpdf

.PHONY: help
help: ## Show the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-22s %s\n", $$1, $$2}'

# --- installation ----------------------------------------------------------------------------
.PHONY: system-packages
system-packages: ## Install missing Debian packages (only as root on Debian; otherwise prints them)
	@./scripts/system_packages.sh $(APT_BUILD) $(if $(WITH_TEST),$(APT_TEST))

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python setup.py constraints.txt
	$(BIN)/python -m pip install -q -c constraints.txt 'setuptools' 'wheel'
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[test]'
	touch $@

.PHONY: install
install: system-packages $(VENV)/.installed ## Install system packages, virtualenv and Python packages (pinned)

.PHONY: constraints
constraints: ## Regenerate constraints.txt and versions.cfg from the current virtualenv (deliberately!)
	@{ head -2 constraints.txt; $(BIN)/pip freeze --all --exclude-editable | grep -viE '^(pip|eakte)=='; } > constraints.txt.new
	mv constraints.txt.new constraints.txt
	$(BIN)/python scripts/buildout_versions.py > versions.cfg

# --- running ---------------------------------------------------------------------------------
.PHONY: instance
instance: $(VENV)/.installed ## Write the Zope configuration from EAKTE_* settings (SQLite unless EAKTE_DSN is set)
	$(BIN)/python scripts/instance.py

.PHONY: site
site: instance ## Create the e-Akte site with demo data if it does not exist
	$(BIN)/zconsole run $(ZOPE_CONF) scripts/create_site.py

.PHONY: start
start: install site ## Install what is missing, create the site, serve it on http://localhost:8080
	@echo ""
	@echo "  e-Akte: $$($(BIN)/python scripts/instance.py --print-url)/$${EAKTE_SITE_ID:-eakte}"
	@echo "  Demo-Login: $${EAKTE_ADMIN_USER:-admin} / $${EAKTE_ADMIN_PASSWORD:-admin}  (nur für die Demo)"
	@echo ""
	exec $(BIN)/runwsgi $(ZOPE_INI)

# --- tests -----------------------------------------------------------------------------------
.PHONY: test
test: ## Run all tests (installs what is missing; starts PostgreSQL if needed)
	$(MAKE) install WITH_TEST=1
	./scripts/ensure_postgresql.sh
	$(BIN)/pytest $(PYTEST_ARGS)

.PHONY: test-fast
test-fast: $(VENV)/.installed ## Run the tests without the slow ones (buildout, multi-process)
	$(BIN)/pytest -m "not slow" $(PYTEST_ARGS)

# --- benchmarks ------------------------------------------------------------------------------
benchmark: N ?= 500
benchmark: CLIENTS ?= 1
.PHONY: benchmark
benchmark: $(VENV)/.installed ## Filing benchmark, e-Akte Dokument vs. plain File via REST: make benchmark N=500 [CLIENTS=1,4] [DSN="dbname=..."]
	$(BIN)/python benchmarks/filing.py -n $(N) --clients $(CLIENTS) $(if $(DSN),--dsn "$(DSN)")

# --- operations ------------------------------------------------------------------------------
.PHONY: pack
pack: instance ## Pack the database (removes unreachable objects; the site must be stopped for SQLite)
	$(BIN)/python scripts/storage.py pack

.PHONY: convert-to-postgresql
convert-to-postgresql: ## Copy the SQLite database into PostgreSQL: make convert-to-postgresql TO_DSN="dbname=eakte ..."
	$(BIN)/python scripts/storage.py convert --to-dsn "$(TO_DSN)"

.PHONY: verify
verify: instance ## Recompute the SHA-256 of every Dokument version and report mismatches
	$(BIN)/zconsole run $(ZOPE_CONF) scripts/verify.py

.PHONY: verify-protokoll
verify-protokoll: instance ## Verify the hash chains of all Protokolle and name the first broken entry
	$(BIN)/zconsole run $(ZOPE_CONF) scripts/verify_protokoll.py

.PHONY: backup
backup: ## Back up the database into var/backup/<timestamp>.zodb (site may keep running)
	$(BIN)/python scripts/storage.py backup

.PHONY: restore
restore: ## Restore a backup into the configured (empty) database: make restore FILE=var/backup/....zodb
	$(BIN)/python scripts/storage.py restore --file "$(FILE)"

.PHONY: buildout
buildout: $(VENV)/.installed ## Build a buildout-based instance in this folder (bin/instance)
	$(BIN)/buildout -c buildout.cfg

.PHONY: clean
clean: ## Remove the virtualenv (keeps var/ with your data)
	rm -rf $(VENV)
