"""The graph's version (`_ImportState {name: 'graph'}`): every import batch that writes changes it in its own
transaction, and the API's kept coauthor rankings (loaders/rankings.py) follow it: a kept ranking answers while
the graph is unchanged, and the ranking is walked again after any batch that wrote."""

from __future__ import annotations

from typing import Any

import httpx
from neo4j import AsyncDriver

from ingest.records import build_row
from ingest.writer import write_batch
from peergraph.settings import Settings
from tests.ingest.records import work
from tests.support import ApiServer, graphql

COAUTHORS = """
query Coauthors($id: ID!, $first: Int!) {
  author(id: $id) {
    counts { closeCollaborators }
    coauthors(first: $first) { totalCount edges { sharedWorkCount node { id name } } }
  }
}
"""


async def version(driver: AsyncDriver) -> str | None:
    records, _, _ = await driver.execute_query("MATCH (s:_ImportState {name: 'graph'}) RETURN s.version AS v")
    return None if not records else records[0]["v"]


async def write_works(driver: AsyncDriver, settings: Settings, *records: dict[str, Any], dry_run: bool = False) -> None:
    rows = [build_row("work", r) for r in records]
    await write_batch(driver, settings.neo4j_database, "work", rows, dry_run=dry_run)


async def coauthors(http: httpx.AsyncClient, author: str, first: int) -> tuple[int, int, list[tuple[str, int]]]:
    body = await graphql(http, COAUTHORS, {"id": author, "first": first})
    assert "errors" not in body, body
    data = body["data"]["author"]
    page = data["coauthors"]
    edges = [(e["node"]["id"], e["sharedWorkCount"]) for e in page["edges"]]
    return data["counts"]["closeCollaborators"], page["totalCount"], edges


async def test_a_batch_that_writes_changes_the_version_and_one_that_writes_nothing_keeps_it(
    empty_db: AsyncDriver, settings: Settings
) -> None:
    assert await version(empty_db) is None
    await write_works(empty_db, settings, work(1, authors=(1, 2)))
    first = await version(empty_db)
    assert first is not None
    await write_works(empty_db, settings, work(1, authors=(1, 2)))  # unchanged: nothing written
    assert await version(empty_db) == first
    await write_works(empty_db, settings, work(1, updated="2025-06-01", authors=(1, 2, 3)), dry_run=True)
    assert await version(empty_db) == first
    await write_works(empty_db, settings, work(1, updated="2025-06-01", authors=(1, 2, 3)))
    assert await version(empty_db) not in (None, first)


async def test_a_kept_ranking_answers_until_an_import_batch_writes(empty_db: AsyncDriver, settings: Settings) -> None:
    # A1's coauthors: A3 (two shared works), then A2 and A4 (one each, by name: "Author 2" < "Author 4").
    await write_works(empty_db, settings, work(1, authors=(1, 2, 3, 4)), work(2, authors=(1, 3)))
    kept = settings.model_copy(update={"coauthor_ranking_min": 2})
    walked = settings.model_copy(update={"coauthor_ranking_cache_rows": 0})
    with ApiServer(kept) as cached_server, ApiServer(walked) as plain_server:
        async with (
            httpx.AsyncClient(base_url=cached_server.url, timeout=30) as cached,
            httpx.AsyncClient(base_url=plain_server.url, timeout=30) as plain,
        ):
            before = (3, 3, [("A3", 2), ("A2", 1)])
            assert await coauthors(cached, "A1", 2) == before  # walked whole and kept
            assert await coauthors(plain, "A1", 2) == before

            # A write that bypasses the importer leaves the version alone: the kept ranking still answers (A4,
            # renamed to sort first among the single shared works, is not seen), where a walk sees the change.
            await empty_db.execute_query("MATCH (a:Author {id: 'A4'}) SET a.name = 'Aaron'")
            assert await coauthors(cached, "A1", 2) == before
            assert await coauthors(plain, "A1", 2) == (3, 3, [("A3", 2), ("A4", 1)])

            # An import batch that writes changes the version: the ranking is walked again (A5 joins, A4 shows).
            await write_works(empty_db, settings, work(2, updated="2025-06-01", authors=(1, 3, 5)))
            after = (4, 4, [("A3", 2), ("A4", 1), ("A2", 1)])
            assert await coauthors(cached, "A1", 3) == after
            assert await coauthors(plain, "A1", 3) == after
            # and the new ranking is kept and paged like the walked one
            assert await coauthors(cached, "A1", 4) == (4, 4, [*after[2], ("A5", 1)])
