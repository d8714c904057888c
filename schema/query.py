"""The root Query type."""

from __future__ import annotations

import strawberry

from context import Info
from resolvers import author as authors
from resolvers import work as works
from schema.author import Author
from schema.work import Work


@strawberry.type
class Query:
    @strawberry.field(description="An author by OpenAlex id (short or URL); null when unknown.")
    async def author(self, info: Info, id: strawberry.ID) -> Author | None:
        row = await authors.author_by_id(info, id=str(id))
        return None if row is None else Author.from_row(row)

    @strawberry.field(description="A work by OpenAlex id (short or URL); null when unknown.")
    async def work(self, info: Info, id: strawberry.ID) -> Work | None:
        row = await works.work_by_id(info, id=str(id))
        return None if row is None else Work.from_row(row)
