"""Batch functions for authors and their relations: one Cypher round trip per batch (per window for pages)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cypher import author as q
from loaders._db import ReadGateway
from loaders.paging import Page, PageKey, load_pages

Row = dict[str, Any]


async def load_authors(db: ReadGateway, ids: Sequence[str]) -> list[Row | None]:
    rows = await db.rows(q.GET_BY_IDS, ids=list(ids))
    by_id = {row["author"]["id"]: row["author"] for row in rows}
    return [by_id.get(i) for i in ids]


async def load_author_works(db: ReadGateway, keys: Sequence[PageKey]) -> list[Page[Row]]:
    return await load_pages(db, q.WORKS_PAGE, "works", keys)


async def load_author_topics(db: ReadGateway, keys: Sequence[PageKey]) -> list[Page[Row]]:
    return await load_pages(db, q.TOPICS_PAGE, "topics", keys)


async def load_coauthors(db: ReadGateway, keys: Sequence[PageKey]) -> list[Page[Row]]:
    return await load_pages(db, q.COAUTHORS_PAGE, "coauthors", keys)
