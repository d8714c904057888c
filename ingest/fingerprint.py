"""A stable fingerprint of the data graph: node counts by label, relationship counts by type, a content hash.

The hash covers every data node (labels and properties) and every relationship (type, the ids of its ends,
properties), and does not depend on the order Neo4j returns them in: each element's canonical JSON is hashed
and the hashes are summed (a multiset hash). Internal nodes (labels starting with "_": the import ledger, test
markers) are left out. Two graphs with equal fingerprints hold the same data.

It reads the graph in chunks of internal ids, each in its own read transaction, so a large graph never holds
one transaction open past the server's transaction timeout. Run it on a graph nobody writes to meanwhile
(as the tests and benchmarks do): chunks are separate snapshots. Each chunk's transaction is bounded by `tx_timeout`
seconds (`peergraph fingerprint` passes PEERGRAPH_ADMIN_QUERY_TIMEOUT_SECONDS).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Any, LiteralString

import orjson
from neo4j import (
    AsyncDriver,
    AsyncManagedTransaction,
    AsyncSession,
    NotificationDisabledClassification,
    Record,
    unit_of_work,
)

from cypher import ingest as q

_MODULUS = 1 << 128


def _element_hash(value: Any) -> int:
    data = orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    return int.from_bytes(hashlib.blake2b(data, digest_size=16).digest(), "big")


@dataclass(frozen=True)
class Fingerprint:
    nodes: dict[str, int]
    relationships: dict[str, int]
    digest: str

    def as_dict(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "relationships": self.relationships, "hash": self.digest}


# Elements per read transaction, returned as one record (a record each cost the driver ~50 us: the sample's
# fingerprint 1.6-1.9 s, ~0.3 s as a record per chunk); a chunk of works with abstracts is a few tens of MB.
CHUNK = 20_000


async def _fold(
    tx: AsyncManagedTransaction, /, query: LiteralString, kind: str, start: int, end: int
) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    total = 0
    record = await (await tx.run(query, {"from": start, "to": end})).single(strict=True)
    for row in record["rows"]:
        if kind == "node":
            labels = sorted(row[0])
            counts[":".join(labels)] += 1
            total += _element_hash([labels, row[1]])
        else:
            counts[row[0]] += 1
            total += _element_hash(row)
    return counts, total


async def _single(tx: AsyncManagedTransaction, /, query: LiteralString) -> Record:
    result = await tx.run(query)
    return await result.single(strict=True)


async def _walk(
    session: AsyncSession, query: LiteralString, kind: str, highest: int | None, tx_timeout: float | None
) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    total = 0
    fold = unit_of_work(timeout=tx_timeout)(_fold)
    for start in range(0, -1 if highest is None else highest + 1, CHUNK):
        chunk_counts, chunk_total = await session.execute_read(fold, query, kind, start, start + CHUNK)
        counts.update(chunk_counts)
        total += chunk_total
    return counts, total % _MODULUS


async def fingerprint(driver: AsyncDriver, database: str, tx_timeout: float | None = None) -> Fingerprint:
    # id() is deprecated in Neo4j 5 but is the only ordered handle on every node and relationship.
    quiet = [NotificationDisabledClassification.DEPRECATION]
    async with driver.session(database=database, notifications_disabled_classifications=quiet) as session:
        top = await session.execute_read(unit_of_work(timeout=tx_timeout)(_single), q.FINGERPRINT_ID_RANGES)
        nodes, node_sum = await _walk(session, q.FINGERPRINT_NODES, "node", top["maxNode"], tx_timeout)
        rels, rel_sum = await _walk(
            session, q.FINGERPRINT_RELATIONSHIPS, "relationship", top["maxRelationship"], tx_timeout
        )
    summary = orjson.dumps([sorted(nodes.items()), sorted(rels.items()), str(node_sum), str(rel_sum)])
    return Fingerprint(
        nodes=dict(sorted(nodes.items())),
        relationships=dict(sorted(rels.items())),
        digest=hashlib.sha256(summary).hexdigest(),
    )
