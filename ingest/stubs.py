"""The nodes a batch of works names (authors, institutions, topics, sources), merged in a short transaction of
their own before the batch's transaction.

Most of them are shared between batches. Merged inside the long batch transaction, a node that two concurrent
batches name (a new stub author, say) made the second batch wait for the whole first one to commit, so a second
writer gained little. Here the nodes are created, or made newer, in a transaction that commits at once; the
batch's transaction then only reads them to link them.

Only the records the batch will write name stubs (`works_to_write.cypher` applies the updated_date rule read-only):
an older version of a work never creates or describes a stub, as in one transaction. A stub keeps what the
newest record naming it says (`seen`), whatever order batches commit in. A run killed between the two
transactions has merged stubs the same command merges again when it resumes, so it still ends with the graph a
clean import gives.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, LiteralString

from neo4j import AsyncManagedTransaction, AsyncTransaction

from cypher import ingest as q
from ingest.records import Row

Tx = AsyncManagedTransaction | AsyncTransaction


def seen(row: Row) -> str:
    """How new a record is, as text that sorts newest last: a stub named by several records keeps what the one
    with the highest `seen` says, whatever order the records are written in (concurrent batches included)."""
    return f"{row['updatedDate'] or ''}|{row['id']}|{row['hash']}"


def _newest(stubs: Iterable[tuple[str, Row]]) -> list[Row]:
    """One stub row per id, the one with the newest `seen`, in id order (locks are then taken in one order)."""
    best: dict[str, Row] = {}
    for key, row in stubs:
        kept = best.get(key)
        if kept is None or row["seen"] > kept["seen"]:
            best[key] = row
    return [best[key] for key in sorted(best)]


def stub_statements(rows: Sequence[Row]) -> list[tuple[LiteralString, list[Row]]]:
    """The stub merges for these work rows: (query, rows), one row per node."""
    when = {r["id"]: seen(r) for r in rows}
    return [
        (
            q.MERGE_INSTITUTION_STUBS,
            _newest((i["id"], {"props": i, "seen": when[r["id"]]}) for r in rows for i in r["institutions"]),
        ),
        (
            q.MERGE_AUTHOR_STUBS,
            _newest(
                (a["authorId"], {"id": a["authorId"], "name": a["name"], "orcid": a["orcid"], "seen": when[r["id"]]})
                for r in rows
                for a in r["authorships"]
            ),
        ),
        (q.MERGE_TOPIC_STUBS, _newest((t["id"], {**t, "seen": when[r["id"]]}) for r in rows for t in r["topics"])),
        (
            q.MERGE_SOURCE_STUBS,
            _newest(
                (r["source"]["id"], {**r["source"], "seen": when[r["id"]]}) for r in rows if r["source"] is not None
            ),
        ),
    ]


async def _run(tx: Tx, query: LiteralString, **params: Any) -> None:
    result = await tx.run(query, **params)
    await result.consume()


async def write_stubs(tx: Tx, /, rows: Sequence[Row]) -> None:
    """Merge the stubs named by those of these (deduplicated) work rows that the batch will write."""
    result = await tx.run(q.WORKS_TO_WRITE, rows=[{k: r[k] for k in ("id", "updatedDate", "hash")} for r in rows])
    record = await result.single(strict=True)
    ids = set(record["ids"])
    written = [r for r in rows if r["id"] in ids]
    for query, stub_rows in stub_statements(written):
        if stub_rows:
            await _run(tx, query, rows=stub_rows)
