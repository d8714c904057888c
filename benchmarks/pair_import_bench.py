"""What keeping the INSTITUTION and AUTHOR pair counts costs an import: A/B, interleaved, on one Neo4j.

Each round imports the bundled sample plus `--works` generated works (seed 1) into the configured Neo4j (its
database is WIPED) once per arm, through the real importer: keeping every facet of ingest/facet_counts.py (`with`),
without INSTITUTION_PAIR and AUTHOR_PAIR (`without`: the facets as they were before these were kept), and, with
`--arms with,without-author,without`, without AUTHOR_PAIR alone (`without-author`: an upper bound on what a store
keeping only the AUTHOR pairs of two or more works, benchmarks/pair_shares.py, would give the importer), the order
turning by round. Reports each import's seconds, the ratios, the count rows per facet and the load average around
each import, into benchmarks/results/pair_import.json (or `--out`).

    .venv/bin/python benchmarks/pair_import_bench.py [--works 5000] [--rounds 2] [--arms with,without] [--out F]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest import facet_counts  # noqa: E402
from ingest.generate import generate  # noqa: E402
from ingest.sample import load_files, sample_files  # noqa: E402
from peergraph.db.target import async_driver  # noqa: E402
from peergraph.settings import get_settings  # noqa: E402
from tests.support import wipe  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "pair_import.json"
ARMS: dict[str, tuple[str, ...]] = {  # each arm's facets left out
    "with": (),
    "without-author": ("AUTHOR_PAIR",),
    "without": ("INSTITUTION_PAIR", "AUTHOR_PAIR"),
}
ALL = (facet_counts.FACETS, facet_counts.UNLOCKED, facet_counts.LOCKED, facet_counts.OWN_PAIRS)


def keep(dropped: tuple[str, ...]) -> None:
    """The importer's facets without `dropped` (the module's own tuples, which it reads per call; OWN_PAIRS too:
    a work batch adds those from its own rows, `facet_counts.add_pairs`)."""
    facets, unlocked, locked, own = (tuple(f for f in t if f not in dropped) for t in ALL)
    facet_counts.FACETS, facet_counts.UNLOCKED, facet_counts.LOCKED, facet_counts.OWN_PAIRS = (
        facets,
        unlocked,
        locked,
        own,
    )


async def once(files: list[Path], arm: str) -> dict[str, Any]:
    settings = get_settings()
    driver = async_driver(settings)
    try:
        await wipe(driver)
        keep(ARMS[arm])
        load = os.getloadavg()
        started = time.perf_counter()
        await load_files(driver, settings.neo4j_database, files)
        seconds = time.perf_counter() - started
        records, _, _ = await driver.execute_query(
            "MATCH (c:_FacetCount) RETURN c.facet AS facet, count(*) AS n ORDER BY facet",
            database_=settings.neo4j_database,
        )
        rows = {r["facet"]: r["n"] for r in records}
    finally:
        keep(())
        await driver.close()
    return {
        "arm": arm,
        "seconds": round(seconds, 1),
        "load_average": {"before": [round(x, 2) for x in load], "after": [round(x, 2) for x in os.getloadavg()]},
        "count_rows": sum(rows.values()),
        "rows_by_facet": rows,
    }


async def rounds(files: list[Path], count: int, arms: list[str]) -> list[dict[str, Any]]:
    runs: list[dict[str, Any]] = []
    for r in range(count):
        for arm in arms[r % len(arms) :] + arms[: r % len(arms)]:  # each round starts one arm later
            run = await once(files, arm)
            runs.append(run)
            print(f"round {r + 1} {run['arm']:7} {run['seconds']:7.1f} s  {run['count_rows']:,} rows "
                  f"load {run['load_average']['before'][0]}", flush=True)  # fmt: skip
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--works", type=int, default=5000, help="generated works besides the sample")
    parser.add_argument("--rounds", type=int, default=2, help="rounds of every arm, the order turning by round")
    parser.add_argument("--arms", default="with,without", help=f"a comma-separated list of {', '.join(ARMS)}")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    names = args.arms.split(",")
    if "with" not in names or any(name not in ARMS for name in names):
        parser.error(f"--arms: `with` and any of {', '.join(ARMS)}")
    with tempfile.TemporaryDirectory() as tmp:
        generate(args.works, 1, Path(tmp))
        runs = asyncio.run(rounds([*sample_files(), *sorted(Path(tmp).glob("*.jsonl.gz"))], args.rounds, names))
    arms = {arm: [r["seconds"] for r in runs if r["arm"] == arm] for arm in names}
    medians = {arm: statistics.median(s) for arm, s in arms.items()}
    summary = {
        "median_seconds": medians,
        **{f"ratio_with_over_{arm}": round(medians["with"] / medians[arm], 3) for arm in names if arm != "with"},
    }
    print(summary)
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "commit": commit.stdout.strip(),
                "dataset": f"the sample plus {args.works:,} generated works (seed 1), batches of 1,000, 2 writers",
                "machine": {"cpus": os.cpu_count()},
                "summary": summary,
                "runs": runs,
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
