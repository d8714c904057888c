"""Neo4j's plans are made before the requests need them: at startup, and again after a real restart of Neo4j
(peergraph/warmup.py)."""

from __future__ import annotations

import asyncio
import re
import time

import httpx
from neo4j import AsyncDriver, AsyncGraphDatabase
from pydantic import SecretStr

from peergraph.db.launcher import LocalNeo4j
from peergraph.settings import PROJECT_ROOT, Settings
from tests.conftest import Neo4jService
from tests.support import ApiServer

CONTRACT = (PROJECT_ROOT / "contract" / "explorer.graphql").read_text(encoding="utf-8")
AUTHOR = "A5082727236"  # a sample author with works and coauthors (data/sample/authors.jsonl.gz)


def warmups(metrics: str) -> float:
    found = re.search(r'^peergraph_plan_warmups_total\{outcome="ok"\} (\S+)$', metrics, re.MULTILINE)
    return float(found.group(1)) if found else 0.0


async def wait_for(http: httpx.AsyncClient, count: float, seconds: float) -> float:
    started = time.monotonic()
    while warmups((await http.get("/metrics")).text) < count:
        assert time.monotonic() - started < seconds, f"no warm-up number {count:g} within {seconds} s"
        await asyncio.sleep(0.2)
    return time.monotonic() - started


async def profile(http: httpx.AsyncClient) -> dict[str, object]:
    body = {"query": CONTRACT, "operationName": "ResearcherProfile", "variables": {"id": AUTHOR}}
    answer: dict[str, object] = (await http.post("/graphql", json=body)).json()
    return answer


async def test_plans_are_made_at_startup_and_again_after_neo4j_restarts(
    neo4j_service: Neo4jService, launched: LocalNeo4j, settings: Settings, sample_db: AsyncDriver
) -> None:
    if neo4j_service.server is None:  # a dedicated server (the suite runs on NEO4J_URI or Docker): load it
        from ingest.sample import load_files, sample_files

        async with AsyncGraphDatabase.driver(launched.uri, auth=("neo4j", launched.password())) as driver:
            await load_files(driver, "neo4j", sample_files())
    shipped_deadline = Settings.model_fields["request_deadline_seconds"].default
    update = {
        "neo4j_uri": launched.uri,
        "neo4j_password": SecretStr(launched.password()),
        "request_deadline_seconds": shipped_deadline,
        "neo4j_watch_interval_seconds": 0.2,
        "warm_plans": True,
    }
    with ApiServer(settings.model_copy(update=update)) as api:
        async with api.client() as http:
            await wait_for(http, 1, seconds=180)
            started = time.monotonic()
            while "errors" in (first := await profile(http)):  # the answer to compare with after the restart
                assert time.monotonic() - started < 120, first
            await asyncio.to_thread(launched.stop)
            started = time.monotonic()
            while (await http.get("/readyz")).status_code != 503:
                assert time.monotonic() - started < 30, "readyz never said Neo4j was down"
                await asyncio.sleep(0.1)
            await asyncio.to_thread(launched.start)
            # The restarted JVM plans from cold: the warmer replays the explorer's operations once it answers ...
            seconds = await wait_for(http, 2, seconds=300)
            # ... and the first request after it is served within the shipped deadline, with the same answer.
            again = await profile(http)
            assert again == first, (again, seconds)
