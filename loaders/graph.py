"""Graph-shaped reads: one query per call (a slice is one request's single root field)."""

from __future__ import annotations

from typing import Any

from cypher import graph as q
from cypher import search as sq
from loaders._db import ReadGateway

Row = dict[str, Any]


async def graph_slice(db: ReadGateway, *, center: str, depth: int, limit: int) -> Row | None:
    rows = await db.rows(q.SLICE, center=center, depth=depth, limit=limit)
    return rows[0] if rows else None


async def search_entities(db: ReadGateway, *, query: str, limit: int) -> list[Row]:
    return await db.rows(sq.ENTITIES, text=query, limit=limit)
