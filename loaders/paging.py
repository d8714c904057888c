"""Pages of a relation: the one page shape every list of the API is built from, and their batched loading.

A page is a window (skip, limit) of an owner's rows; its total comes with it, or (root listings) is counted by a
separate query only when a client asks for it. Batched: one query per distinct window in a batch.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, LiteralString, TypeVar

from loaders._db import ReadGateway

Row = dict[str, Any]
R = TypeVar("R")
Counter = Callable[[], Awaitable[int]]


@dataclass(frozen=True)
class PageKey:
    """A page of some relation of one owner (an author, a work ...): rows skip..skip+limit."""

    owner: str
    skip: int
    limit: int


@dataclass(frozen=True)
class Page(Generic[R]):
    """Rows skip..skip+len(rows) of a list. The total is known with the page, or else `more` says whether rows
    follow and `counter` counts them all when asked."""

    rows: list[R]
    skip: int = 0
    total: int | None = None
    more: bool | None = None
    counter: Counter | None = None

    @property
    def has_next(self) -> bool:
        if self.more is not None:
            return self.more
        return self.total is not None and self.skip + len(self.rows) < self.total

    async def count(self) -> int:
        """The total: known with the page, or counted by a separate query (only when a client asks)."""
        if self.total is not None:
            return self.total
        if self.counter is None:
            raise RuntimeError("a page without a total needs a counter")
        return await self.counter()


def empty(skip: int) -> Page[Row]:
    return Page([], skip, 0)


async def load_pages(db: ReadGateway, query: LiteralString, column: str, keys: Sequence[PageKey]) -> list[Page[Row]]:
    """Run `query` ($ids, $skip, $limit → ownerId, total, <column>) once per distinct window."""
    by_window: dict[tuple[int, int], list[str]] = defaultdict(list)
    for key in keys:
        by_window[(key.skip, key.limit)].append(key.owner)
    pages: dict[PageKey, Page[Row]] = {}
    for (skip, limit), ids in by_window.items():
        for row in await db.rows(query, ids=list(dict.fromkeys(ids)), skip=skip, limit=limit):
            pages[PageKey(row["ownerId"], skip, limit)] = Page(row[column], skip, row["total"])
    return [pages.get(key) or empty(key.skip) for key in keys]
