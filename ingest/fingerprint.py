"""A stable fingerprint of the data graph: node counts by label, relationship counts by type, a content hash.

The hash covers every data node (labels and properties) and every relationship (type, the ids of its ends,
properties), and does not depend on the order Neo4j returns them in: each element's canonical JSON is hashed
and the hashes are summed (a multiset hash). Internal nodes (labels starting with "_": the import ledger, test
markers) are left out. Two graphs with equal fingerprints hold the same data.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from typing import Any, LiteralString

import orjson
from neo4j import AsyncDriver, AsyncManagedTransaction

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


async def _fold(tx: AsyncManagedTransaction, /, query: LiteralString, kind: str) -> tuple[Counter[str], int]:
    counts: Counter[str] = Counter()
    total = 0
    result = await tx.run(query)
    async for record in result:
        if kind == "node":
            labels = sorted(record["labels"])
            counts[":".join(labels)] += 1
            total += _element_hash([labels, record["props"]])
        else:
            counts[record["type"]] += 1
            total += _element_hash([record["type"], record["start"], record["end"], record["props"]])
    return counts, total % _MODULUS


async def fingerprint(driver: AsyncDriver, database: str) -> Fingerprint:
    async with driver.session(database=database) as session:
        nodes, node_sum = await session.execute_read(_fold, q.FINGERPRINT_NODES, "node")
        rels, rel_sum = await session.execute_read(_fold, q.FINGERPRINT_RELATIONSHIPS, "relationship")
    summary = orjson.dumps([sorted(nodes.items()), sorted(rels.items()), str(node_sum), str(rel_sum)])
    return Fingerprint(
        nodes=dict(sorted(nodes.items())),
        relationships=dict(sorted(rels.items())),
        digest=hashlib.sha256(summary).hexdigest(),
    )
