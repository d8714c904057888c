"""Windowed pages of a relation, batched: one query per distinct (skip, limit) window in a batch."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, LiteralString

from loaders._db import ReadGateway

Row = dict[str, Any]


@dataclass(frozen=True)
class PageKey:
    """A page of some relation of one owner (an author, a work ...): rows skip..skip+limit."""

    owner: str
    skip: int
    limit: int


@dataclass(frozen=True)
class RowsPage:
    total: int
    rows: list[Row]


EMPTY = RowsPage(0, [])


async def load_pages(db: ReadGateway, query: LiteralString, column: str, keys: Sequence[PageKey]) -> list[RowsPage]:
    """Run `query` ($ids, $skip, $limit → authorId|owner, total, <column>) once per distinct window."""
    by_window: dict[tuple[int, int], list[str]] = defaultdict(list)
    for key in keys:
        by_window[(key.skip, key.limit)].append(key.owner)
    pages: dict[PageKey, RowsPage] = {}
    for (skip, limit), ids in by_window.items():
        for row in await db.rows(query, ids=list(dict.fromkeys(ids)), skip=skip, limit=limit):
            pages[PageKey(row["ownerId"], skip, limit)] = RowsPage(row["total"], row[column])
    return [pages.get(key, EMPTY) for key in keys]
