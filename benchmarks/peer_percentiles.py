"""p50 / p95 / p99 per operation and side from a side-by-side run's load.json (benchmarks/peer_bench.sh).

The harness's report (table.md) gives p50 and p95; this adds p99 (each the mean over the rounds, as the report
averages), at c=16 and c=1, with the run's load average. Written next to load.json as percentiles.md.

    .venv/bin/python benchmarks/peer_percentiles.py benchmarks/results/peer/load.json
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path
from statistics import fmean
from typing import Any


def table(load: dict[str, Any]) -> str:
    cells: dict[tuple[str, str], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for run in load["runs"]:
        for level in ("c16", "c1"):
            for q in ("p50", "p95", "p99"):
                cells[(run["case"], run["side"])][f"{level} {q}"].append(run[level][q])
    before, after = load["load_average"]["before"], load["load_average"]["after"]
    lines = [
        f"load average (1/5/15 min) before {'/'.join(map(str, before))}, after {'/'.join(map(str, after))}",
        "",
        "| operation | side | c16 p50 / p95 / p99 ms | c1 p50 / p95 / p99 ms |",
        "| --- | --- | --- | --- |",
    ]
    for (case, side), values in cells.items():
        c16 = " / ".join(f"{fmean(values[f'c16 {q}']):.1f}" for q in ("p50", "p95", "p99"))
        c1 = " / ".join(f"{fmean(values[f'c1 {q}']):.1f}" for q in ("p50", "p95", "p99"))
        lines.append(f"| {case} | {side} | {c16} | {c1} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    path = Path(argv[0])
    try:
        load = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as error:
        print(f"{path}: {error}", file=sys.stderr)
        return 1
    out = path.with_name("percentiles.md")
    out.write_text(table(load))
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
