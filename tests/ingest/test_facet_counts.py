"""The precomputed facet counts (ingest/facet_counts.py) move with the records: updates, derived facets.

That they equal the sample's records, across a re-import and a recount: tests/api/test_analyst_counts.py."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver

from ingest import facet_counts
from ingest.generate import generate
from ingest.importer import ImportOptions, run_import
from ingest.merges import Merge, read_merges
from ingest.snapshot import merged_files
from ingest.snapshot_writer import write_merged_ids
from peergraph.settings import Settings
from tests.api.analyst_truth import groups, work_authors
from tests.api.sample_truth import Truth, truth_of
from tests.api.test_analyst_counts import Table, stored
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


def _merged_truth(root: Path, extra: list[tuple[str, str, str]]) -> tuple[Truth, int]:
    """The generated records' truth after their merged ids and `extra` (kind, old, new) are applied as
    docs/graph-model.md says, in the importer's order (every author merge, then every work merge, each in file
    and line order): an old author's authorships go to its survivor unless the survivor is on that work already
    (then they go, with their institutions); an old work goes when its survivor is in the graph, and becomes the
    survivor when it is not. Returns it and how many old nodes were folded."""
    truth = copy.deepcopy(truth_of(root))
    lines = [m for path in merged_files(root) for _, m, _ in read_merges(path) if isinstance(m, Merge)]
    merges = [(m.kind, m.old, m.new) for m in lines] + extra
    into = {old: new for _, old, new in merges}

    def final(node: str) -> str:
        while node in into:
            node = into[node]
        return node

    folded = 0
    for kind, old, _ in sorted(merges, key=lambda m: m[0] != "author"):  # authors first, stable within a kind
        new = final(old)
        if kind == "author" and old in truth.author_works:
            folded += 1
            for w in sorted(truth.author_works.pop(old)):
                here = new in work_authors(truth, w)
                truth.ships[w] = [s for s in truth.ships[w] if not (here and s.author == old)]
                for s in truth.ships[w]:
                    s.author = new if s.author == old else s.author
                truth.author_works[new].add(w)
            truth.author_name.setdefault(new, truth.author_name.get(old))
        elif kind == "work" and old in truth.works:
            folded += 1
            survives = new in truth.works  # folded into it; otherwise the old work becomes it
            tables: tuple[dict[str, Any], ...] = (
                truth.works, truth.ships, truth.work_topics, truth.venue, truth.work_funders
            )  # fmt: skip
            for table in tables:
                if old in table:
                    value = table.pop(old)
                    if not survives:
                        table[new] = value
            for works in truth.author_works.values():
                if old in works:
                    works.discard(old)
                    if not survives:
                        works.add(new)
    return truth, folded


def _table(truth: Truth) -> Table:
    return {
        (facet, g["key"]): (g["count"], g["citedByCount"], g["openAccessCount"])
        for facet in facet_counts.FACETS
        for g in groups(truth, facet, truth.works, unknown=True)
    }


async def test_merges_keep_the_counts_exact(empty_db: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    """Folding merged works and authors moves the kept counts exactly, chains included (a → b and b → c in one
    batch, b a work of the graph: it was once taken away twice), and two works merged into a survivor the graph
    does not hold (the first becomes it, the second is folded into it)."""
    db = settings.neo4j_database
    generated = tmp_path / "generated"
    generate(300, 5, generated, merges=5)
    merged = {m.old for p in merged_files(generated) for _, m, _ in read_merges(p) if isinstance(m, Merge)}
    merged |= {m.new for p in merged_files(generated) for _, m, _ in read_merges(p) if isinstance(m, Merge)}
    base = truth_of(generated)
    works = [w for w in sorted(base.works) if w not in merged]
    authors = [a for a in sorted(base.author_works) if a not in merged and base.author_works[a]]
    extra = [
        ("work", works[0], works[1]),
        ("work", works[1], "W4999999001"),  # a chain ending at a work the graph lacks
        ("work", works[2], "W4999999002"),
        ("work", works[3], "W4999999002"),  # two works into one the graph lacks
        ("author", authors[0], authors[1]),
        ("author", authors[1], "A5999999001"),
    ]
    root = tmp_path / "merges"
    for kind, folder in (("work", "works"), ("author", "authors")):
        write_merged_ids(root / "merged_ids" / folder, [("2026-08-01", o, n) for k, o, n in extra if k == kind])
    truth, folded = _merged_truth(generated, extra)
    want = _table(truth)
    assert ("AUTHOR", "A5999999001") in want  # the merges change the counts
    assert want != _table(base)

    options = ImportOptions(rejects_path=tmp_path / "rejects.jsonl")
    report = await run_import(empty_db, db, [generated, root], options)
    assert not report.errors, report.errors
    assert report.merges.folded == folded
    assert await stored(empty_db, db) == want
    await facet_counts.recount(empty_db, db)
    assert await stored(empty_db, db) == want
