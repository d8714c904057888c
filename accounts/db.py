"""Account writes: managed write transactions (retried on transient errors) on the configured database."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable
from typing import Any, LiteralString, TypeVar

from neo4j import AsyncManagedTransaction, unit_of_work

from cypher import account as q
from peergraph.context import Context
from peergraph.db.retry import retried

T = TypeVar("T")


async def rows_in(tx: AsyncManagedTransaction, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
    result = await tx.run(query, **params)
    return [record.data() async for record in result]


async def write_tx(ctx: Context, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
    """Run `work` in one managed write transaction (it may run again on a transient error, as reads do:
    peergraph/db/retry.py), with the request's time left as the transaction's timeout. The transaction ends by
    changing the accounts' version, which anonymous answers kept by the response cache are keyed by
    (cypher/account/bump_social_version.cypher): no account write can leave one of them stale."""
    db = ctx.loaders.db

    async def work_then_bump(tx: AsyncManagedTransaction) -> T:
        done = await work(tx)
        await (await tx.run(q.BUMP_SOCIAL_VERSION)).consume()
        return done

    async def attempt(left: float | None) -> T:
        bounded = work_then_bump if left is None else unit_of_work(timeout=left)(work_then_bump)
        async with ctx.driver.session(database=ctx.settings.neo4j_database, max_transaction_retry_time=0) as session:
            return await session.execute_write(bounded)

    return await retried(attempt, retry_seconds=db.retry_seconds, deadline=db.deadline)


async def write(ctx: Context, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
    """One write query in its own managed transaction."""

    async def work(tx: AsyncManagedTransaction) -> list[dict[str, Any]]:
        return await rows_in(tx, query, **params)

    return await write_tx(ctx, work)


async def read(ctx: Context, query: LiteralString, **params: Any) -> list[dict[str, Any]]:
    """One read query (read routing), counted with the request's other round trips."""
    return await ctx.loaders.db.rows(query, **params)


def now_iso() -> str:
    """UTC now as ISO 8601 text (compares in time order as text, like `updatedDate`)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def new_id() -> str:
    return str(uuid.uuid4())
