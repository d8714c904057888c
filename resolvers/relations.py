"""Relations of works, topics, institutions and sources, and an author's extras: thin calls to the loaders."""

from __future__ import annotations

from typing import Any, Literal

from loaders.paging import Page, PageKey
from peergraph.context import Info

Row = dict[str, Any]
PagedRelation = Literal[
    "references",
    "cited_by",
    "topic_works",
    "topic_authors",
    "source_works",
    "institution_works",
    "institution_authors",
]


async def page_of(info: Info, relation: PagedRelation, *, owner: str, skip: int, limit: int) -> Page[Row]:
    loader = getattr(info.context.loaders, relation)
    page: Page[Row] = await loader.load(PageKey(owner, skip, limit))
    return page


async def author_institutions(info: Info, *, author_id: str) -> list[Row]:
    return await info.context.loaders.author_institutions.load(author_id)


async def works_by_year(info: Info, *, author_id: str) -> list[Row]:
    return await info.context.loaders.works_by_year.load(author_id)


async def topic_work_count(info: Info, *, topic_id: str) -> int:
    return await info.context.loaders.topic_work_count.load(topic_id)
