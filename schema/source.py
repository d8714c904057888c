"""The Source type (a work's venue: journal, repository, conference ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from peergraph.context import Info
from schema.connection import Connection, edge_to, page_key
from schema.node import Node

if TYPE_CHECKING:
    from schema.funder import Publisher
    from schema.work import Work


@strawberry.type(description="Where works are published: a journal, repository, conference, book series ...")
class Source(Node):
    name: str | None = strawberry.field(description="Display name.")
    issn_l: str | None = strawberry.field(description="The linking ISSN.")
    type: str | None = strawberry.field(description="journal, repository, conference ...")

    @strawberry.field(description="Works published in this source, newest first.")
    async def works(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Annotated[Work, strawberry.lazy("schema.work")]]:
        from schema.work import Work

        page = await info.context.loaders.source_works.load(page_key(str(self.id), first, after))
        return Connection.build(page, edge_to(Work.from_row))

    @strawberry.field(description="The source's publisher (its host organization, when that is a publisher).")
    async def publisher(self, info: Info) -> Annotated[Publisher, strawberry.lazy("schema.funder")] | None:
        from resolvers.analytics import source_publisher
        from schema.funder import Publisher

        row = await source_publisher(info, source_id=str(self.id))
        return None if row is None else Publisher.from_row(row)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Source:
        return cls(id=strawberry.ID(row["id"]), name=row.get("name"), issn_l=row.get("issnL"), type=row.get("type"))
