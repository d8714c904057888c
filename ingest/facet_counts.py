"""The precomputed counts of worksGroupBy over all works: one `_FacetCount {facet, key}` node per group.

Counting a facet over all 100k works live takes seconds (every work's keys, ~4 authorships a work for AUTHOR,
INSTITUTION and COUNTRY); reading its count nodes takes milliseconds. The counts are what the live query would
count, by construction: a work's keys come from the same pieces (cypher/analytics/work_facets.cypher).

They are kept by the importer's own transactions (ingest/writer.py): a work batch reads what the works it is
about to write counted under (before its upsert), what they count under after its writes, and adds the
difference, so a re-imported unchanged work changes nothing and an updated one moves its counts. A derived facet
also reads other nodes (a topic's subfield, field and domain; an institution's country; a source's publisher):
when a batch changes one of those, the facets that read it are recounted from the graph in that transaction,
under the graph version's lock, which every writing batch takes before it adds its counts, so that no concurrent
batch's difference is lost. `recount` rebuilds every count from the graph (after a bulk load, or for a graph
imported before the counts were kept).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, LiteralString

from neo4j import AsyncDriver, AsyncManagedTransaction, unit_of_work

from cypher import analytics as aq
from cypher import ingest as q

FACETS: tuple[LiteralString, ...] = (
    "YEAR", "TYPE", "LANGUAGE", "OA_STATUS", "IS_OA", "TOPIC", "SUBFIELD", "FIELD", "DOMAIN", "SOURCE", "PUBLISHER",
    "INSTITUTION", "COUNTRY", "AUTHOR", "FUNDER",
)  # fmt: skip
# The key of a facet's unknown group (works with no key): no OpenAlex id, code or name holds a NUL character.
UNKNOWN = "\x00"
# The derived facets, by the kind of node they read besides the work's own links.
DERIVED: dict[str, tuple[LiteralString, ...]] = {
    "topic": ("SUBFIELD", "FIELD", "DOMAIN"),
    "institution": ("COUNTRY",),
    "source": ("PUBLISHER",),
}
RECOUNT_CHUNK = 10_000  # works a recount reads per transaction
_STARTS = aq.pieces("ingest/facet_starts", ("written", "ids", "all"))

Tx = AsyncManagedTransaction
Key = tuple[str, str]  # (facet, key)


@cache
def _query(start: str, facets: tuple[LiteralString, ...]) -> LiteralString:
    """facet_contributions.cypher for these facets (their pieces, in order) from one start."""
    keys: LiteralString = ", ".join([f"({aq.WORK_FACETS[f]})" for f in facets])
    return aq.fill(q.FACET_CONTRIBUTIONS, START=_STARTS[start], KEYS=keys)


@dataclass
class Counts:
    """Works, citations and open-access works per (facet, key); a difference when some are negative."""

    by_key: defaultdict[Key, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))

    def add(self, records: Iterable[Any], sign: int = 1) -> None:
        for r in records:
            kept = self.by_key[(r["facet"], r["key"])]
            kept[0] += sign * r["works"]
            kept[1] += sign * r["citedByCount"]
            kept[2] += sign * r["openAccessCount"]

    def rows(self) -> list[dict[str, Any]]:
        """The non-zero changes in (facet, key) order, as apply_facet_counts.cypher takes them."""
        return [
            {"facet": f, "key": k, "works": v[0], "citedByCount": v[1], "openAccessCount": v[2]}
            for (f, k), v in sorted(self.by_key.items())
            if any(v)
        ]


async def _contributions(tx: Tx, start: str, facets: tuple[LiteralString, ...], **params: Any) -> list[Any]:
    result = await tx.run(_query(start, facets), {"facets": list(facets), "unknown": UNKNOWN, **params})
    return [record async for record in result]


async def before_writing(tx: Tx, rows: Sequence[dict[str, Any]]) -> Counts:
    """What the stored works among a work batch's `rows` count under now, taken away (before the upsert)."""
    counts = Counts()
    payload = [{"id": r["id"], "updatedDate": r["updatedDate"], "hash": r["hash"]} for r in rows]
    counts.add(await _contributions(tx, "written", FACETS, rows=payload), sign=-1)
    return counts


async def after_writing(tx: Tx, counts: Counts, written: Sequence[str]) -> None:
    """What the `written` works count under after the batch's writes, added to `counts`."""
    if written:
        counts.add(await _contributions(tx, "ids", FACETS, ids=list(written)))


async def before_fold(tx: Tx, kind: str, olds: Sequence[str], intos: Sequence[str]) -> tuple[Counts, list[str]]:
    """Before merged records are folded (ingest/merges.py): what the works the fold changes count under now,
    taken away, and those works' ids as they are after it. Folding a work deletes it or renames it (its keys
    stay); folding an author moves its authorships (AUTHOR, and the work's institutions where the survivor was on
    the work already)."""
    if kind == "work":
        ids, after = [*olds, *intos], list(intos)
    else:
        records = await (await tx.run(q.AUTHORED_WORK_IDS, {"ids": list(olds)})).single(strict=True)
        ids = after = list(records["ids"])
    counts = Counts()
    counts.add(await _contributions(tx, "ids", FACETS, ids=ids), sign=-1)
    return counts, after


Snapshot = dict[str, dict[str, Any]]


async def dependencies(tx: Tx, named: dict[str, set[str]]) -> Snapshot:
    """The values the derived facets read of the topics, institutions and sources `named` (kind → ids)."""
    params = {f"{kind}s": sorted(named.get(kind, ())) for kind in DERIVED}
    result = await tx.run(q.FACET_DEPENDENCIES, params)
    record = await result.single(strict=True)
    return {kind: dict(record[f"{kind}s"]) for kind in DERIVED}


def changed(before: Snapshot, after: Snapshot) -> tuple[LiteralString, ...]:
    """The derived facets to recount: those reading a node that existed before and now says something else (a new
    node changes nothing: no work counted under it before this batch linked it)."""
    facets: list[LiteralString] = []
    for kind, derived in DERIVED.items():
        if any(i in after[kind] and after[kind][i] != v for i, v in before[kind].items()):
            facets.extend(derived)
    return tuple(facets)


async def apply(tx: Tx, counts: Counts, recount_facets: tuple[LiteralString, ...] = ()) -> None:
    """Add `counts` (a batch's difference), then recount `recount_facets` from the graph (its writes included).
    Call it after the graph version's lock is taken (cypher/ingest/bump_graph_version.cypher)."""
    rows = counts.rows()
    if rows:
        await (await tx.run(q.APPLY_FACET_COUNTS, {"rows": rows})).consume()
    if recount_facets:
        fresh = Counts()
        fresh.add(await _contributions(tx, "all", recount_facets))
        await _replace(tx, recount_facets, fresh)


async def _replace(tx: Tx, facets: Sequence[str], counts: Counts) -> None:
    await (await tx.run(q.REPLACE_FACET_COUNTS, {"facets": list(facets), "rows": counts.rows()})).consume()


async def recount(driver: AsyncDriver, database: str, tx_timeout: float | None = None) -> int:
    """Rebuild every precomputed count from the graph (idempotent: the counts are replaced, never added to).

    Reads the works RECOUNT_CHUNK at a time (each chunk its own read transaction), then replaces all counts in one
    write transaction under the graph version's lock. Run it on a graph nobody imports into meanwhile (after a
    bulk load). Returns how many (facet, key) counts there are."""
    records, _, _ = await driver.execute_query(q.WORK_IDS, database_=database)
    ids: list[str] = records[0]["ids"]
    counts = Counts()

    @unit_of_work(timeout=tx_timeout)
    async def read(tx: Tx, chunk: list[str]) -> list[Any]:
        return await _contributions(tx, "ids", FACETS, ids=chunk)

    @unit_of_work(timeout=tx_timeout)
    async def write(tx: Tx) -> None:
        await (await tx.run(q.BUMP_GRAPH_VERSION)).consume()
        await _replace(tx, FACETS, counts)

    async with driver.session(database=database) as session:
        for start in range(0, len(ids), RECOUNT_CHUNK):
            counts.add(await session.execute_read(read, ids[start : start + RECOUNT_CHUNK]))
        await session.execute_write(write)
    return len(counts.rows())
