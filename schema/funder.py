"""The Funder and Publisher types (OpenAlex funders and publishers, full records or stubs)."""

from __future__ import annotations

import strawberry

from peergraph.context import Info
from resolvers import analytics as resolve
from schema.node import FromRow, NamedNode, NamedRow


class FunderRow(NamedRow, total=False):
    """A funder as cypher/funder/get_by_ids.cypher and page.cypher return it."""

    countryCode: str | None
    description: str | None
    ror: str | None
    citedByCount: int | None
    awardsCount: int | None
    graphWorksCount: int


class PublisherRow(NamedRow, total=False):
    """A publisher as cypher/publisher/get_by_ids.cypher and page.cypher return it."""

    countryCodes: list[str]
    hierarchyLevel: int | None
    ror: str | None
    citedByCount: int | None
    graphWorksCount: int
    parentId: str | None


@strawberry.type(description="A research funder (stubs are known only from works' funders and grants).")
class Funder(NamedNode, FromRow):
    country_code: str | None = strawberry.field(description="ISO 3166-1 alpha-2 country code.")
    description: str | None = strawberry.field(description="OpenAlex's one-line description.")
    ror: str | None = strawberry.field(description="Bare ROR id.")
    works_count: int | None = strawberry.field(description="OpenAlex's count of the funder's works (all data).")
    cited_by_count: int | None = strawberry.field(description="OpenAlex's citation count (all data).")
    awards_count: int | None = strawberry.field(description="OpenAlex's count of the funder's awards.")
    graph_works_count: int = strawberry.field(description="Works in this graph that name the funder.")
    is_stub: bool = strawberry.field(description="Known only from works naming it (no funder record imported).")


@strawberry.type(description="A funder of a work, with the award ids the work names for it.")
class WorkFunder:
    award_ids: list[str]
    funder: Funder


@strawberry.type(description="A publisher: the host organization of sources (stubs come from sources and works).")
class Publisher(NamedNode, FromRow):
    country_codes: list[str] = strawberry.field(description="ISO 3166-1 alpha-2 country codes.")
    hierarchy_level: int | None = strawberry.field(description="0 for a top publisher, 1 for its imprints ...")
    ror: str | None = strawberry.field(description="Bare ROR id.")
    works_count: int | None = strawberry.field(description="OpenAlex's count of the publisher's works (all data).")
    cited_by_count: int | None = strawberry.field(description="OpenAlex's citation count (all data).")
    graph_works_count: int = strawberry.field(description="Works in this graph published in its sources.")
    is_stub: bool = strawberry.field(description="Known only from sources naming it (no publisher record imported).")
    parent_id: strawberry.Private[str | None]

    @strawberry.field(description="The publisher this one is part of (its parent in the lineage).")
    async def parent(self, info: Info) -> Publisher | None:
        if self.parent_id is None:
            return None
        row = await resolve.publisher_row(info, publisher_id=self.parent_id)
        return None if row is None else Publisher.from_row(row)

    @strawberry.field(description="This publisher, then the ones above it, nearest first (at most 6).")
    async def lineage(self, info: Info) -> list[Publisher]:
        chain: list[Publisher] = [self]
        while chain[-1].parent_id is not None and len(chain) < resolve.MAX_LINEAGE:
            if any(p.id == chain[-1].parent_id for p in chain):  # OpenAlex's lineages hold a few cycles
                break
            row = await resolve.publisher_row(info, publisher_id=chain[-1].parent_id)
            if row is None:
                break
            chain.append(Publisher.from_row(row))
        return chain
