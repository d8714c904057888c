"""Every real sample file imports, and the graph's counts equal an independent count of the input records.

The expected numbers are computed here from the raw JSON (not through ingest.records), so a normalization bug
shows up as a mismatch.
"""

from __future__ import annotations

import asyncio
import gzip
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from neo4j import AsyncDriver

from ingest.sample import SAMPLE_DIR
from peergraph.settings import Settings
from tests.ingest.cli_support import cli_fingerprint, import_with_no_rejects, peergraph

BIG_WORK = "W1694905212"  # the hyper-authored work (5,103 authorships)


def _short(url: object) -> str:
    return str(url).rsplit("/", 1)[-1].upper()


def _read(name: str) -> list[dict[str, Any]]:
    return [orjson.loads(x) for x in gzip.decompress((SAMPLE_DIR / name).read_bytes()).splitlines() if x.strip()]


@dataclass
class Truth:
    works: set[str] = field(default_factory=set)
    authors: set[str] = field(default_factory=set)
    authorships: set[tuple[str, str]] = field(default_factory=set)
    unlinked: int = 0
    topic_links: set[tuple[str, str]] = field(default_factory=set)
    cites: set[tuple[str, str]] = field(default_factory=set)
    big_work_authors: int = 0


def _truth() -> Truth:
    truth = Truth()
    works = _read("works.jsonl.gz")
    truth.works = {_short(w["id"]) for w in works}
    truth.authors = {_short(a["id"]) for a in _read("authors.jsonl.gz")}
    for w in works:
        wid = _short(w["id"])
        for ship in w.get("authorships") or []:
            author_id = (ship.get("author") or {}).get("id")
            if author_id:
                truth.authors.add(_short(author_id))
                truth.authorships.add((_short(author_id), wid))
            else:
                truth.unlinked += 1
        truth.topic_links |= {(wid, _short(t["id"])) for t in w.get("topics") or []}
        truth.cites |= {(wid, _short(r)) for r in w.get("referenced_works") or [] if _short(r) in truth.works}
    truth.big_work_authors = len({a for a, w in truth.authorships if w == BIG_WORK})
    return truth


async def _one(driver: AsyncDriver, db: str, query: str) -> Any:
    records, _, _ = await driver.execute_query(query, database_=db)
    return records[0][0]


async def test_all_sample_files_import_and_counts_match_the_input(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    # Every record of the sample is of a kind the graph holds (funders and publishers included): none rejected.
    await import_with_no_rejects(settings, [SAMPLE_DIR], tmp_path / "rejects.jsonl")

    truth = _truth()
    fp = await asyncio.to_thread(cli_fingerprint, settings)
    assert fp["nodes"]["Work"] == len(truth.works)
    assert fp["nodes"]["Author"] == len(truth.authors)
    assert fp["relationships"]["AUTHORED"] == len(truth.authorships)
    assert fp["relationships"]["HAS_TOPIC"] == len(truth.topic_links)
    assert fp["relationships"]["CITES"] == len(truth.cites)
    db = settings.neo4j_database
    assert await _one(empty_db, db, "MATCH (:Author)-[r:AUTHORED]->(:Work {id: 'W1694905212'}) RETURN count(r)") == (
        truth.big_work_authors
    )
    unlinked = "MATCH (w:Work) RETURN sum(size(coalesce(w.unlinkedAuthorNames, [])))"
    assert await _one(empty_db, db, unlinked) == truth.unlinked
    # Every author with a full record is no longer a stub; all others are.
    stubs = await _one(empty_db, db, "MATCH (a:Author {isStub: true}) RETURN count(a)")
    assert stubs == len(truth.authors) - len(_read("authors.jsonl.gz"))


async def test_coauthors_of_the_hyper_authored_work_are_answered_without_materialized_edges(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    """The coauthorship decision (docs/graph-model.md): no coauthor edges; a two-hop query per author."""
    result = await asyncio.to_thread(
        peergraph, settings, "import", str(SAMPLE_DIR), "--rejects", str(tmp_path / "r"), "--no-progress"
    )
    assert result.exit_code == (2 if (tmp_path / "r").exists() else 0), result.output  # 2: with rejects
    truth = _truth()
    fp = await asyncio.to_thread(cli_fingerprint, settings)
    assert set(fp["relationships"]) <= {
        "AUTHORED",
        "HAS_TOPIC",
        "PUBLISHED_IN",
        "CITES",
        "LAST_KNOWN_AT",
        "AFFILIATED_WITH",
        "FUNDED_BY",
        "PUBLISHED_BY",
        "PART_OF",
    }
    author = min(a for a, w in truth.authorships if w == BIG_WORK)
    works_of_author = {w for a, w in truth.authorships if a == author}
    expected = {a for a, w in truth.authorships if w in works_of_author and a != author}
    records, _, _ = await empty_db.execute_query(
        "MATCH (a:Author {id: $id})-[:AUTHORED]->(:Work)<-[:AUTHORED]-(b:Author) WHERE b <> a "
        "RETURN collect(DISTINCT b.id) AS ids",
        id=author,
        database_=settings.neo4j_database,
    )
    assert set(records[0]["ids"]) == expected
