"""Batch functions for the relations of works, topics, institutions and sources (pages and small lists)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from cypher import author as aq
from cypher import institution as iq
from cypher import source as sq
from cypher import topic as tq
from cypher import work as wq
from loaders._db import ReadGateway
from loaders.paging import Page, PageKey, load_pages

Row = dict[str, Any]


async def _lists(db: ReadGateway, query: LiteralString, key: str, column: str, ids: Sequence[str]) -> list[Any]:
    rows = await db.rows(query, ids=list(ids))
    by_id = {row[key]: row[column] for row in rows}
    return [by_id.get(i, []) for i in ids]


async def load_author_institutions(db: ReadGateway, ids: Sequence[str]) -> list[list[Row]]:
    return await _lists(db, aq.INSTITUTIONS, "authorId", "institutions", ids)


async def load_works_by_year(db: ReadGateway, ids: Sequence[str]) -> list[list[Row]]:
    return await _lists(db, aq.WORKS_BY_YEAR, "authorId", "years", ids)


async def load_topic_work_counts(db: ReadGateway, ids: Sequence[str]) -> list[int]:
    rows = await db.rows(tq.WORK_COUNTS, ids=list(ids))
    by_id = {row["topicId"]: int(row["works"]) for row in rows}
    return [by_id.get(i, 0) for i in ids]


async def load_references(db: ReadGateway, keys: Sequence[PageKey]) -> list[Page[Row]]:
    return await load_pages(db, wq.REFERENCES_PAGE, "works", keys)


async def load_cited_by(db: ReadGateway, keys: Sequence[PageKey]) -> list[Page[Row]]:
    return await load_pages(db, wq.CITED_BY_PAGE, "works", keys)


async def load_topic_works(db: ReadGateway, keys: Sequence[PageKey]) -> list[Page[Row]]:
    return await load_pages(db, tq.WORKS_PAGE, "works", keys)


async def load_topic_authors(db: ReadGateway, keys: Sequence[PageKey]) -> list[Page[Row]]:
    return await load_pages(db, tq.TOP_AUTHORS_PAGE, "authors", keys)


async def load_source_works(db: ReadGateway, keys: Sequence[PageKey]) -> list[Page[Row]]:
    return await load_pages(db, sq.WORKS_PAGE, "works", keys)


async def load_institution_works(db: ReadGateway, keys: Sequence[PageKey]) -> list[Page[Row]]:
    return await load_pages(db, iq.WORKS_PAGE, "works", keys)


async def load_institution_authors(db: ReadGateway, keys: Sequence[PageKey]) -> list[Page[Row]]:
    return await load_pages(db, iq.AUTHORS_PAGE, "authors", keys)
