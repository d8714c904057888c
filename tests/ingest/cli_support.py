"""Run the real `peergraph` command in-process (typer's CliRunner) against the test Neo4j."""

from __future__ import annotations

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


def cli_fingerprint(settings: Settings) -> dict[str, Any]:
    result = peergraph(settings, "fingerprint", "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = orjson.loads(result.stdout)
    return data
