"""Importing is idempotent, and the updated_date rule holds: an older record never overwrites a newer one."""

from __future__ import annotations

from pathlib import Path

from neo4j import AsyncDriver

from ingest.fingerprint import fingerprint
from ingest.importer import ImportOptions, run_import
from ingest.sample import load_files, sample_files
from peergraph.settings import Settings
from tests.ingest.records import work, write_jsonl
from tests.support import wipe


async def test_importing_the_sample_twice_leaves_an_identical_graph(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    db = settings.neo4j_database
    first = await load_files(empty_db, db, sample_files(), rejects_path=tmp_path / "r.jsonl")
    before = await fingerprint(empty_db, db)
    second = await load_files(empty_db, db, sample_files(), rejects_path=tmp_path / "r.jsonl")
    after = await fingerprint(empty_db, db)
    assert after == before
    assert before.nodes["Work"] == first.result("work").created > 0
    # The second run finds every record unchanged and writes nothing.
    for kind, result in second.results.items():
        assert result.created == result.updated == result.older == 0, kind
        assert result.unchanged == first.result(kind).total


async def test_the_fingerprint_changes_when_any_property_changes(empty_db: AsyncDriver, settings: Settings) -> None:
    db = settings.neo4j_database
    await load_files(empty_db, db, [f for f in sample_files() if f.name.startswith("institutions")])
    before = await fingerprint(empty_db, db)
    await empty_db.execute_query("MATCH (i:Institution) WITH i LIMIT 1 SET i.name = i.name + '!'", database_=db)
    after = await fingerprint(empty_db, db)
    assert after.nodes == before.nodes
    assert after.digest != before.digest


async def _title(driver: AsyncDriver, db: str, wid: str) -> str:
    records, _, _ = await driver.execute_query("MATCH (w:Work {id: $id}) RETURN w.title AS t", id=wid, database_=db)
    return str(records[0]["t"])


async def test_an_older_record_never_overwrites_a_newer_one(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    db = settings.neo4j_database
    options = ImportOptions(rejects_path=tmp_path / "rejects.jsonl")
    newer = write_jsonl(tmp_path / "newer.jsonl", [work(1, updated="2025-06-01", title="New", authors=(1, 2))])
    older = write_jsonl(tmp_path / "older.jsonl", [work(1, updated="2024-01-01", title="Old", authors=(3,))])
    newest = write_jsonl(tmp_path / "newest.jsonl", [work(1, updated="2025-06-02", title="Newest", authors=(2,))])

    assert (await run_import(empty_db, db, [newer], options)).result("work").created == 1
    snapshot = await fingerprint(empty_db, db)
    report = await run_import(empty_db, db, [older], options)
    assert report.result("work").older == 1
    assert await _title(empty_db, db, "W1") == "New"
    # Nothing the older record owns got in: not its title, not its authorship (the stub author is the only trace
    # a reader could see, and it must not exist either).
    assert await fingerprint(empty_db, db) == snapshot

    report = await run_import(empty_db, db, [newest], options)
    assert report.result("work").updated == 1
    assert await _title(empty_db, db, "W1") == "Newest"
    records, _, _ = await empty_db.execute_query(
        "MATCH (a:Author)-[:AUTHORED]->(:Work {id: 'W1'}) RETURN collect(a.id) AS ids", database_=db
    )
    assert records[0]["ids"] == ["A2"]  # the newer record's authorships replaced the old ones


async def test_same_date_other_content_updates_and_same_content_is_unchanged(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    db = settings.neo4j_database
    options = ImportOptions(rejects_path=tmp_path / "rejects.jsonl")
    one = write_jsonl(tmp_path / "a.jsonl", [work(5, title="A")])
    other = write_jsonl(tmp_path / "b.jsonl", [work(5, title="B")])
    await run_import(empty_db, db, [one], options)
    assert (await run_import(empty_db, db, [one], options)).result("work").unchanged == 1
    assert (await run_import(empty_db, db, [other], options)).result("work").updated == 1
    assert await _title(empty_db, db, "W5") == "B"


async def test_a_later_import_links_older_works_citing_the_new_ones(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    db = settings.neo4j_database
    options = ImportOptions(rejects_path=tmp_path / "rejects.jsonl")
    first = write_jsonl(tmp_path / "first.jsonl", [work(1, refs=(2, 3)), work(4, refs=(1,))])
    later = write_jsonl(tmp_path / "later.jsonl", [work(2, refs=(1,))])
    await run_import(empty_db, db, [first, later], options)
    together = await fingerprint(empty_db, db)

    await wipe(empty_db)
    await run_import(empty_db, db, [first], options)
    await run_import(empty_db, db, [later], options)
    assert await fingerprint(empty_db, db) == together
    records, _, _ = await empty_db.execute_query(
        "MATCH (a:Work)-[:CITES]->(b:Work) RETURN a.id + '>' + b.id AS edge ORDER BY edge", database_=db
    )
    assert [r["edge"] for r in records] == ["W1>W2", "W2>W1", "W4>W1"]
    records, _, _ = await empty_db.execute_query(
        "MATCH (w:Work {id: 'W1'}) RETURN w.externalReferenceCount AS n", database_=db
    )
    assert records[0]["n"] == 1  # W3 is not in the graph
