"""Load OpenAlex JSON-lines files (the bundled sample in `data/sample/`) into the graph.

This is the first, simple loader: it reads each file, turns records into rows and writes them in batches.
The full importer (ledger, rejects file, progress bar, snapshot manifests) grows from the same pieces.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from neo4j import AsyncDriver

from ingest.records import ROW_BUILDERS, RecordError, Row, kind_of
from ingest.writer import BatchResult, link_citations, write_batch
from settings import PROJECT_ROOT

SAMPLE_DIR = PROJECT_ROOT / "data" / "sample"
# Referenced entities first, so full records are in place before works name them.
LOAD_ORDER = ("institutions", "sources", "topics", "concepts", "authors", "works")


@dataclass
class LoadReport:
    results: dict[str, BatchResult] = field(default_factory=dict)
    rejected: list[tuple[str, int, str]] = field(default_factory=list)

    def result(self, kind: str) -> BatchResult:
        return self.results.setdefault(kind, BatchResult())


def read_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(line number, raw line) of a JSON-lines file, gzip or plain. Splits on "\\n" only (U+2028 is data)."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


def sample_files(directory: Path = SAMPLE_DIR) -> list[Path]:
    files = []
    for stem in LOAD_ORDER:
        path = directory / f"{stem}.jsonl.gz"
        if path.exists():
            files.append(path)
    return files


async def load_files(driver: AsyncDriver, database: str, paths: list[Path], batch_size: int = 500) -> LoadReport:
    report = LoadReport()
    for path in paths:
        batches: dict[str, list[Row]] = {}
        for number, line in read_lines(path):
            try:
                record = orjson.loads(line)
                kind = kind_of(record)
                row = ROW_BUILDERS[kind](record)
            except (orjson.JSONDecodeError, RecordError, KeyError) as exc:
                report.rejected.append((str(path), number, str(exc)))
                continue
            batch = batches.setdefault(kind, [])
            batch.append(row)
            if len(batch) >= batch_size:
                report.result(kind).add(await write_batch(driver, database, kind, batch))
                batch.clear()
        for kind, batch in batches.items():
            report.result(kind).add(await write_batch(driver, database, kind, batch))
    await link_citations(driver, database)
    return report
