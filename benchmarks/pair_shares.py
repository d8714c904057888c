"""How the kept pair counts of a served graph split by their shared works: what a pair store keeping only the pairs
of two or more shared works (the 1-work pairs derived when read) would leave out.

The kept INSTITUTION and AUTHOR pairs (ingest/facet_counts.py) are most of the nodes of a large graph (45M of 47M
count nodes at 1M generated works, benchmarks/results/import.json), and what bounds the bulk load (the
facet_count_key constraint and the (facet, works, key) index over them) and the online importer (pair_import.json:
keeping them doubles its time). This reads the configured Neo4j's count nodes as they are (nothing written) and
writes, per pair facet, the pairs and the works they count by shared works: 1, 2, 3-4, 5 or more.

`--records WORKS.jsonl.gz...` counts the AUTHOR and INSTITUTION pairs from works records instead, with no Neo4j
(for the 1M generated works, whose graph is 10 GB): a work's distinct author ids and distinct institution ids over
its authorships, skipped past MAX_PARTIES, as the kept pairs count them. It does not apply merged ids or drop the
institutions that have no node, which the graph's counts do: the AUTHOR pairs of generated works are exact (23.85M
of 1M generated works here, 23.89M count nodes with the sample's in the bulk load), the INSTITUTION pairs an upper
bound (21.74M here, 21.14M in the load).

Each run is kept in the results file under `--name` (others' runs stay).

    .venv/bin/python benchmarks/pair_shares.py [--records FILE...] [--name NAME] [--out FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import sys
import time
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api_bench import git_commit  # noqa: E402  (this folder is on sys.path: the script runs from it)

from ingest.bulk.counts import _arrow, _Pairs  # noqa: E402  (the bulk load's own pair collection)
from ingest.facet_counts import MAX_PARTIES, PAIR_FACETS, SKIPPED  # noqa: E402
from peergraph.db.target import async_driver  # noqa: E402
from peergraph.settings import get_settings  # noqa: E402

OUT = ROOT / "benchmarks" / "results" / "pair_shares.json"
# Each pair facet's pairs (not its unknown or skipped groups: their keys sort below SKIPPED) by shared works.
SHARES = """
MATCH (c:_FacetCount) WHERE c.facet = $facet AND c.key > $skipped
RETURN c.works AS shared, count(*) AS pairs
"""
TOTALS = """
RETURN COUNT { MATCH (w:Work) WHERE NOT coalesce(w.isStub, false) } AS works,
  COUNT { MATCH (:_FacetCount) } AS countNodes
"""


async def measure() -> dict[str, Any]:
    settings = get_settings()
    driver = async_driver(settings)
    try:
        totals = (await driver.execute_query(TOTALS, database_=settings.neo4j_database)).records[0]
        facets: dict[str, Any] = {}
        for facet in PAIR_FACETS:
            started = time.perf_counter()
            records, _, _ = await driver.execute_query(
                SHARES, facet=facet, skipped=SKIPPED, database_=settings.neo4j_database
            )
            facets[facet] = summary((r["shared"], r["pairs"]) for r in records)
            facets[facet]["read_seconds"] = round(time.perf_counter() - started, 2)
    finally:
        await driver.close()
    return {"works": totals["works"], "count_nodes": totals["countNodes"], "facets": facets}


def summary(spread: Iterable[tuple[int, int]]) -> dict[str, Any]:
    """(shared works, pairs) rows as the pairs and the works they count by shared works: 1, 2, 3-4, 5 or more."""
    rows: dict[str, dict[str, int]] = {}
    for shared, pairs in spread:
        row = rows.setdefault("5+" if shared >= 5 else "3-4" if shared >= 3 else str(shared), {"pairs": 0, "works": 0})
        row["pairs"] += pairs
        row["works"] += pairs * shared
    total = sum(r["pairs"] for r in rows.values())
    one = rows.get("1", {"pairs": 0})["pairs"]
    return {
        "pairs": total,
        "by_shared_works": dict(sorted(rows.items())),
        "one_work_share": round(one / total, 4) if total else None,
        "kept_if_two_or_more": total - one,
    }


def from_records(paths: list[Path]) -> dict[str, Any]:
    """The AUTHOR and INSTITUTION pairs the works records make, by shared works (see the module's docstring),
    collected as the bulk load's counts collect them (ingest/bulk/counts.py `_Pairs`: codes in buckets)."""
    found = {"AUTHOR_PAIR": _Pairs(), "INSTITUTION_PAIR": _Pairs()}
    works = 0
    for path in paths:
        with gzip.open(path, "rb") if path.suffix == ".gz" else path.open("rb") as lines:
            for line in lines:
                record = orjson.loads(line)
                ships = record.get("authorships") or []
                authors = {a for s in ships if (a := (s.get("author") or {}).get("id"))}
                places = {i for s in ships for p in s.get("institutions") or [] if (i := p.get("id"))}
                for facet, parties in (("AUTHOR_PAIR", authors), ("INSTITUTION_PAIR", places)):
                    if 2 <= len(parties) <= MAX_PARTIES:
                        found[facet].add(sorted(parties), works)
                works += 1
    facets: dict[str, Any] = {}
    for facet, pairs in found.items():
        # a pair's codes are all in one bucket (its lower party's): each bucket is counted on its own
        counted = pa.chunked_array(
            [
                pa.table({"code": _arrow(codes, pa.uint64())})
                .group_by("code")
                .aggregate([("code", "count")])["code_count"]
                for codes in pairs.codes
            ]
        )
        spread = pa.table({"works": counted}).group_by("works").aggregate([("works", "count")])
        facets[facet] = summary(zip(spread["works"].to_pylist(), spread["works_count"].to_pylist(), strict=True))
    return {"works": works, "from": [str(p) for p in paths], "facets": facets}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=Path, nargs="+", help="works files to count instead of the graph")
    parser.add_argument("--name", help="the run's key in the results file (default: graph or records)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    before = os.getloadavg()
    started = time.perf_counter()
    found = from_records(args.records) if args.records else asyncio.run(measure())
    report = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit().strip(),
        **found,
        "seconds": round(time.perf_counter() - started, 1),
        "load_average": {"before": [round(x, 2) for x in before], "after": [round(x, 2) for x in os.getloadavg()]},
    }
    runs = json.loads(args.out.read_text()) if args.out.exists() else {}
    runs[args.name or ("records" if args.records else "graph")] = report
    args.out.write_text(json.dumps(runs, indent=1) + "\n")
    print(json.dumps(report, indent=1))


if __name__ == "__main__":
    main()
