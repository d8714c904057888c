"""The bundled OpenAlex sample (`data/sample/`): the files `peergraph import-sample` and the tests load.

`load_files` is the full importer (ingest/importer.py) with the settings' options (or their defaults), the
migrations check before the first write included; rejects (the sample's funder and publisher records are kinds
the graph does not hold, so they are not among the sample files) are reported.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from neo4j import AsyncDriver

from ingest.importer import ImportOptions, ImportReport, run_import
from peergraph.assets import SAMPLE, asset
from peergraph.settings import Settings

SAMPLE_DIR = asset(SAMPLE)
# Referenced entities first, so full records are in place before works name them.
LOAD_ORDER = ("institutions", "sources", "topics", "concepts", "authors", "works")


def sample_files(directory: Path = SAMPLE_DIR) -> list[Path]:
    files = []
    for stem in LOAD_ORDER:
        path = directory / f"{stem}.jsonl.gz"
        if path.exists():
            files.append(path)
    return files


async def load_files(
    driver: AsyncDriver,
    database: str,
    paths: list[Path],
    batch_size: int = 1000,
    rejects_path: Path | None = None,
    settings: Settings | None = None,
) -> ImportReport:
    options = ImportOptions.from_settings(settings) if settings else ImportOptions()
    options = replace(options, batch_size=batch_size, rejects_path=rejects_path)
    return await run_import(driver, database, paths, options)
