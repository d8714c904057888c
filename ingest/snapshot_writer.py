"""Write records as an OpenAlex snapshot, in the shapes OpenAlex documents: the fixtures of the snapshot tests
(written from the bundled sample) and `peergraph generate --snapshot`.

- 2026: `data/jsonl/<entity>/updated_date=YYYY-MM-DD/part_0000.gz` and `data/parquet/…/part_0000.parquet`
  (snappy), each entity folder with its `manifest.json`, each format folder with the combined one;
- pre-2026, under `legacy-data/`: `<entity>/updated_date=…/part_000.gz` and `<entity>/manifest`;
- merged ids, under `legacy-data/merged_ids/<entity>/<date>.csv.gz`: `merge_date,id,merge_into_id`.
Records go to the partition of their `updated_date`'s day, at most `part_records` a part. The Parquet schema is
one per entity, inferred by pyarrow from all its records, with `abstract_inverted_index` a map of word → positions
(as a struct it would be one field per word of every abstract).
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

PART_RECORDS = 400_000  # OpenAlex's largest part
MAP_COLUMNS = {"abstract_inverted_index": pa.map_(pa.string(), pa.list_(pa.int64()))}
Record = dict[str, Any]
MergeLine = tuple[str, str, str]  # merge date, id, merged-into id


def _partitions(records: Iterable[Record], part_records: int) -> dict[str, list[list[Record]]]:
    by_day: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        by_day[str(record.get("updated_date") or "1970-01-01")[:10]].append(record)
    return {
        day: [rows[i : i + part_records] for i in range(0, len(rows), part_records)]
        for day, rows in sorted(by_day.items())
    }


def _jsonl(path: Path, records: Sequence[Record]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = b"".join(orjson.dumps(r) + b"\n" for r in records)
    path.write_bytes(gzip.compress(data, compresslevel=3, mtime=0))
    return path.stat().st_size


def parquet_schema(records: Sequence[Record]) -> Any:
    """One entity's Parquet schema: pyarrow's inference over all its records, the map columns typed as maps."""
    # Every field of every record: pyarrow's own table inference takes the columns of the first record only.
    names = list(dict.fromkeys(name for record in records for name in record))
    return pa.schema(
        [
            pa.field(name, MAP_COLUMNS[name] if name in MAP_COLUMNS else pa.array([r.get(name) for r in records]).type)
            for name in names
        ]
    )


def _parquet(path: Path, records: Sequence[Record], schema: Any) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(list(records), schema=schema), path, compression="snappy")
    return path.stat().st_size


def _entry(url: str, size: int, records: int) -> dict[str, Any]:
    return {"url": url, "meta": {"content_length": size, "record_count": records}}


def write_snapshot(
    entities: dict[str, list[Record]],
    root: Path,
    *,
    part_records: int = PART_RECORDS,
    merges: dict[str, list[MergeLine]] | None = None,
    date: str = "2026-06-25",
    parquet: bool = True,
) -> None:
    """Write `entities` (entity folder name → records) under `root` in both layouts, with `merges`."""
    formats = ("jsonl", "parquet") if parquet else ("jsonl",)
    combined: dict[str, list[dict[str, Any]]] = {f: [] for f in formats}
    for entity, records in sorted(entities.items()):
        partitions = _partitions(records, part_records)
        schema = parquet_schema(records) if parquet and records else None
        for fmt in formats:
            files = []
            for day, parts in partitions.items():
                for index, part in enumerate(parts):
                    name = f"updated_date={day}/part_{index:04d}.{'gz' if fmt == 'jsonl' else 'parquet'}"
                    path = root / "data" / fmt / entity / name
                    size = _jsonl(path, part) if fmt == "jsonl" else _parquet(path, part, schema)
                    files.append(_entry(f"s3://openalex/data/{fmt}/{entity}/{name}", size, len(part)))
            manifest = {
                "date": date,
                "format": fmt,
                "entity": entity,
                "record_count": sum(f["meta"]["record_count"] for f in files),
                "content_length": sum(f["meta"]["content_length"] for f in files),
                "files": files,
            }
            folder = root / "data" / fmt / entity
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "manifest.json").write_bytes(orjson.dumps(manifest, option=orjson.OPT_INDENT_2))
            combined[fmt].append(manifest)
        entries = []
        for day, parts in partitions.items():
            for index, part in enumerate(parts):
                name = f"updated_date={day}/part_{index:03d}.gz"
                size = _jsonl(root / "legacy-data" / entity / name, part)
                entries.append(_entry(f"s3://openalex/data/{entity}/{name}", size, len(part)))
        legacy = root / "legacy-data" / entity / "manifest"
        legacy.parent.mkdir(parents=True, exist_ok=True)
        legacy.write_bytes(orjson.dumps({"entries": entries}, option=orjson.OPT_INDENT_2))
    for fmt, manifests in combined.items():
        meta = {
            "record_count": sum(m["record_count"] for m in manifests),
            "content_length": sum(m["content_length"] for m in manifests),
        }
        document = {"date": date, "format": fmt, "meta": meta, "entities": manifests}
        (root / "data" / fmt / "manifest.json").write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2))
    for entity, rows in sorted((merges or {}).items()):
        write_merged_ids(root / "legacy-data" / "merged_ids" / entity, rows)


def write_merged_ids(folder: Path, merges: Sequence[MergeLine]) -> list[Path]:
    """One `<date>.csv.gz` per merge date, as OpenAlex publishes them; returns the files."""
    by_date: dict[str, list[MergeLine]] = defaultdict(list)
    for merge in merges:
        by_date[merge[0]].append(merge)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for day, rows in sorted(by_date.items()):
        text = "merge_date,id,merge_into_id\n" + "".join(f"{d},{old},{new}\n" for d, old, new in rows)
        path = folder / f"{day}.csv.gz"
        path.write_bytes(gzip.compress(text.encode(), mtime=0))
        written.append(path)
    return written
