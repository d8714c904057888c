"""Before/after of a code change on the explorer's operations: two checkouts served side by side, interleaved.

Each side is a checkout with its own `.venv` (e.g. the house redesign's starting point, b00f518, against this one):
it gets a Neo4j of its own (same version, heap and page cache, launched here from this checkout's launcher), its
own importer loads the bundled sample into it, and its own `peergraph serve` (one uvicorn process) answers. Then,
round by round and case by case, side A and side B are measured one after the other (A, B, A, B …): p50/p95 of
sequential requests and requests/s at 16 concurrent. The machine is shared, so the result is each case's ratio
B/A per round, with the load average; a case is "slower" only when every round says so beyond the spread of the
rounds. Results to benchmarks/results/house_ab.json.

    git worktree add /tmp/before b00f518 && make -C /tmp/before setup
    .venv/bin/python benchmarks/house_ab.py --before /tmp/before [--rounds 3] [--requests 60]
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
import tempfile
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from api_bench import CASES, concurrent, payload, percentile, sequential, server  # noqa: E402

from peergraph.db.target import throwaway_server  # noqa: E402
from peergraph.settings import get_settings  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "house_ab.json"


def commit(checkout: Path) -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=checkout, capture_output=True, text=True)
    return done.stdout.strip()


def loadavg() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


@contextmanager
def side(checkout: Path, home: Path) -> Iterator[str]:
    """A Neo4j for this checkout, the sample loaded by the checkout's own importer, its server; the server's URL."""
    neo4j = throwaway_server(get_settings(), home)
    neo4j.start()
    try:
        env = {
            **os.environ,
            "NEO4J_URI": neo4j.uri,
            "NEO4J_PASSWORD": neo4j.password(),
            "PEERGRAPH_GRAPHIQL": "false",
            "PEERGRAPH_WARM_PLANS": "false",
            # Speed, not limits: the 5,103-author WorkDetail at 16 concurrent passes the 10 s default deadline on a
            # loaded machine (b00f518 had no deadline at all).
            "PEERGRAPH_REQUEST_DEADLINE_SECONDS": "120",
        }
        cli = str(checkout / ".venv" / "bin" / "peergraph")
        for step in (["migrate"], ["import-sample"]):
            subprocess.run([cli, *step], cwd=checkout, env=env, check=True, capture_output=True)
        with server(env, checkout) as url:
            yield url
    finally:
        neo4j.stop()


async def measure(url: str, operation: str, variables: dict[str, Any], requests: int, total: int) -> dict[str, Any]:
    body = payload(operation, variables)
    times = await sequential(url, body, requests)
    return {
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "rps_c16": round(await concurrent(url, body, total), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--before", type=Path, required=True, help="side A: a checkout with its .venv set up")
    parser.add_argument("--after", type=Path, default=ROOT, help="side B (default: this checkout)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--requests", type=int, default=60, help="sequential requests per case, side and round")
    parser.add_argument("--concurrent-requests", type=int, default=160, help="requests at c=16 per case and side")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    sides = {"before": args.before.resolve(), "after": args.after.resolve()}
    cases = [(label, op, variables) for label, op, variables, env in CASES if not env]
    rounds: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        urls = {name: stack.enter_context(side(path, Path(tmp) / name)) for name, path in sides.items()}
        for number in range(args.rounds):
            results: dict[str, Any] = {}
            for label, operation, variables in cases:
                results[label] = {"load_average": loadavg()}
                for name in sides if number % 2 == 0 else reversed(list(sides)):  # who goes first alternates
                    results[label][name] = asyncio.run(
                        measure(urls[name], operation, variables, args.requests, args.concurrent_requests)
                    )
                print(label, results[label], flush=True)
            rounds.append(results)
    summary = {}
    for label, _, _ in cases:
        p50 = [r[label]["after"]["p50_ms"] / r[label]["before"]["p50_ms"] for r in rounds]
        rps = [r[label]["after"]["rps_c16"] / r[label]["before"]["rps_c16"] for r in rounds]
        summary[label] = {
            "p50_ratio_after_over_before": [round(x, 2) for x in p50],
            "rps_ratio_after_over_before": [round(x, 2) for x in rps],
            "p50_ratio_median": round(statistics.median(p50), 2),
            "rps_ratio_median": round(statistics.median(rps), 2),
        }
    document = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "sides": {name: {"path": str(path), "commit": commit(path)} for name, path in sides.items()},
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "method": f"{args.rounds} rounds, sides alternating first; per case and side {args.requests} sequential "
        f"requests (p50/p95) then {args.concurrent_requests} at 16 concurrent (req/s); each side on its own Neo4j "
        "with the sample loaded by its own importer",
        "summary": summary,
        "rounds": rounds,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
