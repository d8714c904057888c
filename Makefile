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

.PHONY: help setup run test check lint typecheck fmt neo4j-start neo4j-stop neo4j-status neo4j-logs schema schema-check graphiql clean

help:
	@echo "make run    set up (venv, deps, Neo4j, migrations, sample data) and serve http://127.0.0.1:8000/graphql"
	@echo "make test   set up, then lint, type-check and run the whole suite against a real Neo4j"
	@echo "make neo4j-stop   stop the development Neo4j that make run started"

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

graphiql: $(GRAPHIQL_STAMP)

setup: $(VENV)/.synced

run: setup graphiql
	$(PG) up

check: setup
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy .

test: check graphiql
	$(VENV)/bin/pytest

fmt: setup
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

schema: setup
	$(PG) export-schema > schema.graphql

# Lists breaking changes of the code's schema against the committed schema.graphql (exit 1 if any).
schema-check: setup
	$(VENV)/bin/python -m schema.compat

neo4j-start: setup
	$(PG) db start
neo4j-stop: setup
	$(PG) db stop
neo4j-status: setup
	$(PG) db status
neo4j-logs: setup
	$(PG) db logs

clean:
	-$(PG) db stop
	rm -rf $(VENV) $(TOOLS) .neo4j .mypy_cache .ruff_cache .pytest_cache
