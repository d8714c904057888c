"""Fixtures for the launcher and connection tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from peergraph.db.launcher import LocalNeo4j
from tests.conftest import Neo4jService
from tests.db.test_launcher import make_server


@pytest.fixture
def launched(neo4j_service: Neo4jService, tmp_path: Path) -> Iterator[LocalNeo4j]:
    """The suite's own launched server, or (when the suite uses NEO4J_URI or Docker) a dedicated one."""
    if neo4j_service.server is not None:
        yield neo4j_service.server
        if not neo4j_service.server.status().running:  # a test that stopped it must not leave it down
            neo4j_service.server.start()
        return
    server = make_server(tmp_path / "home")
    server.start()
    try:
        yield server
    finally:
        server.stop()
