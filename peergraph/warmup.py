"""Neo4j's plans, made before the requests need them: at startup and whenever Neo4j comes back.

Neo4j plans a statement the first time it sees its text and keeps the plan; a freshly started JVM plans slowly.
Measured after a real restart (load average 15): the researcher profile's statement took 29 s to plan, 0.18 s to
run once planned. A request that has to plan it runs into its deadline, its transaction is cancelled and the plan
half made is lost, so every request after the restart planned again and was cancelled in turn: DEADLINE_EXCEEDED
for minutes, never served (22.5 s to the first answer on a quieter machine). The warmer replays the explorer's
operations (contract/explorer.graphql) once, on a real author and work, without a request's deadline (its own,
`warmup_timeout_seconds`), so the plans are cached when requests come. It watches Neo4j with the readiness ping
every `neo4j_watch_interval_seconds`: unreachable, then answering again, means a restart (or a failover), and
the plans are made again.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from neo4j import READ_ACCESS, AsyncDriver, Query
from neo4j.exceptions import DriverError, Neo4jError
from prometheus_client import Counter
from strawberry.schema.base import BaseSchema

from cypher.health import PING, WARMUP_ENTITIES
from peergraph.assets import CONTRACT as CONTRACT_FILE
from peergraph.assets import asset
from peergraph.context import build_context
from peergraph.db.target import async_driver
from peergraph.settings import Settings

log = logging.getLogger("peergraph.warmup")
CONTRACT = asset(CONTRACT_FILE)  # in the wheel too (peergraph/assets.py)
PING_TIMEOUT_SECONDS = 1.0
WARMER_POOL_SIZE = 4
WARMUPS = Counter(
    "peergraph_plan_warmups_total", "Replays of the explorer's operations to make Neo4j's plans", ["outcome"]
)


def contract_text() -> str | None:
    return CONTRACT.read_text(encoding="utf-8") if CONTRACT.is_file() else None


def operations(entities: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Each of the contract's operations with variables on the given entities (both slices: an author's, a work's)."""
    author, work = entities["author"], entities["work"]
    word = max((part for part in str(entities["title"]).split() if part.isalpha()), key=len, default="graph")
    return [
        ("ResearcherProfile", {"id": author}),
        ("Coauthors", {"id": author, "first": 20}),
        ("GraphSlice", {"center": author, "depth": 1, "limit": 100}),
        ("GraphSlice", {"center": work, "depth": 1, "limit": 100}),
        ("WorkDetail", {"id": work}),
        ("Search", {"q": word, "first": 10}),
    ]


def warmer_driver(settings: Settings) -> AsyncDriver:
    """The warmer's own driver and pool (a few connections, waited for as long as a warm-up may take): its
    replays never take a connection a request is waiting for."""
    conf = settings.model_copy(
        update={
            "neo4j_pool_size": WARMER_POOL_SIZE,
            "neo4j_pool_acquire_timeout_seconds": settings.warmup_timeout_seconds,
        }
    )
    return async_driver(conf)


class PlanWarmer:
    def __init__(self, driver: AsyncDriver, settings: Settings, schema: BaseSchema) -> None:
        self.driver = driver
        self.settings = settings
        self.schema = schema
        self.document = contract_text()

    async def ping(self) -> bool:
        try:
            async with (
                asyncio.timeout(PING_TIMEOUT_SECONDS),
                self.driver.session(database=self.settings.neo4j_database, default_access_mode=READ_ACCESS) as s,
            ):
                await (await s.run(Query(PING, timeout=PING_TIMEOUT_SECONDS))).consume()
        except (TimeoutError, DriverError, Neo4jError, OSError):
            return False
        return True

    async def warm(self) -> bool:
        """Replays the operations once; True when Neo4j answered them all (an empty graph counts: nothing to plan
        against yet, so it is tried again at the next change of state)."""
        if self.document is None:
            return True
        started = time.monotonic()
        try:
            async with asyncio.timeout(self.settings.warmup_timeout_seconds):
                records, _, _ = await self.driver.execute_query(
                    WARMUP_ENTITIES, database_=self.settings.neo4j_database, routing_="r"
                )
                if not records:
                    return True
                # All at once: Neo4j plans each statement on one thread, so two cores plan two at a time.
                results = await asyncio.gather(
                    *(
                        self.schema.execute(
                            self.document,
                            variable_values=variables,
                            context_value=build_context(self.driver, self.settings),
                            operation_name=name,
                        )
                        for name, variables in operations(records[0].data())
                    )
                )
                failed = sum(bool(result.errors) for result in results)
        except (TimeoutError, DriverError, Neo4jError, OSError) as exc:
            WARMUPS.labels("failed").inc()
            log.warning("the plan warm-up stopped after %.1f s: %s", time.monotonic() - started, type(exc).__name__)
            return False
        WARMUPS.labels("ok" if not failed else "errors").inc()
        log.info("Neo4j's plans made for the explorer's operations in %.1f s", time.monotonic() - started)
        return not failed

    async def watch(self) -> None:
        """Until cancelled: warm when Neo4j answers and has not been warmed since it last failed to. Closes the
        driver it was given."""
        warmed = False
        try:
            while True:
                if await self.ping():
                    if not warmed:
                        warmed = await self.warm()
                elif warmed:
                    log.info("Neo4j stopped answering; its plans will be made again when it is back")
                    warmed = False
                await asyncio.sleep(self.settings.neo4j_watch_interval_seconds)
        finally:
            await self.driver.close()
