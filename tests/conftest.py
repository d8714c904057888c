"""Shared fixtures: one real Neo4j per test session, a real HTTP server for the API, helpers to load data.

Which Neo4j, in this order:
1. `NEO4J_URI` (+ `NEO4J_USER`/`NEO4J_PASSWORD`) from the environment: an existing server. Its `neo4j`
   database is wiped by the tests, so never point this at data you want to keep.
2. `PEERGRAPH_TEST_DOCKER=1` and a Docker engine: testcontainers with the pinned `neo4j:5.26` image.
3. Otherwise the project's launcher starts a throwaway server in a temp home on free ports.
If none can be had the session fails loudly; Neo4j tests never skip.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import httpx
import pytest
import pytest_asyncio
from neo4j import AsyncDriver, AsyncGraphDatabase

from peergraph.db.launcher import LauncherError, LocalNeo4j
from peergraph.db.migrations import apply_migrations
from peergraph.db.target import Neo4jTarget, throwaway_server
from peergraph.settings import Settings, get_settings
from tests.faults import FaultyProxy
from tests.support import ApiServer, wipe

DOCKER_IMAGE = "neo4j:5.26"
SAMPLE_MARKER = "sample"


@dataclass
class Neo4jService:
    target: Neo4jTarget
    server: LocalNeo4j | None  # set when the suite launched it (tests may stop and restart it)


def _launched(tmp: Path) -> Iterator[Neo4jService]:
    server = throwaway_server(
        get_settings(),
        tmp / "neo4j-home",
        heap=os.environ.get("PEERGRAPH_TEST_NEO4J_HEAP", "1g"),
        pagecache=os.environ.get("PEERGRAPH_TEST_NEO4J_PAGECACHE", "512m"),
    )
    try:
        server.start()
    except LauncherError as exc:
        pytest.fail(f"The test suite could not start its Neo4j: {exc}", pytrace=False)
    try:
        yield Neo4jService(Neo4jTarget(server.uri, "neo4j", server.password(), "neo4j"), server)
    finally:
        server.stop()


def _docker() -> Iterator[Neo4jService]:
    from testcontainers.neo4j import Neo4jContainer

    password = secrets.token_urlsafe(16)
    with Neo4jContainer(DOCKER_IMAGE, password=password) as container:
        uri = container.get_connection_url()
        yield Neo4jService(Neo4jTarget(uri, "neo4j", password, "neo4j"), None)


@pytest.fixture(scope="session")
def neo4j_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jService]:
    uri = os.environ.get("NEO4J_URI")
    if uri:
        target = Neo4jTarget(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD"), "neo4j")
        yield Neo4jService(target, None)
    elif os.environ.get("PEERGRAPH_TEST_DOCKER") == "1":
        yield from _docker()
    else:
        yield from _launched(tmp_path_factory.mktemp("neo4j"))


@pytest.fixture(scope="session")
def settings(neo4j_service: Neo4jService) -> Settings:
    target = neo4j_service.target
    return get_settings(
        environment="test",
        neo4j_uri=target.uri,
        neo4j_user=target.user,
        neo4j_password=target.password,
        neo4j_database=target.database,
        neo4j_max_retry_seconds=2.0,
        # The suite shares two cores with its own Neo4j and bursts of connections (50 concurrent claims): its
        # requests get room beyond the production defaults. The fault tests use the defaults (test_faults.py).
        request_deadline_seconds=60.0,
        queue_timeout_seconds=60.0,  # 50 concurrent claims wait their turns (16 at once) longer than 2 s here
        # Every API server the suite starts would replay the explorer's operations against the one shared (and
        # already warm) Neo4j: load beside the timed fault tests for nothing. tests/db/test_warmup.py turns it on.
        warm_plans=False,
        neo4j_connection_timeout_seconds=5.0,
        # Opening a connection (its Bolt handshake) must fit in the acquisition timeout too; writes no longer get
        # the driver's own retries of a connection that failed slowly (peergraph/db/retry.py).
        neo4j_pool_acquire_timeout_seconds=5.0,
    )


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def driver(settings: Settings, neo4j_service: Neo4jService) -> AsyncIterator[AsyncDriver]:
    target = neo4j_service.target
    # Some tests restart the server: check pooled connections before use instead of failing on a dead one.
    drv = AsyncGraphDatabase.driver(
        target.uri, auth=target.auth, notifications_min_severity="OFF", liveness_check_timeout=0
    )
    await drv.verify_connectivity()
    await apply_migrations(drv, settings.neo4j_database)
    try:
        yield drv
    finally:
        await drv.close()


@pytest_asyncio.fixture(loop_scope="session")
async def empty_db(driver: AsyncDriver) -> AsyncDriver:
    """A database with no data (the schema stays). Use it in tests that write."""
    await wipe(driver)
    return driver


@pytest_asyncio.fixture(loop_scope="session")
async def sample_db(driver: AsyncDriver, settings: Settings) -> AsyncDriver:
    """The bundled OpenAlex sample, loaded once and shared by read-only tests until a test wipes it."""
    from ingest.sample import load_files, sample_files

    records, _, _ = await driver.execute_query(
        "MATCH (m:_TestFixture {name: $name}) RETURN count(m) AS n", name=SAMPLE_MARKER
    )
    if records[0]["n"] == 0:
        await wipe(driver)
        await load_files(driver, settings.neo4j_database, sample_files())
        await driver.execute_query("CREATE (:_TestFixture {name: $name})", name=SAMPLE_MARKER)
    return driver


@pytest.fixture(scope="session")
def api_server(settings: Settings, driver: AsyncDriver) -> Iterator[ApiServer]:
    with ApiServer(settings) as server:
        yield server


@pytest_asyncio.fixture(loop_scope="session")
async def http(api_server: ApiServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=api_server.url, timeout=30) as client:
        yield client


@pytest_asyncio.fixture(loop_scope="session")
async def proxy(settings: Settings) -> AsyncIterator[FaultyProxy]:
    """A proxy in front of the test Neo4j (tests/faults.py), passing traffic until the test says otherwise."""
    target = urlparse(settings.neo4j_uri or "")
    faulty = FaultyProxy(target.hostname or "127.0.0.1", target.port or 7687)
    await faulty.up()
    try:
        yield faulty
    finally:
        faulty.resume()
        await faulty.down()
