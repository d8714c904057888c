"""Helpers the tests share: the API under a real HTTP server, GraphQL calls, wiping the database."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import uvicorn
from neo4j import AsyncDriver

from peergraph.app import create_app
from peergraph.db.launcher import free_port
from peergraph.settings import Settings

# Accounts as the tests run them: cheap Argon2 (a hash in ~1 ms, not ~27), verification mails kept in memory
# (tests/accounts/outbox.py), the migrations applied by the suite itself.
TEST_ACCOUNTS: dict[str, Any] = {
    "argon2_time_cost": 1,
    "argon2_memory_kib": 1024,
    "mailer": "tests.accounts.outbox:OutboxMailer",
    "migrate_on_startup": False,
}


def run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """`peergraph <args>` as its own process (`python -m peergraph.cli`), its output captured, 60 s at most."""
    return subprocess.run(
        [sys.executable, "-m", "peergraph.cli", *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


async def poll_until(check: Callable[[], Awaitable[bool]], seconds: float) -> bool:
    """Whether `check()` turned true within `seconds` (polled every 20 ms)."""
    deadline = time.monotonic() + seconds
    while not await check():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.02)
    return True


async def wipe(driver: AsyncDriver) -> None:
    """Delete every node and relationship (constraints and indexes stay)."""
    # CALL ... IN TRANSACTIONS needs an auto-commit transaction (session.run), not execute_query's managed one.
    async with driver.session(database="neo4j") as session:
        result = await session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS")
        await result.consume()


class ApiServer:
    """The real app under uvicorn on a free port, in a thread: tests talk to it over real HTTP."""

    def __init__(self, settings: Settings) -> None:
        self.port = free_port()
        config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def client(self, timeout: float = 60) -> httpx.AsyncClient:
        """An HTTP client of this server (use it with `async with`)."""
        return httpx.AsyncClient(base_url=self.url, timeout=timeout)

    def __enter__(self) -> ApiServer:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the API server did not start within 30 s")
            time.sleep(0.05)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


async def graphql(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any] | None = None, **headers: str
) -> dict[str, Any]:
    """POST a GraphQL operation and return the JSON body (data and/or errors)."""
    response = await client.post("/graphql", json={"query": query, "variables": variables or {}}, headers=headers)
    assert response.status_code in (200, 400), response.text
    body: dict[str, Any] = response.json()
    return body
