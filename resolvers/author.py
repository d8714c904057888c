"""Author resolvers: thin functions over the per-request loaders; they return rows, never schema types."""

from __future__ import annotations

from typing import Any

from context import Info
from loaders._paging import PageKey
from resolvers._ids import entity_id
from resolvers._page import Page

Row = dict[str, Any]


async def author_by_id(info: Info, *, id: str) -> Row | None:
    return await info.context.loaders.author.load(entity_id(id, "author"))


async def author_row(info: Info, *, author_id: str) -> Row | None:
    """The full row of an author already known to exist (e.g. to read its last known institution)."""
    return await info.context.loaders.author.load(author_id)


async def author_counts(info: Info, *, author_id: str) -> Row:
    row = await info.context.loaders.author_counts.load(author_id)
    return row or {"works": 0, "topics": 0, "coauthors": 0}


async def author_works(info: Info, *, author_id: str, skip: int, limit: int) -> Page:
    page = await info.context.loaders.author_works.load(PageKey(author_id, skip, limit))
    return Page(rows=page.rows, total=page.total, skip=skip)


async def author_topics(info: Info, *, author_id: str, skip: int, limit: int) -> Page:
    page = await info.context.loaders.author_topics.load(PageKey(author_id, skip, limit))
    return Page(rows=page.rows, total=page.total, skip=skip)


async def coauthors(info: Info, *, author_id: str, skip: int, limit: int) -> Page:
    page = await info.context.loaders.coauthors.load(PageKey(author_id, skip, limit))
    return Page(rows=page.rows, total=page.total, skip=skip)
