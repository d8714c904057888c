"""The Topic type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, TypedDict

import strawberry

from peergraph.context import Info
from schema.connection import Connection, Edge, connection_field
from schema.node import FromRow, NamedNode, NamedRow

if TYPE_CHECKING:
    from schema.author import Author, AuthorRow


class TopicRow(NamedRow, total=False):
    """A topic as the reads return it (cypher/fragments/topic.cypher; a lookup and the listing add the rest)."""

    subfield: str | None
    field: str | None
    domain: str | None
    description: str | None


class TopicAuthorRow(TypedDict):
    """A row of cypher/topic/top_authors_page.cypher."""

    workCount: int
    author: AuthorRow


@strawberry.type(description="An author of a topic's works, with how many of those works they are on.")
class TopicAuthorEdge(Edge[Annotated["Author", strawberry.lazy("schema.author")]]):
    work_count: int

    @classmethod
    def from_row(cls, cursor: str, row: TopicAuthorRow) -> TopicAuthorEdge:
        from schema.author import Author

        return cls(cursor=cursor, node=Author.from_row(row["author"]), work_count=row["workCount"])


@strawberry.type(description="A page of a topic's authors, most works with the topic first.")
class TopicAuthorConnection(Connection[Annotated["Author", strawberry.lazy("schema.author")]]):
    edges: Sequence[TopicAuthorEdge]


@strawberry.type(description="An OpenAlex topic (stubs are known only from works' `topics`).")
class Topic(NamedNode, FromRow):
    subfield: str | None = strawberry.field(description="The subfield it belongs to.")
    field: str | None = strawberry.field(description="The field it belongs to.")
    domain: str | None = strawberry.field(description="The domain it belongs to.")
    works_count: int | None = strawberry.field(description="OpenAlex's count of works with this topic (all data).")

    @strawberry.field(description="Works in the graph carrying this topic.")
    async def work_count(self, info: Info) -> int:
        return await info.context.loaders.topic_work_count.load(str(self.id))

    works = connection_field("topic_works", "schema.work.Work", description="Works carrying this topic, newest first.")
    top_authors = connection_field(
        "topic_authors",
        "schema.author.Author",
        description="Authors of this topic's works, by how many of those works they are on.",
        connection=TopicAuthorConnection,
        edge=TopicAuthorEdge.from_row,
    )
