"""The bulk path: OpenAlex files → CSV files → `neo4j-admin database import full` → a served, migrated graph.

For an empty database only (the admin tool writes a whole new store): it is checked first, and again just before
the server is stopped for the load. Then the server starts on the new store, the migrations run (constraints and
indexes, built over the loaded data), and what the online importer leaves besides the records is done on the
loaded graph: the empty lists set on the rows that named them (`_emptyLists`, ingest/bulk/tables.py), the graph's
version, the merged ids applied and folded with the importer's own code (ingest/merges.py), then every step of
`POST_LOAD`. The result's
fingerprint equals the online importer's on the same input (tests/ingest/test_bulk.py).
"""

from __future__ import annotations

import asyncio
import gc
import os
import shutil
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from neo4j import AsyncDriver, Query

from cypher import bulk as bq
from cypher import ingest as q
from ingest.bulk.feed import FeedRefused, Tally, batches
from ingest.bulk.graph import BulkGraph, Output
from ingest.bulk.tables import ARRAY_DELIMITER
from ingest.importer import DEFAULT_REJECTS, ImportOptions, Reject
from ingest.merges import MergeResult, apply_merge_files, refold
from ingest.reader import InputFile, discover
from ingest.records import RecordError
from peergraph.db.launcher import LauncherError, LocalNeo4j
from peergraph.db.migrations import apply_migrations
from peergraph.db.target import async_driver, local_server
from peergraph.settings import Settings

Say = Callable[[str], None]
T = TypeVar("T")
PostLoadStep = Callable[[AsyncDriver, str, float], Awaitable[object]]
EMPTY_LISTS_BATCH = 10_000  # marked rows whose lists are set in one transaction


async def _bump_graph_version(driver: AsyncDriver, database: str, tx_timeout: float) -> None:
    await driver.execute_query(Query(q.BUMP_GRAPH_VERSION, timeout=tx_timeout), database_=database)


# What runs on the loaded, migrated graph after the importer's bookkeeping, in this order (name, step). Derived data
# that the online importer keeps up to date batch by batch is computed here once, over the whole graph.
# worksGroupBy's precomputed counts are not among them: they are counted as the CSV is written and loaded by
# neo4j-admin (ingest/bulk/counts.py), then moved by the merged ids' folds as the online importer moves them.
POST_LOAD: list[tuple[str, PostLoadStep]] = [
    ("graph version", _bump_graph_version),
]


class BulkRefused(Exception):
    """The bulk load cannot start (a database that is not empty, a server that is not the project's own, bad
    input); nothing was changed."""


@dataclass
class BulkReport:
    files: int = 0
    records: int = 0
    rejected: list[Reject] = field(default_factory=list)
    outcomes: dict[str, dict[str, int]] = field(default_factory=dict)
    output: Output | None = None
    phases: dict[str, float] = field(default_factory=dict)  # wall seconds per phase
    steps: dict[str, float] = field(default_factory=dict)  # within migrate and bookkeeping: wall seconds per step
    csv_bytes: int = 0
    store_bytes: int = 0
    merges: MergeResult = field(default_factory=MergeResult)
    rejects_path: Path | None = None
    admin_output: str = ""


@dataclass
class _Phase:
    report: BulkReport
    say: Say

    def __call__(self, name: str) -> _Timer:
        return _Timer(self, name)


class _Timer:
    def __init__(self, phase: _Phase, name: str) -> None:
        self.phase, self.name = phase, name

    def __enter__(self) -> None:
        self.began = time.monotonic()

    def __exit__(self, *exc: object) -> None:
        seconds = time.monotonic() - self.began
        self.phase.report.phases[self.name] = round(seconds, 2)
        if exc[0] is None:
            self.phase.say(f"{self.name}: {seconds:.1f} s")


def _build(
    files: Sequence[InputFile], folder: Path, options: ImportOptions, report: BulkReport, parse_in_process: bool
) -> Output:
    graph = BulkGraph(folder)
    tally = Tally()
    rejects_path = options.rejects_path or Path(DEFAULT_REJECTS)
    try:
        for kind, rows in batches(files, options, tally, rejects_path, in_process=parse_in_process):
            counts = report.outcomes.setdefault(kind, {})
            for outcome, n in graph.add_batch(kind, rows).items():
                counts[outcome] = counts.get(outcome, 0) + n
    except BaseException as exc:
        graph.close()  # its part files are left for the caller to remove
        if isinstance(exc, FeedRefused):
            raise BulkRefused(str(exc)) from exc
        raise
    finally:
        report.records, report.files, report.rejected = tally.records, tally.files, tally.rejected
        report.rejects_path = tally.rejects_path
    return graph.finish(in_process=parse_in_process)


def write_csv(
    paths: Sequence[Path], folder: Path, options: ImportOptions, report: BulkReport, *, parse_in_process: bool = False
) -> tuple[Output, list[Path]]:
    """The CSV files of the input in `folder` (no database involved); returns them and the merged-id files. The
    records are parsed in a second process (ingest/bulk/feed.py), and the counts counted in one beside the last
    files' writing (ingest/bulk/counts.py), unless `parse_in_process`."""
    found = discover(paths, allow_missing_parts=options.allow_missing_parts, preferred_format=options.format)
    if found.errors or found.broken:
        raise BulkRefused("; ".join([*found.errors, *found.broken]) + "; nothing was loaded")
    # The cyclic garbage collector is off while the graph is built: its millions of entries (one per id) are live
    # until the end and the rows hold no cycles, yet each full collection walked them all. Sample + 100k generated
    # works, interleaved A/B at load 3-5: 30.6 s with it, 23.1 s without (the same files).
    collecting = gc.isenabled()
    gc.disable()
    try:
        output = _build(found.files, folder, options, report, parse_in_process)
    finally:
        if collecting:
            gc.enable()
    report.csv_bytes = sum(p.stat().st_size for p in folder.iterdir())
    return output, found.merged


def admin_arguments(output: Output, database: str, settings: Settings, report_file: Path) -> list[str]:
    threads = settings.bulk_import_threads or os.cpu_count() or 1
    args = [
        "database", "import", "full", database, "--overwrite-destination=true", "--delimiter=TAB",
        f"--array-delimiter={ARRAY_DELIMITER}", f"--threads={threads}",
        f"--max-off-heap-memory={settings.bulk_import_max_off_heap}", f"--report-file={report_file}",
        f"--multiline-fields={'true' if output.multiline else 'false'}",
    ]  # fmt: skip
    args += [f"--nodes={label}={header},{data}" for label, header, data in output.nodes]
    args += [f"--relationships={rel}={header},{data}" for rel, header, data in output.relationships]
    return args


async def _has_nodes(driver: AsyncDriver, database: str, tx_timeout: float) -> bool:
    records, _, _ = await driver.execute_query(Query(bq.ANY_NODE, timeout=tx_timeout), database_=database)
    return bool(records[0]["found"])


def _with_driver(settings: Settings, work: Callable[[AsyncDriver], Awaitable[T]]) -> T:
    async def run() -> T:
        driver = async_driver(settings)
        try:
            return await work(driver)
        finally:
            await driver.close()

    return asyncio.run(run())


def check_empty(server: LocalNeo4j, settings: Settings) -> bool:
    """Refuse unless the database is empty; returns whether the server was running."""
    database, timeout = settings.neo4j_database, settings.admin_query_timeout_seconds
    was_running = server.running_pid() is not None
    if not was_running and not (server.home / "data" / "databases" / database).exists():
        return False  # never started: nothing in it
    if not was_running:
        server.start()
    if _with_driver(settings, lambda d: _has_nodes(d, database, timeout)):
        raise BulkRefused(
            f"the database {database!r} of {server.home} is not empty: a bulk load replaces the whole store, so it "
            "only loads into an empty one (use `peergraph import` to add to a graph, or a fresh PEERGRAPH_NEO4J_HOME)"
        )
    return True


async def _complete(
    driver: AsyncDriver, settings: Settings, output: Output, merged: Sequence[Path], report: BulkReport, say: Say
) -> None:
    database, timeout = settings.neo4j_database, settings.admin_query_timeout_seconds
    began = time.monotonic()
    async with driver.session(database=database) as session:
        for name, marked in output.empty_lists.items():
            nodes = len(marked[0]) == 1  # a node's row has its id, a relationship's its start and end ids
            for at in range(0, len(marked), EMPTY_LISTS_BATCH):
                batch = [list(ends) for ends in marked[at : at + EMPTY_LISTS_BATCH]]
                if nodes:
                    query = Query(bq.EMPTY_LISTS_NODES, timeout=timeout)
                    result = await session.run(query, label=name, ids=[ends[0] for ends in batch])
                else:
                    result = await session.run(
                        Query(bq.EMPTY_LISTS_RELATIONSHIPS, timeout=timeout), type=name, ends=batch
                    )
                await result.consume()
    report.steps["empty lists"] = round(time.monotonic() - began, 2)
    if merged:

        def rejected(path: Path, number: int, error: RecordError, raw: str) -> bool:
            report.rejected.append(Reject.of(str(path), number, error, raw.encode()))
            return False

        report.merges = await apply_merge_files(driver, database, merged, rejected, tx_timeout=timeout)
        report.merges.folded += await refold(driver, database, timeout)
    for name, step in POST_LOAD:
        began = time.monotonic()
        await step(driver, database, timeout)
        report.steps[name] = round(time.monotonic() - began, 2)
        say(f"  post-load step {name}: {time.monotonic() - began:.1f} s")


def tree_bytes(path: Path) -> int:
    """The bytes of the files under `path` (a store, a home's data folder)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def bulk_import(
    settings: Settings, paths: Sequence[Path], options: ImportOptions, say: Say = lambda _: None
) -> BulkReport:
    """Load `paths` into the empty database of the project's own Neo4j (settings without NEO4J_URI)."""
    if settings.neo4j_uri:
        raise BulkRefused(
            f"NEO4J_URI is set ({settings.neo4j_uri}): a bulk load rewrites the store files of the project's own "
            "launched Neo4j (`peergraph db start`), which it stops and starts; unset NEO4J_URI"
        )
    server = local_server(settings)
    report = BulkReport()
    phase = _Phase(report, say)
    database = settings.neo4j_database
    folder = settings.bulk_import_dir or server.home / "import" / "bulk"
    try:
        with phase("check empty"):
            check_empty(server, settings)
        if folder.exists():
            shutil.rmtree(folder)
        with phase("csv"):
            output, merged = write_csv(
                paths, folder, options, report, parse_in_process=not settings.bulk_import_parse_process
            )
        report.output = output
        with phase("stop"):
            if server.running_pid() is not None:
                check_empty(server, settings)  # nothing was written meanwhile
                server.stop()
        with phase("neo4j-admin"):
            args = admin_arguments(output, database, settings, folder / "import.report")
            report.admin_output = server.admin(args, heap=settings.bulk_import_heap)
        report.store_bytes = tree_bytes(server.home / "data" / "databases" / database) + tree_bytes(
            server.home / "data" / "transactions" / database
        )
        with phase("start"):
            server.start()
        timeout = settings.admin_query_timeout_seconds
        with phase("migrate"):
            _with_driver(settings, lambda d: apply_migrations(d, database, timeout, timings=report.steps))
        with phase("bookkeeping"):
            _with_driver(settings, lambda d: _complete(d, settings, output, merged, report, say))
    except LauncherError as exc:
        raise BulkRefused(str(exc)) from exc
    if not settings.bulk_import_keep_files:
        shutil.rmtree(folder, ignore_errors=True)
    return report
