"""Author resolvers: thin functions over the per-request loaders; they return rows, never schema types."""

from __future__ import annotations

from typing import Any

from context import Info
from loaders._paging import PageKey
from resolvers._ids import entity_id
from resolvers._page import Page
from resolvers._prefetch import watch

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


PAGE_LOADERS = ("author_works", "author_topics", "coauthors")


def prefetch(info: Info, *, author_id: str, facts: bool, pages: list[tuple[str, int, int]]) -> None:
    """Start loads the author's fields will make (facts; (loader, skip, limit) pages) without waiting.

    They join the batches of the current tick, so they run beside the author lookup instead of after it. The
    fields still read through the same loaders (same keys, cached futures): a guess can waste a query, never
    change an answer. Failures are left for the fields that await the futures to report.
    """
    loaders = info.context.loaders
    started = [loaders.author_counts.load(author_id)] if facts else []
    for name, skip, limit in pages:
        if name in PAGE_LOADERS:
            started.append(getattr(loaders, name).load(PageKey(author_id, skip, limit)))
    watch(started)
