"""The Topic type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from peergraph.context import Info
from schema.connection import Connection, Edge, edge_to, page_key
from schema.node import Node

if TYPE_CHECKING:
    from schema.author import Author
    from schema.work import Work


@strawberry.type(description="An author of a topic's works, with how many of those works they are on.")
class TopicAuthorEdge(Edge[Annotated["Author", strawberry.lazy("schema.author")]]):
    work_count: int

    @classmethod
    def from_row(cls, cursor: str, row: dict[str, Any]) -> TopicAuthorEdge:
        from schema.author import Author

        return cls(cursor=cursor, node=Author.from_row(row["author"]), work_count=row["workCount"])


@strawberry.type(description="A page of a topic's authors, most works with the topic first.")
class TopicAuthorConnection(Connection[Annotated["Author", strawberry.lazy("schema.author")]]):
    edges: Sequence[TopicAuthorEdge]


@strawberry.type(description="An OpenAlex topic (stubs are known only from works' `topics`).")
class Topic(Node):
    name: str | None = strawberry.field(description="Display name.")
    subfield: str | None = strawberry.field(description="The subfield it belongs to.")
    field: str | None = strawberry.field(description="The field it belongs to.")
    domain: str | None = strawberry.field(description="The domain it belongs to.")
    works_count: int | None = strawberry.field(description="OpenAlex's count of works with this topic (all data).")

    @strawberry.field(description="Works in the graph carrying this topic.")
    async def work_count(self, info: Info) -> int:
        return await info.context.loaders.topic_work_count.load(str(self.id))

    @strawberry.field(description="Works carrying this topic, newest first.")
    async def works(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> Connection[Annotated[Work, strawberry.lazy("schema.work")]]:
        from schema.work import Work

        page = await info.context.loaders.topic_works.load(page_key(str(self.id), first, after))
        return Connection.build(page, edge_to(Work.from_row))

    @strawberry.field(description="Authors of this topic's works, by how many of those works they are on.")
    async def top_authors(
        self, info: Info, first: int | None = None, after: str | None = None
    ) -> TopicAuthorConnection:
        page = await info.context.loaders.topic_authors.load(page_key(str(self.id), first, after))
        return TopicAuthorConnection.build(page, TopicAuthorEdge.from_row)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Topic:
        return cls(
            id=strawberry.ID(row["id"]),
            name=row.get("name"),
            subfield=row.get("subfield"),
            field=row.get("field"),
            domain=row.get("domain"),
            works_count=row.get("worksCount"),
        )
