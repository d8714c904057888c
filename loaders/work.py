"""A work's authorships as the API lists them: linked and unlinked in author order, with their institutions."""

from __future__ import annotations

from typing import Any

Row = dict[str, Any]


def authorships_of(row: Row) -> list[Row]:
    """Every authorship of a work (a row of cypher/work/authorships.cypher) in author order, linked or not
    (unlinked ones have author None)."""
    institutions = {i["id"]: i for i in row["institutions"]}
    ships = [
        {**ship, "institutions": [institutions[i] for i in ship["institutionIds"] if i in institutions]}
        for ship in row["linked"]
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
    return ships
