"""Funders and publishers from the sample: their records, the works' funders, the sources' publishers and lineage."""

from __future__ import annotations

from pathlib import Path

from neo4j import AsyncDriver

from ingest.sample import SAMPLE_DIR
from peergraph.settings import Settings
from tests.api.sample_truth import sample_truth
from tests.ingest.cli_support import import_with_no_rejects


async def _rows(driver: AsyncDriver, database: str, query: str) -> list[dict[str, object]]:
    records, _, _ = await driver.execute_query(query, database_=database)
    return [r.data() for r in records]


async def test_the_sample_imports_funders_and_publishers_with_no_rejects(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    await import_with_no_rejects(settings, [SAMPLE_DIR], tmp_path / "rejects.jsonl")
    truth = sample_truth()
    db = settings.neo4j_database
    funders = await _rows(empty_db, db, "MATCH (f:Funder) RETURN f.id AS id, f.name AS name, f.isStub AS stub")
    assert {r["id"]: r["name"] for r in funders} == truth.funder_name
    assert {r["id"] for r in funders if not r["stub"]} == {i for k, i in truth.full if k == "funder"}
    funded = await _rows(empty_db, db, "MATCH (w:Work)-[:FUNDED_BY]->(f:Funder) RETURN w.id AS w, f.id AS f")
    assert {(r["w"], r["f"]) for r in funded} == {(w, f) for w, fs in truth.work_funders.items() for f in fs}
    assert len(funded) == sum(len(fs) for fs in truth.work_funders.values())  # one link per (work, funder)
    publishers = await _rows(empty_db, db, "MATCH (p:Publisher) RETURN p.id AS id, p.name AS name")
    assert {r["id"]: r["name"] for r in publishers} == truth.publisher_name
    hosted = await _rows(empty_db, db, "MATCH (s:Source)-[:PUBLISHED_BY]->(p:Publisher) RETURN s.id AS s, p.id AS p")
    assert sorted((r["s"], r["p"]) for r in hosted) == sorted(
        (s, chain[0]) for s, chain in truth.source_lineage.items() if chain
    )
    parts = await _rows(empty_db, db, "MATCH (a:Publisher)-[:PART_OF]->(b:Publisher) RETURN a.id AS a, b.id AS b")
    assert {(r["a"], r["b"]) for r in parts} == truth.publisher_links
    assert len(parts) == len(truth.publisher_links)
