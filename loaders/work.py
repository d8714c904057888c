"""A work's authorships as the API lists them: linked and unlinked in author order, with their institutions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from schema.work import AuthorshipRow


def authorships_of(row: Any) -> list[AuthorshipRow]:
    """Every authorship of a work (a row of cypher/work/authorships.cypher) in author order, linked or not
    (unlinked ones have author None)."""
    institutions = {i["id"]: i for i in row["institutions"]}
    ships: list[AuthorshipRow] = [
        {
            "order": ship["order"],
            "isCorresponding": ship["isCorresponding"],
            "positionLabel": ship["positionLabel"],
            "rawAuthorName": ship["rawAuthorName"],
            "institutions": [institutions[i] for i in ship["institutionIds"] if i in institutions],
            "author": ship["author"],
        }
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
