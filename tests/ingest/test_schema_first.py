"""Every import path applies the migrations before its first write; its transactions carry the import timeout.

The database is stripped of every constraint and index the migrations create (the state of a fresh database
nobody migrated), and put back at the end of each test. What must exist afterwards comes from the migration
files; the graph's expected content from the input records.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver

from cypher import statements
from ingest.fingerprint import fingerprint
from ingest.importer import import_records
from ingest.sample import load_files
from peergraph.db.migrations import (
    SchemaObject,
    apply_migrations,
    declared_objects,
    ensure_migrated,
    migration_names,
    migration_statements,
    missing_objects,
    running_order,
)
from peergraph.settings import Settings
from tests.ingest.cli_support import cli_env, cli_fingerprint, peergraph
from tests.ingest.records import work, write_jsonl
from tests.support import wipe

DECLARED = [d for d in declared_objects() if isinstance(d, SchemaObject) and not d.dropped]
DROPPED = [d for d in declared_objects() if isinstance(d, SchemaObject) and d.dropped]
STATEMENTS = len(migration_statements())


def _works(count: int) -> list[dict[str, Any]]:
    """Works that share authors and institutions across batches (so concurrent batches MERGE the same stubs)."""
    records = []
    for n in range(1, count + 1):
        record = work(n, authors=(n % 5 + 1, n % 3 + 10), refs=(n - 1,) if n > 1 else ())
        for ship in record["authorships"]:
            ship["institutions"] = [{"id": f"https://openalex.org/I{n % 2 + 1}", "display_name": f"Inst {n % 2}"}]
        records.append(record)
    return records


WORKS = _works(24)
EXPECTED_NODES = {
    "Author": len({s["author"]["id"] for r in WORKS for s in r["authorships"]}),
    "Institution": len({i["id"] for r in WORKS for s in r["authorships"] for i in s["institutions"]}),
    "Work": len(WORKS),
}


async def _constraints(driver: AsyncDriver) -> set[str]:
    records, _, _ = await driver.execute_query("SHOW CONSTRAINTS YIELD name")
    return {r["name"] for r in records}


async def _indexes(driver: AsyncDriver) -> dict[str, str]:
    records, _, _ = await driver.execute_query("SHOW INDEXES YIELD name, type")
    return {r["name"]: r["type"] for r in records}


async def drop_schema(driver: AsyncDriver, database: str) -> None:
    """Empty the database and drop the migrations' constraints and indexes."""
    await wipe(driver)
    for name in await _constraints(driver):
        await driver.execute_query("DROP CONSTRAINT $name", name=name)
    for name, kind in (await _indexes(driver)).items():
        if kind != "LOOKUP":  # the label and type lookup indexes are Neo4j's own
            await driver.execute_query("DROP INDEX $name", name=name)
    assert len(await missing_objects(driver, database)) == len(DECLARED)


@asynccontextmanager
async def schema_dropped(driver: AsyncDriver, database: str) -> AsyncIterator[None]:
    """An empty database without the migrations' constraints and indexes; migrated again on the way out."""
    await drop_schema(driver, database)
    try:
        yield
    finally:
        await wipe(driver)
        await apply_migrations(driver, database)


async def _assert_migrated(driver: AsyncDriver, database: str) -> None:
    assert await missing_objects(driver, database) == []
    constraints = await _constraints(driver)
    indexes = await _indexes(driver)
    for declared in DECLARED:
        assert declared.name in (constraints if declared.kind == "constraint" else indexes), declared
    for dropped in DROPPED:
        assert dropped.name not in constraints | indexes.keys(), dropped


def test_every_migration_statement_names_what_it_creates_or_drops() -> None:
    """The import's check (are the migrations in place?) goes by these names."""
    assert all(isinstance(d, SchemaObject) for d in declared_objects())
    assert len(DECLARED) + len(DROPPED) == STATEMENTS > 0
    every = [statement for name in migration_names() for statement in statements(name)]
    # A statement creating what a later one drops is not run: the statements run are the others.
    created_then_dropped = [s for s in every if s not in migration_statements()]
    assert len(created_then_dropped) == len(DROPPED) == 1
    assert f"INDEX {DROPPED[0].name} IF NOT EXISTS" in created_then_dropped[0]


def test_the_migrations_run_drops_then_indexes_then_constraints_each_in_file_order() -> None:
    """Over a loaded graph an index populates in the background while the constraints build theirs (a bulk load),
    so the indexes are created first; nothing is left out or run twice."""
    written = migration_statements()
    kind = {
        statement: "drop" if named.dropped else named.kind
        for statement, named in zip(written, declared_objects(), strict=True)
        if isinstance(named, SchemaObject)
    }
    assert len(kind) == len(written)  # every statement names its object, none twice
    ran = running_order(written)
    assert sorted(ran) == sorted(written)
    order = ["drop", "index", "constraint"]
    assert [kind[s] for s in ran] == sorted((kind[s] for s in written), key=order.index)
    for each in order:
        assert [s for s in ran if kind[s] == each] == [s for s in written if kind[s] == each]


async def test_an_index_a_later_migration_drops_is_dropped_from_a_database_holding_it(
    empty_db: AsyncDriver, settings: Settings
) -> None:
    """A database migrated before the drop (its index created by the earlier migration) loses it at the next
    migration, and is then migrated: an import does not apply the migrations again."""
    db = settings.neo4j_database
    every = [statement for name in migration_names() for statement in statements(name)]
    (created,) = [s for s in every if s not in migration_statements()]
    assert await ensure_migrated(empty_db, db) == 0
    await empty_db.execute_query(created, database_=db)
    await empty_db.execute_query("CALL db.awaitIndexes(60)", database_=db)
    name = DROPPED[0].name
    assert await missing_objects(empty_db, db) == [f"the drop of index {name}"]
    assert await ensure_migrated(empty_db, db) == STATEMENTS
    await _assert_migrated(empty_db, db)
    assert name not in await _indexes(empty_db)
    assert await ensure_migrated(empty_db, db) == 0


async def test_peergraph_import_into_an_unmigrated_database_migrates_first(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    db = settings.neo4j_database
    source = write_jsonl(tmp_path / "works.jsonl", WORKS)
    args = ("import", str(source), "--batch-size", "4", "--writers", "2", "--no-progress")
    normal = await asyncio.to_thread(peergraph, settings, *args)
    assert normal.exit_code == 0, normal.output
    assert "migration statements" not in normal.output  # the schema was in place: nothing to apply
    expected = await asyncio.to_thread(cli_fingerprint, settings)
    assert expected["nodes"] == EXPECTED_NODES

    async with schema_dropped(empty_db, db):
        dry = await asyncio.to_thread(peergraph, settings, *args, "--dry-run")
        assert dry.exit_code == 0, dry.output
        assert f"lacks {len(DECLARED)} of the migrations' constraints and indexes" in dry.output
        assert len(await missing_objects(empty_db, db)) == len(DECLARED)  # a dry run changes no schema either

        result = await asyncio.to_thread(peergraph, settings, *args)
        assert result.exit_code == 0, result.output
        assert f"applied {STATEMENTS} migration statements" in result.output
        await _assert_migrated(empty_db, db)
        assert await asyncio.to_thread(cli_fingerprint, settings) == expected  # no duplicate stub, same graph


async def test_the_sample_loader_and_the_mutation_path_migrate_an_unmigrated_database(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    db = settings.neo4j_database
    async with schema_dropped(empty_db, db):
        report = await load_files(empty_db, db, [write_jsonl(tmp_path / "works.jsonl", WORKS)], batch_size=4)
        assert report.ok
        assert report.migrations == STATEMENTS
        await _assert_migrated(empty_db, db)
        assert (await fingerprint(empty_db, db)).nodes == EXPECTED_NODES

        await drop_schema(empty_db, db)
        report = await import_records(empty_db, db, WORKS, batch_size=4)
        assert report.migrations == STATEMENTS
        await _assert_migrated(empty_db, db)
        assert (await fingerprint(empty_db, db)).nodes == EXPECTED_NODES
        again = await import_records(empty_db, db, WORKS[:1])
        assert again.migrations == 0


async def test_data_that_breaks_a_constraint_stops_the_import_before_it_writes(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    db = settings.neo4j_database
    async with schema_dropped(empty_db, db):
        # What an import into an unmigrated database used to leave behind: the same institution twice.
        await empty_db.execute_query("CREATE (:Institution {id: 'I1'}), (:Institution {id: 'I1'})")
        source = write_jsonl(tmp_path / "works.jsonl", WORKS)
        result = await asyncio.to_thread(peergraph, settings, "import", str(source), "--no-progress")
        assert result.exit_code == 1
        assert "the migrations could not be applied, so nothing was imported" in result.output
        assert "'I1'" in result.output
        assert (await fingerprint(empty_db, db)).nodes == {"Institution": 2}


async def test_an_import_transaction_is_stopped_by_the_server_after_the_import_timeout(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    """A batch stuck behind another transaction's lock is ended by Neo4j after the setting's timeout (without
    one it would wait as long as the lock is held)."""
    db = settings.neo4j_database
    await import_records(empty_db, db, [work(1)])
    newer = write_jsonl(tmp_path / "w1.jsonl", [work(1, updated="2026-01-01", title="newer")])
    env = {**os.environ, **cli_env(settings), "PEERGRAPH_IMPORT_TRANSACTION_TIMEOUT_SECONDS": "1"}
    command = [sys.executable, "-m", "peergraph.cli", "import", str(newer), "--no-progress"]
    async with empty_db.session(database=db) as session:
        tx = await session.begin_transaction()
        try:
            await (await tx.run("MATCH (w:Work {id: 'W1'}) SET w.title = 'locked by the test'")).consume()
            started = time.monotonic()
            done = await asyncio.to_thread(
                subprocess.run, command, env=env, capture_output=True, text=True, timeout=60, check=False
            )
            seconds = time.monotonic() - started
        finally:
            await tx.rollback()
    assert done.returncode == 1, done.stdout + done.stderr
    assert "ran longer than PEERGRAPH_IMPORT_TRANSACTION_TIMEOUT_SECONDS (1 s)" in done.stderr, done.stderr
    assert seconds < 45  # the lock was held all along (up to the 60 s guard): only the timeout ended the wait
    records, _, _ = await empty_db.execute_query("MATCH (w:Work {id: 'W1'}) RETURN w.title AS title")
    assert records[0]["title"] == "Work 1"
