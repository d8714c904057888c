"""The analyst's root fields: counts by facet (OpenAlex's group_by), collaborations, funders and publishers."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from functools import partial
from typing import Any, TypeVar

import strawberry

from peergraph.context import Info
from resolvers import analytics as resolve
from schema import keyset
from schema.connection import Connection
from schema.filters import AuthorFilter, InstitutionFilter
from schema.funder import Funder, Publisher
from schema.source import Source
from schema.work_filter import WorkFilter

N = TypeVar("N")

# The enums whose members need no description are declared by their names (a member's name is its GraphQL value;
# the resolvers read `.name`); strawberry.enum registers each one as it is.
WorkFacet = Enum(
    "WorkFacet",
    "YEAR TYPE LANGUAGE OA_STATUS IS_OA TOPIC SUBFIELD FIELD DOMAIN SOURCE PUBLISHER INSTITUTION COUNTRY AUTHOR FUNDER",
)
strawberry.enum(WorkFacet, description="What worksGroupBy counts works by.")

AuthorFacet = Enum("AuthorFacet", "COUNTRY INSTITUTION TOPIC HAS_ORCID")
strawberry.enum(
    AuthorFacet, description="What authorsGroupBy counts authors by (country and institution: the last known one)."
)

InstitutionFacet = Enum("InstitutionFacet", "COUNTRY TYPE")
strawberry.enum(InstitutionFacet, description="What institutionsGroupBy counts institutions by.")

GroupOrder = Enum("GroupOrder", "COUNT_DESC KEY_ASC")
strawberry.enum(
    GroupOrder, description="The order of groups: most first (then by key), or by key; the unknown group last."
)

CollaborationParty = Enum("CollaborationParty", "INSTITUTION COUNTRY AUTHOR")
strawberry.enum(CollaborationParty, description="Who shares works in `collaborations`.")

EntityOrder = Enum("EntityOrder", "NAME_ASC WORKS_COUNT_DESC CITED_BY_DESC")
strawberry.enum(
    EntityOrder, description="Orders of the funders and publishers listings (unknown counts last, ties by id)."
)

SourceOrder = Enum("SourceOrder", "NAME_ASC")
strawberry.enum(SourceOrder, description="Orders of the sources listing (sources hold no OpenAlex counts to order by).")


@strawberry.type(description="One group of works: its key (an id, a year, a code ...; null: the unknown group).")
class WorkGroup:
    key: str | None = strawberry.field(description="The facet's value: an id, a year, a code, a name.")
    label: str | None = strawberry.field(description="The key's display name.")
    count: int = strawberry.field(description="Works in the group.")
    cited_by_count: int = strawberry.field(description="The citation counts of its works, summed.")
    open_access_count: int = strawberry.field(description="Its works with a free copy (isOa).")


@strawberry.type(description="Works counted by a facet; a work counts once in each of its keys.")
class WorkGroups:
    total_count: int = strawberry.field(description="How many groups there are in all.")
    groups: list[WorkGroup]


@strawberry.type(description="One group of authors or institutions.")
class EntityGroup:
    key: str | None = strawberry.field(description="The facet's value (null: the unknown group).")
    label: str | None = strawberry.field(description="The key's display name.")
    count: int = strawberry.field(description="Entities in the group.")
    cited_by_count: int | None = strawberry.field(description="Their citation counts summed (authors).")


@strawberry.type(description="Authors or institutions counted by a facet.")
class EntityGroups:
    total_count: int = strawberry.field(description="How many groups there are in all.")
    groups: list[EntityGroup]


@strawberry.type(description="A party of a collaboration: an institution, a country or an author.")
class Party:
    key: str = strawberry.field(description="An institution or author id, or a country code.")
    label: str | None = strawberry.field(description="Its display name.")


@strawberry.type(description="Two parties and the works they share.")
class Collaboration:
    a: Party
    b: Party
    works: int = strawberry.field(description="Works both parties are on.")
    cited_by_count: int = strawberry.field(description="The citation counts of those works, summed.")


@strawberry.type(description="Pairs of parties ranked by the works they share.")
class Collaborations:
    total_count: int = strawberry.field(description="How many pairs there are in all.")
    pairs: list[Collaboration]
    skipped_works: int = strawberry.field(
        description=f"Matching works left out for having more than {resolve.MAX_PARTIES} parties."
    )


@strawberry.input(description="Filters on funders and publishers; every given filter must hold.")
class OrganizationFilter:
    name_contains: str | None = None
    country: str | None = strawberry.field(default=None, description="A country code (any case).")
    search: str | None = strawberry.field(default=None, description="Full-text words in the name (any case).")

    def params(self) -> dict[str, object]:
        country = self.country.upper() if self.country else None
        return {"nameContains": self.name_contains, "country": country, "search": self.search}


def _work_groups(row: dict[str, object]) -> WorkGroups:
    groups = row["groups"]
    assert isinstance(groups, list)
    return WorkGroups(
        total_count=int(str(row["totalCount"])),
        groups=[
            WorkGroup(
                key=g["key"],
                label=g["label"],
                count=g["count"],
                cited_by_count=g["citedByCount"],
                open_access_count=g["openAccessCount"],
            )
            for g in groups
        ],
    )


async def _entity_groups(
    info: Info, kind: str, filters: dict[str, Any], facet: str, first: int, order: GroupOrder, include_unknown: bool
) -> EntityGroups:
    """authorsGroupBy and institutionsGroupBy: the entities of `kind` matching `filters`, counted by `facet`."""
    by_key = order is GroupOrder.KEY_ASC
    row = await resolve.entity_group_by(
        info, kind=kind, filters=filters, facet=facet, first=first, by_key=by_key, include_unknown=include_unknown
    )
    groups = row["groups"]
    assert isinstance(groups, list)
    return EntityGroups(
        total_count=int(str(row["totalCount"])),
        groups=[
            EntityGroup(key=g["key"], label=g["label"], count=g["count"], cited_by_count=g["citedByCount"])
            for g in groups
        ],
    )


async def _page(
    info: Info,
    kind: str,
    where: OrganizationFilter | None,
    order: EntityOrder | SourceOrder,
    first: int | None,
    after: str | None,
    node: Callable[[Any], N],
) -> Connection[N]:
    filters = await resolve.organization_filters(info, kind=kind, filters=(where or OrganizationFilter()).params())
    fetch = partial(resolve.entity_page, info, kind=kind, filters=filters, order=order.name)
    counter = partial(resolve.entity_count, info, kind=kind, filters=filters)
    return await keyset.page(f"{kind}s.{order.name}", first, after, fetch, counter, node)


@strawberry.type
class AnalyticsQuery:
    @strawberry.field(
        description="Works matching `where` counted by a facet, as OpenAlex's group_by: each group's key, label, "
        "works, their citations and open-access works; the works with no key are one null group, only with "
        "includeUnknown. At most `first` (≤ 200) groups."
    )
    async def works_group_by(
        self,
        info: Info,
        by: WorkFacet,
        where: WorkFilter | None = None,
        first: int = 20,
        order_by: GroupOrder = GroupOrder.COUNT_DESC,
        include_unknown: bool = False,
    ) -> WorkGroups:
        row = await resolve.works_group_by(
            info,
            where=where,
            facet=by.name,
            first=first,
            by_key=order_by is GroupOrder.KEY_ASC,
            include_unknown=include_unknown,
        )
        return _work_groups(row)

    @strawberry.field(
        description="Authors matching `where` counted by a facet (what a claimant hides from you counts as unknown)."
    )
    async def authors_group_by(
        self,
        info: Info,
        by: AuthorFacet,
        where: AuthorFilter | None = None,
        first: int = 20,
        order_by: GroupOrder = GroupOrder.COUNT_DESC,
        include_unknown: bool = False,
    ) -> EntityGroups:
        filters = (where or AuthorFilter()).params()
        return await _entity_groups(info, "author", filters, by.name, first, order_by, include_unknown)

    @strawberry.field(description="Institutions matching `where` counted by a facet.")
    async def institutions_group_by(
        self,
        info: Info,
        by: InstitutionFacet,
        where: InstitutionFilter | None = None,
        first: int = 20,
        order_by: GroupOrder = GroupOrder.COUNT_DESC,
        include_unknown: bool = False,
    ) -> EntityGroups:
        filters = (where or InstitutionFilter()).params()
        return await _entity_groups(info, "institution", filters, by.name, first, order_by, include_unknown)

    @strawberry.field(
        description="Pairs of institutions, countries or authors ranked by how many of the works matching `where` "
        "they share (then by their keys), at most `first` (≤ 200)."
    )
    async def collaborations(
        self, info: Info, between: CollaborationParty, where: WorkFilter | None = None, first: int = 20
    ) -> Collaborations:
        row = await resolve.collaborations(info, where=where, party=between.name, first=first)
        return Collaborations(
            total_count=row["totalCount"],
            pairs=[
                Collaboration(
                    a=Party(key=p["a"]["key"], label=p["a"]["label"]),
                    b=Party(key=p["b"]["key"], label=p["b"]["label"]),
                    works=p["works"],
                    cited_by_count=p["citedByCount"],
                )
                for p in row["pairs"]
            ],
            skipped_works=row["skippedWorks"],
        )

    @strawberry.field(description="A funder by OpenAlex id (short or URL); null when unknown.")
    async def funder(self, info: Info, id: strawberry.ID) -> Funder | None:
        row = await resolve.funder_by_id(info, id=str(id))
        return None if row is None else Funder.from_row(row)

    @strawberry.field(description="A publisher by OpenAlex id (short or URL); null when unknown.")
    async def publisher(self, info: Info, id: strawberry.ID) -> Publisher | None:
        row = await resolve.publisher_by_id(info, id=str(id))
        return None if row is None else Publisher.from_row(row)

    @strawberry.field(description="All funders matching `where`, in the chosen order.")
    async def funders(
        self,
        info: Info,
        where: OrganizationFilter | None = None,
        order_by: EntityOrder = EntityOrder.NAME_ASC,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Funder]:
        return await _page(info, "funder", where, order_by, first, after, Funder.from_row)

    @strawberry.field(description="All sources matching `where` (country: the source's), by name.")
    async def sources(
        self,
        info: Info,
        where: OrganizationFilter | None = None,
        order_by: SourceOrder = SourceOrder.NAME_ASC,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Source]:
        return await _page(info, "source", where, order_by, first, after, Source.from_row)

    @strawberry.field(description="All publishers matching `where`, in the chosen order.")
    async def publishers(
        self,
        info: Info,
        where: OrganizationFilter | None = None,
        order_by: EntityOrder = EntityOrder.NAME_ASC,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Publisher]:
        return await _page(info, "publisher", where, order_by, first, after, Publisher.from_row)
