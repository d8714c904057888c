"""Root listings (authors, works, topics, institutions), autocomplete and the coauthorship path."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any, TypedDict, TypeVar

import strawberry

from peergraph.context import Info
from resolvers import analytics, listing
from resolvers import graph as graphs
from schema import keyset
from schema.author import Author, AuthorRow
from schema.connection import Connection
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
from schema.work import Work, WorkRow


class PathRow(TypedDict):
    """A found coauthorship path (cypher/graph/coauthor_path.cypher): its authors in order, and the works each
    consecutive pair shares."""

    authors: list[AuthorRow]
    links: list[list[WorkRow]]


N = TypeVar("N")


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


async def _page(
    info: Info,
    kind: str,
    order: str,
    filters: dict[str, Any],
    first: int | None,
    after: str | None,
    node: Callable[[Any], N],
) -> Connection[N]:
    """One page of a root listing of `kind` (schema/keyset.py), totalCount counted when asked."""
    fetch = partial(listing.list_page, info, kind=kind, order=order, filters=filters)
    counter = partial(listing.list_count, info, kind=kind, filters=filters)
    return await keyset.page(f"{kind}s.{order}", first, after, fetch, counter, node)


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
    ) -> Connection[Work]:
        fetch = partial(analytics.works_page, info, where=where, order=order_by.name)
        counter = partial(analytics.count_works, info, where=where)
        return await keyset.page(f"works.{order_by.name}", first, after, fetch, counter, Work.from_row)

    @strawberry.field(description="All authors matching `where`, in the chosen order.")
    async def authors(
        self,
        info: Info,
        where: AuthorFilter | None = None,
        order_by: AuthorOrder = AuthorOrder.NAME_ASC,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Author]:
        filters = (where or AuthorFilter()).params()
        return await _page(info, "author", order_by.name, filters, first, after, Author.from_row)

    @strawberry.field(description="All topics matching `where`, in the chosen order.")
    async def topics(
        self,
        info: Info,
        where: TopicFilter | None = None,
        order_by: NamedOrder = NamedOrder.NAME_ASC,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Topic]:
        filters = (where or TopicFilter()).params()
        return await _page(info, "topic", order_by.name, filters, first, after, Topic.from_row)

    @strawberry.field(description="All institutions matching `where`, in the chosen order.")
    async def institutions(
        self,
        info: Info,
        where: InstitutionFilter | None = None,
        order_by: NamedOrder = NamedOrder.NAME_ASC,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Institution]:
        filters = (where or InstitutionFilter()).params()
        return await _page(info, "institution", order_by.name, filters, first, after, Institution.from_row)

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
