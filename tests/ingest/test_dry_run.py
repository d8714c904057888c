"""`peergraph import --dry-run` validates and reports what it would do, and writes nothing."""

from __future__ import annotations

import gzip
from pathlib import Path

import orjson
from neo4j import AsyncDriver

from ingest.sample import SAMPLE_DIR, sample_files
from peergraph.settings import Settings
from tests.ingest.cli_support import cli_fingerprint, peergraph


def _count_lines(path: Path) -> int:
    return sum(1 for line in gzip.decompress(path.read_bytes()).splitlines() if line.strip())


def _table_row(output: str, kind: str) -> list[str]:
    for line in output.splitlines():
        cells = [c.strip() for c in line.replace("┃", "│").split("│")]
        if len(cells) > 2 and cells[1] == kind:
            return cells[2:-1]
    raise AssertionError(f"no {kind} row in:\n{output}")


def test_dry_run_writes_nothing_and_reports_would_create(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    works = SAMPLE_DIR / "works.jsonl.gz"
    result = peergraph(settings, "import", *map(str, sample_files()), "--dry-run", "--no-progress")
    assert result.exit_code == 0, result.output
    assert "Dry run" in result.output
    created, _updated, _unchanged, _older = _table_row(result.output, "work")
    assert int(created.replace(",", "")) == _count_lines(works)
    assert cli_fingerprint(settings)["nodes"] == {}


def test_dry_run_on_a_loaded_graph_reports_unchanged_and_changes_nothing(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    works = SAMPLE_DIR / "works.jsonl.gz"
    assert peergraph(settings, "import", str(works), "--no-progress").exit_code == 0
    before = cli_fingerprint(settings)
    # One record changed (newer date): the dry run says "updated" for it, writes nothing.
    lines = [orjson.loads(line) for line in gzip.decompress(works.read_bytes()).splitlines()]
    lines[0]["updated_date"] = "2099-01-01T00:00:00"
    lines[0]["display_name"] = "Changed"
    changed = tmp_path / "works.jsonl"
    changed.write_bytes(b"".join(orjson.dumps(r) + b"\n" for r in lines))
    result = peergraph(settings, "import", str(changed), "--dry-run", "--no-progress")
    assert result.exit_code == 0, result.output
    assert _table_row(result.output, "work")[:3] == ["0", "1", f"{len(lines) - 1:,}"]
    assert cli_fingerprint(settings) == before
