"""The importer's commands (`peergraph import`, `fingerprint`, `generate`, `import-sample`), registered on the
typer app in peergraph/cli/__init__.py. `peergraph import` exits 0 clean, 1 on a usage or fatal error, 2 when it
finished with rejected lines within --max-bad, 3 when it stopped over --max-bad (ingest/summary.py); `--json`
prints one summary object on stdout."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from neo4j import AsyncDriver
from neo4j.exceptions import Neo4jError
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

# typer 0.29 vendors click and names its usage error nowhere public; pinned with typer by uv.lock.
from typer._click import Context as ClickContext
from typer._click.exceptions import UsageError
from typer.core import TyperCommand

from ingest.importer import DEFAULT_BATCH_SIZE, DEFAULT_MAX_BAD, DEFAULT_REJECTS, ImportOptions, ImportReport
from ingest.parse import KIND_NAMES
from ingest.summary import EXIT_FAILED, exit_code, failure, rejects_by_reason, summary
from peergraph.cli.common import CommandFailed, err, fail, load_settings, out, with_driver

# What Neo4j answers a transaction it ended: past its timeout, or waiting for a lock when that happened.
STOPPED = {"TransactionTimedOut", "TransactionTimedOutClientConfiguration", "LockClientStopped", "Terminated"}
DRY_RUN = "Dry run: nothing was written to the graph"


class SnapshotFormat(StrEnum):
    jsonl = "jsonl"
    parquet = "parquet"


class ImportCommand(TyperCommand):
    """`peergraph import`, whose usage errors exit 1 like its other failures (click's own code for them is 2,
    which this command gives to "finished with rejects")."""

    def parse_args(self, ctx: ClickContext, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except UsageError as exc:
            exc.exit_code = EXIT_FAILED  # click sets it on the class (2); this instance says 1
            raise


def _summary(report: ImportReport, dry_run: bool) -> Table:
    title = f"{DRY_RUN}; what the import would do" if dry_run else "Import"
    table = Table("entity", "created", "updated", "unchanged", "older (skipped)", title=title)
    for kind in KIND_NAMES:
        if kind in report.results:
            r = report.results[kind]
            table.add_row(kind, f"{r.created:,}", f"{r.updated:,}", f"{r.unchanged:,}", f"{r.older:,}")
    table.add_section()
    table.add_row("rejected lines", f"{len(report.rejected):,}", "", "", "")
    return table


def _reasons(report: ImportReport) -> Table:
    table = Table("reason", "lines", "first", title="Rejected lines by reason")
    for code, count, first in rejects_by_reason(report.rejected):
        table.add_row(code, f"{count:,}", f"{first.source}:{first.line}: {first.reason[:160]}")
    return table


def _emit(document: dict[str, Any]) -> None:
    """The summary object, alone on stdout (one line: what a scheduler parses)."""
    typer.echo(orjson.dumps(document).decode())


def import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="JSON-lines files (plain or .gz), Parquet files, folders, OpenAlex snapshot roots (either layout), "
            "merged-id CSV files (.csv, .csv.gz)."
        ),
    ],
    kind: Annotated[
        str | None, typer.Option(help=f"Entity kind of every record ({', '.join(KIND_NAMES)}); default: from ids.")
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Records per transaction.")] = DEFAULT_BATCH_SIZE,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Parse, validate, report; write nothing.")] = False,
    max_bad: Annotated[
        int, typer.Option(min=0, help="Stop (exit 3) when more lines than this are rejected.")
    ] = DEFAULT_MAX_BAD,
    rejects: Annotated[Path, typer.Option(help="Where rejected lines go (JSON lines).")] = Path(DEFAULT_REJECTS),
    allow_missing_parts: Annotated[
        bool, typer.Option("--allow-missing-parts", help="Tolerate snapshot parts the manifest lists but are absent.")
    ] = False,
    progress: Annotated[bool, typer.Option(help="Show a progress bar.")] = True,
    writers: Annotated[
        int | None,
        typer.Option(min=1, max=16, help="Batches written at once (default: PEERGRAPH_IMPORT_WRITERS, 2)."),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON summary object on stdout (no tables, no progress bar).")
    ] = False,
    snapshot_format: Annotated[
        SnapshotFormat | None,
        typer.Option("--format", help="Of a 2026 snapshot holding both copies: which one to read (default jsonl)."),
    ] = None,
) -> None:
    """Import OpenAlex records: idempotent, resumable (re-run the same command after a crash), batch by batch.

    Exits 0 clean, 1 on a usage or fatal error, 2 finished with rejected lines (within --max-bad), 3 stopped
    over --max-bad."""
    from ingest.importer import run_import

    started = time.monotonic()
    try:
        if kind is not None and kind not in KIND_NAMES:
            raise fail(f"--kind must be one of {', '.join(KIND_NAMES)}, not {kind!r}")
        settings = load_settings()
        options = ImportOptions.from_settings(
            settings,
            batch_size=batch_size,
            kind=kind,
            dry_run=dry_run,
            max_bad=max_bad,
            rejects_path=rejects,
            allow_missing_parts=allow_missing_parts,
            format=None if snapshot_format is None else snapshot_format.value,
            writers=writers or settings.import_writers,
        )
        bar = Progress(
            TextColumn("[bold]importing"),
            BarColumn(),
            DownloadColumn(),
            TextColumn("{task.fields[rate]:>8} records/s"),
            TimeRemainingColumn(),
            console=err,
            disable=not progress or as_json,
        )
        task = bar.add_task("import", total=None, rate="-")

        def on_progress(done: int, total: int, records: int) -> None:
            rate = records / max(time.monotonic() - started, 1e-6)
            bar.update(task, completed=done, total=total, rate=f"{rate:,.0f}")

        async def work(driver: AsyncDriver) -> ImportReport:
            with bar:
                try:
                    return await run_import(driver, settings.neo4j_database, paths, options, on_progress)
                except Neo4jError as exc:
                    if exc.code is None or exc.code.rsplit(".", 1)[-1] not in STOPPED:
                        raise
                    raise fail(
                        f"Neo4j stopped an import transaction ({exc.code}): it ran longer than "
                        f"PEERGRAPH_IMPORT_TRANSACTION_TIMEOUT_SECONDS ({options.transaction_timeout:g} s), or an "
                        "operator ended it; the batches committed so far stay, and the same command resumes the import"
                    ) from exc

        report = with_driver(settings, work)
    except CommandFailed as exc:
        if as_json:
            _emit(failure(exc.message, dry_run=dry_run, seconds=time.monotonic() - started))
        raise
    seconds = time.monotonic() - started
    code = exit_code(report)
    for warning in report.warnings:
        err.print(f"[yellow]warning:[/] {warning}", highlight=False, soft_wrap=True)
    problems = [*report.errors, *([report.aborted] if report.aborted else [])]
    for problem in problems:
        err.print(f"[bold red]error:[/] {problem}", highlight=False, soft_wrap=True)
    if as_json:
        _emit(summary(report, dry_run=dry_run, seconds=seconds))
    else:
        _say(report, dry_run, seconds)
    if code:
        raise typer.Exit(code=code)


def _say(report: ImportReport, dry_run: bool, seconds: float) -> None:
    """The terminal's account of an import: what it did per entity, its rejects by reason, what to do next."""
    if report.migrations:
        out.print(f"The database lacked its constraints or indexes: applied {report.migrations} migration statements.")
    if report.files:
        out.print(_summary(report, dry_run))
        resumed = f", {report.batches_resumed} already done by an interrupted run" if report.batches_resumed else ""
        retried = f", {report.retries} retried after a transient error" if report.retries else ""
        batches = "batches checked and rolled back" if dry_run else "batches written"
        out.print(
            f"{report.records:,} lines from {report.files} files in {seconds:.1f} s "
            f"({report.batches_written} {batches}{resumed}{retried})."
        )
    merges = report.merges
    if merges.rows and dry_run:
        out.print(f"Merged ids: {merges.rows:,} read and checked, not applied (dry run).", highlight=False)
    elif merges.rows or merges.folded:
        out.print(
            f"Merged ids: {merges.rows:,} read, {merges.applied:,} applied ({merges.folded:,} nodes folded into "
            f"their survivors), {merges.unchanged:,} applied before, {merges.skipped:,} of kinds the graph does not "
            "merge.",
            highlight=False,
        )
    if report.rejected:
        out.print(_reasons(report))
    if report.rejects_path is not None:
        out.print(f"{len(report.rejected):,} rejected lines written to {report.rejects_path}", highlight=False)
    if dry_run:
        out.print(f"{DRY_RUN} (every batch ran in a transaction that was rolled back).", highlight=False)


def fingerprint_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")] = False,
) -> None:
    """Print node counts by label, relationship counts by type and a stable hash of the graph's content."""
    from ingest.fingerprint import fingerprint

    settings = load_settings()
    timeout = settings.admin_query_timeout_seconds
    result = with_driver(settings, lambda d: fingerprint(d, settings.neo4j_database, timeout))
    if as_json:
        out.print_json(orjson.dumps(result.as_dict()).decode())
        return
    nodes = Table("labels", "nodes", title="Nodes")
    for label, count in result.nodes.items():
        nodes.add_row(label, f"{count:,}")
    rels = Table("type", "relationships", title="Relationships")
    for rel, count in result.relationships.items():
        rels.add_row(rel, f"{count:,}")
    out.print(nodes, rels)
    out.print(f"hash {result.digest}")


def import_sample_command(
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Only when the graph holds no works or authors.")
    ] = False,
) -> None:
    """Load the bundled OpenAlex sample (data/sample/) into the graph."""
    from ingest.sample import load_files, sample_files
    from ingest.writer import count_entities

    settings = load_settings()

    async def work(driver: AsyncDriver) -> ImportReport | None:
        timeout = settings.import_transaction_timeout_seconds
        if if_empty and await count_entities(driver, settings.neo4j_database, timeout) > 0:
            return None
        return await load_files(driver, settings.neo4j_database, sample_files(), settings=settings)

    report = with_driver(settings, work)
    if report is None:
        out.print("The graph already holds data; the sample is not loaded again.")
        return
    out.print(_summary(report, dry_run=False))


def generate_command(
    out_dir: Annotated[Path, typer.Argument(help="Directory for the generated .jsonl.gz files.")],
    works: Annotated[int, typer.Option(min=1, help="How many works.")] = 10_000,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed writes the same files.")] = 1,
    merges: Annotated[
        int, typer.Option(min=0, help="Also write merged-id files: this many author and work merges (and a chain).")
    ] = 0,
) -> None:
    """Write OpenAlex-shaped JSON lines shaped like the real sample (for benchmarks), deterministic per seed."""
    from ingest.generate import generate

    started = time.monotonic()
    counts = generate(works, seed, out_dir, merges)
    summary = ", ".join(f"{n:,} {name}" for name, n in counts.items())
    out.print(f"Wrote {summary} to {out_dir} in {time.monotonic() - started:.1f} s.", highlight=False)
