"""Batch functions for works and their relations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cypher import work as q
from loaders._db import ReadGateway

Row = dict[str, Any]


async def load_works(db: ReadGateway, ids: Sequence[str]) -> list[Row | None]:
    rows = await db.rows(q.GET_BY_IDS, ids=list(ids))
    by_id = {row["work"]["id"]: row["work"] for row in rows}
    return [by_id.get(i) for i in ids]


def _places(ship: Row) -> list[Row]:
    """An AUTHORED row as its authorships: the first place, then the later ones of an author listed again."""
    more = ship.pop("more", None)
    places = [ship]
    if more is not None:
        start = 0
        for k, order in enumerate(more["orders"]):
            count = more["institutionCounts"][k]
            places.append(
                {
                    "order": order,
                    "isCorresponding": more["corresponding"][k],
                    "positionLabel": more["positionLabels"][k] or None,
                    "rawAuthorName": more["rawAuthorNames"][k] or None,
                    "institutionIds": more["institutionIds"][start : start + count],
                    "author": ship["author"],
                }
            )
            start += count
    return places


async def load_authorships(db: ReadGateway, ids: Sequence[str]) -> list[list[Row]]:
    """Every authorship of each work in author order, linked or not (unlinked ones have author None)."""
    rows = await db.rows(q.AUTHORSHIPS, ids=list(ids))
    by_id: dict[str, list[Row]] = {}
    for row in rows:
        institutions = {i["id"]: i for i in row["institutions"]}
        ships = [
            {**place, "institutions": [institutions[i] for i in place["institutionIds"] if i in institutions]}
            for ship in row["linked"]
            for place in _places(ship)
        ]
        for name, order in zip(row["unlinkedNames"], row["unlinkedOrders"], strict=False):
            ships.append(
                {
                    "order": order,
                    "isCorresponding": False,
                    "positionLabel": None,
                    "rawAuthorName": name,
                    "institutions": [],
                    "author": None,
                }
            )
        ships.sort(key=lambda s: s["order"])
        by_id[row["workId"]] = ships
    return [by_id.get(i, []) for i in ids]


async def load_work_topics(db: ReadGateway, ids: Sequence[str]) -> list[list[Row]]:
    rows = await db.rows(q.TOPICS, ids=list(ids))
    by_id = {row["workId"]: row["topics"] for row in rows}
    return [by_id.get(i, []) for i in ids]
