"""`peergraph bulk-import`: OpenAlex files into an empty database through neo4j-admin (ingest/bulk/), registered on
the typer app in peergraph/cli/__init__.py. Exits 0 clean, 1 when refused or failed (nothing loaded), 2 when it
loaded with rejected lines within --max-bad."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import orjson
import typer

from ingest.importer import DEFAULT_MAX_BAD, ImportOptions
from peergraph.cli.common import err, fail, load_settings, out


def bulk_import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="JSON-lines files (plain or .gz), folders, OpenAlex snapshot roots: as `peergraph import`."
        ),
    ],
    max_bad: Annotated[int, typer.Option(min=0, help="Rejected lines tolerated before nothing is loaded.")] = (
        DEFAULT_MAX_BAD
    ),
    rejects: Annotated[Path | None, typer.Option(help="Where rejected lines go (JSON lines).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one summary object on stdout.")] = False,
) -> None:
    """Load OpenAlex files into the EMPTY database of the project's own Neo4j, through neo4j-admin's bulk importer
    (the server is stopped for the load and started again, migrated); the graph equals `peergraph import`'s."""
    from ingest.bulk.load import BulkRefused, bulk_import

    settings = load_settings()
    options = ImportOptions.from_settings(settings, max_bad=max_bad, rejects_path=rejects)
    try:
        report = bulk_import(settings, paths, options, say=lambda line: err.print(line, highlight=False))
    except BulkRefused as exc:
        raise fail(str(exc)) from exc
    output = report.output
    summary = {
        "files": report.files,
        "records": report.records,
        "rejected": len(report.rejected),
        "outcomes": report.outcomes,
        "rows": output.counts if output else {},
        "phases": report.phases,
        "steps": report.steps,
        "csvBytes": report.csv_bytes,
        "storeBytes": report.store_bytes,
        "merges": {"applied": report.merges.applied, "folded": report.merges.folded},
    }
    if as_json:
        typer.echo(orjson.dumps(summary).decode())
    else:
        total = sum(report.phases.values())
        out.print(
            f"Bulk-loaded {report.records:,} records from {report.files} files in {total:.1f} s "
            f"(store {report.store_bytes / 1e6:,.0f} MB); {len(report.rejected)} rejected lines."
        )
    if report.rejected:
        raise typer.Exit(code=2)
