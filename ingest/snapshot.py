"""The OpenAlex snapshot layout: `<entity>/manifest` plus `updated_date=YYYY-MM-DD/part_NNN.gz`.

The manifest lists every part with its record count. A part the manifest lists but the directory lacks is
reported with the record count the manifest expected (fatal unless the caller tolerates missing parts); parts
on disk that the manifest does not list are imported with a warning; each part's record count is checked
against the manifest after it is read (ingest/importer.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import orjson

MANIFEST = "manifest"


@dataclass
class Snapshot:
    parts: list[tuple[Path, int | None]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _local_part(directory: Path, url: str) -> Path:
    """s3://openalex/data/concepts/updated_date=2025-11-02/part_000.gz → <directory>/updated_date=.../part_000.gz"""
    pieces = url.rstrip("/").split("/")
    return directory / pieces[-2] / pieces[-1]


def scan_snapshot(directory: Path) -> Snapshot:
    snapshot = Snapshot()
    manifest_path = directory / MANIFEST
    try:
        manifest = orjson.loads(manifest_path.read_bytes())
        entries = manifest["entries"]
        listed = [(_local_part(directory, e["url"]), int(e["meta"]["record_count"])) for e in entries]
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError, OSError) as exc:
        snapshot.errors.append(f"{manifest_path} is not a readable OpenAlex manifest: {exc}")
        return snapshot
    known = set()
    for path, expected in sorted(listed):
        known.add(path)
        if path.is_file():
            snapshot.parts.append((path, expected))
        else:
            rel = path.relative_to(directory)
            snapshot.missing.append(
                f"missing part {directory / rel}: listed in {manifest_path}, which expects {expected:,} records from it"
            )
    for path in sorted(directory.glob("updated_date=*/part_*")):
        if path not in known:
            snapshot.warnings.append(f"{path} is not listed in {manifest_path}; imported anyway")
            snapshot.parts.append((path, None))
    return snapshot
