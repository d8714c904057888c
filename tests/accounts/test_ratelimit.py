"""The shared rate-limit store on the real Neo4j: atomic checks from separate connection pools, expiry, sweeps."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
import pytest_asyncio
from neo4j import AsyncDriver, AsyncGraphDatabase, AsyncManagedTransaction

from accounts.auth.ratelimit import RateLimits, Throttled, hit_in, key_of
from peergraph.settings import Settings

COUNT = "MATCH (k:_RateLimit) RETURN k.key AS key, k.events AS events ORDER BY key"
EXPIRED = "MATCH (k:_RateLimit {key: $key}) RETURN k.expiresAt < timestamp() / 1000.0 AS expired"


@pytest_asyncio.fixture(loop_scope="session")
async def other_pool(settings: Settings) -> AsyncIterator[AsyncDriver]:
    """A second driver: its own connections, as another API process has."""
    password = "" if settings.neo4j_password is None else settings.neo4j_password.get_secret_value()
    assert settings.neo4j_uri is not None
    driver = AsyncGraphDatabase.driver(settings.neo4j_uri, auth=(settings.neo4j_user, password))
    try:
        yield driver
    finally:
        await driver.close()


async def stored(driver: AsyncDriver) -> list[tuple[str, list[float]]]:
    records, _, _ = await driver.execute_query(COUNT)
    return [(r["key"], r["events"]) for r in records]


async def test_concurrent_checks_from_two_pools_take_exactly_the_free_slots(
    empty_db: AsyncDriver, other_pool: AsyncDriver, settings: Settings
) -> None:
    limits = RateLimits(settings.model_copy(update={"rate_window_seconds": 60.0}))

    async def one(driver: AsyncDriver) -> float | None:
        """None when let through, else the wait it was told."""
        try:
            await limits.hit(driver, "test", "shared", 7)
        except Throttled as exc:
            return exc.retry_after
        return None

    outcomes = await asyncio.gather(*(one(d) for d in [empty_db, other_pool] * 15))
    assert outcomes.count(None) == 7
    assert all(0 < wait <= 60 for wait in outcomes if wait is not None), outcomes
    [(key, events)] = await stored(empty_db)
    assert key == key_of("test", "shared")
    assert len(events) == 7


async def test_a_slot_frees_when_its_event_leaves_the_window_and_sweeps_delete_expired_keys(
    empty_db: AsyncDriver, settings: Settings
) -> None:
    short = RateLimits(settings.model_copy(update={"rate_window_seconds": 0.3, "rate_sweep_interval_seconds": 0}))
    await short.hit(empty_db, "test", "brief", 1)
    with pytest.raises(Throttled) as refused:
        await short.hit(empty_db, "test", "brief", 1)
    assert refused.value.retry_after <= 0.3
    deadline = time.monotonic() + 10
    while True:
        try:
            await short.hit(empty_db, "test", "brief", 1)
            break
        except Throttled:
            assert time.monotonic() < deadline, "the event never left its window"
            await asyncio.sleep(0.05)
    await RateLimits(settings).hit(empty_db, "test", "kept", 1)  # a 60 s window: not expired
    while [key for key, _ in await stored(empty_db)] != [key_of("test", "kept")]:
        assert time.monotonic() < deadline, await stored(empty_db)
        await short.sweep(empty_db)
        await asyncio.sleep(0.05)


async def test_a_sweep_beside_a_check_of_the_same_expired_key_loses_no_event(
    empty_db: AsyncDriver, other_pool: AsyncDriver, settings: Settings
) -> None:
    limits = RateLimits(settings)
    key = key_of("test", "contested")

    def hit(window: float) -> Callable[[AsyncManagedTransaction], Awaitable[float | None]]:
        async def work(tx: AsyncManagedTransaction) -> float | None:
            return await hit_in(tx, key, 1000, window)

        return work

    await limits.run(empty_db, hit(60.0))  # a process sweeps after its first check: done here, not in the loop
    await empty_db.execute_query("MATCH (k:_RateLimit) DELETE k")
    for _ in range(15):
        await limits.run(empty_db, hit(0.01))
        deadline = time.monotonic() + 5
        while not (await empty_db.execute_query(EXPIRED, key=key)).records[0]["expired"]:
            assert time.monotonic() < deadline
            await asyncio.sleep(0.01)
        await asyncio.gather(limits.run(other_pool, hit(60.0)), limits.sweep(empty_db))
        [(found, events)] = await stored(empty_db)
        assert found == key
        assert len(events) >= 1  # the 60 s event survived whichever committed first
        await empty_db.execute_query("MATCH (k:_RateLimit) DELETE k")
