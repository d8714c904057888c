"""Migrations, NEO4J_URI mode, and /readyz following Neo4j's health."""

from __future__ import annotations

import os
import time

import httpx
import pytest
from neo4j import AsyncDriver
from pydantic import SecretStr

from peergraph.db.launcher import LocalNeo4j
from peergraph.db.migrations import apply_migrations
from peergraph.settings import Settings
from tests.conftest import Neo4jService
from tests.support import ApiServer, run_cli

EXPECTED_CONSTRAINTS = {"author_id", "work_id", "topic_id", "institution_id", "source_id", "user_id"}


async def _constraints(driver: AsyncDriver) -> dict[str, tuple[list[str], list[str]]]:
    records, _, _ = await driver.execute_query("SHOW CONSTRAINTS YIELD name, labelsOrTypes, properties, type")
    return {r["name"]: (r["labelsOrTypes"], r["properties"]) for r in records if r["type"] == "UNIQUENESS"}


async def test_migrations_create_the_uniqueness_constraints_idempotently(
    driver: AsyncDriver, settings: Settings
) -> None:
    first = await _constraints(driver)
    assert set(first) >= EXPECTED_CONSTRAINTS
    assert first["author_id"] == (["Author"], ["id"])
    assert first["user_id"] == (["User"], ["id"])
    await apply_migrations(driver, settings.neo4j_database)  # a second run changes nothing
    assert await _constraints(driver) == first


async def test_constraint_rejects_a_duplicate_id(empty_db: AsyncDriver) -> None:
    from neo4j.exceptions import ConstraintError

    await empty_db.execute_query("CREATE (:Work {id: 'W1'})")
    with pytest.raises(ConstraintError):
        await empty_db.execute_query("CREATE (:Work {id: 'W1'})")


def test_wrong_password_in_neo4j_uri_mode_is_a_clear_error(neo4j_service: Neo4jService) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env |= {"NEO4J_URI": neo4j_service.target.uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": "wrong-password"}
    done = run_cli("migrate", env=env)
    assert done.returncode == 1
    assert "refused the credentials" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout


def _wait_for_status(client: httpx.Client, status: int, seconds: float = 60) -> httpx.Response:
    deadline = time.monotonic() + seconds
    while True:
        response = client.get("/readyz")
        if response.status_code == status or time.monotonic() > deadline:
            return response
        time.sleep(0.2)


def test_readyz_follows_neo4j_down_and_back(launched: LocalNeo4j, settings: Settings) -> None:
    target_settings = settings.model_copy(
        update={"neo4j_uri": launched.uri, "neo4j_password": SecretStr(launched.password())}
    )
    with ApiServer(target_settings) as api, httpx.Client(base_url=api.url, timeout=10) as client:
        assert client.get("/livez").json() == {"status": "alive"}
        assert _wait_for_status(client, 200).status_code == 200
        launched.stop()
        down = _wait_for_status(client, 503)
        assert down.status_code == 503
        assert down.json()["status"] == "unavailable"
        assert client.get("/livez").status_code == 200  # liveness does not depend on Neo4j
        launched.start()
        assert _wait_for_status(client, 200).json() == {"status": "ready", "neo4j": "ok"}
