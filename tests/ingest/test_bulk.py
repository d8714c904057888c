"""`peergraph bulk-import`: the graph neo4j-admin loads equals the online importer's on the same input.

One Neo4j of its own (the project's launcher, a temporary NEO4J_HOME, free ports), loaded once with the sample and
a small generated set (with merged ids): the online import of the same files into the suite's `empty_db` is the
model, compared by fingerprint; the counts are checked against the input records too.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from neo4j import AsyncDriver
from pydantic import SecretStr
from typer.testing import CliRunner

from ingest.sample import SAMPLE_DIR
from peergraph.cli import app
from peergraph.db.launcher import LocalNeo4j
from peergraph.db.target import throwaway_server
from peergraph.settings import Settings, get_settings
from tests.ingest.cli_support import cli_fingerprint, peergraph


def _bulk_env(server: LocalNeo4j) -> dict[str, str]:
    return {
        "NEO4J_URI": "",  # the project's own launched server, never a given one
        "PEERGRAPH_NEO4J_HOME": str(server.home),
        "PEERGRAPH_NEO4J_BOLT_PORT": str(server.bolt_port),
        "PEERGRAPH_NEO4J_HTTP_PORT": str(server.http_port),
        "PEERGRAPH_NEO4J_HEAP": "512m",
        "PEERGRAPH_NEO4J_PAGECACHE": "256m",
        "PEERGRAPH_BULK_IMPORT_HEAP": "512m",
        "PEERGRAPH_BULK_IMPORT_MAX_OFF_HEAP": "256m",
        "COLUMNS": "200",
    }


def _bulk(server: LocalNeo4j, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The command in its own process, as a person runs it: the server it starts outlives it."""
    environment = {**os.environ, **_bulk_env(server), **(env or {})}
    command = [sys.executable, "-m", "peergraph.cli", "bulk-import", *args]
    return subprocess.run(command, env=environment, capture_output=True, text=True, timeout=600, check=False)


def _lines(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in gzip.decompress(path.read_bytes()).splitlines()]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    generated = tmp_path_factory.mktemp("generated")
    result = CliRunner().invoke(app, ["generate", "--works", "2000", "--seed", "3", "--merges", "20", str(generated)])
    assert result.exit_code == 0, result.output
    return [SAMPLE_DIR, generated]


@pytest.fixture(scope="module")
def bulk_server(
    tmp_path_factory: pytest.TempPathFactory, inputs: list[Path]
) -> Iterator[tuple[LocalNeo4j, subprocess.CompletedProcess[str]]]:
    server = throwaway_server(get_settings(), tmp_path_factory.mktemp("bulk") / "neo4j-home")
    rejects = server.home.parent / "rejects.jsonl"
    try:
        loaded = _bulk(server, *map(str, inputs), "--max-bad", "0", "--rejects", str(rejects), "--json")
        yield server, loaded
    finally:
        server.stop()


def _served(server: LocalNeo4j, settings: Settings) -> Settings:
    return settings.model_copy(update={"neo4j_uri": server.uri, "neo4j_password": SecretStr(server.password())})


async def test_bulk_equals_the_online_import(
    bulk_server: tuple[LocalNeo4j, subprocess.CompletedProcess[str]],
    inputs: list[Path],
    empty_db: AsyncDriver,
    settings: Settings,
) -> None:
    server, loaded = bulk_server
    assert loaded.returncode == 0, loaded.stderr
    summary = orjson.loads(loaded.stdout)
    bulk = await asyncio.to_thread(cli_fingerprint, _served(server, settings))
    online = await asyncio.to_thread(
        peergraph, settings, "import", *map(str, inputs), "--max-bad", "0", "--no-progress"
    )
    assert online.exit_code == 0, online.output
    assert bulk == await asyncio.to_thread(cli_fingerprint, settings)
    works = {w["id"] for d in inputs for w in _lines(d / "works.jsonl.gz")}
    assert summary["records"] == sum(len(_lines(p)) for d in inputs for p in d.glob("*.jsonl.gz"))
    assert summary["merges"]["applied"] > 0
    assert len(works) - summary["merges"]["folded"] <= bulk["nodes"]["Work"] <= len(works)


def test_a_database_that_is_not_empty_is_refused(
    bulk_server: tuple[LocalNeo4j, subprocess.CompletedProcess[str]], settings: Settings
) -> None:
    server, loaded = bulk_server
    assert loaded.returncode == 0, loaded.stderr
    before = cli_fingerprint(_served(server, settings))
    again = _bulk(server, str(SAMPLE_DIR))
    assert again.returncode == 1
    assert "is not empty" in again.stderr
    assert cli_fingerprint(_served(server, settings)) == before


def test_a_server_that_is_not_the_projects_own_is_refused(tmp_path: Path, settings: Settings) -> None:
    server = throwaway_server(get_settings(), tmp_path / "never-started")
    given = _bulk(server, str(SAMPLE_DIR), env={"NEO4J_URI": settings.neo4j_uri or "bolt://127.0.0.1:1"})
    assert given.returncode == 1
    assert "NEO4J_URI is set" in given.stderr
    assert not (tmp_path / "never-started").exists()
