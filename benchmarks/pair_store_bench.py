"""What a bulk load's store would cost with the kept AUTHOR and INSTITUTION pairs as relationships instead of nodes.

Today each kept pair is a `_FacetCount` node (ingest/facet_counts.py): 45M of the 47M count nodes at 1M generated
works, which neo4j-admin writes and the migrations' `facet_count_key` constraint and `(facet, works, key)` index
are built over (most of the load's migrate step, benchmarks/results/import.json). The other store measured here
keeps each pair as one relationship between its two parties, `(:Author)-[:_AUTHOR_PAIR {works, citedByCount,
openAccessCount}]->(:Author)` (and `_INSTITUTION_PAIR` between institutions), found from either party by a walk,
with a relationship index on `works` for the most-shared-first read, and no constraint over them; the keyed store
carries the pair's key on the relationship too and indexes `(works, key)`, which also reads the pairs tied at a
count in key order, as the count nodes' `(facet, works, key)` index does for collaborations_counts.cypher.

Nothing of the product changes: the CSV files of the inputs are written once (`write_csv`, the bulk load's own);
the pair count files are rewritten as relationship files; then per round each store in turn (the first rotating)
goes into a fresh Neo4j home: neo4j-admin import, start, the migrations, and for the relationships their indexes.
Written to benchmarks/results/pair_store.json under `--name`: each phase's seconds, the store's size on disk, the
count nodes and pair relationships loaded, the load averages. The readers and the importers of such a store are not
built; this measures what the load would gain.

    .venv/bin/python benchmarks/pair_store_bench.py --work /tmp/pairs --rounds 2 --name 100k data/sample/ /tmp/gen100k
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, LiteralString

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.bulk.graph import Output  # noqa: E402
from ingest.bulk.load import BulkReport, admin_arguments, tree_bytes, write_csv  # noqa: E402
from ingest.facet_counts import PAIR, PAIR_LABELS  # noqa: E402
from ingest.importer import ImportOptions  # noqa: E402
from peergraph.db.migrations import apply_migrations  # noqa: E402
from peergraph.db.target import async_driver, local_server  # noqa: E402
from peergraph.settings import Settings  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "pair_store.json"
STORES = ("pair_nodes", "pair_relationships", "pair_relationships_keyed")
# a pair facet's extra label → (the parties' label, the relationship type it becomes)
AS_RELATIONSHIPS = {
    PAIR_LABELS["AUTHOR_PAIR"]: ("Author", "_AUTHOR_PAIR"),
    PAIR_LABELS["INSTITUTION_PAIR"]: ("Institution", "_INSTITUTION_PAIR"),
}
# each relationship type's statements: its index on works (or on works and key, for the keyed store), its count
STATEMENTS: dict[str, tuple[LiteralString, LiteralString, LiteralString]] = {
    "_AUTHOR_PAIR": (
        "CREATE INDEX author_pair_works IF NOT EXISTS FOR ()-[r:_AUTHOR_PAIR]-() ON (r.works)",
        "CREATE INDEX author_pair_works_key IF NOT EXISTS FOR ()-[r:_AUTHOR_PAIR]-() ON (r.works, r.key)",
        "MATCH ()-[r:_AUTHOR_PAIR]->() RETURN count(r) AS n, count(r.key) AS keyed",
    ),
    "_INSTITUTION_PAIR": (
        "CREATE INDEX institution_pair_works IF NOT EXISTS FOR ()-[r:_INSTITUTION_PAIR]-() ON (r.works)",
        "CREATE INDEX institution_pair_works_key IF NOT EXISTS FOR ()-[r:_INSTITUTION_PAIR]-() ON (r.works, r.key)",
        "MATCH ()-[r:_INSTITUTION_PAIR]->() RETURN count(r) AS n, count(r.key) AS keyed",
    ),
}
RELATIONSHIP_HEADER = "\t".join(
    [":START_ID({label})", ":END_ID({label})", "works:long", "citedByCount:long", "openAccessCount:long"]
)


def _relationship_files(csv: Path, output: Output, *, keyed: bool) -> tuple[Output, dict[str, int]]:
    """The same files with each pair facet's count file rewritten as relationships (pair rows; `keyed`: with the
    pair's key too) and a count file of its other rows (none was seen: the works past MAX_PARTIES count under the
    facet's file of sums)."""
    rewritten = Output(relationships=list(output.relationships), multiline=output.multiline)
    moved: dict[str, int] = {}
    for labels, header, data in output.nodes:
        extra = labels.partition(":")[2]
        if extra not in AS_RELATIONSHIPS:
            rewritten.nodes.append((labels, header, data))
            continue
        label, rel_type = AS_RELATIONSHIPS[extra]
        stem = csv / f"pairs-{rel_type}{'-keyed' if keyed else ''}"
        rel_header, rel_data, left = Path(f"{stem}.header.tsv"), Path(f"{stem}.tsv"), Path(f"{stem}-left.tsv")
        extra_column = "\tkey:string" if keyed else ""
        rel_header.write_text(RELATIONSHIP_HEADER.format(label=label) + extra_column + "\n", encoding="utf-8")
        pairs = 0
        with data.open(encoding="utf-8") as rows, rel_data.open("w") as out, left.open("w") as rest:
            for line in rows:
                _, key, works, cited, oa = line.rstrip("\n").split("\t")
                a, separator, b = key.strip('"').partition(PAIR)
                if separator:
                    out.write(f'"{a}"\t"{b}"\t{works}\t{cited}\t{oa}' + (f"\t{key}\n" if keyed else "\n"))
                    pairs += 1
                else:
                    rest.write(line)
        moved[rel_type] = pairs
        rewritten.nodes.append((labels, header, left))
        rewritten.relationships.append((rel_type, rel_header, rel_data))
    return rewritten, moved


async def _after_start(settings: Settings, result: dict[str, Any], rel_types: list[str], keyed: bool) -> None:
    driver = async_driver(settings)
    database = settings.neo4j_database
    try:
        steps: dict[str, float] = {}
        began = time.monotonic()
        await apply_migrations(driver, database, 3600, timings=steps)
        result["migrate"] = round(time.monotonic() - began, 1)
        result["facet_count_key"] = steps.get("migrate facet_count_key")
        began = time.monotonic()
        for rel_type in rel_types:
            await driver.execute_query(STATEMENTS[rel_type][1 if keyed else 0], database_=database)
        await driver.execute_query("CALL db.awaitIndexes(3600)", database_=database)
        result["pair_indexes"] = round(time.monotonic() - began, 1)
        records, _, _ = await driver.execute_query("MATCH (c:_FacetCount) RETURN count(c) AS n", database_=database)
        result["count_nodes"] = records[0]["n"]
        for rel_type in rel_types:
            records, _, _ = await driver.execute_query(STATEMENTS[rel_type][2], database_=database)
            result[f"relationships_{rel_type}"] = records[0]["n"]
            result[f"keyed_{rel_type}"] = records[0]["keyed"]  # with their key (the keyed store: every one)
    finally:
        await driver.close()


def _load(work: Path, store: str, output: Output, rel_types: list[str]) -> dict[str, Any]:
    """One store into a fresh home on ports of its own: neo4j-admin, start, migrations (and the pair indexes)."""
    home = work / f"home-{store}"
    shutil.rmtree(home, ignore_errors=True)
    os.environ.update(
        PEERGRAPH_NEO4J_HOME=str(home), PEERGRAPH_NEO4J_BOLT_PORT="7689", PEERGRAPH_NEO4J_HTTP_PORT="7476"
    )
    settings = Settings()
    server = local_server(settings)
    result: dict[str, Any] = {"store": store, "load_average_before": list(os.getloadavg())}
    args = admin_arguments(output, settings.neo4j_database, settings, work / f"import-{store}.report")
    try:
        began = time.monotonic()
        server.admin(args, heap=settings.bulk_import_heap)
        result["neo4j_admin"] = round(time.monotonic() - began, 1)
        began = time.monotonic()
        server.start()
        result["start"] = round(time.monotonic() - began, 1)
        asyncio.run(_after_start(settings, result, rel_types, store.endswith("_keyed")))
        result["store_mb"] = round(tree_bytes(home / "data") / 2**20)
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)
    result["total"] = round(result["neo4j_admin"] + result["start"] + result["migrate"] + result["pair_indexes"], 1)
    result["load_average_after"] = list(os.getloadavg())
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="+", type=Path)
    parser.add_argument("--work", type=Path, required=True, help="scratch folder: the CSV files and the homes")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--name", required=True, help="the run's name in the results file")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument(
        "--stores", nargs="+", default=list(STORES), choices=STORES, help="which stores to load (default: all)"
    )
    args = parser.parse_args()
    csv = args.work / "csv"
    shutil.rmtree(csv, ignore_errors=True)
    began = time.monotonic()
    output, merged = write_csv(args.inputs, csv, ImportOptions(), BulkReport())
    if merged:
        parser.error("merged-id files are folded after a load: this measures inputs without them")
    csv_seconds = round(time.monotonic() - began, 1)
    stores: dict[str, tuple[Output, list[str]]] = {}
    moved: dict[str, int] = {}
    for name in args.stores:  # only the files the stores asked for are rewritten
        if name == "pair_nodes":
            stores[name] = (output, [])
        else:
            rewritten, moved = _relationship_files(csv, output, keyed=name.endswith("_keyed"))
            stores[name] = (rewritten, sorted(moved))
    runs = []
    for round_number in range(1, args.rounds + 1):
        first = (round_number - 1) % len(stores)  # the first store rotates
        order = list(stores)[first:] + list(stores)[:first]
        for store in order:
            result = {"round": round_number, **_load(args.work, store, *stores[store])}
            print(json.dumps(result), flush=True)
            runs.append(result)
    shutil.rmtree(csv, ignore_errors=True)
    results = json.loads(args.out.read_text()) if args.out.exists() else {}
    results[args.name] = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "inputs": [str(p) for p in args.inputs],
        "csv_seconds": csv_seconds,
        "pairs_as_relationships": moved,
        "runs": runs,
    }
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"results written to {args.out}")


if __name__ == "__main__":
    main()
