"""The `peergraph` command as `make run` uses it, against the test Neo4j."""

from __future__ import annotations

from neo4j import AsyncDriver

from peergraph.settings import Settings
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
