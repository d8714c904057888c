"""The Source type (a work's venue: journal, repository, conference ...)."""

from __future__ import annotations

from typing import Any

import strawberry

from schema.node import Node


@strawberry.type(description="Where works are published: a journal, repository, conference, book series ...")
class Source(Node):
    name: str | None = strawberry.field(description="Display name.")
    issn_l: str | None = strawberry.field(description="The linking ISSN.")
    type: str | None = strawberry.field(description="journal, repository, conference ...")

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Source:
        return cls(id=strawberry.ID(row["id"]), name=row.get("name"), issn_l=row.get("issnL"), type=row.get("type"))
