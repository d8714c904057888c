"""The explorer's operations on a big graph against a small one: `api_bench.py` on each, rounds interleaved.

Each graph is a served Neo4j home (e.g. left serving by `import_bench.py --bulk ... --home DIR`); the small one
on other ports. Round r runs api_bench against one graph, then the other (the first side alternates), so both
see the same machine. Per case: each side's median over the rounds of p50, p95 and c=16 requests/s, and the
big/small ratios; the load average of every run, each home's store size and its memory settings, go to
benchmarks/results/api_scale.json (or --out).

    .venv/bin/python benchmarks/api_scale.py --small /tmp/h100k:7688:7475 --big /tmp/h1m --rounds 6

`--runs DIR` combines runs made before (DIR/api_small_r*.json, DIR/api_big_r*.json) instead of measuring.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.bulk.load import tree_bytes  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "api_scale.json"
MEMORY = ("server.memory.pagecache.size", "server.memory.heap.initial_size", "server.memory.heap.max_size")


def _side(spec: str) -> dict[str, Any]:
    """HOME[:BOLT:HTTP] → the home and the environment that points peergraph at it."""
    home, *ports = spec.split(":")
    env = {"PEERGRAPH_NEO4J_HOME": home}
    if ports:
        env["PEERGRAPH_NEO4J_BOLT_PORT"], env["PEERGRAPH_NEO4J_HTTP_PORT"] = ports
    return {"home": home, "env": env}


def _store(home: str) -> dict[str, Any]:
    """The home's store on disk (data/, indexes included) and the memory settings of its neo4j.conf."""
    data = Path(home) / "data"
    size = tree_bytes(data) if data.is_dir() else None
    conf = Path(home) / "conf" / "neo4j.conf"
    settings = {}
    if conf.is_file():
        for line in conf.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            if key.strip() in MEMORY:
                settings[key.strip()] = value.strip()
    return {"home": home, "data_mb": None if size is None else round(size / 2**20), "settings": settings}


def _run(side: dict[str, Any], out: Path, requests: int, concurrent: int) -> None:
    command = [sys.executable, str(ROOT / "benchmarks" / "api_bench.py"), "--requests", str(requests),
               "--concurrent-requests", str(concurrent), "--out", str(out)]  # fmt: skip
    subprocess.run(command, env={**os.environ, **side["env"]}, check=True)


def _combine(runs: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    cases = [r["case"] for r in runs["small"][0]["results"]]
    rows = []
    for case in cases:
        row: dict[str, Any] = {"case": case}
        for name, results in runs.items():
            found = [next(r for r in run["results"] if r["case"] == case) for run in results]
            for measure in ("p50_ms", "p95_ms", "rps_c16"):
                row[f"{name}_{measure}"] = round(statistics.median(r[measure] for r in found), 2)
            row[f"{name}_p50_ms_rounds"] = [r["p50_ms"] for r in found]
        for measure in ("p50_ms", "p95_ms"):
            row[f"big_over_small_{measure}"] = round(row[f"big_{measure}"] / row[f"small_{measure}"], 2)
        row["small_over_big_rps_c16"] = round(row["small_rps_c16"] / row["big_rps_c16"], 2)
        rows.append(row)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--small", required=True, help="HOME[:BOLT:HTTP] of the small graph")
    parser.add_argument("--big", required=True, help="HOME[:BOLT:HTTP] of the big graph")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--concurrent-requests", type=int, default=160)
    parser.add_argument("--runs", type=Path, help="combine api_{small,big}_r*.json here instead of measuring")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    sides = {"small": _side(args.small), "big": _side(args.big)}
    folder: Path = args.runs or args.out.parent / "api_scale_runs"
    if args.runs is None:
        folder.mkdir(parents=True, exist_ok=True)
        for r in range(1, args.rounds + 1):
            order = ("small", "big") if r % 2 else ("big", "small")
            for name in order:
                _run(sides[name], folder / f"api_{name}_r{r}.json", args.requests, args.concurrent_requests)
    runs = {name: [json.loads(p.read_text()) for p in sorted(folder.glob(f"api_{name}_r*.json"))] for name in sides}
    if not runs["small"] or len(runs["small"]) != len(runs["big"]):
        parser.error(f"{folder}: no runs, or not as many of each side")
    cases = _combine(runs)
    result = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "commits": sorted({run["commit"] for side in runs.values() for run in side}),
        "rounds": len(runs["small"]),
        "graphs": {name: {**_store(sides[name]["home"]), "dataset": runs[name][0]["dataset"]} for name in sides},
        "load_average": {name: [run["load_average"] for run in runs[name]] for name in sides},
        "requests": {"sequential": args.requests, "c16": args.concurrent_requests},
        "cases": cases,
    }
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    for row in cases:
        p50 = f"p50 {row['small_p50_ms']:>7} -> {row['big_p50_ms']:>7} ms ({row['big_over_small_p50_ms']}x)"
        print(f"{row['case']:<68} {p50}  req/s {row['small_rps_c16']:>6} -> {row['big_rps_c16']:>6}")
    print(f"results written to {args.out}")


if __name__ == "__main__":
    main()
