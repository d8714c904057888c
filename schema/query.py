"""The root Query type (the read API). Other areas add their own query classes in schema/__init__.py."""

from __future__ import annotations

import uuid

import strawberry

from accounts import invitations as invites
from peergraph.context import Info
from resolvers import entity
from resolvers import graph as graphs
from schema.accounts.invitation import Invitation
from schema.author import Author
from schema.graph import GraphSlice, SearchHit, entity_from_row
from schema.institution import Institution
from schema.node import Node
from schema.prefetch import prefetch_author, prefetch_work
from schema.work import Work


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


KIND_LABELS = {
    "author": "Author",
    "work": "Work",
    "topic": "Topic",
    "institution": "Institution",
    "source": "Source",
    "funder": "Funder",
    "publisher": "Publisher",
}


@strawberry.type
class Query:
    @strawberry.field(
        description="Any entity by id (short or OpenAlex URL), or an invitation by its id (only its sender and "
        "recipient see it); null when unknown or not visible."
    )
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        if is_uuid(str(id)):
            row = await invites.visible_invitation(info, invitation_id=str(id))
            return None if row is None else Invitation.from_row(row)
        found = await entity.node_by_id(info, id=str(id))
        return None if found is None else entity_from_row(KIND_LABELS[found[0]], found[1])

    @strawberry.field(description="An author by OpenAlex id (short or URL) or by ORCID iD; null when unknown.")
    async def author(self, info: Info, id: strawberry.ID | None = None, orcid: str | None = None) -> Author | None:
        name, value = entity.exactly_one(id=id, orcid=orcid)
        if name == "id":
            short = entity.short_id(value, kind="author")
            if short is not None:
                await prefetch_author(info, short)  # the lookup and its fields' loads in one round trip
            row = await entity.entity_row(info, kind="author", id=value)
        else:
            row = await entity.author_by_orcid(info, orcid=value)
        return None if row is None else Author.from_row(row)

    @strawberry.field(description="A work by OpenAlex id (short or URL) or by DOI; null when unknown.")
    async def work(self, info: Info, id: strawberry.ID | None = None, doi: str | None = None) -> Work | None:
        name, value = entity.exactly_one(id=id, doi=doi)
        short = entity.short_id(value, kind="work") if name == "id" else None
        if short is not None:
            prefetch_work(info, short)  # authorships and topics load beside the lookup
        row = await (
            entity.entity_row(info, kind="work", id=value) if name == "id" else entity.work_by_doi(info, doi=value)
        )
        return None if row is None else Work.from_row(row)

    @strawberry.field(description="An institution by OpenAlex id (short or URL) or by ROR id; null when unknown.")
    async def institution(
        self, info: Info, id: strawberry.ID | None = None, ror: str | None = None
    ) -> Institution | None:
        name, value = entity.exactly_one(id=id, ror=ror)
        row = await (
            entity.entity_row(info, kind="institution", id=value)
            if name == "id"
            else entity.institution_by_ror(info, ror=value)
        )
        return None if row is None else Institution.from_row(row)

    @strawberry.field(description="The entities within `depth` (1 or 2) hops of any entity, at most `limit` (≤ 500).")
    async def graph_slice(
        self, info: Info, center: strawberry.ID, depth: int = 1, limit: int = 100
    ) -> GraphSlice | None:
        row = await graphs.slice_around(info, center=str(center), depth=depth, limit=limit)
        return None if row is None else GraphSlice.from_row(row)

    @strawberry.field(
        description="Full-text search over author names, work titles, topic and institution names; a query that is "
        "an ORCID iD (bare or as a URL) finds the author with it."
    )
    async def search(self, info: Info, query: str, first: int = 20) -> list[SearchHit]:
        rows = await graphs.search(info, query=query, first=first)
        return [SearchHit(score=r["score"], node=entity_from_row(r["kind"], r["entity"])) for r in rows]
