"""OpenAlex snapshot manifests → the parts they list, each with its entity and record count.

Three shapes (see docs/graph-model.md#snapshots):
- pre-2026, one per entity folder, `<entity>/manifest` (Redshift's manifest format):
  `{"entries": [{"url": "s3://openalex/data/works/updated_date=…/part_000.gz", "meta": {"record_count": N}}]}`;
- 2026, one per entity folder, `<format>/<entity>/manifest.json`:
  `{"entity": "works", "format": "jsonl", "record_count": N, "files": [{"url": …, "meta": {"record_count": N}}]}`;
- 2026, one combined per format folder, `<format>/manifest.json`: the same, one object per entity under
  `entities`, with the totals in `meta`.
A part's local path is its URL's last components under the folder the manifest describes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

LEGACY = "manifest"
CURRENT = "manifest.json"


class ManifestError(Exception):
    """A manifest that cannot be read or does not have one of the documented shapes; the message names it."""


@dataclass(frozen=True)
class Listed:
    entity: str  # the entity folder's name: "works", "authors", …
    path: Path
    records: int


def _parts(folder: Path, entity: str, files: object, manifest: Path) -> list[Listed]:
    if not isinstance(files, list):
        raise ManifestError(f"{manifest} is not a readable OpenAlex manifest: its file list is not a list")
    listed = []
    for entry in files:
        try:
            url = str(entry["url"]).rstrip("/")
            records = int(entry["meta"]["record_count"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ManifestError(f"{manifest} is not a readable OpenAlex manifest: an entry lacks {exc}") from exc
        pieces = url.split("/")
        listed.append(Listed(entity, folder / pieces[-2] / pieces[-1], records))
    return listed


def _load(manifest: Path) -> Any:
    try:
        return orjson.loads(manifest.read_bytes())
    except (OSError, orjson.JSONDecodeError) as exc:
        raise ManifestError(f"{manifest} is not a readable OpenAlex manifest: {exc}") from exc


def is_combined(manifest: Path) -> bool:
    """Whether a `manifest.json` is a format folder's combined one (it lists entities, not files)."""
    document = _load(manifest)
    return isinstance(document, dict) and "entities" in document


def read_entity_manifest(folder: Path) -> list[Listed]:
    """The parts an entity folder's own manifest (`manifest.json`, else the pre-2026 `manifest`) lists."""
    current = folder / CURRENT
    manifest = current if current.is_file() else folder / LEGACY
    document = _load(manifest)
    if not isinstance(document, dict):
        raise ManifestError(f"{manifest} is not a readable OpenAlex manifest: not a JSON object")
    entity = str(document.get("entity") or folder.name)
    files = document.get("files", document.get("entries"))
    return _parts(folder, entity, files, manifest)


def read_combined_manifest(folder: Path) -> list[Listed]:
    """The parts a format folder's combined `manifest.json` lists, for every entity."""
    manifest = folder / CURRENT
    document = _load(manifest)
    entities = document.get("entities") if isinstance(document, dict) else None
    if not isinstance(entities, list):
        raise ManifestError(f"{manifest} is not a readable OpenAlex manifest: no `entities` list")
    listed = []
    for item in entities:
        if not isinstance(item, dict) or not isinstance(item.get("entity"), str):
            raise ManifestError(f"{manifest} is not a readable OpenAlex manifest: an entity without its name")
        entity = item["entity"]
        listed += _parts(folder / entity, entity, item.get("files", item.get("entries")), manifest)
    return listed
