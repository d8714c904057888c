"""Root listings (authors, works, topics, institutions): a page query per order, and a separate count."""

from __future__ import annotations

from typing import Any, LiteralString

from cypher import search as sq
from loaders._db import ReadGateway

Row = dict[str, Any]


async def page(
    db: ReadGateway, query: LiteralString, column: str, filters: dict[str, Any], after: dict[str, Any], limit: int
) -> list[Row]:
    """A page starting after the row `after` names ($afterKey, $afterId: keyset paging, schema/keyset.py)."""
    rows = await db.rows(query, limit=limit, **after, **filters)
    return [row[column] for row in rows]


async def count(db: ReadGateway, query: LiteralString, filters: dict[str, Any]) -> int:
    rows = await db.rows(query, **filters)
    return int(rows[0]["total"]) if rows else 0


async def autocomplete(db: ReadGateway, *, text: str, kinds: list[str], limit: int) -> list[Row]:
    return await db.rows(sq.AUTOCOMPLETE, text=text, kinds=kinds, limit=limit)
