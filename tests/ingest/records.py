"""Small OpenAlex-shaped records and JSON-lines files for the importer tests."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import orjson


def work(
    n: int,
    *,
    updated: str = "2025-01-01",
    title: str | None = None,
    authors: tuple[int, ...] = (1,),
    refs: tuple[int, ...] = (),
) -> dict[str, Any]:
    return {
        "id": f"https://openalex.org/W{n}",
        "display_name": title or f"Work {n}",
        "publication_year": 2020,
        "updated_date": updated,
        "authorships": [
            {"author": {"id": f"https://openalex.org/A{a}", "display_name": f"Author {a}"}, "author_position": "first"}
            for a in authors
        ],
        "referenced_works": [f"https://openalex.org/W{r}" for r in refs],
    }


def write_jsonl(path: Path, records: list[Any], *, gz: bool = False) -> Path:
    data = b"".join((r if isinstance(r, bytes) else orjson.dumps(r)) + b"\n" for r in records)
    path.write_bytes(gzip.compress(data) if gz else data)
    return path
