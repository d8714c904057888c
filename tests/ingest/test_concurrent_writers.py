"""Several batches written at once (`--writers`) give exactly the graph one writer gives.

Concurrent batches share authors, institutions, topics and sources (generated data reuses them the way the
real sample does), so these runs exercise Neo4j's locks and the driver's retries of deadlocked transactions;
the same work in several concurrent batches exercises the updated_date rule under those locks.
"""

from __future__ import annotations

import random
from pathlib import Path

from neo4j import AsyncDriver

from ingest.fingerprint import fingerprint
from ingest.generate import generate
from ingest.importer import ImportOptions, run_import
from ingest.sample import sample_files
from peergraph.settings import Settings
from tests.ingest.records import work, write_jsonl
from tests.support import wipe


async def test_four_writers_give_the_graph_one_writer_gives(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    db = settings.neo4j_database
    generate(1500, seed=3, out_dir=tmp_path / "generated")
    paths = [*sample_files(), tmp_path / "generated"]

    serial = await run_import(empty_db, db, paths, ImportOptions(batch_size=100, writers=1))
    expected = await fingerprint(empty_db, db)
    await wipe(empty_db)
    concurrent = await run_import(empty_db, db, paths, ImportOptions(batch_size=100, writers=4))

    assert concurrent.ok
    assert serial.ok
    assert await fingerprint(empty_db, db) == expected
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
