"""Write batches of normalized OpenAlex rows into Neo4j: one managed write transaction per batch.

Each batch is all-or-nothing (a killed import leaves no half-written batch), safe to retry (the driver
retries transient errors) and idempotent. The updated_date rule decides each record's outcome: `created`
(new, or a stub so far), `updated` (newer, or as new with other content), `unchanged` (same date, same
content hash: nothing is written) or `older` (never overwrites the stored record). A work record owns its
AUTHORED, HAS_TOPIC, PUBLISHED_IN, FUNDED_BY and outgoing CITES relationships: they are rewritten with it (a source
record its PUBLISHED_BY, a publisher record its PART_OF); CITES are
linked by one pass at the end of an import (`link_citations`), flagged as pending before (or, for a lone
batch, in the same transaction as) the works that need it, so a killed import still links them when re-run.
The ledger mark of the batch (ingest/ledger.py) and its change to the facet counts (ingest/facet_counts.py)
commit in the same transaction as its data. Every
transaction carries a server-side timeout (seconds; `PEERGRAPH_IMPORT_TRANSACTION_TIMEOUT_SECONDS`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Any, LiteralString, TypeVar

from neo4j import AsyncDriver, AsyncManagedTransaction, AsyncSession, Query, unit_of_work

from cypher import ingest as q
from ingest import facet_counts
from ingest.records import Row
from peergraph.observability import counting_deadlocks

UPSERTS: dict[str, LiteralString] = {
    "work": q.UPSERT_WORKS,
    "author": q.UPSERT_AUTHORS,
    "institution": q.UPSERT_INSTITUTIONS,
    "source": q.UPSERT_SOURCES,
    "topic": q.UPSERT_TOPICS,
    "concept": q.UPSERT_CONCEPTS,
    "funder": q.UPSERT_FUNDERS,
    "publisher": q.UPSERT_PUBLISHERS,
}
WRITTEN = ("created", "updated")
CITATION_BATCH = 2000
# Concurrent batches sometimes deadlock on a shared stub node; Neo4j aborts one of them at once, and the driver
# retries it after this delay (its default, 1 s, doubling, left a writer idle for ~1 s per deadlock). It is one of
# the driver's session options that its typing marks undocumented: pinned with the driver by uv.lock.
RETRY_DELAY = 0.05
Tx = AsyncManagedTransaction  # every batch, dry runs included, is a managed (retried) transaction
F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class BatchResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    older: int = 0
    retries: int = 0  # transactions the driver ran again after a transient error (not records)

    def add(self, other: BatchResult) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged + self.older


@dataclass(frozen=True)
class BatchMark:
    """The ledger entry a batch writes in its own transaction: run id and batch key."""

    run: str
    key: str


def dedupe(rows: Sequence[Row]) -> list[Row]:
    """One row per id: the one with the latest updated_date (the later one in the input on a tie), in id order
    (so that concurrent batches lock shared nodes in one order)."""
    best: dict[str, Row] = {}
    for row in rows:
        kept = best.get(row["id"])
        if kept is None or (row["updatedDate"] or "") >= (kept["updatedDate"] or ""):
            best[row["id"]] = row
    return [best[key] for key in sorted(best)]


def _seen(row: Row) -> str:
    """How new a record is, as text that sorts newest last: a stub named by several records keeps what the one
    with the highest `seen` says, whatever order the records are written in (concurrent batches included)."""
    return f"{row['updatedDate'] or ''}|{row['id']}|{row['hash']}"


def _payload(kind: str, row: Row) -> Row:
    keys: tuple[str, ...] = ("id", "updatedDate", "hash", "props")
    if kind == "author":
        return {**{k: row[k] for k in (*keys, "lastKnown", "affiliations")}, "seen": _seen(row)}
    return {k: row[k] for k in keys}


def _by(key: str) -> Callable[[Row], str]:
    return lambda row: str(row[key])


class _Rows(list[Any]):
    """A statement's rows, whose repr is their count: the driver (neo4j 6.4.1, `AsyncBolt5x5.run`) formats the
    repr of every RUN's parameters for its debug log whether or not debug logging is on, and for a batch's
    thousands of rows that formatting cost ~10% of the importer's CPU. Packed as the list it is."""

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


async def _run(tx: Tx, /, query: LiteralString, **params: Any) -> None:
    quiet: dict[str, Any] = {k: _Rows(v) if isinstance(v, list) else v for k, v in params.items()}
    result = await tx.run(query, quiet)
    await result.consume()


def _session(driver: AsyncDriver, database: str) -> AsyncSession:
    return driver.session(database=database, initial_retry_delay=RETRY_DELAY)


def _timed(work: F, tx_timeout: float | None) -> F:
    """A transaction function whose transactions the server stops after `tx_timeout` seconds (None: its default),
    counting the deadlocks the driver retries (peergraph_neo4j_deadlocks_retried_total)."""
    counted = counting_deadlocks(work)
    return counted if tx_timeout is None else unit_of_work(timeout=tx_timeout)(counted)


def _query(text: LiteralString, tx_timeout: float | None) -> Query:
    return Query(text, timeout=tx_timeout)


async def _write_work_links(tx: Tx, rows: Sequence[Row], cleared: Sequence[str]) -> None:
    if cleared:
        await _run(tx, q.CLEAR_WORK_LINKS, ids=list(cleared))
    # Each statement's rows go in the id order of the shared node they lock (see dedupe); stubs carry `seen`.
    institutions: dict[str, Row] = {}
    for r in rows:
        for inst in r["institutions"]:
            kept = institutions.get(inst["id"])
            if kept is None or _seen(r) > kept["seen"]:
                institutions[inst["id"]] = {"props": inst, "seen": _seen(r)}
    if institutions:
        await _run(tx, q.MERGE_INSTITUTION_STUBS, rows=[institutions[key] for key in sorted(institutions)])
    authorships = sorted(
        ({"workId": r["id"], **a, "seen": _seen(r)} for r in rows for a in r["authorships"]), key=_by("authorId")
    )
    if authorships:
        await _run(tx, q.WRITE_AUTHORSHIPS, rows=authorships)
    topics = sorted(({"workId": r["id"], **t, "seen": _seen(r)} for r in rows for t in r["topics"]), key=_by("id"))
    if topics:
        await _run(tx, q.WRITE_WORK_TOPICS, rows=topics)
    sources = sorted(
        ({"workId": r["id"], **r["source"], "seen": _seen(r)} for r in rows if r["source"] is not None), key=_by("id")
    )
    if sources:
        await _run(tx, q.WRITE_WORK_SOURCES, rows=sources)
        lineages = [
            {"sourceId": r["id"], "lineage": r["publisherLineage"], "seen": r["seen"], "own": False} for r in sources
        ]
        await _run(tx, q.WRITE_SOURCE_PUBLISHERS, rows=lineages)
    funders = sorted(({"workId": r["id"], **f, "seen": _seen(r)} for r in rows for f in r["funders"]), key=_by("id"))
    if funders:
        await _run(tx, q.WRITE_WORK_FUNDERS, rows=funders)


async def _write_owned_links(tx: Tx, kind: str, written: Sequence[Row]) -> None:
    """What a source or publisher record owns besides its node: a source's publisher, a publisher's parent."""
    if kind == "source":
        lineages = [
            {"sourceId": r["id"], "lineage": r["publisherLineage"], "seen": _seen(r), "own": True} for r in written
        ]
        await _run(tx, q.WRITE_SOURCE_PUBLISHERS, rows=lineages)
    elif kind == "publisher":
        await _run(
            tx,
            q.WRITE_PUBLISHER_PARENTS,
            rows=[{"id": r["id"], "parent": r["parent"], "seen": _seen(r)} for r in written],
        )


def _named(rows: Sequence[Row]) -> dict[str, set[str]]:
    """The topics, institutions and sources a work batch's links name (what its stubs may change)."""
    return {
        "topic": {t["id"] for r in rows for t in r["topics"]},
        "institution": {i["id"] for r in rows for i in r["institutions"]},
        "source": {r["source"]["id"] for r in rows if r["source"] is not None},
    }


async def _write(tx: Tx, /, kind: str, rows: Sequence[Row], mark: BatchMark | None, flag: bool) -> BatchResult:
    # The facet counts' difference starts with what the works about to be written count under now; a batch of
    # topics, institutions or sources may change what a derived facet reads (ingest/facet_counts.py).
    before = await facet_counts.before_writing(tx, rows) if kind == "work" else facet_counts.Counts()
    counted: list[str] = []
    shared_pairs: list[dict[str, Any]] = []
    named = {kind: {r["id"] for r in rows}} if kind in facet_counts.DERIVED else {}
    read_before = await facet_counts.dependencies(tx, named) if named else None
    result = await tx.run(UPSERTS[kind], rows=_Rows(_payload(kind, r) for r in rows))
    outcomes: dict[str, str] = {}
    counts = BatchResult()
    async for record in result:
        setattr(counts, record["outcome"], len(record["ids"]))
        outcomes.update(dict.fromkeys(record["ids"], record["outcome"]))
    if kind == "work":
        written = [r for r in rows if outcomes[r["id"]] in WRITTEN]
        if written:
            cleared = [r["id"] for r in written if outcomes[r["id"]] == "updated"]
            named = _named(written)
            read_before = await facet_counts.dependencies(tx, named)
            shared_pairs = await facet_counts.add_pairs(tx, before, written)
            await _write_work_links(tx, written, cleared)
            counted = [r["id"] for r in written]
            if flag:
                await _run(tx, q.MARK_CITATIONS_PENDING)
    elif kind in ("source", "publisher"):
        written = [r for r in rows if outcomes[r["id"]] in WRITTEN]
        if written:
            await _write_owned_links(tx, kind, written)
    if mark is not None:
        await _run(tx, q.LEDGER_MARK_BATCH, run=mark.run, key=mark.key)
    if counts.created or counts.updated:
        recount: tuple[LiteralString, ...] = ()
        if read_before is not None:
            recount = facet_counts.changed(read_before, await facet_counts.dependencies(tx, named))
        await facet_counts.add_unlocked(tx, before, counted, pairs_added=kind == "work")
        # The version's lock, then the facets a batch may recount: added to by one batch at a time.
        await _run(tx, q.BUMP_GRAPH_VERSION)
        await facet_counts.add_shared_pairs(tx, shared_pairs)
        await facet_counts.add_locked(tx, before, counted, recount)
    return counts


class _RolledBack(Exception):
    """Raised at the end of a dry run's managed transaction so that the driver rolls it back; carries its counts."""

    def __init__(self, counts: BatchResult) -> None:
        super().__init__("dry run: rolled back")
        self.counts = counts


async def _dry_run(tx: Tx, /, kind: str, rows: Sequence[Row], flag: bool) -> None:
    """A batch's writes in one managed transaction that is then rolled back: concurrent dry-run batches lock the
    nodes they share like real ones, and a deadlock between two of them is retried like any transient error."""
    raise _RolledBack(await _write(tx, kind, rows, None, flag))


async def write_batch(
    driver: AsyncDriver,
    database: str,
    kind: str,
    rows: Sequence[Row],
    *,
    mark: BatchMark | None = None,
    dry_run: bool = False,
    flag_citations: bool = True,
    tx_timeout: float | None = None,
) -> BatchResult:
    """Write one batch of rows of one kind in a single transaction (rolled back when `dry_run`).

    Work batches flag the citation pass as pending in their own transaction unless `flag_citations` is False:
    then the caller has flagged it already (`flag_citations_pending`), so that concurrent batches do not all
    lock the one flag node."""
    unique = dedupe(rows)
    if not unique and mark is None:
        return BatchResult()
    attempts = 0

    async def write(tx: Tx, /) -> BatchResult:
        nonlocal attempts
        attempts += 1  # the driver calls it again for each retry of a transient error
        return await _write(tx, kind, unique, mark, flag_citations)

    async def dry_run_write(tx: Tx, /) -> None:
        nonlocal attempts
        attempts += 1
        await _dry_run(tx, kind, unique, flag_citations)

    async with _session(driver, database) as session:
        if not dry_run:
            counts = await session.execute_write(_timed(write, tx_timeout))
        else:
            try:
                await session.execute_write(_timed(dry_run_write, tx_timeout))
            except _RolledBack as rolled_back:
                counts = rolled_back.counts
            else:  # pragma: no cover - _dry_run always raises
                raise AssertionError("a dry run must roll back")
    counts.add(_superseded(rows, unique))
    counts.retries += max(attempts - 1, 0)
    return counts


def _superseded(rows: Sequence[Row], kept: Sequence[Row]) -> BatchResult:
    """The rows `dedupe` dropped, counted so that a batch's outcomes add up to its rows: `unchanged` when the
    kept version has the same content, else `older` (skipped)."""
    result = BatchResult()
    if len(rows) == len(kept):
        return result
    kept_hash = {row["id"]: row["hash"] for row in kept}
    chosen = {id(row) for row in kept}
    for row in rows:
        if id(row) in chosen:
            continue
        if row["hash"] == kept_hash[row["id"]]:
            result.unchanged += 1
        else:
            result.older += 1
    return result


async def flag_citations_pending(driver: AsyncDriver, database: str, tx_timeout: float | None = None) -> None:
    """Flag the citation pass as pending before work batches are written (a killed import then still links
    the references of whatever it wrote when it is run again)."""
    async with _session(driver, database) as session:
        await session.execute_write(_timed(_run, tx_timeout), q.MARK_CITATIONS_PENDING)


async def _in_batches(
    driver: AsyncDriver, database: str, query: LiteralString, ids: list[str], writers: int, tx_timeout: float | None
) -> None:
    """Run `query` on `ids`, CITATION_BATCH ids per transaction, with `writers` transactions at a time."""
    batches = (ids[start : start + CITATION_BATCH] for start in range(0, len(ids), CITATION_BATCH))
    run = _timed(_run, tx_timeout)

    async def writer() -> None:
        async with _session(driver, database) as session:
            for batch in batches:  # shared by the writers: each batch is taken once
                await session.execute_write(run, query, ids=batch)

    await asyncio.gather(*(writer() for _ in range(max(writers, 1))))


async def link_citations(driver: AsyncDriver, database: str, writers: int = 1, tx_timeout: float | None = None) -> int:
    """Link references after an import: the works written since the last pass (to every work in the graph),
    then nothing else but the older works that cite one of them. Runs only when a batch flagged it; the
    already-linked citing works go first, so a pass killed midway and run again misses nothing. Each of the two
    steps runs `writers` transactions at a time. Returns how many works it visited."""
    records, _, _ = await driver.execute_query(_query(q.CITATIONS_PENDING, tx_timeout), database_=database)
    if not records[0]["pending"]:
        return 0
    records, _, _ = await driver.execute_query(_query(q.WORKS_AWAITING_LINKS, tx_timeout), database_=database)
    written: list[str] = records[0]["ids"]
    records, _, _ = await driver.execute_query(
        _query(q.WORKS_CITING, tx_timeout), {"ids": _Rows(written)}, database_=database
    )
    citing: list[str] = records[0]["ids"]
    await _in_batches(driver, database, q.LINK_CITATIONS, citing, writers, tx_timeout)
    await _in_batches(driver, database, q.LINK_NEW_CITATIONS, written, writers, tx_timeout)
    async with _session(driver, database) as session:
        await session.execute_write(_timed(_run, tx_timeout), q.CLEAR_CITATIONS_PENDING)
    return len(citing) + len(written)


async def count_entities(driver: AsyncDriver, database: str, tx_timeout: float | None = None) -> int:
    records, _, _ = await driver.execute_query(_query(q.COUNT_NODES, tx_timeout), database_=database)
    return int(records[0]["nodes"])
