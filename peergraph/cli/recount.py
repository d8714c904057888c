"""`peergraph recount`: rebuild worksGroupBy's precomputed counts (ingest/facet_counts.py) from the graph.

The importer keeps them batch by batch; a graph imported before they were kept (an existing dev database) has
none, and worksGroupBy counts it live (seconds at 100k works) until this is run. Idempotent: the counts are
deleted and counted again, never added to. Run it while nothing imports into the graph.
"""

from __future__ import annotations

import time
from typing import Annotated

import orjson
import typer

from peergraph.cli.common import load_settings, out, with_driver


def recount_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object instead of a sentence.")] = False,
) -> None:
    """Count worksGroupBy's precomputed facet counts again from the whole graph (idempotent)."""
    from ingest.facet_counts import recount  # the importer's modules load with the command, not every command

    settings = load_settings()
    timeout = settings.admin_query_timeout_seconds
    started = time.monotonic()
    counts = with_driver(settings, lambda d: recount(d, settings.neo4j_database, timeout))
    seconds = round(time.monotonic() - started, 2)
    if as_json:
        out.print_json(orjson.dumps({"counts": counts, "durationSeconds": seconds}).decode())
        return
    out.print(f"Recounted the facet counts: {counts:,} (facet, key) counts in {seconds} s.")
