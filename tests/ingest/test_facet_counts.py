"""The precomputed facet counts (ingest/facet_counts.py) move with the records: updates, derived facets.

That they equal the sample's records, across a re-import and a recount: tests/api/test_analyst_counts.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from neo4j import AsyncDriver

from ingest import facet_counts
from ingest.importer import ImportOptions, run_import
from ingest.snapshot_writer import write_merged_ids
from peergraph.settings import Settings
from tests.api.test_analyst_counts import stored
from tests.ingest.records import work, write_jsonl


def _record(n: int, year: int, kind: str, topic: int, cited: int, *, updated: str, oa: bool) -> dict[str, Any]:
    return {
        **work(n, updated=updated, authors=(n, 99)),
        "publication_year": year,
        "type": kind,
        "cited_by_count": cited,
        "open_access": {"is_oa": oa, "oa_status": "gold" if oa else "closed"},
        "topics": [
            {
                "id": f"https://openalex.org/T{topic}",
                "display_name": f"Topic {topic}",
                "score": 0.9,
                "subfield": {"id": f"https://openalex.org/subfields/{topic}", "display_name": f"Subfield {topic}"},
                "field": {"id": "https://openalex.org/fields/1", "display_name": "Field"},
                "domain": {"id": "https://openalex.org/domains/1", "display_name": "Domain"},
            }
        ],
    }


async def test_an_updated_work_moves_its_counts(empty_db: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    db = settings.neo4j_database
    options = ImportOptions(rejects_path=tmp_path / "rejects.jsonl")
    first = [
        _record(1, 2020, "article", 1, 5, updated="2025-01-01", oa=True),
        _record(2, 2020, "article", 1, 7, updated="2025-01-01", oa=False),
    ]
    await run_import(empty_db, db, [write_jsonl(tmp_path / "a.jsonl", first)], options)
    counts = await stored(empty_db, db)
    assert counts[("YEAR", "2020")] == (2, 12, 1)
    assert counts[("TYPE", "article")] == (2, 12, 1)
    assert counts[("TOPIC", "T1")] == (2, 12, 1)
    assert counts[("SUBFIELD", "Subfield 1")] == (2, 12, 1)
    assert counts[("AUTHOR", "A99")] == (2, 12, 1)
    assert counts[("AUTHOR", "A1")] == (1, 5, 1)
    assert counts[("SOURCE", None)] == (2, 12, 1)  # no venue: the unknown group

    # W1 moves to 2021, a book, topic 2 and 11 citations; W2 is the same record again
    moved = [_record(1, 2021, "book", 2, 11, updated="2025-02-01", oa=True), first[1]]
    await run_import(empty_db, db, [write_jsonl(tmp_path / "b.jsonl", moved)], options)
    counts = await stored(empty_db, db)
    assert counts[("YEAR", "2020")] == (1, 7, 0)
    assert counts[("YEAR", "2021")] == (1, 11, 1)
    assert counts[("TYPE", "article")] == (1, 7, 0)
    assert counts[("TYPE", "book")] == (1, 11, 1)
    assert counts[("TOPIC", "T1")] == (1, 7, 0)
    assert counts[("TOPIC", "T2")] == (1, 11, 1)
    assert counts[("AUTHOR", "A99")] == (2, 18, 1)
    assert counts[("FIELD", "Field")] == (2, 18, 1)
    assert counts[("SUBFIELD", "Subfield 1")] == (1, 7, 0)
    assert counts[("SUBFIELD", "Subfield 2")] == (1, 11, 1)
    # a count that reaches no works is gone, not zero
    last = _record(2, 2021, "book", 2, 7, updated="2025-03-01", oa=False)
    await run_import(empty_db, db, [write_jsonl(tmp_path / "c.jsonl", [last])], options)
    counts = await stored(empty_db, db)
    assert not {("YEAR", "2020"), ("TYPE", "article"), ("TOPIC", "T1")} & counts.keys()
    assert counts[("YEAR", "2021")] == (2, 18, 1)

    # a topic record that puts T2 in another subfield moves both works' SUBFIELD counts (a derived facet)
    topic = {
        "id": "https://openalex.org/T2",
        "display_name": "Topic 2",
        "updated_date": "2025-04-01",
        "subfield": {"id": "https://openalex.org/subfields/9", "display_name": "Subfield 9"},
        "field": {"id": "https://openalex.org/fields/1", "display_name": "Field"},
        "domain": {"id": "https://openalex.org/domains/1", "display_name": "Domain"},
    }
    await run_import(empty_db, db, [write_jsonl(tmp_path / "topics.jsonl", [topic])], options)
    counts = await stored(empty_db, db)
    assert counts[("SUBFIELD", "Subfield 9")] == (2, 18, 1)
    assert ("SUBFIELD", "Subfield 2") not in counts

    # merged ids: W1 folded into W2 (W1 and its keys gone), A2 into A99 (already on W2: one author left there)
    root = tmp_path / "merges"
    write_merged_ids(root / "merged_ids" / "works", [("2025-05-01", "W1", "W2")])
    write_merged_ids(root / "merged_ids" / "authors", [("2025-05-01", "A2", "A99")])
    await run_import(empty_db, db, [root], options)
    counts = await stored(empty_db, db)
    assert counts[("YEAR", "2021")] == counts[("AUTHOR", "A99")] == counts[("TOPIC", "T2")] == (1, 7, 0)
    assert not {("AUTHOR", "A1"), ("AUTHOR", "A2"), ("IS_OA", "true")} & counts.keys()
    # and every count is what a recount from the graph finds
    await facet_counts.recount(empty_db, db)
    assert await stored(empty_db, db) == counts
