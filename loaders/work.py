"""A work's authorships as the API lists them: linked and unlinked in author order, with their institutions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from schema.work import AuthorshipRow


def _places(ship: Any) -> list[Any]:
    """An AUTHORED row as its authorships: the first place, then the later ones of an author listed again (the
    relationship's `more*` lists, docs/graph-model.md)."""
    places = [ship]
    more = ship.get("more")
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


def authorships_of(row: Any) -> list[AuthorshipRow]:
    """Every authorship of a work (a row of cypher/work/authorships.cypher) in author order, linked or not
    (unlinked ones have author None)."""
    institutions = {i["id"]: i for i in row["institutions"]}
    ships: list[AuthorshipRow] = [
        {
            "order": place["order"],
            "isCorresponding": place["isCorresponding"],
            "positionLabel": place["positionLabel"],
            "rawAuthorName": place["rawAuthorName"],
            "institutions": [institutions[i] for i in place["institutionIds"] if i in institutions],
            "author": place["author"],
        }
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
