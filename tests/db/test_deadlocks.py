"""Real deadlocks, counted wherever they are retried: two concurrent writes that lock two nodes in opposite orders,
through the account writes' retry policy (peergraph/db/retry.py) and through the driver's own retry loop (the
importer's, ingest/writer.py). Neo4j aborts one of the two; it is retried, both commit, and
peergraph_neo4j_deadlocks_retried_total counts it once."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest_asyncio
from neo4j import AsyncDriver, AsyncManagedTransaction
from prometheus_client import REGISTRY

from accounts.db import write_tx
from peergraph.context import build_context
from peergraph.observability import counting_deadlocks
from peergraph.settings import Settings

METRIC = "peergraph_neo4j_deadlocks_retried_total"
Tx = AsyncManagedTransaction
Write = Callable[[Tx], Awaitable[None]]


def retried_deadlocks() -> float:
    return REGISTRY.get_sample_value(METRIC) or 0.0


@pytest_asyncio.fixture(loop_scope="session")
async def probes(driver: AsyncDriver) -> AsyncIterator[tuple[str, str]]:
    """Two nodes of this test's own, removed afterwards (the sample stays as loaded)."""
    run = uuid.uuid4().hex
    names = (f"{run}-first", f"{run}-second")
    await driver.execute_query("UNWIND $names AS name CREATE (:_DeadlockProbe {name: name, writes: 0})", names=names)
    try:
        yield names
    finally:
        await driver.execute_query("MATCH (p:_DeadlockProbe) WHERE p.name IN $names DELETE p", names=names)


def opposite_writers(first: str, second: str) -> tuple[Write, Write]:
    """Two transaction functions: one locks `first` then `second`, the other `second` then `first`. On their first
    attempts each takes its first lock and waits until the other holds its own, so the second locks close a cycle
    that Neo4j breaks by aborting one of them; a retried attempt just writes."""
    held = [asyncio.Event(), asyncio.Event()]
    attempts = [0, 0]

    def writer(me: int, order: tuple[str, str]) -> Write:
        async def work(tx: Tx) -> None:
            attempts[me] += 1
            lock = "MATCH (p:_DeadlockProbe {name: $name}) SET p.writes = p.writes + 1"
            await (await tx.run(lock, name=order[0])).consume()
            if attempts[me] == 1:
                held[me].set()
                await asyncio.wait_for(held[1 - me].wait(), timeout=30)
            await (await tx.run(lock, name=order[1])).consume()

        return work

    return writer(0, (first, second)), writer(1, (second, first))


async def writes_of(driver: AsyncDriver, names: tuple[str, str]) -> list[int]:
    records, _, _ = await driver.execute_query(
        "MATCH (p:_DeadlockProbe) WHERE p.name IN $names RETURN p.writes AS writes ORDER BY p.name", names=names
    )
    return [record["writes"] for record in records]


async def test_account_writes_that_deadlock_are_retried_and_counted(
    driver: AsyncDriver, settings: Settings, probes: tuple[str, str]
) -> None:
    ctx = build_context(driver, settings)
    one, other = opposite_writers(*probes)
    before = retried_deadlocks()
    await asyncio.wait_for(asyncio.gather(write_tx(ctx, one), write_tx(ctx, other)), timeout=60)
    assert retried_deadlocks() - before == 1
    assert await writes_of(driver, probes) == [2, 2]  # both committed, each once


async def test_deadlocks_the_driver_retries_are_counted(
    driver: AsyncDriver, settings: Settings, probes: tuple[str, str]
) -> None:
    one, other = opposite_writers(*probes)
    before = retried_deadlocks()

    async def in_session(work: Write) -> None:
        # As the importer's batches run: the driver's retry loop, with a short first delay (ingest/writer.py).
        async with driver.session(database=settings.neo4j_database, initial_retry_delay=0.05) as session:
            await session.execute_write(counting_deadlocks(work))

    await asyncio.wait_for(asyncio.gather(in_session(one), in_session(other)), timeout=60)
    assert retried_deadlocks() - before == 1
    assert await writes_of(driver, probes) == [2, 2]
