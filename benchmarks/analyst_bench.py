"""The analyst's queries at scale: every facet of worksGroupBy, collaborations and deep listing pages, over real HTTP.

For each size (the sample plus 10,000, then plus 100,000 generated works: `peergraph generate`, seed 1), the
configured Neo4j (NEO4J_URI/NEO4J_PASSWORD; its database is WIPED) gets the sample and the generated works through
the real importer, then `peergraph serve` answers each case `--requests` times in a row (after two warm-up runs):
p50/p95 per case. Cases: each WorkFacet over all works, with a typical filter (`yearFrom: 2015, isOa: true`, about
a quarter of the works) and with a selective one (one mid-popular topic, about 0.1%); collaborations between
institutions, countries and authors, all and filtered; the works listing's page 1 against page 50 (keyset cursors).
Results, with the load average around the run, go to benchmarks/results/analyst.json.

    .venv/bin/python benchmarks/analyst_bench.py [--sizes 10000,100000] [--requests 10] [--keep-graph]

`--keep-graph` measures the graph the Neo4j holds as it is (one run, no wipe, no import): a second measurement of
the same data without paying its import again.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from api_bench import git_commit, percentile, server  # noqa: E402  (this folder is on sys.path: the script runs from it)

from ingest.generate import T0, generate  # noqa: E402
from ingest.sample import load_files, sample_files  # noqa: E402
from peergraph.db.target import async_driver  # noqa: E402
from peergraph.settings import get_settings  # noqa: E402
from tests.support import wipe  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "analyst.json"
FACETS = [
    "YEAR", "TYPE", "LANGUAGE", "OA_STATUS", "IS_OA", "TOPIC", "SUBFIELD", "FIELD", "DOMAIN", "SOURCE", "PUBLISHER",
    "INSTITUTION", "COUNTRY", "AUTHOR", "FUNDER",
]  # fmt: skip
GROUP_BY = "query($by: WorkFacet!, $where: WorkFilter) { worksGroupBy(by: $by, where: $where, first: 20) { totalCount groups { key count citedByCount } } }"  # noqa: E501
PAIRS = "query($between: CollaborationParty!, $where: WorkFilter) { collaborations(between: $between, where: $where, first: 20) { totalCount skippedWorks pairs { works } } }"  # noqa: E501
PAGE = "query($after: String) { works(orderBy: CITED_BY_DESC, first: 100, after: $after) { pageInfo { endCursor } nodes { id } } }"  # noqa: E501
TYPICAL = {"yearFrom": 2015, "isOa": True}
SELECTIVE = {"topic": [f"T{T0 + 400}"]}  # a mid-popular generated topic (the pool's head is the first few)


async def load(size: int, folder: Path) -> str:
    settings = get_settings()
    driver = async_driver(settings)
    try:
        await wipe(driver)
        generate(size, 1, folder)
        files = [*sample_files(), *sorted(folder.glob("*.jsonl.gz"))]  # noqa: ASYNC240 - before any query runs
        await load_files(driver, settings.neo4j_database, files)
        records, _, _ = await driver.execute_query(
            "MATCH (w:Work) RETURN count(w) AS n", database_=settings.neo4j_database
        )
        return f"{records[0]['n']:,} works (the sample plus {size:,} generated, seed 1)"
    finally:
        await driver.close()


async def held() -> str:
    settings = get_settings()
    driver = async_driver(settings)
    try:
        records, _, _ = await driver.execute_query(
            "MATCH (w:Work) RETURN count(w) AS n", database_=settings.neo4j_database
        )
        return f"{records[0]['n']:,} works (the graph as it was: --keep-graph)"
    finally:
        await driver.close()


async def post(client: httpx.AsyncClient, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    body: dict[str, Any] = response.json()
    if response.status_code != 200 or "errors" in body:
        raise RuntimeError(f"{response.status_code} {str(body)[:300]}")
    return body


async def timed(client: httpx.AsyncClient, query: str, variables: dict[str, Any], requests: int) -> list[float]:
    for _ in range(2):
        await post(client, query, variables)
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        await post(client, query, variables)
        times.append((time.perf_counter() - start) * 1000)
    return times


async def deep_cursor(client: httpx.AsyncClient, pages: int) -> str | None:
    """The cursor that opens page `pages` + 1 of the works listing (walked page by page)."""
    after = None
    for _ in range(pages):
        after = (await post(client, PAGE, {"after": after}))["data"]["works"]["pageInfo"]["endCursor"]
    return after


async def measure(url: str, requests: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        cases: list[tuple[str, str, dict[str, Any]]] = []
        for facet in FACETS:
            cases += [
                (f"worksGroupBy({facet})", GROUP_BY, {"by": facet, "where": None}),
                (f"worksGroupBy({facet}, typical filter)", GROUP_BY, {"by": facet, "where": TYPICAL}),
                (f"worksGroupBy({facet}, selective filter)", GROUP_BY, {"by": facet, "where": SELECTIVE}),
            ]
        for party in ("INSTITUTION", "COUNTRY", "AUTHOR"):
            cases += [
                (f"collaborations({party})", PAIRS, {"between": party, "where": None}),
                (f"collaborations({party}, selective filter)", PAIRS, {"between": party, "where": SELECTIVE}),
            ]
        cases += [
            ("works(CITED_BY_DESC, first: 100) page 1", PAGE, {"after": None}),
            ("works(CITED_BY_DESC, first: 100) page 51", PAGE, {"after": await deep_cursor(client, 50)}),
        ]
        for label, query, variables in cases:
            try:
                times = await timed(client, query, variables, requests)
            except RuntimeError as failed:  # past the request deadline (DEADLINE_EXCEEDED): said, not measured
                rows.append({"case": label, "error": str(failed)[:300]})
                print(f"  {label:52} failed: {str(failed)[:120]}", flush=True)
                continue
            row = {"case": label, "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95)}
            rows.append(row)
            print(f"  {label:52} p50 {row['p50_ms']:8.1f} ms  p95 {row['p95_ms']:8.1f} ms", flush=True)
    return rows


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="generated works per run, comma-separated")
    parser.add_argument("--requests", type=int, default=10, help="timed requests per case")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the results go (JSON)")
    parser.add_argument("--keep-graph", action="store_true", help="measure the graph as it is: no wipe, no import")
    args = parser.parse_args()
    runs = []
    for size in [None] if args.keep_graph else [int(s) for s in args.sizes.split(",")]:
        with tempfile.TemporaryDirectory() as tmp:
            started = time.perf_counter()
            dataset = await load(size, Path(tmp)) if size is not None else await held()
            print(f"{dataset}: loaded in {time.perf_counter() - started:.0f} s", flush=True)
        load_before = os.getloadavg()
        with server() as url:
            rows = await measure(url, args.requests)
        runs.append(
            {
                "dataset": dataset,
                # Other work on the machine slows every number: the 1/5/15-minute load averages around the run.
                "load_average": {
                    "before": [round(x, 2) for x in load_before],
                    "after": [round(x, 2) for x in os.getloadavg()],
                },
                "results": rows,
            }
        )
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(  # noqa: ASYNC240 - one write after all measuring is done
        json.dumps(
            {
                "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "commit": git_commit().strip(),
                "server": "peergraph serve (uvicorn, 1 process), over real HTTP on 127.0.0.1",
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                "requests_per_case": args.requests,
                "typical_filter": TYPICAL,
                "selective_filter": SELECTIVE,
                "runs": runs,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"results written to {out}")


if __name__ == "__main__":
    asyncio.run(main())
