"""Root listings (authors, works, topics, institutions): a page query per order, and a separate count."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, LiteralString

from cypher import search as sq
from loaders.gateway import ReadGateway

if TYPE_CHECKING:
    from schema.graph import SearchHitRow


async def page(
    db: ReadGateway, query: LiteralString, column: str, filters: dict[str, Any], after: dict[str, Any], limit: int
) -> list[Any]:
    """The page's entity rows (the shape of the listed kind), each with its `sortKey` (keyset paging: the page starts
    after the row `after` names, $afterKey and $afterId, schema/keyset.py)."""
    rows = await db.rows(query, limit=limit, **after, **filters)
    return [{**row[column], "sortKey": row["sortKey"]} for row in rows]


async def count(db: ReadGateway, query: LiteralString, filters: dict[str, Any]) -> int:
    rows = await db.rows(query, **filters)
    return int(rows[0]["total"]) if rows else 0


async def autocomplete(db: ReadGateway, *, text: str, kinds: list[str], limit: int) -> list[SearchHitRow]:
    hits: list[Any] = await db.rows(sq.AUTOCOMPLETE, text=text, kinds=kinds, limit=limit)
    return hits
