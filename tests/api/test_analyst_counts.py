"""The precomputed facet counts (ingest/facet_counts.py) after importing the sample are what its records say; a
re-import leaves them, a full recount finds them, and a graph without them is counted live."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from neo4j import AsyncDriver

from ingest import facet_counts
from ingest.sample import load_files, sample_files
from peergraph.settings import Settings
from resolvers.analytics import KEPT_PAIRS, MAX_PARTIES, PAIR_KEY, SKIPPED_KEY, UNKNOWN_KEY
from tests.api.analyst_truth import collaborations, groups, party_names
from tests.api.sample_truth import sample_truth
from tests.api.test_analyst_filters import data

Table = dict[tuple[str, str | None], tuple[int, int, int]]
GROUP_BY = """query($by: WorkFacet!) { worksGroupBy(by: $by, includeUnknown: true, first: 200) {
  totalCount groups { key label count citedByCount openAccessCount } } }"""


async def stored(driver: AsyncDriver, db: str) -> Table:
    """The count nodes as (facet, key) → (works, citedByCount, openAccessCount); the unknown group's key None."""
    # one record holding every count (a record each took the driver ~3.6 s for the sample's ~71k counts; this ~0.2 s)
    records, _, _ = await driver.execute_query(
        "MATCH (c:_FacetCount) RETURN collect([c.facet, c.key, c.works, c.citedByCount, c.openAccessCount]) AS rows",
        database_=db,
    )
    return {
        (facet, None if key == facet_counts.UNKNOWN else key): (works, cited, oa)
        for facet, key, works, cited, oa in records[0]["rows"]
    }


def sample_table() -> Table:
    """The counts computed from the sample's records (tests/api/analyst_truth.py), every facet, unknown included."""
    truth = sample_truth()
    table: Table = {}
    for facet in facet_counts.FACETS:
        for g in groups(truth, facet, truth.works, unknown=True):
            table[(facet, g["key"])] = (g["count"], g["citedByCount"], g["openAccessCount"])
    return table


async def test_counts_after_importing_the_sample_are_the_records_counts(
    sample_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    db = settings.neo4j_database
    want = sample_table()
    assert await stored(sample_db, db) == want
    # the same files again: every record unchanged, every count too
    await load_files(sample_db, db, sample_files(), rejects_path=tmp_path / "r.jsonl")
    assert await stored(sample_db, db) == want
    # a full recount from the graph finds the counts the batches kept (and replaces, never adds: run twice)
    await facet_counts.recount(sample_db, db)
    assert await facet_counts.recount(sample_db, db) == len(want)
    assert await stored(sample_db, db) == want


async def test_a_graph_without_counts_is_counted_live(
    sample_db: AsyncDriver, settings: Settings, http: httpx.AsyncClient
) -> None:
    db = settings.neo4j_database
    assert UNKNOWN_KEY == facet_counts.UNKNOWN  # the read API's copy of the importer's key
    assert (PAIR_KEY, SKIPPED_KEY, MAX_PARTIES) == (facet_counts.PAIR, facet_counts.SKIPPED, facet_counts.MAX_PARTIES)
    assert set(KEPT_PAIRS.values()) == set(facet_counts.PAIR_FACETS) <= set(facet_counts.FACETS)
    truth = sample_truth()
    want = groups(truth, "COUNTRY", truth.works, unknown=True)
    await sample_db.execute_query("MATCH (c:_FacetCount) DELETE c", database_=db)
    try:
        got = await data(http, GROUP_BY, by="COUNTRY")
        assert got["worksGroupBy"] == {"totalCount": len(want), "groups": want}
    finally:
        await facet_counts.recount(sample_db, db)
    assert await data(http, GROUP_BY, by="COUNTRY") == got


async def test_counts_by_key_are_the_first_keys(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    """KEY_ASC over all works, read from the counts: the first keys in order, the unknown group last when asked."""
    truth = sample_truth()
    query = """query($by: WorkFacet!, $unknown: Boolean!, $first: Int!) {
      worksGroupBy(by: $by, orderBy: KEY_ASC, includeUnknown: $unknown, first: $first) {
        totalCount groups { key label count citedByCount openAccessCount } } }"""
    for facet in (f for f in facet_counts.FACETS if f not in KEPT_PAIRS.values()):  # a pair facet is no WorkFacet
        for unknown in (False, True):
            want = groups(truth, facet, truth.works, by_key=True, unknown=unknown)
            for first in (3, 200):
                got = (await data(http, query, by=facet, unknown=unknown, first=first))["worksGroupBy"]
                assert got == {"totalCount": len(want), "groups": want[:first]}, (facet, unknown, first)


@pytest.mark.parametrize("party", ["COUNTRY", "INSTITUTION", "AUTHOR"])
async def test_collaborations_over_all_works_from_the_kept_pairs(
    sample_db: AsyncDriver, settings: Settings, http: httpx.AsyncClient, party: str
) -> None:
    """collaborations over all works reads the kept pair counts (COUNTRY_PAIR, INSTITUTION_PAIR, AUTHOR_PAIR): the
    records' pairs, labels, total and skipped works, as the live pairing gives them when the counts are missing (a
    graph imported before they were kept)."""
    db = settings.neo4j_database
    facet = KEPT_PAIRS[party]
    query = """query($between: CollaborationParty!) { collaborations(between: $between, first: 200) {
      totalCount skippedWorks pairs { a { key label } b { key label } works citedByCount } } }"""
    truth = sample_truth()
    names = party_names(truth, party)
    pairs, skipped = collaborations(truth, party, truth.works)
    want = {
        "totalCount": len(pairs),
        "skippedWorks": skipped,
        "pairs": [
            {"a": {"key": p["a"], "label": names.get(p["a"], p["a"])},
             "b": {"key": p["b"], "label": names.get(p["b"], p["b"])},
             "works": p["works"], "citedByCount": p["citedByCount"]}
            for p in pairs[:200]
        ],
    }  # fmt: skip
    assert skipped == (1 if party == "AUTHOR" else 0)  # the 5,103-author work
    assert len({p["works"] for p in pairs[:200]}) > 1  # the first 200 are not one tie: the order is tested
    kept = await stored(sample_db, db)
    assert sum(1 for f, k in kept if f == facet and k and k > SKIPPED_KEY) == len(pairs) > 200
    assert (await data(http, query, between=party))["collaborations"] == want
    await sample_db.execute_query("MATCH (c:_FacetCount {facet: $facet}) DELETE c", facet=facet, database_=db)
    try:
        assert (await data(http, query, between=party))["collaborations"] == want  # paired live
    finally:  # the one facet recounted (0.4-2.3 s on the sample, against ~4 s for all)
        await facet_counts.recount(sample_db, db, facets=(facet,))
    assert await stored(sample_db, db) == kept  # every facet's counts as they were, this one's rebuilt
    with pytest.raises(ValueError, match="no such facet: NOPE"):
        await facet_counts.recount(sample_db, db, facets=("NOPE",))
    assert await stored(sample_db, db) == kept


def _pair_rows(works: dict[str, tuple[list[tuple[str, str]], int]], party: int) -> Table:
    """A pair facet's rows from (author, institution) authorships: each work's pairs, or its skipped/unknown key."""
    table: dict[tuple[str, str | None], list[int]] = {}
    for ships, cited in works.values():
        parties = sorted({ship[party] for ship in ships})
        if len(parties) > MAX_PARTIES:
            keys: list[str | None] = [SKIPPED_KEY]
        elif len(parties) < 2:
            keys = [None]
        else:
            keys = [f"{a}{PAIR_KEY}{b}" for i, a in enumerate(parties) for b in parties[i + 1 :]]
        for key in keys:
            row = table.setdefault(("AUTHOR_PAIR" if party == 0 else "INSTITUTION_PAIR", key), [0, 0, 0])
            row[0], row[1] = row[0] + 1, row[1] + cited
    return {k: (v[0], v[1], v[2]) for k, v in table.items()}


async def test_a_merged_author_moves_its_pairs(
    empty_db: AsyncDriver, settings: Settings, http: httpx.AsyncClient, tmp_path: Path
) -> None:
    """A2 folded into A1, who is on W1 already: A2's W1 authorship goes with its institution (docs/graph-model.md),
    so the pair A1-A2 vanishes (no A1-A1) and so does W1's institution pair; on W2 A2 becomes A1. The kept
    AUTHOR_PAIR and INSTITUTION_PAIR rows, their totals and the answers are the records' after the merge."""
    from ingest.importer import ImportOptions, run_import
    from ingest.snapshot_writer import write_merged_ids
    from tests.ingest.records import work, write_jsonl

    db = settings.neo4j_database
    works = {"W1": ([("A1", "I1"), ("A2", "I2"), ("A3", "I1")], 5), "W2": ([("A2", "I3"), ("A4", "I1")], 7)}
    records = []
    for n, (wid, (ships, cited)) in enumerate(works.items(), start=1):
        record = {**work(n, authors=tuple(int(a[1:]) for a, _ in ships)), "cited_by_count": cited}
        for authorship, (_, inst) in zip(record["authorships"], ships, strict=True):
            authorship["institutions"] = [{"id": f"https://openalex.org/{inst}", "display_name": f"Uni {inst}"}]
        assert record["id"].endswith(wid)
        records.append(record)
    options = ImportOptions(rejects_path=tmp_path / "rejects.jsonl")
    await run_import(empty_db, db, [write_jsonl(tmp_path / "works.jsonl", records)], options)

    def pair_facets(table: Table) -> Table:
        return {k: v for k, v in table.items() if k[0] in ("AUTHOR_PAIR", "INSTITUTION_PAIR")}

    assert pair_facets(await stored(empty_db, db)) == {**_pair_rows(works, 0), **_pair_rows(works, 1)}
    write_merged_ids(tmp_path / "merges" / "merged_ids" / "authors", [("2025-05-01", "A2", "A1")])
    report = await run_import(empty_db, db, [tmp_path / "merges"], options)
    assert report.merges.folded == 1, report

    # the merge as the records say it goes: A1 is on W1, so A2's W1 authorship (and I2 with it) goes; W2's is A1's
    merged = {
        wid: ([(a, i) for a, i in ships if a != "A2"] if any(a == "A1" for a, _ in ships) else
              [("A1" if a == "A2" else a, i) for a, i in ships], cited)
        for wid, (ships, cited) in works.items()
    }  # fmt: skip
    want = {**_pair_rows(merged, 0), **_pair_rows(merged, 1)}
    assert ("AUTHOR_PAIR", f"A1{PAIR_KEY}A2") not in want  # the two merged ids' pair: gone, not A1-A1
    assert ("AUTHOR_PAIR", f"A1{PAIR_KEY}A4") in want
    assert ("INSTITUTION_PAIR", f"I1{PAIR_KEY}I2") not in want
    assert pair_facets(await stored(empty_db, db)) == want
    query = """query($between: CollaborationParty!) { collaborations(between: $between, first: 200) {
      totalCount skippedWorks pairs { a { key } b { key } works citedByCount } } }"""
    for party, facet in (("AUTHOR", "AUTHOR_PAIR"), ("INSTITUTION", "INSTITUTION_PAIR")):
        pairs = sorted(
            ((k or "").split(PAIR_KEY), v) for (f, k), v in want.items() if f == facet and k and k > SKIPPED_KEY
        )
        got = (await data(http, query, between=party))["collaborations"]
        assert got == {
            "totalCount": len(pairs),
            "skippedWorks": 0,
            "pairs": [
                {"a": {"key": a}, "b": {"key": b}, "works": n, "citedByCount": c}
                for (a, b), (n, c, _) in sorted(pairs, key=lambda p: (-p[1][0], p[0]))
            ],
        }, party
    await facet_counts.recount(empty_db, db)
    assert pair_facets(await stored(empty_db, db)) == want
