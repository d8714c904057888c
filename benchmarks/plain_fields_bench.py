"""The plain-fields shortcut (schema/execution.py), or with `--setting compiled` the compiled work(id:) path
(schema/compiled.py), on and off, interleaved: latency at concurrency 1 and CPU per request of the server process, per
contract operation.

Two `peergraph serve` processes against the configured Neo4j (as api_bench.py: NEO4J_URI/NEO4J_PASSWORD or the
development Neo4j), one with `PEERGRAPH_PLAIN_FIELDS_SHORTCUT=false`; for each case, rounds of `--requests`
sequential requests alternate on / off / on / off. CPU is the server's user+system time over the round
(/proc/<pid>/stat), so it holds up on a loaded machine better than wall time does. Results:
benchmarks/results/plain_fields.json (compiled.json with `--setting compiled`: off is the server as it was before
the compiled path, the shortcut on).

    .venv/bin/python benchmarks/plain_fields_bench.py [--requests 20] [--rounds 2] [--only TEXT] [--setting compiled]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from api_bench import BIG_AUTHOR, BIG_WORK, git_commit, payload, percentile, post, server  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results"
SETTINGS = {  # --setting: (the environment variable turned off on the B side, the results file)
    "shortcut": ("PEERGRAPH_PLAIN_FIELDS_SHORTCUT", "plain_fields.json"),
    "compiled": ("PEERGRAPH_COMPILED_DOCUMENTS", "compiled.json"),
}
CASES: list[tuple[str, str, dict[str, Any]]] = [
    ("WorkDetail (5,103 authors)", "WorkDetail", {"id": BIG_WORK}),
    ("WorkDetail (normal work)", "WorkDetail", {"id": "W1500530942"}),
    ("ResearcherProfile (ordinary author)", "ResearcherProfile", {"id": "A5000000700"}),
    ("ResearcherProfile (5,090 coauthors)", "ResearcherProfile", {"id": BIG_AUTHOR}),
    ("Coauthors(first: 50) (ordinary author)", "Coauthors", {"id": "A5000000700", "first": 50}),
    ("Coauthors(first: 50) (5,090 coauthors)", "Coauthors", {"id": BIG_AUTHOR, "first": 50}),
    ("GraphSlice(depth 1, limit 100) 5,103-author work", "GraphSlice", {"center": BIG_WORK, "depth": 1, "limit": 100}),
]
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def server_pid(url: str) -> int:
    """The uvicorn process answering on url's port (`peergraph serve` execs it: the child of the launched pid)."""
    port = url.rsplit(":", 1)[1]
    for entry in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state, inode = entry.split()[1], entry.split()[3], entry.split()[9]
        if state == "0A" and int(local.split(":")[1], 16) == int(port):
            for fd in Path("/proc").glob("[0-9]*/fd/*"):
                try:
                    if os.readlink(fd) == f"socket:[{inode}]":
                        return int(fd.parts[2])
                except OSError:
                    continue
    raise RuntimeError(f"no process listens on {port}")


async def round_of(url: str, pid: int, body: dict[str, Any], requests: int) -> tuple[list[float], float]:
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        await post(client, body)
        before, times = cpu_seconds(pid), []
        for _ in range(requests):
            start = time.perf_counter()
            await post(client, body)
            times.append((time.perf_counter() - start) * 1000)
        return times, (cpu_seconds(pid) - before) * 1000 / requests


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", default="")
    parser.add_argument("--setting", choices=sorted(SETTINGS), default="shortcut")
    args = parser.parse_args()
    variable, results = SETTINGS[args.setting]
    cases = [c for c in CASES if args.only in c[0]]
    out: dict[str, Any] = {
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": git_commit().strip(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "settings": {"requests": args.requests, "rounds": args.rounds, "off": f"{variable}=false"},
        "load_average_before": os.getloadavg(),
        "cases": [],
    }
    with server() as on_url, server({variable: "false"}) as off_url:
        pids = {on_url: server_pid(on_url), off_url: server_pid(off_url)}
        for label, operation, variables in cases:
            body = payload(operation, variables)
            runs: dict[str, dict[str, list[float]]] = {"on": {"ms": [], "cpu": []}, "off": {"ms": [], "cpu": []}}
            for _ in range(args.rounds):
                for side, url in (("on", on_url), ("off", off_url)):
                    times, cpu = await round_of(url, pids[url], body, args.requests)
                    runs[side]["ms"] += times
                    runs[side]["cpu"].append(cpu)
            row: dict[str, Any] = {"case": label, "load1": os.getloadavg()[0]}
            for side in ("on", "off"):
                row[side] = {
                    "p50_ms": percentile(runs[side]["ms"], 50),
                    "p95_ms": percentile(runs[side]["ms"], 95),
                    "cpu_ms_per_request": round(statistics.mean(runs[side]["cpu"]), 2),
                }
            row["p50_ratio_on_off"] = round(row["on"]["p50_ms"] / max(row["off"]["p50_ms"], 0.01), 3)
            row["cpu_ratio_on_off"] = round(
                row["on"]["cpu_ms_per_request"] / max(row["off"]["cpu_ms_per_request"], 0.01), 3
            )
            out["cases"].append(row)
            print(json.dumps(row))
    out["load_average_after"] = os.getloadavg()
    (RESULTS / results).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(main())
