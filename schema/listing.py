"""Root listings (authors, works, topics, institutions), autocomplete and the coauthorship path."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Any

import strawberry

from peergraph.context import Info
from resolvers import analytics, listing
from resolvers import graph as graphs
from schema.author import Author
from schema.connection import Counter, PageInfo, encode_cursor, page_info_next, page_window, resolve_total
from schema.filters import (
    AuthorFilter,
    AuthorOrder,
    InstitutionFilter,
    NamedOrder,
    TopicFilter,
    WorkFilter,
    WorkOrder,
)
from schema.graph import entity_from_row
from schema.institution import Institution
from schema.node import EntityKind, Node
from schema.topic import Topic
from schema.work import Work, WorkConnection, WorkEdge


@strawberry.type(description="A page of authors (totalCount counted only when asked).")
class AuthorListing:
    page_info: PageInfo
    nodes: list[Author]
    counter: strawberry.Private[Counter]

    @strawberry.field
    async def total_count(self) -> int:
        return await resolve_total(None, self.counter)


@strawberry.type(description="A page of topics (totalCount counted only when asked).")
class TopicListing:
    page_info: PageInfo
    nodes: list[Topic]
    counter: strawberry.Private[Counter]

    @strawberry.field
    async def total_count(self) -> int:
        return await resolve_total(None, self.counter)


@strawberry.type(description="A page of institutions (totalCount counted only when asked).")
class InstitutionListing:
    page_info: PageInfo
    nodes: list[Institution]
    counter: strawberry.Private[Counter]

    @strawberry.field
    async def total_count(self) -> int:
        return await resolve_total(None, self.counter)


@strawberry.type(description="One hop of a coauthorship path: two authors and every work they share.")
class PathHop:
    source: Author
    target: Author
    works: list[Work]


@strawberry.type(description="The shortest coauthorship path between two authors.")
class CoauthorPath:
    hops: int
    authors: list[Author]
    links: list[PathHop]


async def _rows(
    info: Info, kind: str, order: str, filters: dict[str, Any], first: int | None, after: str | None
) -> tuple[int, list[dict[str, Any]], bool, Counter]:
    """One page (fetched with one extra row to learn whether more follow) and a counter for totalCount."""
    skip, limit = page_window(first, after)
    rows = await listing.list_page(info, kind=kind, order=order, filters=filters, skip=skip, limit=limit + 1)
    counter = partial(listing.list_count, info, kind=kind, filters=filters)
    return skip, rows[:limit], len(rows) > limit, counter


@strawberry.type
class ListingQuery:
    @strawberry.field(
        description="All works matching `where` (filters as OpenAlex's, combined with AND / OR / NOT), in the chosen "
        "order: unknown values last, ties by id."
    )
    async def works(
        self,
        info: Info,
        where: WorkFilter | None = None,
        order_by: WorkOrder = WorkOrder.YEAR_DESC,
        first: int | None = None,
        after: str | None = None,
    ) -> WorkConnection:
        skip, limit = page_window(first, after)
        rows = await analytics.works_page(info, where=where, order=order_by.value, skip=skip, limit=limit + 1)
        more, rows = len(rows) > limit, rows[:limit]
        counter = partial(analytics.count_works, info, where=where)
        edges = [WorkEdge(cursor=encode_cursor(skip + i), node=Work.from_row(r)) for i, r in enumerate(rows)]
        return WorkConnection(
            page_info=page_info_next(skip, len(edges), more), edges=edges, total=None, counter=counter
        )

    @strawberry.field(description="All authors matching `where`, in the chosen order.")
    async def authors(
        self,
        info: Info,
        where: AuthorFilter | None = None,
        order_by: AuthorOrder = AuthorOrder.NAME_ASC,
        first: int | None = None,
        after: str | None = None,
    ) -> AuthorListing:
        filters = (where or AuthorFilter()).params()
        skip, rows, more, counter = await _rows(info, "author", order_by.value, filters, first, after)
        return AuthorListing(
            page_info=page_info_next(skip, len(rows), more), nodes=[Author.from_row(r) for r in rows], counter=counter
        )

    @strawberry.field(description="All topics matching `where`, in the chosen order.")
    async def topics(
        self,
        info: Info,
        where: TopicFilter | None = None,
        order_by: NamedOrder = NamedOrder.NAME_ASC,
        first: int | None = None,
        after: str | None = None,
    ) -> TopicListing:
        filters = (where or TopicFilter()).params()
        skip, rows, more, counter = await _rows(info, "topic", order_by.value, filters, first, after)
        return TopicListing(
            page_info=page_info_next(skip, len(rows), more), nodes=[Topic.from_row(r) for r in rows], counter=counter
        )

    @strawberry.field(description="All institutions matching `where`, in the chosen order.")
    async def institutions(
        self,
        info: Info,
        where: InstitutionFilter | None = None,
        order_by: NamedOrder = NamedOrder.NAME_ASC,
        first: int | None = None,
        after: str | None = None,
    ) -> InstitutionListing:
        filters = (where or InstitutionFilter()).params()
        skip, rows, more, counter = await _rows(info, "institution", order_by.value, filters, first, after)
        return InstitutionListing(
            page_info=page_info_next(skip, len(rows), more),
            nodes=[Institution.from_row(r) for r in rows],
            counter=counter,
        )

    @strawberry.field(
        description="Entities with a name/title word starting with `prefix` (the last word); a prefix that is a "
        "whole ORCID iD finds the author with it."
    )
    async def autocomplete(
        self, info: Info, prefix: str, types: list[EntityKind] | None = None, first: int = 10
    ) -> list[Node]:
        kinds = [k.value for k in (types or list(EntityKind)) if k is not EntityKind.SOURCE]
        rows = await listing.autocomplete(info, prefix=prefix, kinds=kinds, first=first)
        return [entity_from_row(r["kind"], r["entity"]) for r in rows]

    @strawberry.field(
        description="The shortest coauthorship path (≤ maxHops ≤ 6) between two authors, or between the researchers of "
        "two institutions (the authors of their authorships), and the works linking each hop; null when there "
        "is none that short. A search that runs out of its node budget first is null with a QUERY_TOO_COSTLY error "
        "(extensions: hopsSearched, visited, budget)."
    )
    async def connection(
        self,
        info: Info,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from", description="An author or institution id.")],
        to: Annotated[strawberry.ID, strawberry.argument(description="An author or institution id.")],
        max_hops: int = 4,
    ) -> CoauthorPath | None:
        row = await graphs.coauthor_path(info, source=str(from_), target=str(to), max_hops=max_hops)
        if row is None:
            return None
        authors = [Author.from_row(a) for a in row["authors"]]
        links = [
            PathHop(source=authors[k], target=authors[k + 1], works=[Work.from_row(w) for w in works])
            for k, works in enumerate(row["links"])
        ]
        return CoauthorPath(hops=len(links), authors=authors, links=links)
