"""Two `peergraph serve` processes on one Neo4j, A as configured and B with some settings changed, loaded in turn
by autocannon: requests/s, latency percentiles and the CPU each process (and Neo4j) spent per request.

    .venv/bin/python benchmarks/server_ab.py --b PEERGRAPH_PREPARED_DOCUMENTS=false --rounds 3 --out FILE

Neo4j: NEO4J_URI/NEO4J_PASSWORD, or the project's own (PEERGRAPH_NEO4J_HOME, PEERGRAPH_NEO4J_BOLT_PORT), already
loaded with the sample + `peergraph generate --works 100000 --seed 1` (the peer harness's graph: its ids below).
autocannon comes from the peer harness's install (benchmarks/peer_bench.sh puts it in PEER_WORK). Every case runs
on both servers for twice `--warmup` seconds first (Neo4j's page cache and plans, each server's plans); then per case
and round, A then B (the order swapped every other round), each `--duration` seconds at `--connections` after
`--warmup` seconds unmeasured. The CPU is the ticks of the server's process (and of Neo4j's, by its pid file) from
/proc over the measured seconds, divided by the requests. The machine is shared: read the B/A ratios and the load
averages.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from api_bench import git_commit  # noqa: E402
from plain_fields_bench import cpu_seconds  # noqa: E402

from peergraph.db.launcher import free_port  # noqa: E402
from peergraph.db.target import local_server  # noqa: E402
from peergraph.settings import get_settings  # noqa: E402

CONTRACT = (ROOT / "contract" / "explorer.graphql").read_text(encoding="utf-8")
PEER_WORK = Path(os.environ.get("PEER_WORK", Path.home() / ".cache" / "peergraph" / "peer"))
# The peer harness's ids on the 100k graph (benchmarks/results/peer/table.md).
CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "ResearcherProfile (ordinary)": ("ResearcherProfile", {"id": "A5000000700"}),
    "Coauthors first:50 (ordinary)": ("Coauthors", {"id": "A5000000700", "first": 50}),
    "WorkDetail (normal)": ("WorkDetail", {"id": "W1500530942"}),
    "WorkDetail (5,103-author work)": ("WorkDetail", {"id": "W1694905212"}),
    "GraphSlice d1 l100 (ordinary)": ("GraphSlice", {"center": "A5000000700", "depth": 1, "limit": 100}),
    "GraphSlice d1 l100 (hub work)": ("GraphSlice", {"center": "W1694905212", "depth": 1, "limit": 100}),
    "Search first:10": ("Search", {"q": "bibliometric analysis", "first": 10}),
}


class Server:
    def __init__(self, label: str, env: dict[str, str]) -> None:
        self.label = label
        self.port = free_port()
        environment = {**os.environ, **env, "PEERGRAPH_PORT": str(self.port), "PEERGRAPH_WORKERS": "1"}
        self.process = subprocess.Popen(
            [str(ROOT / ".venv" / "bin" / "peergraph"), "serve", "--port", str(self.port)],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/readyz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"server {label} did not become ready")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


def autocannon(port: int, body: Path, seconds: float, connections: int) -> dict[str, Any]:
    binary = PEER_WORK / "node_modules" / ".bin" / "autocannon"
    command = [
        str(binary), "-c", str(connections), "-d", str(seconds), "-m", "POST", "-H", "content-type=application/json",
        "-i", str(body), "--json", f"http://127.0.0.1:{port}/graphql",
    ]  # fmt: skip
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return json.loads(out)  # type: ignore[no-any-return]


def measure(server: Server, body: Path, args: argparse.Namespace, neo4j: int | None) -> dict[str, Any]:
    autocannon(server.port, body, args.warmup, args.connections)
    api0, db0 = cpu_seconds(server.process.pid), cpu_seconds(neo4j) if neo4j else 0
    load = os.getloadavg()[0]
    result = autocannon(server.port, body, args.duration, args.connections)
    api1, db1 = cpu_seconds(server.process.pid), cpu_seconds(neo4j) if neo4j else 0
    requests = max(1, result["requests"]["total"])
    latency = result["latency"]
    return {
        "req_s": round(result["requests"]["average"], 1),
        "p50_ms": latency["p50"],
        "p97_5_ms": latency["p97_5"],
        "p99_ms": latency["p99"],
        "non2xx": result["non2xx"],
        "errors": result["errors"],
        "api_cpu_ms_per_request": round((api1 - api0) * 1000 / requests, 3),
        "neo4j_cpu_ms_per_request": round((db1 - db0) * 1000 / requests, 3) if neo4j else None,
        "load_1min": round(load, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--b", action="append", default=[], help="VAR=VALUE in B's environment (repeatable)")
    parser.add_argument("--a", action="append", default=[], help="VAR=VALUE in A's environment (repeatable)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=float, default=8)
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--only", default="", help="only the cases whose label contains this text")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    sides = {"A": dict(v.split("=", 1) for v in args.a), "B": dict(v.split("=", 1) for v in args.b)}
    neo4j = local_server(get_settings()).running_pid()  # None with NEO4J_URI: Neo4j's CPU is then not read
    servers = {label: Server(label, env) for label, env in sides.items()}
    results: dict[str, Any] = {}
    try:
        with tempfile.TemporaryDirectory() as scratch:
            bodies: dict[str, Path] = {}
            for number, (case, (operation, variables)) in enumerate(CASES.items()):
                if args.only in case:
                    bodies[case] = Path(scratch) / f"{number}.json"
                    payload = {"query": CONTRACT, "operationName": operation, "variables": variables}
                    bodies[case].write_text(json.dumps(payload))
            for body in bodies.values():  # Neo4j's page cache and query plans, each server's plans: warm first
                for server in servers.values():
                    autocannon(server.port, body, args.warmup * 2, args.connections)
            for case, body in bodies.items():
                runs: dict[str, list[dict[str, Any]]] = {"A": [], "B": []}
                for round_ in range(args.rounds):
                    for label in ("A", "B") if round_ % 2 == 0 else ("B", "A"):
                        runs[label].append(measure(servers[label], body, args, neo4j))
                        print(case, label, runs[label][-1], flush=True)
                summary = {
                    label: {
                        key: statistics.median(run[key] for run in rows)
                        for key in ("req_s", "p50_ms", "p97_5_ms", "api_cpu_ms_per_request")
                    }
                    for label, rows in runs.items()
                }
                results[case] = {
                    "runs": runs,
                    "median": summary,
                    "A_over_B_req_s": round(summary["A"]["req_s"] / summary["B"]["req_s"], 3),
                    "B_over_A_api_cpu": round(
                        summary["B"]["api_cpu_ms_per_request"] / summary["A"]["api_cpu_ms_per_request"], 3
                    ),
                }
    finally:
        for server in servers.values():
            server.stop()
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.node()} {os.cpu_count()} cores",
        "commit": git_commit().strip(),
        "A_env": sides["A"],
        "B_env": sides["B"],
        "rounds": args.rounds,
        "duration_s": args.duration,
        "connections": args.connections,
        "cases": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    for case, found in results.items():
        print(f"{case}: A/B req/s {found['A_over_B_req_s']}, B/A API CPU {found['B_over_A_api_cpu']}", flush=True)


if __name__ == "__main__":
    main()
