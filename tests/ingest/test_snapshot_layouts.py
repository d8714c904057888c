"""`peergraph import <snapshot root>` on the bundled sample written in OpenAlex's documented shapes (by
ingest/snapshot_writer.py): the 2026 JSON lines, the 2026 Parquet copy and the pre-2026 layout each give the graph
that importing the sample's JSON-lines files gives; a missing, unlisted or miscounted part stops the run, named."""

from __future__ import annotations

import asyncio
import gzip
import shutil
from pathlib import Path
from typing import Any

import orjson
import pyarrow.parquet as pq
import pytest
from neo4j import AsyncDriver

from ingest.reader import discover
from ingest.sample import SAMPLE_DIR
from ingest.snapshot_writer import write_snapshot
from peergraph.settings import Settings
from tests.ingest.cli_support import cli_fingerprint, peergraph
from tests.support import wipe

PART_RECORDS = 200  # several parts in the sample's busiest partitions, as 400,000 are in a real snapshot's


def sample_records() -> dict[str, list[dict[str, Any]]]:
    """Every record file of the sample (funders and publishers too, as a snapshot has them), by entity folder."""
    return {
        path.name.split(".")[0]: [orjson.loads(line) for line in gzip.decompress(path.read_bytes()).splitlines()]
        for path in sorted(SAMPLE_DIR.glob("*.jsonl.gz"))
    }


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("openalex-snapshot")
    write_snapshot(sample_records(), root, part_records=PART_RECORDS)
    return root


def _import(settings: Settings, *args: str) -> Any:
    return peergraph(settings, "import", *args, "--no-progress", "--max-bad", "100", "--rejects", "/dev/null")


async def test_every_layout_gives_the_graph_of_the_json_lines(
    empty_db: AsyncDriver, settings: Settings, snapshot: Path
) -> None:
    files = sorted(map(str, SAMPLE_DIR.glob("*.jsonl.gz")))
    baseline = await asyncio.to_thread(_import, settings, *files)
    assert baseline.exit_code in (0, 2), baseline.output  # 2 while funders and publishers are not graph kinds
    expected = await asyncio.to_thread(cli_fingerprint, settings)
    assert expected["nodes"]["Work"] == len(sample_records()["works"])

    # A format folder given directly finds the same parts, in the same order and with the same expected counts,
    # as the root with that format chosen (so importing it as well would only repeat the Parquet import below).
    direct = discover([snapshot / "data" / "parquet"])
    chosen = discover([snapshot], preferred_format="parquet")
    assert not direct.errors
    assert not chosen.errors
    assert [(f.path, f.format, f.expected_records) for f in direct.files] == [
        (f.path, f.format, f.expected_records) for f in chosen.files
    ]
    assert len(direct.files) > len(sample_records())  # several parts per entity

    for given, extra in (
        (snapshot, ()),  # the root: data/jsonl, its combined manifest.json
        (snapshot, ("--format", "parquet")),  # the same root, the Parquet copy
        (snapshot / "legacy-data", ()),  # the pre-2026 layout: a manifest per entity
    ):
        await wipe(empty_db)
        result = await asyncio.to_thread(_import, settings, str(given), *extra)
        assert result.exit_code == 0, result.output
        assert await asyncio.to_thread(cli_fingerprint, settings) == expected, (given, extra)


def _copy(snapshot: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "snapshot"
    shutil.copytree(snapshot, copy)
    return copy


async def _refused_before_writing(
    settings: Settings, copy: Path, *messages: str, options: tuple[str, ...] = ()
) -> None:
    """Importing `copy` fails (exit 1) saying each of `messages`, with nothing written."""
    result = await asyncio.to_thread(_import, settings, str(copy), *options)
    assert result.exit_code == 1
    for message in messages:
        assert message in result.output
    assert (await asyncio.to_thread(cli_fingerprint, settings))["nodes"] == {}


async def test_a_missing_part_stops_the_run_naming_it(
    empty_db: AsyncDriver, settings: Settings, snapshot: Path, tmp_path: Path
) -> None:
    copy = _copy(snapshot, tmp_path)
    parts = sorted((copy / "data" / "jsonl" / "works").glob("updated_date=*/part_*.gz"))
    gone = parts[len(parts) // 2]
    expected = len(gzip.decompress(gone.read_bytes()).splitlines())
    gone.unlink()
    await _refused_before_writing(settings, copy, f"missing part {gone}", f"expects {expected:,} records")


async def test_a_part_the_manifest_does_not_list_stops_the_run_naming_it(
    empty_db: AsyncDriver, settings: Settings, snapshot: Path, tmp_path: Path
) -> None:
    copy = _copy(snapshot, tmp_path)
    parts = sorted((copy / "data" / "jsonl" / "authors").glob("updated_date=*/part_*.gz"))
    extra = parts[0].with_name("part_0099.gz")
    shutil.copy(parts[0], extra)
    await _refused_before_writing(settings, copy, f"{extra} is not listed in its manifest")


async def test_a_parquet_part_with_another_row_count_stops_the_run_before_writing(
    empty_db: AsyncDriver, settings: Settings, snapshot: Path, tmp_path: Path
) -> None:
    copy = _copy(snapshot, tmp_path)
    part = max(
        (copy / "data" / "parquet" / "works").glob("updated_date=*/part_*.parquet"), key=lambda p: p.stat().st_size
    )
    table = pq.read_table(part)
    pq.write_table(table.slice(0, table.num_rows - 1), part, compression="snappy")
    held = f"{part}: the manifest expects {table.num_rows:,} records, the part holds {table.num_rows - 1:,}"
    await _refused_before_writing(settings, copy, held, options=("--format", "parquet"))
