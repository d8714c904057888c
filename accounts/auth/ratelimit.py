"""Rate limits shared by every API process: each limited key is a `_RateLimit` node in Neo4j with its events.

A check locks its keys, reads their events, decides and records in one write transaction
(cypher/account/lock_rate_limits.cypher): concurrent checks of a key, in this process or another, run one
after another, so two of them cannot both take its last free slot. The lock is one of 256 shard nodes that are
never deleted, not the key's own node: with the key's node as the lock, a sweep that deleted an expired key
under a check that had already found it lost that check's event (tests/accounts/test_ratelimit.py caught it on
its first round). Times come from the database server's clock, which every process shares. Keys are digests
of (bucket, key), so the store holds no email or address. Keys whose events have all expired are deleted by a
sweep that each process runs at most once per `rate_sweep_interval_seconds`.
"""

from __future__ import annotations

import bisect
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from neo4j import AsyncDriver, AsyncManagedTransaction, unit_of_work
from neo4j.exceptions import DriverError, Neo4jError

from accounts.auth.tokens import digest
from cypher import account as q
from peergraph.db.retry import retried
from peergraph.settings import Settings

log = logging.getLogger("peergraph.ratelimit")
T = TypeVar("T")
SWEEP_BATCH = 1000


class Throttled(Exception):
    """Too many events for a key: try again in `retry_after` seconds."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"retry after {retry_after:.3f} s")
        self.retry_after = retry_after


def key_of(bucket: str, *parts: str) -> str:
    """The stored key of `parts` in `bucket` (a digest: the store never holds an email or an address)."""
    return digest("\x1f".join((bucket, *parts)))


def shard_of(key: str) -> int:
    """The lock shard of a key (its first byte): sorted keys have ascending shards."""
    return int(key[:2], 16)


@dataclass
class KeyState:
    """A key as read under its lock (events within its window, oldest first), changed, then saved."""

    key: str
    window: float
    events: list[float] = field(default_factory=list)
    not_before: float = 0.0

    def record(self, at: float, keep: int | None = None) -> None:
        bisect.insort(self.events, at)
        if keep is not None and len(self.events) > keep:
            del self.events[: len(self.events) - keep]

    def forget(self, at: float) -> None:
        """Drop one event recorded at `at` (an attempt that turned out to be allowed)."""
        if at in self.events:
            self.events.remove(at)

    def expires_at(self) -> float:
        """When nothing of this key matters any more: its last event (or wait) has left the window."""
        return max(self.events[-1] if self.events else 0.0, self.not_before) + self.window

    def row(self) -> dict[str, object]:
        return {"key": self.key, "events": self.events, "notBefore": self.not_before, "expiresAt": self.expires_at()}


def retry_after(events: Sequence[float], limit: int, window: float, now: float) -> float | None:
    """Seconds until fewer than `limit` of `events` are in the window; None when a slot is free now."""
    if len(events) < limit:
        return None
    return max(events[len(events) - limit] + window - now, 0.0)


class Locked:
    """Keys locked in one write transaction: read them, change them, `save()` them in the same transaction."""

    def __init__(self, tx: AsyncManagedTransaction, now: float, keys: dict[str, KeyState]) -> None:
        self.tx = tx
        self.now = now
        self.keys = keys

    def __getitem__(self, key: str) -> KeyState:
        return self.keys[key]

    async def save(self, *states: KeyState) -> None:
        await (await self.tx.run(q.SAVE_RATE_LIMITS, updates=[s.row() for s in states])).consume()


async def lock(tx: AsyncManagedTransaction, windows: dict[str, float]) -> Locked:
    """Lock the keys (in sorted order: two checks never wait on each other in a cycle) and read them."""
    specs = [{"key": key, "shard": shard_of(key), "window": windows[key]} for key in sorted(windows)]
    result = await tx.run(q.LOCK_RATE_LIMITS, keys=specs)
    rows = [record.data() async for record in result]
    states = {
        row["key"]: KeyState(row["key"], windows[row["key"]], list(row["events"]), float(row["notBefore"]))
        for row in rows
    }
    return Locked(tx, max(float(row["now"]) for row in rows), states)  # the clock after the last lock


async def hit_in(tx: AsyncManagedTransaction, key: str, limit: int, window: float) -> float | None:
    """Record one event of `key` in the caller's transaction if fewer than `limit` are in the window; else
    record nothing and return the seconds until a slot frees. Rolled back with the caller's transaction, so a
    caller that fails after the check has not used a slot."""
    locked = await lock(tx, {key: window})
    state = locked[key]
    wait = retry_after(state.events, limit, window, locked.now)
    if wait is None:
        state.record(locked.now)
        await locked.save(state)
    return wait


class RateLimits:
    """The app's handle on the shared store: checks in managed write transactions, and the periodic sweep."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.monotonic) -> None:
        self.database = settings.neo4j_database
        self.timeout = settings.request_deadline_seconds  # a check is part of one request: never longer
        self.retry_seconds = settings.neo4j_max_retry_seconds
        self.window = settings.rate_window_seconds
        self.sweep_interval = settings.rate_sweep_interval_seconds
        self._clock = clock
        self._next_sweep = 0.0

    async def run(self, driver: AsyncDriver, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
        """Run `work` in one managed write transaction (again on a transient error, e.g. a deadlock)."""
        result = await self.write(driver, work)
        if self._clock() >= self._next_sweep:
            self._next_sweep = self._clock() + self.sweep_interval
            await self.sweep(driver)
        return result

    async def write(self, driver: AsyncDriver, work: Callable[[AsyncManagedTransaction], Awaitable[T]]) -> T:
        """One managed write transaction at a time, retried as a request's reads are (peergraph/db/retry.py): a
        stopped Neo4j is said within a second, not after the driver's 1 s first retry delay."""

        async def attempt(left: float | None) -> T:
            async with driver.session(database=self.database, max_transaction_retry_time=0) as session:
                return await session.execute_write(unit_of_work(timeout=left)(work))

        return await retried(attempt, retry_seconds=self.retry_seconds, deadline=time.monotonic() + self.timeout)

    async def hit(self, driver: AsyncDriver, bucket: str, key: str, limit: int) -> None:
        """Record one event of (bucket, key) within `rate_window_seconds`; raises Throttled past `limit`."""

        async def work(tx: AsyncManagedTransaction) -> float | None:
            return await hit_in(tx, key_of(bucket, key), limit, self.window)

        wait = await self.run(driver, work)
        if wait is not None:
            raise Throttled(wait)

    async def sweep(self, driver: AsyncDriver) -> int:
        """Delete up to SWEEP_BATCH expired keys; housekeeping, so a failure is logged and left to the next."""

        async def work(tx: AsyncManagedTransaction) -> int:
            keys = [record["key"] async for record in await tx.run(q.FIND_EXPIRED_RATE_LIMITS, batch=SWEEP_BATCH)]
            if not keys:
                return 0
            shards = sorted({shard_of(key) for key in keys})
            result = await tx.run(q.DELETE_EXPIRED_RATE_LIMITS, shards=shards, keys=keys)
            record = await result.single(strict=True)
            return int(record["deleted"])

        try:
            return await self.write(driver, work)
        except (Neo4jError, DriverError) as exc:
            log.warning("rate-limit sweep failed (%s); the next one retries", type(exc).__name__)
            return 0
