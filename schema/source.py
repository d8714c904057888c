"""The Source type (a work's venue: journal, repository, conference ...)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from peergraph.context import Info
from schema.connection import connection_field
from schema.node import FromRow, NamedNode, NamedRow

if TYPE_CHECKING:
    from schema.funder import Publisher


class SourceRow(NamedRow, total=False):
    """A source as the reads return it (cypher/fragments/source.cypher; a lookup adds isStub)."""

    issnL: str | None
    type: str | None
    countryCode: str | None


@strawberry.type(description="Where works are published: a journal, repository, conference, book series ...")
class Source(NamedNode, FromRow):
    issn_l: str | None = strawberry.field(description="The linking ISSN.")
    type: str | None = strawberry.field(description="journal, repository, conference ...")

    works = connection_field(
        "source_works", "schema.work.Work", description="Works published in this source, newest first."
    )

    @strawberry.field(description="The source's publisher (its host organization, when that is a publisher).")
    async def publisher(self, info: Info) -> Annotated[Publisher, strawberry.lazy("schema.funder")] | None:
        from resolvers.analytics import source_publisher
        from schema.funder import Publisher

        row = await source_publisher(info, source_id=str(self.id))
        return None if row is None else Publisher.from_row(row)
