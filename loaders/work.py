"""A work's authorships as the API lists them: linked and unlinked in author order, with their institutions."""

from __future__ import annotations

from typing import Any

Row = dict[str, Any]


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


def authorships_of(row: Row) -> list[Row]:
    """Every authorship of a work (a row of cypher/work/authorships.cypher) in author order, linked or not
    (unlinked ones have author None)."""
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
    return ships
