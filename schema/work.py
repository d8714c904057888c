"""The Work type."""

from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type(description="A scholarly work (article, book, dataset ...), keyed by its OpenAlex id.")
class Work:
    id: strawberry.ID = strawberry.field(description='OpenAlex short id, e.g. "W2741809807".')
    title: str | None = strawberry.field(description="The work's title.")
    type: str | None = strawberry.field(description="OpenAlex work type: article, book-chapter, dataset ...")
    year: int | None = strawberry.field(description="Publication year.")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Work:
        return cls(id=strawberry.ID(row["id"]), title=row.get("title"), type=row.get("type"), year=row.get("year"))


@strawberry.type(description="An edge to a work.")
class WorkEdge:
    cursor: str
    node: Work
