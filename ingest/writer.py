"""Write batches of normalized OpenAlex rows into Neo4j: one managed write transaction per batch.

Each batch is all-or-nothing (a killed import leaves no half-written batch), safe to retry (the driver
retries transient errors), and idempotent: re-writing a record clears and rewrites the relationships it
owns. Records older than what the graph holds are skipped, with their relationships.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from neo4j import AsyncDriver, AsyncManagedTransaction

from cypher import ingest as q
from ingest.records import Row

SIMPLE_LABELS = {"institution": "Institution", "source": "Source", "topic": "Topic", "concept": "Concept"}
CITATION_BATCH = 2000


@dataclass
class BatchResult:
    created: int = 0
    updated: int = 0
    skipped_older: int = 0
    work_ids: list[str] = field(default_factory=list)

    def add(self, other: BatchResult) -> None:
        self.created += other.created
        self.updated += other.updated
        self.skipped_older += other.skipped_older
        self.work_ids.extend(other.work_ids)


async def _accepted(tx: AsyncManagedTransaction, /, query: Any, rows: Sequence[Row], **params: Any) -> BatchResult:
    result = await tx.run(query, rows=list(rows), **params)
    records = [record async for record in result]
    created = sum(1 for r in records if r["created"])
    return BatchResult(
        created=created,
        updated=len(records) - created,
        skipped_older=len(rows) - len(records),
        work_ids=[r["id"] for r in records],
    )


async def _write_works(tx: AsyncManagedTransaction, /, rows: Sequence[Row]) -> BatchResult:
    outcome = await _accepted(tx, q.UPSERT_WORKS, [{k: r[k] for k in ("id", "updatedDate", "props")} for r in rows])
    accepted = set(outcome.work_ids)
    kept = [r for r in rows if r["id"] in accepted]
    await tx.run(q.CLEAR_WORK_LINKS, ids=[r["id"] for r in kept])
    institutions = {i["id"]: i for r in kept for i in r["institutions"]}
    await tx.run(q.MERGE_INSTITUTION_STUBS, rows=list(institutions.values()))
    ships = [{"workId": r["id"], **a} for r in kept for a in r["authorships"]]
    await tx.run(q.WRITE_AUTHORSHIPS, rows=ships)
    topics = [{"workId": r["id"], **t} for r in kept for t in r["topics"]]
    await tx.run(q.WRITE_WORK_TOPICS, rows=topics)
    sources = [{"workId": r["id"], **r["source"]} for r in kept if r["source"] is not None]
    await tx.run(q.WRITE_WORK_SOURCES, rows=sources)
    return outcome


async def _write_authors(tx: AsyncManagedTransaction, /, rows: Sequence[Row]) -> BatchResult:
    outcome = await _accepted(tx, q.UPSERT_AUTHORS, rows)
    outcome.work_ids = []
    return outcome


async def write_batch(driver: AsyncDriver, database: str, kind: str, rows: Sequence[Row]) -> BatchResult:
    """Write one batch of rows of one kind in a single transaction."""
    if not rows:
        return BatchResult()
    async with driver.session(database=database) as session:
        if kind == "work":
            return await session.execute_write(_write_works, rows)
        if kind == "author":
            return await session.execute_write(_write_authors, rows)
        label = SIMPLE_LABELS[kind]
        outcome = await session.execute_write(_accepted, q.UPSERT_ENTITIES, rows, label=label)
        outcome.work_ids = []
        return outcome


async def link_citations(driver: AsyncDriver, database: str) -> int:
    """Link the references of every work whose references may now resolve. Returns works visited."""
    records, _, _ = await driver.execute_query(q.WORKS_WITH_UNLINKED_REFERENCES, database_=database)
    ids = [r["id"] for r in records]
    for start in range(0, len(ids), CITATION_BATCH):
        chunk = ids[start : start + CITATION_BATCH]
        async with driver.session(database=database) as session:
            await session.execute_write(_run, q.LINK_CITATIONS, ids=chunk)
    return len(ids)


async def _run(tx: AsyncManagedTransaction, /, query: Any, **params: Any) -> None:
    await tx.run(query, **params)


async def count_entities(driver: AsyncDriver, database: str) -> int:
    records, _, _ = await driver.execute_query(q.COUNT_NODES, database_=database)
    return int(records[0]["nodes"])
