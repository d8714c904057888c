"""Several batches written at once (`--writers`) give exactly the graph one writer gives.

Concurrent batches share authors, institutions, topics and sources (generated data reuses them the way the
real sample does), so these runs exercise Neo4j's locks and the driver's retries of deadlocked transactions;
the same work in several concurrent batches exercises the updated_date rule under those locks.
"""

from __future__ import annotations

import asyncio
import random
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver

from cypher import ingest as q
from ingest import facet_counts
from ingest.fingerprint import fingerprint
from ingest.generate import generate
from ingest.importer import ImportOptions, run_import
from ingest.sample import sample_files
from peergraph.settings import Settings
from tests.api.test_analyst_counts import stored
from tests.ingest.records import work, write_jsonl
from tests.support import poll_until, wipe


async def test_four_writers_give_the_graph_one_writer_gives(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    db = settings.neo4j_database
    generate(1500, seed=3, out_dir=tmp_path / "generated")
    paths = [*sample_files(), tmp_path / "generated"]

    serial = await run_import(empty_db, db, paths, ImportOptions(batch_size=100, writers=1))
    expected = await fingerprint(empty_db, db)
    counts = await stored(empty_db, db)
    await wipe(empty_db)
    concurrent = await run_import(empty_db, db, paths, ImportOptions(batch_size=100, writers=4))

    assert concurrent.ok
    assert serial.ok
    assert await fingerprint(empty_db, db) == expected
    # and the kept counts, pairs included (a work batch adds its pairs first, side by side with another's), are
    # the one writer's and what a recount finds
    assert await stored(empty_db, db) == counts
    await facet_counts.recount(empty_db, db)
    assert await stored(empty_db, db) == counts
    assert {k: r.created for k, r in concurrent.results.items()} == {k: r.created for k, r in serial.results.items()}
    assert concurrent.batches_written == serial.batches_written > 20


async def test_the_newest_version_wins_when_concurrent_batches_hold_the_same_work(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    db = settings.neo4j_database
    rng = random.Random(11)
    versions = [
        work(n, updated=f"2025-0{v}-01", title=f"W{n} v{v}", authors=(n, 100 + v), refs=(n + 1,))
        for n in range(1, 41)
        for v in range(1, 6)
    ]
    rng.shuffle(versions)  # each work's five versions land in different batches, in no particular order
    newest = {f"W{n}": (f"W{n} v5", sorted([f"A{n}", "A105"])) for n in range(1, 41)}
    mixed = write_jsonl(tmp_path / "mixed.jsonl", versions)

    report = await run_import(empty_db, db, [mixed], ImportOptions(batch_size=10, writers=4))
    assert report.ok
    records, _, _ = await empty_db.execute_query(
        "MATCH (w:Work) RETURN w.id AS id, w.title AS title, "
        "COLLECT { MATCH (a:Author)-[:AUTHORED]->(w) RETURN a.id ORDER BY a.id } AS authors",
        database_=db,
    )
    assert {r["id"]: (r["title"], r["authors"]) for r in records} == newest
    result = report.result("work")
    assert result.created == 40
    assert result.total == 200

    # Exactly the graph one writer gives from the same file.
    graph = await fingerprint(empty_db, db)
    await wipe(empty_db)
    serial = await run_import(empty_db, db, [mixed], ImportOptions(batch_size=10, writers=1))
    assert serial.result("work").created == 40
    assert await fingerprint(empty_db, db) == graph


def _topic(n: int, subfield: str, *, updated: str = "2025-01-01") -> dict[str, Any]:
    """A topic as a work names it, or (with `updated`) as its own record: subfield, field and domain by name."""
    return {
        "id": f"https://openalex.org/T{n}",
        "display_name": f"Topic {n}",
        "updated_date": updated,
        "score": 0.9,
        "subfield": {"id": f"https://openalex.org/subfields/{subfield}", "display_name": subfield},
        "field": {"id": f"https://openalex.org/fields/{subfield}", "display_name": f"{subfield} field"},
        "domain": {"id": f"https://openalex.org/domains/{subfield}", "display_name": f"{subfield} domain"},
    }


async def _blocked(driver: AsyncDriver, db: str, query: str) -> bool:
    """Whether a transaction running `query` waits for a lock (the server's own view of its transactions)."""
    records, _, _ = await driver.execute_query(
        "SHOW TRANSACTIONS YIELD currentQuery, status WHERE currentQuery = $query AND status STARTS WITH 'Blocked' "
        "RETURN count(*) AS n",
        {"query": query},
        database_=db,
    )
    return bool(records[0]["n"])


async def test_a_topic_batch_beside_a_work_batch_keeps_the_derived_counts_exact(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    """A work batch naming a new topic T1 (as a stub, in "Stub" subfield) and a topic batch whose record puts T1
    in "Kept": the counts must say what the records say, whatever the two transactions' order. The overlap the
    importer once allowed is forced with locks this test holds: on T9, a topic the work names after T1, so that
    the work batch creates the stub T1 and then waits; on A5, whose author batch comes between the two, so that the
    topic batch starts (when that one is let go and commits) only once the stub exists. Beside the work batch, the
    topic batch read T1's dependencies before the stub was committed (nothing: a new node changes no count), waited
    on the stub and wrote "Kept" over it after the work batch had counted its work under "Stub". With work batches
    never in flight beside a topic, institution or source batch, the topic batch reads the stub and recounts."""
    db = settings.neo4j_database
    author = {"id": "https://openalex.org/A5", "display_name": "Author 5", "updated_date": "2025-01-01"}
    first = write_jsonl(tmp_path / "first.jsonl", [_topic(9, "Nine"), author])
    assert (await run_import(empty_db, db, [first], ImportOptions(rejects_path=tmp_path / "r.jsonl"))).ok
    named = {**work(1, authors=(1,)), "topics": [_topic(1, "Stub"), _topic(9, "Nine")]}
    works = write_jsonl(tmp_path / "works.jsonl", [named])
    authors = write_jsonl(tmp_path / "authors.jsonl", [{**author, "updated_date": "2025-06-01"}])
    topics = write_jsonl(tmp_path / "topics.jsonl", [_topic(1, "Kept", updated="2025-06-01")])

    async with empty_db.session(database=db) as one, empty_db.session(database=db) as other:
        on_topic, on_author = await one.begin_transaction(), await other.begin_transaction()
        await (await on_topic.run("MATCH (t:Topic {id: 'T9'}) SET t._held = true")).consume()
        await (await on_author.run("MATCH (a:Author {id: 'A5'}) SET a._held = true")).consume()
        options = ImportOptions(writers=2, rejects_path=tmp_path / "r.jsonl")
        running = asyncio.create_task(run_import(empty_db, db, [works, authors, topics], options))
        try:
            assert await poll_until(lambda: _blocked(empty_db, db, q.WRITE_WORK_TOPICS), 60), (
                "the work batch never waited"
            )
            assert await poll_until(lambda: _blocked(empty_db, db, q.UPSERT_AUTHORS), 60), (
                "the author batch never waited"
            )
            await on_author.rollback()
            # Unfixed, the topic batch starts once the author batch commits, and waits on T1's stub within
            # milliseconds; fixed, it never starts while the work batch is in flight, and this gives up after 2 s.
            await poll_until(lambda: _blocked(empty_db, db, q.UPSERT_TOPICS), 2)
        finally:
            for held in (on_author, on_topic):
                if held.closed() is False:
                    await held.rollback()
        report = await running
    assert report.ok, report.errors

    # What the records say: one work, on T1 ("Kept", from its own record, newer than any stub) and T9 ("Nine").
    want = {
        (facet, f"{name}{suffix}"): (1, 0, 0)
        for facet, suffix in (("SUBFIELD", ""), ("FIELD", " field"), ("DOMAIN", " domain"))
        for name in ("Kept", "Nine")
    }
    derived = ("SUBFIELD", "FIELD", "DOMAIN")
    assert {k: v for k, v in (await stored(empty_db, db)).items() if k[0] in derived} == want
    await facet_counts.recount(empty_db, db)
    assert {k: v for k, v in (await stored(empty_db, db)).items() if k[0] in derived} == want
