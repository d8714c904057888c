"""Where an OpenAlex snapshot's parts are, and whether they are all there: both layouts OpenAlex has published.

- **2026** (`data/jsonl/`, `data/parquet/`): under each format folder one folder per entity with
  `updated_date=YYYY-MM-DD/part_0000.gz` (or `.parquet`, snappy), up to 400,000 records a part, and one combined
  `manifest.json` for all entities (each entity folder also has its own). The two formats are complete copies of
  the same data: one is imported, JSON lines unless `--format parquet` (or only Parquet is there).
- **pre-2026** (kept by OpenAlex under `legacy-data/`): `<entity>/manifest` + `updated_date=…/part_000.gz`.
- **merged ids** (`merged_ids/<entity>/<date>.csv.gz`, kept under `legacy-data/`): found at the root given.

`find_snapshot` takes what was given (a snapshot root, its `data/` or `legacy-data/`, a format folder, one entity
folder) and lists its parts with the record count the manifest gives each. A part the manifest lists but the
folder lacks is reported with the count it expected (fatal unless the caller tolerates missing parts); a part on
disk that the manifest does not list is an error (left over from an earlier download: a sync without `--delete`
keeps old partitions); a Parquet part's row count is checked here, before anything is written, a JSON-lines
part's after it is read (ingest/importer.py). Entity folders the graph does not hold (awards, keywords, …) are
skipped, said once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ingest.ids import KINDS
from ingest.manifest import CURRENT, LEGACY, Listed, ManifestError, is_combined, read_combined_manifest
from ingest.manifest import read_entity_manifest as read_entity
from ingest.parquet import ParquetError, row_count

FORMATS = ("jsonl", "parquet")
MERGED = "merged_ids"


@dataclass(frozen=True)
class Part:
    kind: str  # the graph's entity kind ("work", …)
    path: Path
    records: int  # what the manifest says it holds


@dataclass
class Snapshot:
    layout: str  # what was found, for the messages: "2026 jsonl", "2026 parquet", "pre-2026"
    parts: list[Part] = field(default_factory=list)
    merged: list[Path] = field(default_factory=list)  # merged-id CSV files
    missing: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def entity_kind(folder_name: str) -> str | None:
    """The graph's kind for an entity folder ("works" → "work"), None for one the graph does not hold."""
    kind = folder_name[:-1] if folder_name.endswith("s") else folder_name
    return kind if kind in KINDS.values() else None


def find_snapshot(path: Path, preferred_format: str | None = None) -> Snapshot | None:
    """The snapshot at `path` (None when it is not one: a plain folder of JSON-lines files)."""
    if (path / LEGACY).is_file() or ((path / CURRENT).is_file() and not _combined(path / CURRENT)):
        snapshot = Snapshot("2026" if (path / CURRENT).is_file() else "pre-2026")
        kept = _importable([path], snapshot)
        return _checked(snapshot.layout, _entity(path, snapshot) if kept else [], kept, path, snapshot)
    if (path / CURRENT).is_file():
        return _format_folder(path, path.name, path)
    for data in (path / "data", path):
        formats = {name: data / name for name in FORMATS if (data / name / CURRENT).is_file()}
        if formats:
            chosen = preferred_format if preferred_format in formats else next(iter(formats))
            snapshot = _format_folder(formats[chosen], chosen, path)
            if len(formats) > 1 and preferred_format is None:
                snapshot.warnings.append(
                    f"{data} holds the snapshot as JSON lines and as Parquet (the same records): importing "
                    f"{formats[chosen]} (--format parquet reads the other)"
                )
            elif preferred_format is not None and preferred_format not in formats:
                snapshot.warnings.append(f"{data} holds no {preferred_format} copy: importing {formats[chosen]}")
            return snapshot
    legacy = path / "legacy-data" if (path / "legacy-data").is_dir() else path
    folders = sorted(d for d in legacy.iterdir() if (d / LEGACY).is_file()) if legacy.is_dir() else []
    if not folders:
        return None
    listed: list[Listed] = []
    snapshot = Snapshot("pre-2026")
    kept = _importable(folders, snapshot)
    for folder in kept:
        listed += _entity(folder, snapshot)
    return _checked("pre-2026", listed, kept, path, snapshot)


def _combined(manifest: Path) -> bool:
    try:
        return is_combined(manifest)
    except ManifestError:
        return False  # read again as an entity manifest, which says what is wrong with it


def _entity(folder: Path, snapshot: Snapshot) -> list[Listed]:
    try:
        return read_entity(folder)
    except ManifestError as exc:
        snapshot.errors.append(str(exc))
        return []


def _importable(folders: list[Path], snapshot: Snapshot) -> list[Path]:
    """The entity folders the graph holds; the others are said once and skipped."""
    skipped = [f.name for f in folders if entity_kind(f.name) is None]
    if skipped:
        snapshot.warnings.append(f"skipped entity folders the graph does not hold: {', '.join(skipped)}")
    return [f for f in folders if entity_kind(f.name) is not None]


def _format_folder(folder: Path, name: str, root: Path) -> Snapshot:
    snapshot = Snapshot(f"2026 {name}")
    try:
        listed = read_combined_manifest(folder)
    except ManifestError as exc:
        snapshot.errors.append(str(exc))
        return snapshot
    folders = sorted({folder / item.entity for item in listed} | {d for d in folder.iterdir() if d.is_dir()})
    kept = _importable(folders, snapshot)
    names = {f.name for f in kept}
    return _checked(snapshot.layout, [item for item in listed if item.entity in names], kept, root, snapshot)


def _checked(
    layout: str, listed: list[Listed], folders: list[Path], root: Path, snapshot: Snapshot | None = None
) -> Snapshot:
    """The listed parts that are there, the missing and unlisted ones said, Parquet row counts checked."""
    found = snapshot or Snapshot(layout)
    known = {item.path for item in listed}
    for item in sorted(listed, key=lambda i: str(i.path)):
        kind = entity_kind(item.entity) or entity_kind(item.path.parent.parent.name)
        if kind is None:
            continue
        if not item.path.is_file():
            found.missing.append(
                f"missing part {item.path}: listed in its manifest, which expects {item.records:,} records from it"
            )
            continue
        if item.path.suffix == ".parquet":
            try:
                rows = row_count(item.path)
            except ParquetError as exc:
                found.errors.append(str(exc))
                continue
            if rows != item.records:
                found.errors.append(
                    f"{item.path}: the manifest expects {item.records:,} records, the part holds {rows:,}"
                )
                continue
        found.parts.append(Part(kind, item.path, item.records))
    for folder in folders:
        for path in sorted(folder.glob("updated_date=*/part_*")):
            if path not in known:
                found.errors.append(
                    f"{path} is not listed in its manifest: left over from an earlier download? (`aws s3 sync "
                    "--delete` removes such parts; or delete it)"
                )
    found.merged = merged_files(root)
    return found


def merged_files(root: Path) -> list[Path]:
    """The merged-id files of a snapshot root (`merged_ids/<entity>/*.csv.gz`, also under `legacy-data/`)."""
    files: list[Path] = []
    for base in (root, root / "legacy-data"):
        folder = base / MERGED
        if folder.is_dir():
            files += sorted(p for p in folder.glob("*/*") if p.name.endswith((".csv", ".csv.gz")))
    return files
