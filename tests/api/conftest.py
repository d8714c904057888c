"""Fixtures of the read API tests: the contract's operations, and a server that reports round trips."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from neo4j import AsyncDriver

from peergraph.settings import PROJECT_ROOT, Settings
from tests.api.sample_truth import Truth, sample_truth
from tests.support import ApiServer

OPERATIONS = PROJECT_ROOT / "contract" / "explorer.graphql"


@pytest.fixture(scope="session")
def contract() -> str:
    """The explorer's operations, exactly as the project's copy of the contract writes them."""
    return OPERATIONS.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def servers(settings: Settings, driver: AsyncDriver) -> Iterator[Callable[..., ApiServer]]:
    """`servers(**update)`: the API with those settings changed, started on first use, one per distinct change for
    the session (a real server over HTTP, like every other)."""
    made: dict[tuple[tuple[str, Any], ...], ApiServer] = {}
    with contextlib.ExitStack() as stack:

        def server(**update: Any) -> ApiServer:
            key = tuple(sorted(update.items()))
            if key not in made:
                made[key] = stack.enter_context(ApiServer(settings.model_copy(update=update)))
            return made[key]

        yield server


@pytest_asyncio.fixture(loop_scope="session")
async def counting_http(servers: Callable[..., ApiServer]) -> AsyncIterator[httpx.AsyncClient]:
    """A client of a server that reports each request's Neo4j round trips (`expose_round_trips`)."""
    async with servers(expose_round_trips=True).client() as client:
        yield client


# The servers of the compiled paths' tests (test_compiled*.py): the default settings, and the general executor alone.
@pytest.fixture(scope="module")
def truth() -> Truth:
    """What the sample's input records say (tests/api/sample_truth.py)."""
    return sample_truth()


@pytest.fixture(scope="module")
def compiled_server(settings: Settings, driver: AsyncDriver) -> Iterator[ApiServer]:
    with ApiServer(settings.model_copy(update={"expose_round_trips": True})) as server:
        yield server


@pytest.fixture(scope="module")
def general_server(settings: Settings, driver: AsyncDriver) -> Iterator[ApiServer]:
    update = {"compiled_documents": False, "plain_fields_shortcut": False, "expose_round_trips": True}
    with ApiServer(settings.model_copy(update=update)) as server:
        yield server


@pytest_asyncio.fixture(loop_scope="session")
async def clients(
    compiled_server: ApiServer, general_server: ApiServer
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    async with compiled_server.client() as compiled, general_server.client() as general:
        yield compiled, general
