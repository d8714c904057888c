"""Batch functions for works and their relations."""

from __future__ import annotations

from collections.abc import Sequence

from cypher import work as q
from loaders._db import ReadGateway


async def load_works(db: ReadGateway, ids: Sequence[str]) -> list[dict[str, object] | None]:
    rows = await db.rows(q.GET_BY_IDS, ids=list(ids))
    by_id = {row["work"]["id"]: row["work"] for row in rows}
    return [by_id.get(i) for i in ids]
