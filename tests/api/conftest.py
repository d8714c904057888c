"""Fixtures of the read API tests: the contract's operations, and a server that reports round trips."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import pytest_asyncio
from neo4j import AsyncDriver

from peergraph.settings import PROJECT_ROOT, Settings
from tests.support import ApiServer

OPERATIONS = PROJECT_ROOT / "contract" / "explorer.graphql"


@pytest.fixture(scope="session")
def contract() -> str:
    """The explorer's operations, exactly as the project's copy of the contract writes them."""
    return OPERATIONS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def counting_server(settings: Settings, driver: AsyncDriver) -> Iterator[ApiServer]:
    with ApiServer(settings.model_copy(update={"expose_round_trips": True})) as server:
        yield server


@pytest_asyncio.fixture(loop_scope="session")
async def counting_http(counting_server: ApiServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=counting_server.url, timeout=60) as client:
        yield client
