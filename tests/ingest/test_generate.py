"""`peergraph generate` is deterministic per seed, and its output imports cleanly."""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path
from typing import Any

import orjson
from neo4j import AsyncDriver

from peergraph.settings import Settings
from tests.ingest.cli_support import cli_fingerprint, peergraph


def _works(directory: Path) -> list[dict[str, Any]]:
    data = gzip.decompress((directory / "works.jsonl.gz").read_bytes())
    return [orjson.loads(line) for line in data.splitlines()]


async def test_generate_is_deterministic_and_imports_without_rejects(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    runs = [tmp_path / "a", tmp_path / "b", tmp_path / "c"]
    for out, seed in zip(runs, ("7", "7", "8"), strict=True):
        result = await asyncio.to_thread(peergraph, settings, "generate", "--works", "300", "--seed", seed, str(out))
        assert result.exit_code == 0, result.output
    assert _works(runs[0]) == _works(runs[1])
    assert _works(runs[0]) != _works(runs[2])
    result = await asyncio.to_thread(
        peergraph, settings, "import", str(runs[0]), "--max-bad", "0", "--rejects", str(tmp_path / "r"), "--no-progress"
    )
    assert result.exit_code == 0, result.output
    fp = await asyncio.to_thread(cli_fingerprint, settings)
    assert fp["nodes"]["Work"] == 300
    ships = sum(1 for w in _works(runs[0]) for s in w["authorships"] if s["author"].get("id"))
    assert 0 < fp["relationships"]["AUTHORED"] <= ships
