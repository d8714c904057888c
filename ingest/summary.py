"""What an import ended with, for a scheduler: its exit code and one summary object (`peergraph import --json`).

Exit codes (docs in the README): 0 clean; 1 a usage or fatal error (a path that does not exist, an unreadable
file, a snapshot part missing, extra or holding another record count than its manifest says, Neo4j unreachable
or a transaction stopped); 2 finished, with rejected lines within `--max-bad`; 3 stopped because more lines than
`--max-bad` were rejected. A fatal error wins over rejects: a run with both exits 1.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import fields
from pathlib import Path
from typing import Any

from ingest.importer import ImportReport, Reject
from ingest.writer import BatchResult

EXIT_CLEAN = 0
EXIT_FAILED = 1
EXIT_REJECTS = 2
EXIT_OVER_MAX_BAD = 3
STATUS = {EXIT_CLEAN: "clean", EXIT_FAILED: "failed", EXIT_REJECTS: "rejects", EXIT_OVER_MAX_BAD: "over_max_bad"}
OUTCOMES = tuple(f.name for f in fields(BatchResult) if f.name != "retries")


def exit_code(report: ImportReport) -> int:
    if report.errors:
        return EXIT_FAILED
    if report.over_max_bad:
        return EXIT_OVER_MAX_BAD
    if report.rejected:
        return EXIT_REJECTS
    return EXIT_CLEAN


def rejects_by_reason(rejected: list[Reject]) -> list[tuple[str, int, Reject]]:
    """(code, count, first reject with it) for each reject code, the most frequent first."""
    counts = Counter(r.code for r in rejected)
    first: dict[str, Reject] = {}
    for reject in rejected:
        first.setdefault(reject.code, reject)
    return [(code, count, first[code]) for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def summary(report: ImportReport, *, dry_run: bool, seconds: float) -> dict[str, Any]:
    """The summary object of a finished (or failed) import; `exitCode` is what the command exits with."""
    code = exit_code(report)
    merges = report.merges
    return {
        "status": STATUS[code],
        "exitCode": code,
        "dryRun": dry_run,
        "written": not dry_run and (report.batches_written > 0 or merges.applied > 0),
        "entities": {
            kind: {name: getattr(result, name) for name in OUTCOMES} for kind, result in sorted(report.results.items())
        },
        "rejects": {
            "total": len(report.rejected),
            "byReason": {code: count for code, count, _ in rejects_by_reason(report.rejected)},
            "file": _path(report.rejects_path),
        },
        "merges": merges.as_dict(),
        "retries": report.retries,
        "files": report.files,
        "records": report.records,
        "batches": {"written": report.batches_written, "resumed": report.batches_resumed},
        "migrations": report.migrations,
        "durationSeconds": round(seconds, 3),
        "errors": [*report.errors, *([report.aborted] if report.aborted else [])],
        "warnings": report.warnings,
    }


def failure(message: str, *, dry_run: bool, seconds: float) -> dict[str, Any]:
    """The summary object of an import that failed before it had a report (Neo4j unreachable, a stopped
    transaction, invalid settings or options)."""
    report = ImportReport(errors=[message])
    return summary(report, dry_run=dry_run, seconds=seconds)


def _path(path: Path | None) -> str | None:
    return None if path is None else str(path)
