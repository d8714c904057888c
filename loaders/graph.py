"""Graph-shaped reads: one query per call (a slice is one request's single root field; a path search runs its
steps one after another)."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from cypher import graph as q
from cypher import search as sq
from loaders.gateway import ReadGateway

if TYPE_CHECKING:
    from resolvers.graph import StepRow
    from schema.graph import SearchHitRow, SliceRow
    from schema.listing import PathRow


async def graph_slice(db: ReadGateway, *, center: str, depth: int, limit: int) -> SliceRow | None:
    rows: list[Any] = await db.rows(q.SLICE, center=center, depth=depth, limit=limit)
    return rows[0] if rows else None


async def search_entities(db: ReadGateway, *, query: str, limit: int) -> list[SearchHitRow]:
    hits: list[Any] = await db.rows(sq.ENTITIES, text=query, limit=limit)
    return hits


async def coauthor_step(
    db: ReadGateway, *, frontier: list[str], seen_works: Collection[str], seen_authors: Collection[str], limit: int
) -> StepRow:
    """One breadth-first step of the path search: {works: [id], authors: [{id, via}]}."""
    rows: list[Any] = await db.rows(
        q.COAUTHOR_FRONTIER,
        frontier=frontier,
        seenWorks=list(seen_works),
        seenAuthors=list(seen_authors),
        limit=limit,
    )
    return rows[0] if rows else {"works": [], "authors": []}


async def coauthor_path(db: ReadGateway, *, ids: list[str]) -> PathRow | None:
    """The authors of a found path in order, with the works each consecutive pair shares."""
    rows: list[Any] = await db.rows(q.COAUTHOR_PATH, ids=ids)
    return rows[0] if rows and len(rows[0]["authors"]) == len(ids) else None
