"""`peergraph import-sample` (what `make run` calls) loads the bundled sample once."""

from __future__ import annotations

import gzip

from neo4j import AsyncDriver

from ingest.sample import SAMPLE_DIR
from peergraph.settings import Settings
from tests.ingest.cli_support import cli_fingerprint, peergraph


def test_import_sample_if_empty_loads_once(empty_db: AsyncDriver, settings: Settings) -> None:
    works = len(gzip.decompress((SAMPLE_DIR / "works.jsonl.gz").read_bytes()).splitlines())
    first = peergraph(settings, "import-sample", "--if-empty")
    assert first.exit_code == 0, first.output
    loaded = cli_fingerprint(settings)
    assert loaded["nodes"]["Work"] == works
    second = peergraph(settings, "import-sample", "--if-empty")
    assert second.exit_code == 0, second.output
    assert "already holds data" in second.output
    assert cli_fingerprint(settings) == loaded
