"""The Source type (a work's venue: journal, repository, conference ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from peergraph.context import Info
from resolvers.relations import page_of
from schema.connection import page_window
from schema.node import Node

if TYPE_CHECKING:
    from schema.funder import Publisher
    from schema.work import WorkConnection


@strawberry.type(description="Where works are published: a journal, repository, conference, book series ...")
class Source(Node):
    name: str | None = strawberry.field(description="Display name.")
    issn_l: str | None = strawberry.field(description="The linking ISSN.")
    type: str | None = strawberry.field(description="journal, repository, conference ...")

    @strawberry.field(description="Works published in this source, newest first.")
    async def works(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Annotated[WorkConnection, strawberry.lazy("schema.work")]:
        from schema.work import work_connection

        skip, limit = page_window(first, after)
        return work_connection(await page_of(info, "source_works", owner=str(self.id), skip=skip, limit=limit))

    @strawberry.field(description="The source's publisher (its host organization, when that is a publisher).")
    async def publisher(self, info: Info) -> Annotated[Publisher, strawberry.lazy("schema.funder")] | None:
        from resolvers.analytics import source_publisher
        from schema.funder import Publisher

        row = await source_publisher(info, source_id=str(self.id))
        return None if row is None else Publisher.from_row(row)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Source:
        return cls(id=strawberry.ID(row["id"]), name=row.get("name"), issn_l=row.get("issnL"), type=row.get("type"))
