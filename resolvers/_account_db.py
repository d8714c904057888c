"""Account writes: managed write transactions (retried on transient errors) on the configured database."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, LiteralString, TypeVar

from neo4j import AsyncManagedTransaction, unit_of_work

from peergraph.context import Context
from peergraph.errors import deadline_exceeded

T = TypeVar("T")


async def rows_in(tx: AsyncManagedTransaction, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
    result = await tx.run(query, **params)
    return [record.data() async for record in result]


async def write_tx(ctx: Context, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
    """Run `work` in one managed write transaction (it may run again on a transient error), with the request's
    time left as the transaction's timeout."""
    left = ctx.loaders.db.time_left()
    if left is not None and left <= 0:
        raise deadline_exceeded()
    bounded = work if left is None else unit_of_work(timeout=left)(work)
    async with ctx.driver.session(database=ctx.settings.neo4j_database) as session:
        return await session.execute_write(bounded)


async def write(ctx: Context, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
    """One write query in its own managed transaction."""

    async def work(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
        return await rows_in(tx, query, **params)

    return await write_tx(ctx, work)


async def read(ctx: Context, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
    """One read query (read routing), counted with the request's other round trips."""
    return await ctx.loaders.db.rows(query, **params)
