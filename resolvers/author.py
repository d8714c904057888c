"""Author resolvers: thin functions over the per-request loaders; they return rows, never schema types."""

from __future__ import annotations

from typing import Any

from context import Info
from loaders.author import AuthorWorksKey
from resolvers._ids import entity_id
from resolvers._page import Page


async def author_by_id(info: Info, *, id: str) -> dict[str, Any] | None:
    return await info.context.loaders.author.load(entity_id(id, "author"))


async def author_works(info: Info, *, author_id: str, skip: int, limit: int) -> Page:
    page = await info.context.loaders.author_works.load(AuthorWorksKey(author_id, skip, limit))
    return Page(rows=page.works, total=page.total, skip=skip)
