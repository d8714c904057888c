"""Pages of a relation: the one page shape every list of the API is built from, and their batched loading.

A page is a window (skip, limit) of an owner's rows; its total comes with it, or (root listings) is counted by a
separate query only when a client asks for it. Batched: one query per distinct window in a batch.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, LiteralString, TypeVar

from loaders.gateway import ReadGateway

R = TypeVar("R")
Counter = Callable[[], Awaitable[int]]


Param = str | int | float | bool | None


@dataclass(frozen=True)
class PageKey:
    """A page of some relation of one owner (an author, a work ...): rows skip..skip+limit, with the relation's own
    parameters (e.g. `since` of a field `recentCoauthors(since:)`), passed to its query by name."""

    owner: str
    skip: int
    limit: int
    params: tuple[tuple[str, Param], ...] = ()

    @classmethod
    def of(cls, owner: str, skip: int, limit: int, **params: Param) -> PageKey:
        return cls(owner, skip, limit, tuple(sorted(params.items())))

    @property
    def window(self) -> tuple[int, int, tuple[tuple[str, Param], ...]]:
        return self.skip, self.limit, self.params


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


async def load_pages(db: ReadGateway, query: LiteralString, column: str, keys: Sequence[PageKey]) -> list[Page[Any]]:
    """Run `query` ($ids, $skip, $limit and the keys' params → ownerId, total, <column>) once per distinct window."""
    by_window: dict[tuple[int, int, tuple[tuple[str, Param], ...]], list[str]] = defaultdict(list)
    for key in keys:
        by_window[key.window].append(key.owner)
    pages: dict[PageKey, Page[Any]] = {}
    for (skip, limit, params), ids in by_window.items():
        rows = await db.rows(query, ids=list(dict.fromkeys(ids)), skip=skip, limit=limit, **dict(params))
        for row in rows:
            pages[PageKey(row["ownerId"], skip, limit, params)] = Page(row[column], skip, row["total"])
    return [pages.get(key) or Page([], key.skip, 0) for key in keys]
