"""The Institution type."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from peergraph.context import Info
from resolvers.relations import page_of
from schema.connection import PageInfo, encode_cursor, page_info, page_window
from schema.node import Node

if TYPE_CHECKING:
    from schema.author import Author
    from schema.work import WorkConnection


@strawberry.type(description="An edge to an author.")
class AuthorEdge:
    cursor: str
    node: Annotated[Author, strawberry.lazy("schema.author")]


@strawberry.type(description="A page of authors.")
class InstitutionAuthorConnection:
    total_count: int
    page_info: PageInfo
    edges: list[AuthorEdge]


@strawberry.type(description="A research institution (stubs are known only from authorships and affiliations).")
class Institution(Node):
    name: str | None = strawberry.field(description="Display name.")
    country_code: str | None = strawberry.field(description='ISO 3166-1 alpha-2 country code, e.g. "DK".')
    ror: str | None = strawberry.field(description='Bare ROR id, e.g. "02tvcev59".')
    type: str | None = strawberry.field(description="education, healthcare, company ...")
    works_count: int | None = strawberry.field(
        description="OpenAlex's count of the institution's works (all data; null for a stub): what "
        "WORKS_COUNT_DESC orders by."
    )

    @strawberry.field(description="Authors last known at or affiliated with this institution, by name.")
    async def authors(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> InstitutionAuthorConnection:
        from schema.author import Author

        skip, limit = page_window(first, after)
        page = await page_of(info, "institution_authors", owner=str(self.id), skip=skip, limit=limit)
        edges = [AuthorEdge(cursor=encode_cursor(skip + i), node=Author.from_row(r)) for i, r in enumerate(page.rows)]
        return InstitutionAuthorConnection(
            total_count=page.total, page_info=page_info(skip, len(edges), page.total), edges=edges
        )

    @strawberry.field(description="Works with an authorship at this institution, newest first.")
    async def works(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Annotated[WorkConnection, strawberry.lazy("schema.work")]:
        from schema.work import work_connection

        skip, limit = page_window(first, after)
        return work_connection(await page_of(info, "institution_works", owner=str(self.id), skip=skip, limit=limit))

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Institution:
        return cls(
            id=strawberry.ID(row["id"]),
            name=row.get("name"),
            country_code=row.get("countryCode"),
            ror=row.get("ror"),
            type=row.get("type"),
            works_count=row.get("worksCount"),
        )
