"""The `peergraph` command as `make run` uses it, against the test Neo4j."""

from __future__ import annotations

import asyncio

import orjson
from neo4j import AsyncDriver

from peergraph.db.launcher import free_port
from peergraph.settings import Settings
from tests.api.test_analyst_counts import sample_table, stored
from tests.ingest.cli_support import peergraph_process


async def _counts(driver: AsyncDriver) -> tuple[int, int]:
    records, _, _ = await driver.execute_query(
        "MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS rels"
    )
    return records[0]["nodes"], records[0]["rels"]


async def test_import_sample_if_empty_does_not_load_twice(sample_db: AsyncDriver, settings: Settings) -> None:
    before = await _counts(sample_db)
    done = peergraph_process(settings, "import-sample", "--if-empty")
    assert done.returncode == 0, done.stderr
    assert "already holds data" in done.stdout
    assert await _counts(sample_db) == before


def test_db_start_with_neo4j_uri_set_launches_nothing(settings: Settings) -> None:
    done = peergraph_process(settings, "db", "start")
    assert done.returncode == 0, done.stderr
    assert "not starting a local Neo4j" in done.stdout


def test_export_schema_prints_sdl(settings: Settings) -> None:
    done = peergraph_process(settings, "export-schema")
    assert done.returncode == 0, done.stderr
    assert "type Query" in done.stdout


async def test_recount_rebuilds_the_facet_counts(sample_db: AsyncDriver, settings: Settings) -> None:
    """A graph whose counts are missing or wrong (an existing dev database) gets the records' counts back."""
    db = settings.neo4j_database
    want = sample_table()
    await sample_db.execute_query("MATCH (c:_FacetCount) WITH c LIMIT 50 DELETE c", database_=db)
    await sample_db.execute_query("MATCH (c:_FacetCount {facet: 'YEAR'}) SET c.works = c.works + 7", database_=db)
    assert await stored(sample_db, db) != want
    done = await asyncio.to_thread(peergraph_process, settings, "recount", "--json")
    assert done.returncode == 0, done.stderr
    assert orjson.loads(done.stdout)["counts"] == len(want)
    assert await stored(sample_db, db) == want
    again = await asyncio.to_thread(peergraph_process, settings, "recount")  # idempotent
    assert again.returncode == 0, again.stderr
    assert f"{len(want):,} (facet, key) counts" in again.stdout
    assert await stored(sample_db, db) == want


def test_recount_says_when_neo4j_is_unreachable(settings: Settings) -> None:
    closed = f"bolt://127.0.0.1:{free_port()}"  # nothing listens there
    done = peergraph_process(settings, "recount", env={"NEO4J_URI": closed})
    assert done.returncode == 1
    assert f"cannot reach Neo4j at {closed}" in done.stderr
    assert done.stdout == ""
