"""The progress callback is driven by bytes of the files on disk (compressed bytes for .gz)."""

from __future__ import annotations

import gzip
from pathlib import Path

from neo4j import AsyncDriver

from ingest.importer import ImportOptions, run_import
from ingest.sample import SAMPLE_DIR
from peergraph.settings import Settings


async def test_progress_counts_compressed_bytes_and_records(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    files = [SAMPLE_DIR / "institutions.jsonl.gz", SAMPLE_DIR / "works.jsonl.gz"]
    calls: list[tuple[int, int, int]] = []
    options = ImportOptions(batch_size=100, rejects_path=tmp_path / "r.jsonl")
    await run_import(empty_db, settings.neo4j_database, files, options, lambda *args: calls.append(args))
    total = sum(f.stat().st_size for f in files)
    lines = sum(len(gzip.decompress(f.read_bytes()).splitlines()) for f in files)
    assert all(t == total for _, t, _ in calls)
    done = [d for d, _, _ in calls]
    assert done == sorted(done)  # never goes backwards
    assert 0 < done[len(done) // 2] < total  # moves within the big file, not only at its end
    assert calls[-1] == (total, total, lines)
