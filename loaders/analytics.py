"""Per-request loaders of funders and publishers (built on first use: most requests never ask for them)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from strawberry.dataloader import DataLoader

from cypher import funder as fq
from cypher import publisher as pq
from loaders._db import ReadGateway

Row = dict[str, Any]


async def _by_ids(db: ReadGateway, query: Any, column: str, ids: Sequence[str]) -> list[Row | None]:
    rows = await db.rows(query, ids=list(ids))
    by_id = {row[column]["id"]: row[column] for row in rows}
    return [by_id.get(i) for i in ids]


async def load_work_funders(db: ReadGateway, ids: Sequence[str]) -> list[list[Row]]:
    rows = await db.rows(fq.OF_WORKS, ids=list(ids))
    by_id = {row["workId"]: row["funders"] for row in rows}
    return [by_id.get(i, []) for i in ids]


async def load_source_publishers(db: ReadGateway, ids: Sequence[str]) -> list[str | None]:
    rows = await db.rows(pq.OF_SOURCES, ids=list(ids))
    by_id = {row["sourceId"]: row["publisherId"] for row in rows}
    return [by_id.get(i) for i in ids]


class AnalyticsLoaders:
    """Funders, publishers and their links, one batch query per kind of key."""

    def __init__(self, db: ReadGateway) -> None:
        self.db = db

    @cached_property
    def funder(self) -> DataLoader[str, Row | None]:
        return DataLoader(load_fn=lambda ids: _by_ids(self.db, fq.GET_BY_IDS, "funder", ids))

    @cached_property
    def publisher(self) -> DataLoader[str, Row | None]:
        return DataLoader(load_fn=lambda ids: _by_ids(self.db, pq.GET_BY_IDS, "publisher", ids))

    @cached_property
    def work_funders(self) -> DataLoader[str, list[Row]]:
        return DataLoader(load_fn=lambda ids: load_work_funders(self.db, ids))

    @cached_property
    def source_publisher(self) -> DataLoader[str, str | None]:
        return DataLoader(load_fn=lambda ids: load_source_publishers(self.db, ids))
