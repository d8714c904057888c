"""The Source type (a work's venue: journal, repository, conference ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Required, TypedDict

import strawberry

from peergraph.context import Info
from schema.connection import Connection, edge_to, page_key
from schema.node import Node

if TYPE_CHECKING:
    from schema.work import Work


class SourceRow(TypedDict, total=False):
    """A source as the reads return it (cypher/fragments/source.cypher; a lookup adds isStub)."""

    id: Required[str]
    name: str | None
    issnL: str | None
    type: str | None
    countryCode: str | None
    isStub: bool | None


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

    @classmethod
    def from_row(cls, row: SourceRow) -> Source:
        return cls(id=strawberry.ID(row["id"]), name=row.get("name"), issn_l=row.get("issnL"), type=row.get("type"))
