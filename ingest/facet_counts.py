"""The precomputed counts of worksGroupBy over all works: one `_FacetCount {facet, key}` node per group.

Counting a facet over all 100k works live takes seconds (every work's keys, ~4 authorships a work for AUTHOR,
INSTITUTION and COUNTRY); reading its count nodes takes milliseconds. The counts are what the live query would
count, by construction: a work's keys come from the same pieces (cypher/analytics/work_facets.cypher).

They are kept by the importer's own transactions (ingest/writer.py, ingest/merges.py): a work batch reads what
the stored works it is about to write count under (before its upsert: nothing for new works), and after its writes
adds, counted in Cypher, what they count under now minus that, so a re-imported unchanged work changes nothing and
an updated one moves its counts (~0.5 s of Neo4j time a 1,000-work batch at 100k works, loaded machine). The
INSTITUTION and AUTHOR pairs (OWN_PAIRS) are the exception: a work batch counts them from its own rows, sends them
counted and adds them before its links, ahead of every lock it shares with other batches (`add_pairs`). A derived
facet also reads other nodes (a topic's subfield, field and domain; an institution's country; a source's
publisher): when a batch changes one of those, the facets that read it are recounted from the whole graph in that
transaction, under the graph version's lock, which every writing batch takes before it adds to those facets, so
that no concurrent batch's difference is lost. `recount` rebuilds every count from the graph (after a bulk load,
or for a graph imported before the counts were kept).
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
    "INSTITUTION", "COUNTRY", "AUTHOR", "FUNDER", "COUNTRY_PAIR", "INSTITUTION_PAIR", "AUTHOR_PAIR",
)  # fmt: skip
# The pair facets: collaborations(between: COUNTRY | INSTITUTION | AUTHOR) over all works
# (cypher/ingest/pair_facets.cypher), kept as facets whose keys are pairs. Pairing live over 100,947 works took the
# INSTITUTION and AUTHOR pairs past the 10 s request deadline (benchmarks/results/analyst.json before they were kept).
PAIR_FACETS: tuple[LiteralString, ...] = ("COUNTRY_PAIR", "INSTITUTION_PAIR", "AUTHOR_PAIR")
PAIR = "\x01"  # between a pair's two keys
SKIPPED = "\x02"  # the key of the works with more than MAX_PARTIES parties
MAX_PARTIES = 200  # as collaborations (resolvers/analytics.py; tests/api/test_analyst_counts.py keeps them equal)
# The label each pair of these facets carries besides _FacetCount (cypher/ingest/add_facet_counts.cypher), counted
# from the count store by the read (cypher/analytics/kept_pairs.cypher). COUNTRY_PAIR's few thousand pairs are
# counted down their index, and were kept before the labels were: its pairs in graphs of then carry none.
PAIR_LABELS: dict[str, str] = {"INSTITUTION_PAIR": "_InstitutionPair", "AUTHOR_PAIR": "_AuthorPair"}
_PAIRS = aq.pieces("ingest/pair_facets", ("pairs", *PAIR_FACETS))
_KEYS = {**aq.WORK_FACETS, **{f: aq.fill(_PAIRS["pairs"], PARTIES=_PAIRS[f]) for f in PAIR_FACETS}}
# The key of a facet's unknown group (works with no key): no OpenAlex id, code or name holds a NUL character.
UNKNOWN = "\x00"
# The derived facets, by the kind of node they read besides the work's own links.
DERIVED: dict[str, tuple[LiteralString, ...]] = {
    "topic": ("SUBFIELD", "FIELD", "DOMAIN"),
    "institution": ("COUNTRY", "COUNTRY_PAIR"),
    "source": ("PUBLISHER",),
}
RECOUNT_CHUNK = 5_000  # works a full recount counts per transaction
# ... for the pair facets, whose works make many more rows (a work of 200 authors 19,900 AUTHOR pairs): 5,000 works
# of the sample and generated ones passed the bulk test server's 358 MiB of transaction memory.
PAIR_RECOUNT_CHUNK = 500
DELETE_CHUNK = 50_000  # counts a full recount deletes per transaction
# The facets a batch adds to before it takes the graph version's lock, and those it adds to under it (every
# derived facet among them: a batch may recount those). Every writer takes the count nodes' locks in this order:
# the unlocked facets' keys, the version, the locked facets' keys.
UNLOCKED: tuple[LiteralString, ...] = (
    "TOPIC", "SOURCE", "INSTITUTION", "AUTHOR", "FUNDER", "INSTITUTION_PAIR", "AUTHOR_PAIR",
)  # fmt: skip
LOCKED = tuple(f for f in FACETS if f not in UNLOCKED)
# The pair facets a work batch counts from its own records (`add_pairs`), ahead of its links; the other unlocked
# facets are counted in Cypher after them. Importing 100k works, these two were ~2/3 of a batch's counting.
OWN_PAIRS: tuple[LiteralString, ...] = ("INSTITUTION_PAIR", "AUTHOR_PAIR")
_UNLOCKED_AFTER = tuple(f for f in UNLOCKED if f not in OWN_PAIRS)
_STARTS = aq.pieces("ingest/facet_starts", ("written", "ids", "all"))

_PARAMS: dict[str, Any] = {"maxParties": MAX_PARTIES, "pairLabels": PAIR_LABELS, "skipped": SKIPPED}  # every add's

Tx = AsyncManagedTransaction
Key = tuple[str, str]  # (facet, key)


def _keys(facets: tuple[LiteralString, ...]) -> LiteralString:
    return ", ".join([f"({_KEYS[f]})" for f in facets])


@cache
def _contributions_query(facets: tuple[LiteralString, ...]) -> LiteralString:
    """facet_contributions.cypher for these facets, over the works a batch is about to write."""
    return aq.fill(q.FACET_CONTRIBUTIONS, START=_STARTS["written"], KEYS=_keys(facets))


@cache
def _add_query(start: str, facets: tuple[LiteralString, ...]) -> LiteralString:
    """add_facet_counts.cypher for these facets (their pieces, in order) from one start."""
    return aq.fill(q.ADD_FACET_COUNTS, START=_STARTS[start], KEYS=_keys(facets))


@dataclass
class Counts:
    """Works, citations and open-access works per (facet, key): what a batch's works counted under before it."""

    by_key: defaultdict[Key, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))

    def add(self, records: Iterable[Any]) -> None:
        for r in records:
            kept = self.by_key[(r["facet"], r["key"])]
            kept[0] += r["works"]
            kept[1] += r["citedByCount"]
            kept[2] += r["openAccessCount"]

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"facet": f, "key": k, "works": v[0], "citedByCount": v[1], "openAccessCount": v[2]}
            for (f, k), v in sorted(self.by_key.items())
        ]


async def before_writing(tx: Tx, rows: Sequence[dict[str, Any]]) -> Counts:
    """What the stored works among a work batch's `rows` count under now (read before its upsert: only the works it
    will write, i.e. those updated or filled in over a stub; a new work counted under nothing)."""
    counts = Counts()
    payload = [{"id": r["id"], "updatedDate": r["updatedDate"], "hash": r["hash"]} for r in rows]
    params = {"facets": list(FACETS), "unknown": UNKNOWN, "rows": payload, "maxParties": MAX_PARTIES}
    counts.add([record async for record in await tx.run(_contributions_query(FACETS), params)])
    return counts


async def before_fold(tx: Tx, kind: str, olds: Sequence[str], intos: Sequence[str]) -> tuple[Counts, list[str]]:
    """Before merged records are folded (ingest/merges.py): what the works the fold changes count under now, and
    those works' ids as they are after it. Folding a work deletes it or renames it (its keys stay); folding an
    author moves its authorships (AUTHOR, and the work's institutions where the survivor was on it already).
    `intos` must be the survivors as recorded after the batch is flattened (cypher/ingest/merged_into.cypher),
    what the fold reads: with a chain a → b, b → c in one batch, the survivors resolved before recording named b
    for a, so b was read as an old work and as a survivor and its counts were taken away twice (one work lost on
    the sample + 2,000 generated works with 20 merges). Each work is read once."""
    if kind == "work":
        ids, after = sorted({*olds, *intos}), sorted(set(intos))
    else:
        record = await (await tx.run(q.AUTHORED_WORK_IDS, {"ids": list(olds)})).single(strict=True)
        ids = after = list(record["ids"])
    counts = Counts()
    query = aq.fill(q.FACET_CONTRIBUTIONS, START=_STARTS["ids"], KEYS=_keys(FACETS))
    params = {"facets": list(FACETS), "unknown": UNKNOWN, "ids": ids, "maxParties": MAX_PARTIES}
    counts.add([r async for r in await tx.run(query, params)])
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


def _pairs(parties: Iterable[str]) -> list[str]:
    """A work's pair keys as pair_facets.cypher makes them: each pair of its distinct parties, the lower first; the
    one key SKIPPED past MAX_PARTIES parties; none (the unknown group) with fewer than two."""
    p = sorted(set(parties))
    if len(p) > MAX_PARTIES:
        return [SKIPPED]
    return [p[x] + PAIR + p[y] for x in range(len(p) - 1) for y in range(x + 1, len(p))]


def own_pairs(rows: Sequence[dict[str, Any]]) -> Counts:
    """What written work rows (ingest/records.py `work_row`) count under in OWN_PAIRS once their links are written:
    AUTHOR_PAIR's parties are the authors of their authorships (one AUTHORED each), INSTITUTION_PAIR's the
    institutions of those authorships, every place's (each is written as a stub if the graph lacks it)."""
    counts = Counts()
    for row in rows:
        ships = row["authorships"]
        parties = {
            "AUTHOR_PAIR": [s["authorId"] for s in ships],
            "INSTITUTION_PAIR": [i for s in ships for i in (*s["institutionIds"], *(s["moreInstitutionIds"] or ()))],
        }
        cited, oa = row["props"]["citedByCount"] or 0, 1 if row["props"]["isOa"] is True else 0
        for facet in OWN_PAIRS:
            for key in _pairs(parties[facet]) or [UNKNOWN]:
                kept = counts.by_key[(facet, key)]
                kept[0] += 1
                kept[1] += cited
                kept[2] += oa
    return counts


async def add_pairs(tx: Tx, before: Counts, written: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add OWN_PAIRS' change: what the `written` work rows count under (`own_pairs`), less what they counted under
    `before`. Run before the batch writes its links (it reads nothing of the graph), so that it takes its many pair
    counts' locks before any lock that batches share (institutions, authors, topics): two writers add their pairs
    side by side instead of one waiting for the other's commit at those shared nodes. The unknown and skipped
    groups, which nearly every batch shares (first in key order: every batch waited there for the one before it),
    are returned instead, for `add_shared_pairs` under the graph version's lock."""
    change = own_pairs(written)
    for (facet, key), (works, cited, oa) in before.by_key.items():
        if facet in OWN_PAIRS:
            kept = change.by_key[(facet, key)]
            kept[0] -= works
            kept[1] -= cited
            kept[2] -= oa
    rows = [r for r in change.rows() if r["works"] or r["citedByCount"] or r["openAccessCount"]]
    await _add_rows(tx, [r for r in rows if r["key"] > SKIPPED])
    return [r for r in rows if r["key"] <= SKIPPED]


async def add_shared_pairs(tx: Tx, rows: list[dict[str, Any]]) -> None:
    """The unknown and skipped groups' rows `add_pairs` left: run after the graph version's lock is taken."""
    await _add_rows(tx, rows)


async def _add_rows(tx: Tx, rows: list[dict[str, Any]]) -> None:
    if rows:
        params = {"rows": rows, "pairLabels": PAIR_LABELS, "skipped": SKIPPED}
        await (await tx.run(q.ADD_PAIR_COUNTS, params)).consume()


async def add_unlocked(tx: Tx, before: Counts, written: Sequence[str], *, pairs_added: bool = False) -> None:
    """Add the many-keyed facets' change (UNLOCKED: ~4 authors, 2 institutions, a topic and a source a work): what
    the `written` works count under now, less what they counted under `before`. Run before the graph version's
    lock is taken: these facets are never recounted by a batch, so concurrent batches add them side by side
    (~80% of the counting's ~0.5 s a 1,000-work batch at 100k works), locking only the keys they share;
    `pairs_added`: but OWN_PAIRS, which the work batch added first (`add_pairs`)."""
    await _add(tx, _UNLOCKED_AFTER if pairs_added else UNLOCKED, before, written)


async def add_locked(
    tx: Tx, before: Counts, written: Sequence[str], recount_facets: tuple[LiteralString, ...] = ()
) -> None:
    """The other facets' change (few keys, which nearly every batch shares), then `recount_facets` counted again
    from the whole graph. Run after the graph version's lock is taken (cypher/ingest/bump_graph_version.cypher):
    one batch at a time adds these, so a recount loses no concurrent batch's change."""
    await _add(tx, LOCKED, before, written)
    if recount_facets:
        await (await tx.run(q.DELETE_FACET_COUNTS, {"facets": list(recount_facets)})).consume()
        params = {"facets": list(recount_facets), "unknown": UNKNOWN, "minus": [], **_PARAMS}
        await (await tx.run(_add_query("all", recount_facets), params)).consume()


async def _add(tx: Tx, facets: tuple[LiteralString, ...], before: Counts, written: Sequence[str]) -> None:
    minus = [r for r in before.rows() if r["facet"] in facets]
    if written or minus:
        params: dict[str, Any] = {"facets": list(facets), "unknown": UNKNOWN, "ids": list(written), "minus": minus}
        await (await tx.run(_add_query("ids", facets), {**params, **_PARAMS})).consume()


async def recount(
    driver: AsyncDriver, database: str, tx_timeout: float | None = None, facets: tuple[LiteralString, ...] = FACETS
) -> int:
    """Rebuild the precomputed counts of `facets` (every facet unless told) from the graph: idempotent (the counts
    are deleted, then counted again, never added to). For a bulk load that wrote the graph without the importer's
    batches, or a graph imported before the counts were kept. The works are counted RECOUNT_CHUNK at a time (the pair
    facets PAIR_RECOUNT_CHUNK), each chunk its own write transaction (in one, 100k works ran past the server's 120 s
    transaction timeout), and the old counts deleted DELETE_CHUNK at a time, so run it on a graph nobody imports into
    meanwhile; a reader sees partial counts until it returns. Returns how many counts there are (of every facet)."""
    unknown = sorted(set(facets) - set(FACETS))
    if unknown:
        raise ValueError(f"no such facet: {', '.join(unknown)}")
    records, _, _ = await driver.execute_query(q.WORK_IDS, database_=database)
    ids: list[str] = records[0]["ids"]

    @unit_of_work(timeout=tx_timeout)
    async def clear(tx: Tx) -> int:
        await (await tx.run(q.BUMP_GRAPH_VERSION)).consume()
        params = {"facets": list(facets), "limit": DELETE_CHUNK}
        record = await (await tx.run(q.DELETE_FACET_COUNTS_CHUNK, params)).single(strict=True)
        return int(record["deleted"])

    @unit_of_work(timeout=tx_timeout)
    async def add(tx: Tx, chosen: tuple[LiteralString, ...], chunk: list[str]) -> None:
        await _add(tx, tuple(f for f in UNLOCKED if f in chosen), Counts(), chunk)
        await (await tx.run(q.BUMP_GRAPH_VERSION)).consume()
        await _add(tx, tuple(f for f in LOCKED if f in chosen), Counts(), chunk)

    others = tuple(f for f in facets if f not in PAIR_FACETS)
    pairs = tuple(f for f in facets if f in PAIR_FACETS)
    async with driver.session(database=database) as session:
        while await session.execute_write(clear):
            pass
        for chosen, size in ((others, RECOUNT_CHUNK), (pairs, PAIR_RECOUNT_CHUNK)):
            if not chosen:
                continue
            for start in range(0, len(ids), size):
                await session.execute_write(add, chosen, ids[start : start + size])
    records, _, _ = await driver.execute_query(q.COUNT_FACET_COUNTS, database_=database)
    return int(records[0]["counts"])
