"""Batch functions for the simple entities (topics, institutions, sources) and the alternate keys."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, LiteralString

from cypher import author as aq
from cypher import institution as iq
from cypher import merged as mq
from cypher import source as sq
from cypher import topic as tq
from cypher import work as wq
from loaders._db import ReadGateway

Row = dict[str, Any]


async def _by_ids(db: ReadGateway, query: LiteralString, column: str, ids: Sequence[str]) -> list[Row | None]:
    rows = await db.rows(query, ids=list(ids))
    by_id = {row[column]["id"]: row[column] for row in rows}
    return [by_id.get(i) for i in ids]


async def _keys(db: ReadGateway, query: LiteralString, param: str, keys: Sequence[str]) -> list[str | None]:
    rows = await db.rows(query, **{param: list(keys)})
    column = param[:-1]
    found = {row[column]: row["id"] for row in rows}
    return [found.get(k) for k in keys]


async def load_topics(db: ReadGateway, ids: Sequence[str]) -> list[Row | None]:
    return await _by_ids(db, tq.GET_BY_IDS, "topic", ids)


async def load_institutions(db: ReadGateway, ids: Sequence[str]) -> list[Row | None]:
    return await _by_ids(db, iq.GET_BY_IDS, "institution", ids)


async def load_sources(db: ReadGateway, ids: Sequence[str]) -> list[Row | None]:
    return await _by_ids(db, sq.GET_BY_IDS, "source", ids)


async def load_orcid_ids(db: ReadGateway, orcids: Sequence[str]) -> list[str | None]:
    return await _keys(db, aq.GET_BY_ORCIDS, "orcids", orcids)


async def load_doi_ids(db: ReadGateway, dois: Sequence[str]) -> list[str | None]:
    return await _keys(db, wq.GET_BY_DOIS, "dois", dois)


async def load_ror_ids(db: ReadGateway, rors: Sequence[str]) -> list[str | None]:
    return await _keys(db, iq.GET_BY_RORS, "rors", rors)


async def load_survivor_ids(db: ReadGateway, merged_ids: Sequence[str]) -> list[str | None]:
    """The survivor of each merged id (None for an id that was not merged)."""
    return await _keys(db, mq.SURVIVORS, "mergedIds", merged_ids)
