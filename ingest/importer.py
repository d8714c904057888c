"""The batch importer: input files → validated rows → batches written by `ingest.writer`, with a ledger.

Reading and parsing run in a worker thread ahead of the writers, so Python's JSON work overlaps Neo4j's, and up
to `writers` batches are written at once, each in its own transaction (Neo4j runs a transaction on one core:
two writers use both). Concurrent batches are safe: a batch holding a record id that a batch in flight also
holds waits for it (so the updated_date rule always compares with a committed version), nodes shared between
batches (stub authors, institutions, topics, sources) are merged under their uniqueness constraints and keep
what the newest record naming them says (`stubSeen`, whatever the commit order), rows are written in id order
so that locks are taken in one order, and a deadlock between two batches is a transient error the driver
retries. A work batch is never in flight beside a topic, institution or source batch (`_apart`: the facet counts
those nodes derive could miss it). The result is the graph, and the counts, one writer gives
(tests/ingest/test_concurrent_writers.py).

Every bad line goes to the rejects file with its source file, line number, reason and raw text (at most its
first 64 KiB, `truncated` says when cut); when more than `max_bad` lines are rejected the run stops (what was
committed stays, and the ledger lets the same command resume). A record over one of the size bounds
(ingest/limits.py) is a rejected line like any other. A file that cannot be read is reported and the other files
are imported; the report then holds the error, and the command exits non-zero. Snapshot parts are checked
against their manifest's record counts.

Before its first write an import applies the schema migrations when the database lacks what they create
(`ensure_migrated`, the code `peergraph migrate` runs); every transaction it opens is bounded by
`transaction_timeout` seconds on the server.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any

import orjson
from neo4j import AsyncDriver
from neo4j.exceptions import DatabaseError

from ingest.facet_counts import DERIVED
from ingest.ledger import Ledger, batch_key, run_id
from ingest.limits import RecordLimits
from ingest.merges import MergeFileError, MergeResult, apply_merge_files, refold
from ingest.parse import parse_line, parse_record
from ingest.reader import KEEP_BYTES, KIND_ORDER, InputError, InputFile, Line, discover, read_rows
from ingest.records import RecordError, Row
from ingest.writer import BatchResult, flag_citations_pending, link_citations, write_batch
from peergraph.db.migrations import ensure_migrated, missing_objects
from peergraph.settings import Settings, setting_default

DEFAULT_BATCH_SIZE = 1000
DEFAULT_WRITERS = 2
DEFAULT_LEDGER_DAYS = 7
DEFAULT_MAX_BAD = 10
DEFAULT_REJECTS = "peergraph-rejects.jsonl"
CONSTRAINT_CREATION_FAILED = "Neo.DatabaseError.Schema.ConstraintCreationFailed"
Progress = Callable[[int, int, int], None]  # (bytes done, bytes total, records read)


@dataclass
class ImportOptions:
    batch_size: int = DEFAULT_BATCH_SIZE
    kind: str | None = None
    dry_run: bool = False
    max_bad: int = DEFAULT_MAX_BAD
    rejects_path: Path | None = None
    allow_missing_parts: bool = False
    format: str | None = None  # of a snapshot that holds both copies: "jsonl" (the default) or "parquet"
    writers: int = DEFAULT_WRITERS
    ledger_days: int = DEFAULT_LEDGER_DAYS  # abandoned runs' ledger entries older than this are deleted
    limits: RecordLimits = field(default_factory=RecordLimits.from_settings)
    transaction_timeout: float = field(default_factory=lambda: setting_default("import_transaction_timeout_seconds"))
    migration_timeout: float = field(default_factory=lambda: setting_default("admin_query_timeout_seconds"))

    @classmethod
    def from_settings(cls, settings: Settings, **options: Any) -> ImportOptions:
        """The options the settings give (writers, ledger days, bounds, timeouts), with `options` on top."""
        given = cls(
            writers=settings.import_writers,
            ledger_days=settings.import_ledger_days,
            limits=RecordLimits.from_settings(settings),
            transaction_timeout=settings.import_transaction_timeout_seconds,
            migration_timeout=settings.admin_query_timeout_seconds,
        )
        return replace(given, **options)


@dataclass(frozen=True)
class Reject:
    source: str
    line: int
    reason: str
    raw: str  # at most KEEP_BYTES of it
    truncated: bool = False
    code: str = "invalid_record"  # the reason's kind (RecordError.code): the summary counts rejects by it

    @classmethod
    def of(
        cls, source: str, line: int, error: RecordError, raw: bytes | bytearray, length: int | None = None
    ) -> Reject:
        """A reject whose raw text is cut to KEEP_BYTES (`length`: the full line's, when `raw` is a part)."""
        kept = raw[:KEEP_BYTES]
        truncated = len(kept) < (length if length is not None else len(raw.rstrip(b"\r\n")))
        text = kept.decode("utf-8", "replace").rstrip("\r\n")
        return cls(source, line, str(error), text, truncated, error.code)

    def as_json(self) -> bytes:
        return orjson.dumps(
            {
                "source": self.source,
                "line": self.line,
                "code": self.code,
                "reason": self.reason,
                "raw": self.raw,
                "truncated": self.truncated,
            }
        )


@dataclass
class ImportReport:
    results: dict[str, BatchResult] = field(default_factory=dict)
    rejected: list[Reject] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: int = 0
    records: int = 0
    batches_written: int = 0
    batches_resumed: int = 0  # already in the ledger from an interrupted run of the same command
    aborted: str | None = None
    over_max_bad: bool = False  # the run stopped because more lines than --max-bad were rejected
    rejects_path: Path | None = None
    migrations: int = 0  # migration statements applied before the first write (0: the schema was in place)
    merges: MergeResult = field(default_factory=MergeResult)

    def result(self, kind: str) -> BatchResult:
        return self.results.setdefault(kind, BatchResult())

    @property
    def retries(self) -> int:
        """Write transactions retried after a transient error (a deadlock between batches, a leader switch)."""
        return sum(r.retries for r in self.results.values())

    @property
    def ok(self) -> bool:
        return not self.errors and self.aborted is None


@dataclass
class _Batch:
    kind: str
    rows: list[Row]
    key: str


@dataclass
class _Chunk:
    """What the reader thread hands the writer: at most one batch, the rejects and progress since the last."""

    file: InputFile
    batch: _Batch | None
    rejects: list[Reject]
    position: int  # bytes of this file read so far, -1 when unknown
    lines: int
    done: bool = False
    file_lines: int = 0
    error: str | None = None


def _chunks(files: Sequence[InputFile], options: ImportOptions) -> Generator[_Chunk, None, None]:
    size = options.batch_size
    for file in files:
        pending: dict[str, tuple[int, list[Row]]] = {}
        rejects: list[Reject] = []
        count = lines = 0
        position = -1
        error = None
        try:
            for line in read_rows(file, options.limits.line_bytes):
                count += 1
                lines += 1
                position = line.position if line.position >= 0 else position
                try:
                    kind, row = parse_input(line, options)
                except RecordError as exc:
                    raw = line.raw if line.record is None else orjson.dumps(line.record, default=str)
                    rejects.append(Reject.of(file.label, line.number, exc, raw, line.length or None))
                else:
                    first, rows = pending.setdefault(kind, (line.number, []))
                    rows.append(row)
                    if len(rows) >= size:
                        del pending[kind]
                        yield _Chunk(file, _Batch(kind, rows, batch_key(file, kind, first)), rejects, position, lines)
                        rejects, lines = [], 0
                        continue
                if lines >= size:
                    yield _Chunk(file, None, rejects, position, lines)
                    rejects, lines = [], 0
        except InputError as exc:
            error = str(exc)
        for kind, (first, rows) in pending.items():
            yield _Chunk(file, _Batch(kind, rows, batch_key(file, kind, first)), rejects, position, lines)
            rejects, lines = [], 0
        yield _Chunk(file, None, rejects, file.size, lines, done=True, file_lines=count, error=error)


def parse_input(line: Line, options: ImportOptions) -> tuple[str, Row]:
    """One read line (JSON text, or a Parquet row already decoded) as (kind, row); RecordError to reject it."""
    if line.too_long:
        raise RecordError(options.limits.line_reason(line.length), "line_too_long")
    if line.record is not None:
        return parse_record(line.record, options.limits, options.kind)
    return parse_line(line.raw, options.limits, options.kind)


class _RejectsFile:
    """The rejects file, created on the first reject (a clean run leaves none behind)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    @property
    def opened(self) -> bool:
        return self._handle is not None

    def handle(self) -> IO[bytes]:
        if self._handle is None:
            self._handle = self.path.open("wb")
        return self._handle

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()


def _apart(one: str, other: str) -> bool:
    """Whether batches of these kinds must not be in flight together: a work batch and a batch of a node kind that a
    derived facet reads (facet_counts.DERIVED). Such a batch decides which facets to recount from what it reads of
    its nodes before and after its upsert, and a new node changes nothing; beside it a work batch could create one
    of those nodes as a stub (uncommitted: the batch read nothing), count its works under the stub's values, and
    commit before the batch wrote its record over the stub: counted under the stub's subfield, recounted under the
    record's (the sample + 5,000 generated works, 2 writers: DOMAIN unknown 5,034 kept vs 5,143 recounted, once in
    six runs; tests/ingest/test_concurrent_writers.py forces it). They are a few batches at the kinds' borders."""
    return "work" in (one, other) and (one in DERIVED or other in DERIVED)


class _Run:
    def __init__(self, driver: AsyncDriver, database: str, options: ImportOptions, progress: Progress | None) -> None:
        self.driver, self.database, self.options, self.progress = driver, database, options, progress
        self.report = ImportReport()
        self.in_flight: dict[asyncio.Task[BatchResult], tuple[str, frozenset[str]]] = {}  # task → (kind, ids)
        self.citations_flagged = False

    def _collect(self, done: set[asyncio.Task[BatchResult]]) -> None:
        for task in done:
            kind, _ = self.in_flight.pop(task)
            self.report.result(kind).add(task.result())  # a failed write raises here
            self.report.batches_written += 1

    async def _wait(self, room: int, kind: str, ids: frozenset[str]) -> None:
        """Wait until at most `room` writes are in flight, none of them holds one of these records, and none is of a
        kind kept `_apart` from this one."""

        def overlapping() -> bool:
            return any(
                (k == kind and not ids.isdisjoint(held)) or _apart(k, kind) for k, held in self.in_flight.values()
            )

        while len(self.in_flight) > room or overlapping():
            done, _ = await asyncio.wait(self.in_flight, return_when=asyncio.FIRST_COMPLETED)
            self._collect(done)

    async def _drain(self) -> None:
        """Let every write in flight finish (they commit or fail on their own); the first failure is raised."""
        if self.in_flight:
            await asyncio.wait(self.in_flight)
            self._collect(set(self.in_flight))

    async def _start(self, batch: _Batch, ledger: Ledger | None) -> None:
        ids = frozenset(row["id"] for row in batch.rows)
        await self._wait(max(self.options.writers, 1) - 1, batch.kind, ids)
        if batch.kind == "work" and not self.citations_flagged and not self.options.dry_run:
            await flag_citations_pending(self.driver, self.database, self.options.transaction_timeout)
            self.citations_flagged = True
        mark = ledger.mark(batch.key) if ledger is not None else None
        write = write_batch(
            self.driver,
            self.database,
            batch.kind,
            batch.rows,
            mark=mark,
            dry_run=self.options.dry_run,
            flag_citations=False,
            tx_timeout=self.options.transaction_timeout,
        )
        self.in_flight[asyncio.create_task(write)] = (batch.kind, ids)

    async def run(self, files: list[InputFile], ledger: Ledger | None, rejects_out: Callable[[], IO[bytes]]) -> None:
        report, options = self.report, self.options
        total = sum(f.size for f in files)
        done_bytes = 0
        chunks = _chunks(files, options)
        # One chunk is read ahead while the current one waits for a writer, so that a finished write finds the
        # next batch parsed and both writers stay busy; memory stays bounded by one batch more.
        ahead = asyncio.ensure_future(asyncio.to_thread(next, chunks, None))
        try:
            while (chunk := await ahead) is not None:
                ahead = asyncio.ensure_future(asyncio.to_thread(next, chunks, None))
                report.records += chunk.lines
                if chunk.rejects and self._reject(chunk.rejects, rejects_out):
                    break
                if chunk.batch is not None:
                    if ledger is not None and chunk.batch.key in ledger.done:
                        report.batches_resumed += 1
                    else:
                        await self._start(chunk.batch, ledger)
                if chunk.done:
                    report.files += 1
                    done_bytes += chunk.file.size
                    self._check_file(chunk)
                if self.progress is not None:
                    here = done_bytes if chunk.done else done_bytes + max(chunk.position, 0)
                    self.progress(here, total, report.records)
        finally:
            # The reader thread may be inside the generator: let it finish its chunk before closing it.
            await asyncio.gather(ahead, return_exceptions=True)
            chunks.close()
            await self._drain()

    def _reject(self, rejects: list[Reject], rejects_out: Callable[[], IO[bytes]]) -> bool:
        """Record rejects; True (and the run is aborted) when one of them goes over --max-bad."""
        out = rejects_out()
        for reject in rejects:
            out.write(reject.as_json() + b"\n")
            self.report.rejected.append(reject)
            if len(self.report.rejected) > self.options.max_bad:
                self.report.over_max_bad = True
                self.report.aborted = (
                    f"more than --max-bad {self.options.max_bad} rejected lines; stopped at "
                    f"{reject.source}:{reject.line} (batches written so far stay; a re-run finds them unchanged)"
                )
                return True
        return False

    async def finish(self, merged: Sequence[Path], ledger: Ledger | None, rejects_out: Callable[[], IO[bytes]]) -> None:
        """After the records: the citation pass, the ledger's end, the merged ids (their bad lines rejected like
        records'), then the merged ids that are nodes again folded once more."""
        report, options = self.report, self.options
        timeout = options.transaction_timeout
        if not options.dry_run:
            await link_citations(self.driver, self.database, options.writers, timeout)
            if ledger is not None:
                await ledger.finish(self.driver, self.database, options.ledger_days, timeout)

        def rejected(path: Path, number: int, error: RecordError, raw: str) -> bool:
            return self._reject([Reject.of(str(path), number, error, raw.encode())], rejects_out)

        if merged:
            try:
                report.merges = await apply_merge_files(
                    self.driver, self.database, merged, rejected, dry_run=options.dry_run, tx_timeout=timeout
                )
            except MergeFileError as exc:
                report.errors.append(str(exc))
            report.files += len(merged)
        if not options.dry_run and report.aborted is None:
            report.merges.folded += await refold(self.driver, self.database, timeout)

    def _check_file(self, chunk: _Chunk) -> None:
        if chunk.error is not None:
            self.report.errors.append(chunk.error)
        elif chunk.file_lines == 0:
            self.report.warnings.append(f"{chunk.file.label} holds no records")
        expected = chunk.file.expected_records
        if expected is not None and chunk.error is None and chunk.file_lines != expected:
            self.report.errors.append(
                f"{chunk.file.label}: the manifest expects {expected:,} records, the part holds {chunk.file_lines:,}"
            )


async def run_import(
    driver: AsyncDriver,
    database: str,
    paths: Sequence[Path],
    options: ImportOptions,
    progress: Progress | None = None,
) -> ImportReport:
    """Import files and directories. Nothing is written when what was asked for is wrong (a path that does not
    exist, a snapshot's missing parts); a file that cannot be read is reported and the others are imported."""
    found = discover(paths, allow_missing_parts=options.allow_missing_parts, preferred_format=options.format)
    if found.errors:
        return ImportReport(errors=[*found.errors, *found.broken], warnings=found.warnings)
    timeout = options.transaction_timeout
    run = _Run(driver, database, options, progress)
    run.report.warnings.extend(found.warnings)
    run.report.errors.extend(found.broken)
    ledger = None
    if options.dry_run:
        if missing := await missing_objects(driver, database, options.migration_timeout):
            run.report.warnings.append(
                f"the database lacks {len(missing)} of the migrations' constraints and indexes ({missing[0]}, ...): "
                "a real import applies them first; this dry run ran without them"
            )
    else:
        try:
            run.report.migrations = await ensure_migrated(driver, database, options.migration_timeout)
        except DatabaseError as exc:
            if exc.code != CONSTRAINT_CREATION_FAILED:
                raise
            run.report.errors.append(
                f"the migrations could not be applied, so nothing was imported: {exc.message} (the graph holds "
                "duplicates, e.g. from an import that ran before the constraints existed: remove them, or import "
                "into an empty database)"
            )
            return run.report
        ledger = await Ledger.open(driver, database, run_id(found.files, options.batch_size, options.kind), timeout)
    rejects = _RejectsFile(options.rejects_path or Path(DEFAULT_REJECTS))
    try:
        await run.run(found.files, ledger, rejects.handle)
        if run.report.aborted is None:
            await run.finish(found.merged, ledger, rejects.handle)
    finally:
        rejects.close()
    run.report.rejects_path = rejects.path if rejects.opened else None
    return run.report


async def import_records(
    driver: AsyncDriver,
    database: str,
    records: Sequence[object],
    kind: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    options: ImportOptions | None = None,
) -> ImportReport:
    """Import decoded records (the GraphQL mutation's path): the same validation, bounds, migrations check,
    writer and citation pass as files. Rejects carry the record's index in `line` (0-based) and source "records".
    `options` gives the bounds and timeouts (default: the settings' defaults)."""
    options = options or ImportOptions()
    report = ImportReport(records=len(records))
    rows: dict[str, list[Row]] = {}
    for index, record in enumerate(records):
        try:
            record_kind, row = parse_record(record, options.limits, kind)
        except RecordError as exc:
            report.rejected.append(Reject.of("records", index, exc, orjson.dumps(record, default=str)))
        else:
            rows.setdefault(record_kind, []).append(row)
    if not rows:
        return report
    timeout = options.transaction_timeout
    report.migrations = await ensure_migrated(driver, database, options.migration_timeout)
    for record_kind in sorted(rows, key=KIND_ORDER.index):
        batch = rows[record_kind]
        for start in range(0, len(batch), batch_size):
            chunk = batch[start : start + batch_size]
            report.result(record_kind).add(await write_batch(driver, database, record_kind, chunk, tx_timeout=timeout))
            report.batches_written += 1
    await link_citations(driver, database, tx_timeout=timeout)
    return report
