# peergraph: the two commands are `make run` and `make test`; everything else here serves them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
PG := $(VENV)/bin/peergraph
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: help setup run test check fmt neo4j-start neo4j-stop neo4j-status neo4j-logs schema schema-check graphiql web browser clean

# Every target that a person runs says what it does after `##` on its own line; help lists them all.
help: ## list the targets
	@awk -F':.*## ' '/^[a-z][a-z0-9-]*:.*## / { printf "make %-14s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

# uv itself is pinned and lives in its own tool venv, so `uv sync` never removes it.
$(UV):
	@$(PYTHON) -c 'import sys; sys.exit("peergraph needs Python 3.11+, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# The lock file pins every package; --frozen refuses to install anything it does not name.
$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --frozen --quiet
	@touch $@

# GraphiQL's assets (graphiql, react, react-dom) pinned by graphiql/package-lock.json, served by the app itself.
GRAPHIQL_STAMP := graphiql/node_modules/.installed
$(GRAPHIQL_STAMP): graphiql/package.json graphiql/package-lock.json
	npm ci --prefix graphiql --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

graphiql: $(GRAPHIQL_STAMP) ## install GraphiQL's pinned assets (npm ci)

# The researcher page and the explorer (web/): packages pinned by web/package-lock.json, built by Vite into web/dist
# (git-ignored), served by the app at / (peergraph/web.py). Rebuilt when a source or the contract changes.
WEB_INSTALLED := web/node_modules/.installed
WEB_STAMP := web/dist/.built
WEB_SOURCES := $(shell find web/src -type f) web/index.html web/vite.config.ts web/tsconfig.json contract/explorer.graphql
$(WEB_INSTALLED): web/package.json web/package-lock.json
	npm ci --prefix web --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

$(WEB_STAMP): $(WEB_INSTALLED) $(WEB_SOURCES)
	npm run --prefix web --silent build
	@touch $@

web: $(WEB_STAMP) ## build the researcher page and the explorer (npm ci, then vite build into web/dist)

# The browser tests (tests/web) drive Debian's chromium; as root it is installed when missing (no browser download).
browser: ## make sure Debian's chromium is there for the browser tests (apt-get install as root)
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "the browser tests need /usr/bin/chromium: run apt-get install chromium as root" >&2; exit 1; fi; \
	fi

setup: $(VENV)/.synced ## create .venv with exactly the locked packages

run: setup graphiql web ## set up everything (venv, deps, Neo4j, migrations, sample data, the pages) and serve http://127.0.0.1:8000/
	$(PG) up

check: setup ## ruff format check, ruff lint, mypy --strict
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy .

test: check graphiql web browser ## set up, then check and run the whole suite against a real Neo4j
	$(VENV)/bin/pytest

fmt: setup ## format and fix what ruff can
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

schema: setup ## rewrite schema.graphql from the code
	$(PG) export-schema > schema.graphql

# Lists breaking changes of the code's schema against the committed schema.graphql (exit 1 if any).
schema-check: setup ## list breaking changes of the code's schema against schema.graphql
	$(VENV)/bin/python -m schema.compat

neo4j-start: setup ## start the development Neo4j
	$(PG) db start
neo4j-stop: setup ## stop the development Neo4j that make run started
	$(PG) db stop
neo4j-status: setup ## say whether the development Neo4j runs
	$(PG) db status
neo4j-logs: setup ## print the end of the development Neo4j's log
	$(PG) db logs

clean: ## stop the development Neo4j and delete .venv, .tools, .neo4j and caches
	-$(PG) db stop
	rm -rf $(VENV) $(TOOLS) .neo4j .mypy_cache .ruff_cache .pytest_cache
