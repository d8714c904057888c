"""The OpenAlex snapshot layout: a part the manifest lists but the directory lacks, and per-part record counts."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import orjson
from neo4j import AsyncDriver

from peergraph.settings import PROJECT_ROOT, Settings
from tests.ingest.cli_support import cli_fingerprint, peergraph

SNAPSHOT = PROJECT_ROOT / "data" / "snapshot-sample" / "concepts"
MISSING = "updated_date=2025-11-02/part_000.gz"


def _records(directory: Path) -> list[dict[str, object]]:
    return [
        orjson.loads(line)
        for part in sorted(directory.glob("updated_date=*/part_*.gz"))
        for line in gzip.decompress(part.read_bytes()).splitlines()
        if line.strip()
    ]


def test_a_missing_part_is_reported_with_its_expected_count_and_nothing_is_written(
    empty_db: AsyncDriver, settings: Settings
) -> None:
    result = peergraph(settings, "import", str(SNAPSHOT), "--no-progress")
    assert result.exit_code == 1
    assert f"missing part {SNAPSHOT / MISSING}" in result.output
    assert "expects 64,261 records" in result.output
    assert cli_fingerprint(settings)["nodes"] == {}


def test_allow_missing_parts_imports_the_parts_that_are_there(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    result = peergraph(
        settings, "import", str(SNAPSHOT), "--allow-missing-parts", "--rejects", str(tmp_path / "r"), "--no-progress"
    )
    assert result.exit_code == 0, result.output
    assert f"missing part {SNAPSHOT / MISSING}" in result.output  # still said, as a warning
    distinct = {str(r["id"]).rsplit("/", 1)[-1] for r in _records(SNAPSHOT)}
    assert cli_fingerprint(settings)["nodes"] == {"Concept": len(distinct)}


def test_a_part_with_fewer_records_than_its_manifest_says_fails(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    copy = tmp_path / "concepts"
    shutil.copytree(SNAPSHOT, copy)
    part = copy / "updated_date=2023-06-07" / "part_000.gz"
    lines = gzip.decompress(part.read_bytes()).splitlines(keepends=True)
    part.write_bytes(gzip.compress(b"".join(lines[:-1])))
    result = peergraph(settings, "import", str(copy), "--allow-missing-parts", "--no-progress")
    assert result.exit_code == 1
    assert f"{part}: the manifest expects {len(lines)} records, the part holds {len(lines) - 1}" in result.output
