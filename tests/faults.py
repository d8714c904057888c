"""A TCP proxy in front of the test Neo4j that can refuse, stall or pass traffic: real faults on a real socket; the
API served through it."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Iterator
from typing import Any

from peergraph.settings import Settings
from tests.support import ApiServer


class FaultyProxy:
    """Listens on a fixed port. `down()` closes the listener and every open connection (the server is gone:
    connections are refused); `up()` listens again on the same port. `stall()` keeps connections open but
    forwards nothing (a server that stopped answering); `resume()` forwards again, including what was held."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port: int = probe.getsockname()[1]
        self.server: asyncio.Server | None = None
        self.flowing = asyncio.Event()
        self.flowing.set()
        self.writers: set[asyncio.StreamWriter] = set()

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    async def up(self) -> None:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", self.port, reuse_address=True)

    async def down(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        for writer in list(self.writers):
            writer.close()
        self.writers.clear()

    def stall(self) -> None:
        self.flowing.clear()

    def resume(self) -> None:
        self.flowing.set()

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError, OSError):
            while data := await reader.read(65536):
                await self.flowing.wait()
                writer.write(data)
                await writer.drain()
        writer.close()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.close()
            return
        self.writers |= {writer, up_writer}
        await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))
        self.writers -= {writer, up_writer}


@contextlib.contextmanager
def api_through(settings: Settings, proxy: FaultyProxy, **overrides: Any) -> Iterator[ApiServer]:
    """The API under a real HTTP server, reaching Neo4j through `proxy`. No migrations at startup: the server starts
    while the test's loop (which runs the proxy) waits for it."""
    update = {"neo4j_uri": proxy.uri, "migrate_on_startup": False, **overrides}
    with ApiServer(settings.model_copy(update=update)) as server:
        yield server
