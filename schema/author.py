"""The Author type."""

from __future__ import annotations

from typing import Any

import strawberry

from context import Info
from resolvers import author as resolve
from schema.connection import PageInfo, encode_cursor, page_info, page_window
from schema.work import Work, WorkEdge


@strawberry.type(description="A page of works.")
class WorkConnection:
    total_count: int = strawberry.field(description="How many works there are in all.")
    page_info: PageInfo
    edges: list[WorkEdge]


@strawberry.type(description="A researcher, keyed by OpenAlex id; stub authors are known only from authorships.")
class Author:
    id: strawberry.ID = strawberry.field(description='OpenAlex short id, e.g. "A5082727236".')
    name: str | None = strawberry.field(description="Display name.")
    orcid: str | None = strawberry.field(description='Bare ORCID iD, e.g. "0000-0002-3666-1234".')

    @strawberry.field(description="The author's works, newest first.")
    async def works(self, info: Info, first: int | None = None, after: str | None = None) -> WorkConnection:
        skip, limit = page_window(first, after)
        page = await resolve.author_works(info, author_id=str(self.id), skip=skip, limit=limit)
        edges = [WorkEdge(cursor=encode_cursor(skip + i), node=Work.from_row(r)) for i, r in enumerate(page.rows)]
        return WorkConnection(total_count=page.total, page_info=page_info(skip, len(edges), page.total), edges=edges)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Author:
        return cls(id=strawberry.ID(row["id"]), name=row.get("name"), orcid=row.get("orcid"))
