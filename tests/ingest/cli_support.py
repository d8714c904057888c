"""Run the real `peergraph` command against the test Neo4j: in-process (typer's CliRunner) or as its own process."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson
from typer.testing import CliRunner, Result

from peergraph.cli import app
from peergraph.settings import Settings


def cli_env(settings: Settings) -> dict[str, str]:
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
    return {
        "NEO4J_URI": settings.neo4j_uri or "",
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": password,
        "NEO4J_DATABASE": settings.neo4j_database,
        "COLUMNS": "200",
    }


def peergraph(settings: Settings, *args: str) -> Result:
    return CliRunner().invoke(app, list(args), env=cli_env(settings), catch_exceptions=False)


async def import_with_no_rejects(settings: Settings, paths: list[Path], rejects: Path) -> None:
    """`peergraph import paths` (in a thread: the test's loop stays free), which must succeed with no line rejected."""
    args = ["import", *map(str, paths), "--rejects", str(rejects), "--no-progress"]
    result = await asyncio.to_thread(peergraph, settings, *args)
    assert result.exit_code == 0, result.output
    assert await asyncio.to_thread(rejected_lines, rejects) == []


def rejected_lines(rejects: Path) -> list[Any]:
    """The lines of a rejects file (none when it was never written)."""
    return [orjson.loads(line) for line in rejects.read_bytes().splitlines()] if rejects.exists() else []


def cli_fingerprint(settings: Settings) -> dict[str, Any]:
    result = peergraph(settings, "fingerprint", "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = orjson.loads(result.stdout)
    return data


def peergraph_process(
    settings: Settings, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The installed `peergraph` command in its own process, as a scheduler runs it: its exit code is the real
    one (`sys.exit` included) and stdout holds only what the command prints there."""
    environment = {**os.environ, **cli_env(settings), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "peergraph.cli", *args],
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
