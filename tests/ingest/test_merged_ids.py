"""Merged ids (`merge_date,id,merge_into_id`) applied through `peergraph import`: the old author's authorships,
followers and claim, and the old work's citations, move to the survivor without duplicates; the old ids answer
with the survivor over HTTP; applying twice, or re-importing records that still name the old ids, changes
nothing; the snapshot's `merged_ids/` and the generator's files are applied the same way."""

from __future__ import annotations

import asyncio
import gzip
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest
from neo4j import AsyncDriver

from ingest.sample import SAMPLE_DIR
from ingest.snapshot_writer import write_merged_ids, write_snapshot
from peergraph.settings import Settings
from tests.ingest.cli_support import cli_fingerprint, peergraph, peergraph_process
from tests.support import wipe

Records = dict[str, list[dict[str, Any]]]


def _short(url: str) -> str:
    return url.rsplit("/", 1)[-1]


def _records() -> Records:
    return {
        p.name.split(".")[0]: [orjson.loads(line) for line in gzip.decompress(p.read_bytes()).splitlines()]
        for p in sorted(SAMPLE_DIR.glob("*.jsonl.gz"))
    }


class Truth:
    """What the merges must do, computed from the sample's records."""

    def __init__(self, records: Records) -> None:
        self.works_of: dict[str, set[str]] = defaultdict(set)
        for w in records["works"]:
            for ship in w.get("authorships") or []:
                if (ship.get("author") or {}).get("id"):
                    self.works_of[_short(ship["author"]["id"])].add(_short(w["id"]))
        full = sorted(_short(a["id"]) for a in records["authors"])
        # Two authors with full records who share a work (their shared authorship must not be doubled), the old
        # one with a work of its own.
        self.old_author, self.new_author = next(
            (a, b)
            for a in full
            for b in full
            if a != b and self.works_of[a] & self.works_of[b] and self.works_of[a] - self.works_of[b]
        )
        ids = {_short(w["id"]) for w in records["works"]}
        self.citing: dict[str, set[str]] = defaultdict(set)
        for w in records["works"]:
            for ref in w.get("referenced_works") or []:
                if _short(ref) in ids:
                    self.citing[_short(ref)].add(_short(w["id"]))
        # The most cited work merged into another cited one (some works cite both: one CITES must remain).
        self.old_work = max(sorted(self.citing), key=lambda k: len(self.citing[k]))
        self.new_work = next(k for k in sorted(self.citing, key=lambda k: -len(self.citing[k])) if k != self.old_work)

    def merges(self) -> dict[str, list[tuple[str, str, str]]]:
        return {
            "authors": [("2026-05-01", self.old_author, self.new_author)],
            "works": [("2026-05-02", self.old_work, self.new_work)],
        }


@pytest.fixture(scope="module")
def truth() -> Truth:
    return Truth(_records())


def _csv(tmp_path: Path, truth: Truth) -> Path:
    text = "merge_date,id,merge_into_id\n" + "".join(
        f"{d},{old},{new}\n" for rows in truth.merges().values() for d, old, new in rows
    )
    path = tmp_path / "merged.csv"
    path.write_text(text)
    return path


def _import_sample(settings: Settings, *extra: str) -> Any:
    files = sorted(map(str, SAMPLE_DIR.glob("*.jsonl.gz")))
    return peergraph(settings, "import", *files, *extra, "--no-progress", "--max-bad", "100", "--rejects", "/dev/null")


async def _rows(driver: AsyncDriver, query: str, **params: Any) -> list[dict[str, Any]]:
    records, _, _ = await driver.execute_query(query, params, database_="neo4j")
    return [r.data() for r in records]


async def _accounts(driver: AsyncDriver, truth: Truth) -> None:
    """Two followers of the old author (one follows the survivor too) and a claim of the old author."""
    await driver.execute_query(
        """
        MATCH (old:Author {id: $old}), (new:Author {id: $new})
        CREATE (u1:User {id: 'merge-u1'})-[:FOLLOWS {since: '2026-01-02T00:00:00+00:00'}]->(old)
        CREATE (u2:User {id: 'merge-u2'})-[:FOLLOWS {since: '2026-01-03T00:00:00+00:00'}]->(old)
        CREATE (u2)-[:FOLLOWS {since: '2026-01-01T00:00:00+00:00'}]->(new)
        CREATE (u1)-[:HOLDS]->(:Claim {authorId: $old, userId: 'merge-u1', method: 'EMAIL', hiddenFields: []})
          -[:CLAIMS]->(old)
        """,
        old=truth.old_author,
        new=truth.new_author,
        database_="neo4j",
    )


async def _ask(http: httpx.AsyncClient, query: str) -> dict[str, Any]:
    # A first request on a cold server waits for Neo4j to plan the profile query: 26 s measured at load 11.
    response = await http.post("/graphql", json={"query": query}, timeout=120)
    body: dict[str, Any] = response.json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def test_a_merge_moves_what_hangs_on_the_old_node_and_the_old_id_answers_with_the_survivor(
    empty_db: AsyncDriver, settings: Settings, http: httpx.AsyncClient, truth: Truth, tmp_path: Path
) -> None:
    assert (await asyncio.to_thread(_import_sample, settings)).exit_code in (0, 2)
    await _accounts(empty_db, truth)
    merged = _csv(tmp_path, truth)
    done = await asyncio.to_thread(peergraph_process, settings, "import", str(merged), "--json")
    assert done.returncode == 0, done.stderr
    summary = orjson.loads(done.stdout)
    assert summary["merges"] == {"rows": 2, "applied": 2, "folded": 2, "unchanged": 0, "skipped": 0}

    old, new = truth.old_author, truth.new_author
    assert await _rows(empty_db, "MATCH (a:Author {id: $id}) RETURN a.id AS id", id=old) == []
    authored = await _rows(
        empty_db, "MATCH (:Author {id: $id})-[r:AUTHORED]->(w:Work) RETURN w.id AS work, count(r) AS n", id=new
    )
    assert {r["work"] for r in authored} == truth.works_of[old] | truth.works_of[new]
    assert {r["n"] for r in authored} == {1}  # the shared work keeps one authorship
    followers = await _rows(
        empty_db,
        "MATCH (u:User)-[f:FOLLOWS]->(:Author {id: $id}) RETURN u.id AS user, count(f) AS n, min(f.since) AS since",
        id=new,
    )
    assert sorted((r["user"], r["n"]) for r in followers) == [("merge-u1", 1), ("merge-u2", 1)]
    assert {r["user"]: r["since"] for r in followers}["merge-u2"] == "2026-01-01T00:00:00+00:00"  # the earlier
    claims = await _rows(empty_db, "MATCH (:User {id: 'merge-u1'})-[:HOLDS]->(c:Claim)-[:CLAIMS]->(a) RETURN a.id AS a")
    assert claims == [{"a": new}]

    cites = await _rows(
        empty_db, "MATCH (w:Work)-[c:CITES]->(:Work {id: $id}) RETURN w.id AS work, count(c) AS n", id=truth.new_work
    )
    assert {r["work"] for r in cites} == (truth.citing[truth.old_work] | truth.citing[truth.new_work]) - {
        truth.new_work
    }
    assert {r["n"] for r in cites} == {1}
    assert await _rows(empty_db, "MATCH (w:Work {id: $id}) RETURN w.id AS id", id=truth.old_work) == []

    data = await _ask(
        http,
        f'{{ author(id: "{old}") {{ id mergedIds works(first: 1) {{ totalCount }} }} '
        f'work(id: "https://openalex.org/{truth.old_work}") {{ id mergedIds }} '
        f'node(id: "{old}") {{ id }} same: author(id: "{new}") {{ mergedIds }} }}',
    )
    assert data["author"] == {
        "id": new,
        "mergedIds": [old],
        "works": {"totalCount": len(truth.works_of[old] | truth.works_of[new])},
    }
    assert data["work"] == {"id": truth.new_work, "mergedIds": [truth.old_work]}
    assert data["node"] == {"id": new}
    assert data["same"] == {"mergedIds": [old]}

    # Applied twice: nothing changes. Records that still name the old ids, imported again: folded again.
    merged_once = await asyncio.to_thread(cli_fingerprint, settings)
    again = await asyncio.to_thread(peergraph_process, settings, "import", str(merged), "--json")
    assert orjson.loads(again.stdout)["merges"]["unchanged"] == 2
    assert await asyncio.to_thread(cli_fingerprint, settings) == merged_once
    assert (await asyncio.to_thread(_import_sample, settings)).exit_code in (0, 2)
    assert await asyncio.to_thread(cli_fingerprint, settings) == merged_once


async def test_the_snapshot_merged_ids_give_the_graph_of_the_csv(
    empty_db: AsyncDriver, settings: Settings, truth: Truth, tmp_path: Path
) -> None:
    assert (await asyncio.to_thread(_import_sample, settings, str(_csv(tmp_path, truth)))).exit_code in (0, 2)
    expected = await asyncio.to_thread(cli_fingerprint, settings)
    root = tmp_path / "snapshot"
    write_snapshot(_records(), root, merges=truth.merges(), parquet=False)
    await wipe(empty_db)
    result = await asyncio.to_thread(
        peergraph, settings, "import", str(root), "--no-progress", "--rejects", str(tmp_path / "r")
    )
    assert result.exit_code == 0, result.output
    assert await asyncio.to_thread(cli_fingerprint, settings) == expected


def _flat(rows: list[tuple[str, str, str]]) -> dict[str, str]:
    """Each merged id → the survivor at the end of its chain, applying the rows in date order."""
    into: dict[str, str] = {}
    for _, old, new in sorted(rows):
        into[old] = into.get(new, new)
        into.update({k: into[old] for k, v in into.items() if v == old})
    return into


async def test_the_generators_merged_ids_are_applied_chains_included(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "gen"
    assert peergraph(settings, "generate", "--works", "300", "--merges", "3", str(out)).exit_code == 0
    rows: list[tuple[str, str, str]] = []
    for path in sorted((out / "merged_ids").glob("*/*.csv.gz")):
        lines = gzip.decompress(path.read_bytes()).decode().splitlines()[1:]
        rows += [(d, old, new) for d, old, new in (line.split(",") for line in lines)]
    assert Counter(old[0] for _, old, _ in rows) == {"A": 4, "W": 4}
    done = await asyncio.to_thread(peergraph_process, settings, "import", str(out), "--json")
    assert done.returncode == 0, done.stderr
    assert orjson.loads(done.stdout)["merges"]["rows"] == len(rows)
    found = await _rows(empty_db, "MATCH (m:MergedId) RETURN m.id AS old, m.intoId AS into")
    assert {r["old"]: r["into"] for r in found} == _flat(rows)
    olds = [old for _, old, _ in rows]
    assert await _rows(empty_db, "MATCH (n) WHERE (n:Author OR n:Work) AND n.id IN $ids RETURN n.id", ids=olds) == []

    # A merged-id file with a bad line: rejected with its line number, the others applied (exit 2).
    [bad] = write_merged_ids(tmp_path / "bad", [("2026-08-01", "A1", "A2"), ("2026-08-01", "A3", "W4")])
    told = await asyncio.to_thread(
        peergraph_process, settings, "import", str(bad), "--json", "--rejects", str(tmp_path / "r")
    )
    assert told.returncode == 2, told.stderr
    summary = orjson.loads(told.stdout)
    assert summary["rejects"]["byReason"] == {"invalid_merge": 1}
    assert summary["merges"]["rows"] == 1
    [reject] = [orjson.loads(line) for line in (tmp_path / "r").read_bytes().splitlines()]
    assert reject["line"] == 3
    assert reject["source"] == str(bad)
