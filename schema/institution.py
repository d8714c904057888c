"""The Institution type."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from peergraph.context import Info
from schema.connection import Connection, edge_to, page_key
from schema.node import Node

if TYPE_CHECKING:
    from schema.author import Author
    from schema.work import Work


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
    ) -> Connection[Annotated[Author, strawberry.lazy("schema.author")]]:
        from schema.author import Author

        page = await info.context.loaders.institution_authors.load(page_key(str(self.id), first, after))
        return Connection.build(page, edge_to(Author.from_row))

    @strawberry.field(description="Works with an authorship at this institution, newest first.")
    async def works(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Annotated[Work, strawberry.lazy("schema.work")]]:
        from schema.work import Work

        page = await info.context.loaders.institution_works.load(page_key(str(self.id), first, after))
        return Connection.build(page, edge_to(Work.from_row))

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
