"""Reading the snapshot's Parquet parts: records as the JSON lines hold them, a batch of rows at a time.

Each row comes back as the dict its JSON line decodes to (structs as dicts, lists as lists, maps as dicts), so
the same row builders (ingest/records.py) take it. A map-valued column such as `abstract_inverted_index` may
also be stored as its JSON text; either reads the same. Only `BATCH_ROWS` rows are decoded at a time, so a part
of 400,000 works costs one batch in memory, not the part.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pyarrow as pa
import pyarrow.parquet as pq

BATCH_ROWS = 1024
MAGIC = b"PAR1"
JSON_TEXT_COLUMNS = ("abstract_inverted_index",)


class ParquetError(Exception):
    """A Parquet file that cannot be read; the message names it."""


def _open(path: Path) -> Any:
    try:
        return pq.ParquetFile(path)
    except (OSError, pa.ArrowException) as exc:
        raise ParquetError(f"{path} cannot be read as Parquet: {exc}") from exc


def row_count(path: Path) -> int:
    """The rows a Parquet file holds, from its footer (nothing else is read)."""
    return int(_open(path).metadata.num_rows)


def read_records(path: Path, batch_rows: int = BATCH_ROWS) -> Iterator[tuple[int, float, dict[str, Any]]]:
    """(row number from 1, fraction of the file read, record) for each row; ParquetError when it cannot be read."""
    parquet = _open(path)
    total = max(int(parquet.metadata.num_rows), 1)
    number = 0
    try:
        for batch in parquet.iter_batches(batch_size=batch_rows):
            for record in batch.to_pylist(maps_as_pydicts="strict"):
                number += 1
                for column in JSON_TEXT_COLUMNS:
                    value = record.get(column)
                    if isinstance(value, str | bytes):
                        record[column] = orjson.loads(value)
                yield number, number / total, record
    except (OSError, pa.ArrowException, orjson.JSONDecodeError) as exc:
        raise ParquetError(f"{path}: unreadable after row {number}: {exc}") from exc
