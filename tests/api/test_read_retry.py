"""The read gateway retries a read that fails on a transient error (here: a dropped connection), as the driver's
managed transactions would, and gives up at once on an error that is not transient."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from urllib.parse import urlparse

import pytest
from neo4j import AsyncGraphDatabase
from neo4j.exceptions import CypherSyntaxError

from loaders.gateway import ReadGateway
from peergraph.settings import Settings


class DroppingProxy:
    """A TCP proxy to the test Neo4j that closes the first `drop` connections it accepts."""

    def __init__(self, target_host: str, target_port: int, drop: int) -> None:
        self.target = (target_host, target_port)
        self.drop = drop
        self.accepted = 0

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.accepted += 1
        if self.accepted <= self.drop:
            writer.close()
            return
        up_reader, up_writer = await asyncio.open_connection(*self.target)
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))


@contextlib.asynccontextmanager
async def gateway_through(settings: Settings, proxy: DroppingProxy) -> AsyncIterator[ReadGateway]:
    server = await asyncio.start_server(proxy.handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
    driver = AsyncGraphDatabase.driver(f"bolt://127.0.0.1:{port}", auth=(settings.neo4j_user, password))
    try:
        yield ReadGateway(driver=driver, database=settings.neo4j_database, retry_seconds=10.0)
    finally:
        await driver.close()
        server.close()


async def test_a_read_is_retried_after_a_dropped_connection(settings: Settings) -> None:
    target = urlparse(settings.neo4j_uri or "")
    proxy = DroppingProxy(target.hostname or "127.0.0.1", target.port or 7687, drop=2)
    async with gateway_through(settings, proxy) as gateway:
        rows = await gateway.rows("UNWIND [1, 2, 3] AS n RETURN n * 2 AS double")
    assert rows == [{"double": 2}, {"double": 4}, {"double": 6}]
    assert proxy.accepted >= 3  # two dropped connections, then one that answered
    assert gateway.round_trips == 1  # a retry is not another round trip of the request's shape


async def test_an_error_that_is_not_transient_is_raised_at_once(settings: Settings) -> None:
    target = urlparse(settings.neo4j_uri or "")
    proxy = DroppingProxy(target.hostname or "127.0.0.1", target.port or 7687, drop=0)
    async with gateway_through(settings, proxy) as gateway:
        with pytest.raises(CypherSyntaxError):
            await gateway.rows("RETURN 1 +")
    assert proxy.accepted == 1
