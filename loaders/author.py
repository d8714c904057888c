"""Batch functions for authors and their relations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from cypher import author as q
from loaders._db import ReadGateway


@dataclass(frozen=True)
class AuthorWorksKey:
    author_id: str
    skip: int
    limit: int


@dataclass(frozen=True)
class WorksPage:
    total: int
    works: list[dict[str, object]]


async def load_authors(db: ReadGateway, ids: Sequence[str]) -> list[dict[str, object] | None]:
    rows = await db.rows(q.GET_BY_IDS, ids=list(ids))
    by_id = {row["author"]["id"]: row["author"] for row in rows}
    return [by_id.get(i) for i in ids]


async def load_author_works(db: ReadGateway, keys: Sequence[AuthorWorksKey]) -> list[WorksPage]:
    """Pages of works per author; keys with the same window share one query (one per distinct window)."""
    by_window: dict[tuple[int, int], list[str]] = defaultdict(list)
    for key in keys:
        by_window[(key.skip, key.limit)].append(key.author_id)
    pages: dict[AuthorWorksKey, WorksPage] = {}
    for (skip, limit), ids in by_window.items():
        for row in await db.rows(q.WORKS_PAGE, ids=ids, skip=skip, limit=limit):
            pages[AuthorWorksKey(row["authorId"], skip, limit)] = WorksPage(row["total"], row["works"])
    return [pages.get(key, WorksPage(0, [])) for key in keys]
