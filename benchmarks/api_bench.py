"""Latency and throughput of the explorer's contract operations over real HTTP, server run as users run it.

Starts `peergraph serve` (uvicorn, one process) against the configured Neo4j (NEO4J_URI/NEO4J_PASSWORD, or
the development Neo4j that `make run` starts), loads the bundled sample if the graph is empty, then for each
contract operation measures p50/p95 at concurrency 1 and requests/s at concurrency 16. A second server with
`PEERGRAPH_EXPOSE_ROUND_TRIPS=true` reports each operation's Neo4j round trips. Results go to
benchmarks/results/api.json.

The big author's coauthor ranking is kept by the server after its first request (loaders/rankings.py) until an
import changes the graph, and the warm-up requests make that first request: the cases "ranking walked every
time" run a server that keeps none, i.e. what the first request after an import costs.

    .venv/bin/python benchmarks/api_bench.py [--requests 200] [--concurrent-requests 320] [--only TEXT]

With `--compare VAR=VALUE`, each case runs on two servers, A as configured and B with VAR=VALUE in its environment
(e.g. PEERGRAPH_COMPILED_DOCUMENTS=false), in `--rounds` interleaved rounds A, B, A, B (sequential, then c=16), and
the results (each side's p50/p95/req/s over all rounds, B/A ratios, the load average of each case) go to
benchmarks/results/api_ab.json unless `--out` says otherwise.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.sample import load_files, sample_files  # noqa: E402
from ingest.writer import count_entities  # noqa: E402
from peergraph.db.launcher import free_port  # noqa: E402
from peergraph.db.target import async_driver  # noqa: E402
from peergraph.settings import get_settings  # noqa: E402

CONTRACT = (ROOT / "contract" / "explorer.graphql").read_text(encoding="utf-8")
RESULTS = ROOT / "benchmarks" / "results" / "api.json"
BIG_WORK = "W1694905212"  # the 5,103-author work of the sample
BIG_AUTHOR = "A5083650721"  # an author on it (about 5,090 coauthors)
SMALL_AUTHOR = "A5082727236"  # one coauthor
WALKED = {"PEERGRAPH_COAUTHOR_RANKING_CACHE_ROWS": "0"}  # no kept rankings: every request walks (loaders/rankings.py)
# (label, operation, variables, server environment)
CASES: list[tuple[str, str, dict[str, Any], dict[str, str]]] = [
    ("ResearcherProfile (1 coauthor)", "ResearcherProfile", {"id": SMALL_AUTHOR}, {}),
    ("ResearcherProfile (5,090 coauthors)", "ResearcherProfile", {"id": BIG_AUTHOR}, {}),
    ("ResearcherProfile (5,090 coauthors, ranking walked every time)", "ResearcherProfile", {"id": BIG_AUTHOR}, WALKED),
    ("Coauthors(first: 50) (1 coauthor)", "Coauthors", {"id": SMALL_AUTHOR, "first": 50}, {}),
    ("Coauthors(first: 50) (5,090 coauthors)", "Coauthors", {"id": BIG_AUTHOR, "first": 50}, {}),
    (
        "Coauthors(first: 50) (5,090 coauthors, ranking walked every time)",
        "Coauthors",
        {"id": BIG_AUTHOR, "first": 50},
        WALKED,
    ),
    ("GraphSlice(depth 1, limit 100) author", "GraphSlice", {"center": SMALL_AUTHOR, "depth": 1, "limit": 100}, {}),
    (
        "GraphSlice(depth 1, limit 100) 5,103-author work",
        "GraphSlice",
        {"center": BIG_WORK, "depth": 1, "limit": 100},
        {},
    ),
    ("GraphSlice(depth 2, limit 100) author", "GraphSlice", {"center": SMALL_AUTHOR, "depth": 2, "limit": 100}, {}),
    ("WorkDetail (2 authors)", "WorkDetail", {"id": "W1021000864"}, {}),
    ("WorkDetail (5,103 authors)", "WorkDetail", {"id": BIG_WORK}, {}),
    ("Search(first: 10)", "Search", {"q": "bibliometric analysis", "first": 10}, {}),
]


async def ensure_sample() -> str:
    settings = get_settings()
    driver = async_driver(settings)
    try:
        if await count_entities(driver, settings.neo4j_database) == 0:
            await load_files(driver, settings.neo4j_database, sample_files())
        records, _, _ = await driver.execute_query(
            "MATCH (w:Work) RETURN count(w) AS n", database_=settings.neo4j_database
        )
        return f"{records[0]['n']} works: the OpenAlex sample, plus any generated works loaded before"
    finally:
        await driver.close()


@contextmanager
def server(env: Mapping[str, str] | None = None, checkout: Path = ROOT) -> Iterator[str]:
    """`peergraph serve` of a checkout (this one by default) with its own .venv; its URL once it is ready."""
    port = free_port()
    proc = subprocess.Popen(
        [str(checkout / ".venv" / "bin" / "peergraph"), "serve", "--port", str(port)],
        cwd=checkout,
        env={**os.environ, "PEERGRAPH_GRAPHIQL": "false", **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError("the API server did not become ready")
            time.sleep(0.2)  # polling the server's readiness, with a deadline
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def payload(operation: str, variables: dict[str, Any]) -> dict[str, Any]:
    return {"query": CONTRACT, "operationName": operation, "variables": variables}


async def post(client: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/graphql", json=body)
    result: dict[str, Any] = response.json()
    if response.status_code != 200 or "errors" in result:
        raise RuntimeError(f"{body['operationName']}: {response.status_code} {str(result)[:300]}")
    return result


async def sequential(url: str, body: dict[str, Any], requests: int) -> list[float]:
    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
        for _ in range(max(5, requests // 10)):
            await post(client, body)
        times = []
        for _ in range(requests):
            start = time.perf_counter()
            await post(client, body)
            times.append((time.perf_counter() - start) * 1000)
        return times


async def concurrent(url: str, body: dict[str, Any], total: int, workers: int = 16) -> float:
    limits = httpx.Limits(max_connections=workers, max_keepalive_connections=workers)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        remaining = total

        async def worker() -> None:
            nonlocal remaining
            while remaining > 0:
                remaining -= 1
                await post(client, body)

        start = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(workers)))
        return total / (time.perf_counter() - start)


def git_commit() -> str:
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout


def percentile(times: list[float], q: int) -> float:
    return round(statistics.quantiles(times, n=100, method="inclusive")[q - 1], 2)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200, help="sequential requests per operation")
    parser.add_argument("--concurrent-requests", type=int, default=320, help="requests per operation at c=16")
    parser.add_argument("--out", type=Path, default=RESULTS, help="where the results go (JSON)")
    parser.add_argument("--only", default="", help="measure only the cases whose label contains this text")
    parser.add_argument("--compare", default="", help="VAR=VALUE: A as configured vs B with it, interleaved")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per side with --compare")
    args = parser.parse_args()
    cases = [case for case in CASES if args.only in case[0]]
    if args.compare:
        await compare(args, cases)
        return
    dataset = await ensure_sample()
    load_before = os.getloadavg()
    rows = []
    # One server per environment (most cases share the default one), as users run it.
    for env in [dict(e) for e in dict.fromkeys(tuple(sorted(c[3].items())) for c in cases)]:
        mine = [c for c in cases if c[3] == env]
        with server({**env, "PEERGRAPH_EXPOSE_ROUND_TRIPS": "true"}) as url:
            async with httpx.AsyncClient(base_url=url, timeout=60) as client:
                trips = {
                    label: (await post(client, payload(op, v)))["extensions"]["neo4jRoundTrips"]
                    for label, op, v, _ in mine
                }
        with server(env) as url:
            for label, op, variables, _ in mine:
                body = payload(op, variables)
                times = await sequential(url, body, args.requests)
                rps = await concurrent(url, body, args.concurrent_requests)
                row = {
                    "case": label,
                    "operation": op,
                    "variables": variables,
                    "server_environment": env,
                    "p50_ms": percentile(times, 50),
                    "p95_ms": percentile(times, 95),
                    "rps_c16": round(rps, 1),
                    "neo4j_round_trips": trips[label],
                }
                rows.append(row)
                print(
                    f"{label:66} p50 {row['p50_ms']:7.2f} ms  p95 {row['p95_ms']:7.2f} ms  "
                    f"{row['rps_c16']:7.1f} req/s @16  round trips {row['neo4j_round_trips']}"
                )
    rows.sort(key=lambda row: [c[0] for c in CASES].index(row["case"]))
    commit = git_commit()
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(  # noqa: ASYNC240 - one write after all measuring is done
        json.dumps(
            {
                "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "commit": commit.strip(),
                "dataset": dataset,
                "server": "peergraph serve (uvicorn, 1 process), over real HTTP on 127.0.0.1",
                "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
                # Other work on the machine slows every number: the 1/5/15-minute load averages around the run.
                "load_average": {
                    "before": [round(x, 2) for x in load_before],
                    "after": [round(x, 2) for x in os.getloadavg()],
                },
                "sequential_requests": args.requests,
                "concurrent_requests": args.concurrent_requests,
                "results": rows,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"results written to {out}")


async def compare(args: argparse.Namespace, cases: list[Any]) -> None:
    """A vs B (`--compare VAR=VALUE`), interleaved per case: sequential, then c=16 on A, then on B, each round."""
    variable, _, value = args.compare.partition("=")
    dataset = await ensure_sample()
    load_before = os.getloadavg()
    rows = []
    for env in [dict(e) for e in dict.fromkeys(tuple(sorted(c[3].items())) for c in cases)]:
        mine = [c for c in cases if c[3] == env]
        with (
            server({**env, "PEERGRAPH_EXPOSE_ROUND_TRIPS": "true"}) as a_url,
            server({**env, variable: value, "PEERGRAPH_EXPOSE_ROUND_TRIPS": "true"}) as b_url,
        ):
            for label, op, variables, _ in mine:
                body = payload(op, variables)
                row: dict[str, Any] = {"case": label, "operation": op, "variables": variables}
                sides: dict[str, dict[str, list[float]]] = {"A": {"ms": [], "rps": []}, "B": {"ms": [], "rps": []}}
                for side, url in (("A", a_url), ("B", b_url)):
                    async with httpx.AsyncClient(base_url=url, timeout=60) as client:
                        row[f"{side}_round_trips"] = (await post(client, body))["extensions"]["neo4jRoundTrips"]
                for _ in range(args.rounds):
                    for side, url in (("A", a_url), ("B", b_url)):
                        sides[side]["ms"] += await sequential(url, body, args.requests // args.rounds)
                        rps = await concurrent(url, body, args.concurrent_requests // args.rounds)
                        sides[side]["rps"].append(round(rps, 1))
                for side in ("A", "B"):
                    row[side] = {
                        "p50_ms": percentile(sides[side]["ms"], 50),
                        "p95_ms": percentile(sides[side]["ms"], 95),
                        "rps_c16_rounds": sides[side]["rps"],
                        "rps_c16": round(statistics.mean(sides[side]["rps"]), 1),
                    }
                row["p50_ratio_b_a"] = round(row["B"]["p50_ms"] / max(row["A"]["p50_ms"], 0.01), 2)
                row["rps_ratio_a_b"] = round(row["A"]["rps_c16"] / max(row["B"]["rps_c16"], 0.01), 2)
                row["load1_after"] = round(os.getloadavg()[0], 2)
                rows.append(row)
                print(json.dumps(row))
    out: Path = args.out if args.out != RESULTS else RESULTS.parent / "api_ab.json"
    result = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit().strip(),
        "dataset": dataset,
        "a": "peergraph serve as configured",
        "b": f"{variable}={value}",
        "rounds": args.rounds,
        "sequential_requests": args.requests,
        "concurrent_requests": args.concurrent_requests,
        "load_average": {"before": [round(x, 2) for x in load_before], "after": [round(x, 2) for x in os.getloadavg()]},
        "results": rows,
    }
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")  # noqa: ASYNC240 - one write at the end
    print(f"results written to {out}")


if __name__ == "__main__":
    asyncio.run(main())
