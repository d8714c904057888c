"""The Work type, its authorships and topics, and pages of works."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, TypedDict

import strawberry

from peergraph.context import Info
from schema.connection import connection_field
from schema.institution import Institution, InstitutionRow
from schema.node import FromRow, Node, NodeRow
from schema.source import Source, SourceRow
from schema.topic import Topic, TopicRow

if TYPE_CHECKING:
    from schema.author import Author, AuthorRow


class WorkRow(NodeRow, total=False):
    """A work as the reads return it (cypher/fragments/work.cypher; the lookup by id adds the abstract and the rest, a
    search hit has the node's properties and no venue)."""

    title: str | None
    type: str | None
    year: int | None
    doi: str | None
    citedByCount: int | None
    language: str | None
    isOa: bool | None
    oaStatus: str | None
    oaUrl: str | None
    venue: SourceRow | None
    mergedIds: list[str] | None
    abstract: str | None
    publicationDate: str | None
    isRetracted: bool | None
    referencedWorksCount: int | None


class AuthorshipRow(TypedDict):
    """An authorship as the loader assembles it (loaders/work.py, from cypher/work/authorships.cypher)."""

    order: int
    isCorresponding: bool | None
    positionLabel: str | None
    rawAuthorName: str | None
    institutions: list[InstitutionRow]
    author: AuthorRow | None


class WorkTopicRow(TypedDict):
    score: float | None
    topic: TopicRow


@strawberry.type(description="Open access status of a work.")
class OpenAccess:
    is_oa: bool | None = strawberry.field(description="Whether a free copy exists.")
    status: str | None = strawberry.field(description="gold, green, hybrid, bronze, closed ...")
    url: str | None = strawberry.field(description="Where the free copy is.")


@strawberry.type(description="One author's place on a work. Unlinked authorships name no author record.")
class Authorship:
    position: int = strawberry.field(description="1-based place in the work's author list.")
    position_label: str | None = strawberry.field(description="OpenAlex's first / middle / last.")
    is_corresponding: bool = strawberry.field(description="Marked as a corresponding author.")
    raw_author_name: str | None = strawberry.field(description="The name as printed on the work.")
    author: Annotated[Author, strawberry.lazy("schema.author")] | None = strawberry.field(
        description="The author record; null for an authorship that names no author id."
    )
    institutions: list[Institution] = strawberry.field(description="The institutions of this authorship.")

    @classmethod
    def from_row(cls, row: AuthorshipRow) -> Authorship:
        from schema.author import Author

        author = row["author"]
        return cls(
            position=int(row["order"]) + 1,
            position_label=row.get("positionLabel"),
            is_corresponding=bool(row.get("isCorresponding")),
            raw_author_name=row.get("rawAuthorName"),
            author=None if author is None else Author.from_row(author),
            institutions=[Institution.from_row(i) for i in row["institutions"]],
        )


@strawberry.type(description="A topic attached to a work, with OpenAlex's score.")
class WorkTopic:
    score: float | None
    topic: Topic


@strawberry.type(description="A scholarly work (article, book, dataset ...), keyed by its OpenAlex id.")
class Work(Node, FromRow):
    title: str | None = strawberry.field(description="The work's title.")
    type: str | None = strawberry.field(description="OpenAlex work type: article, book-chapter, dataset ...")
    year: int | None = strawberry.field(description="Publication year.")
    doi: str | None = strawberry.field(description='Bare lowercase DOI, e.g. "10.7717/peerj.4375".')
    cited_by_count: int | None = strawberry.field(description="OpenAlex's citation count (all data).")
    language: str | None = strawberry.field(description='ISO 639-1 language code, e.g. "en".')
    row: strawberry.Private[WorkRow]

    @strawberry.field(description="The source of the primary location.")
    async def venue(self, info: Info) -> Source | None:
        row = self.row if "venue" in self.row else await info.context.loaders.work.load(str(self.id))
        venue = None if row is None else row.get("venue")
        return None if venue is None else Source.from_row(venue)

    @strawberry.field(description="Plain text, rebuilt from OpenAlex's inverted index.")
    async def abstract(self, info: Info) -> str | None:
        row = self.row if "abstract" in self.row else await info.context.loaders.work.load(str(self.id))
        return None if row is None else row.get("abstract")

    @strawberry.field(
        description="The ids OpenAlex merged into this work, sorted: each of them, asked for, answers with this "
        "work. Empty when none was."
    )
    async def merged_ids(self, info: Info) -> list[strawberry.ID]:
        row = self.row if "mergedIds" in self.row else await info.context.loaders.work.load(str(self.id))
        merged = None if row is None else row.get("mergedIds")
        return [strawberry.ID(i) for i in merged or []]

    @strawberry.field(description="Open access status.")
    def open_access(self) -> OpenAccess:
        return OpenAccess(is_oa=self.row.get("isOa"), status=self.row.get("oaStatus"), url=self.row.get("oaUrl"))

    references = connection_field(
        "references", "schema.work.Work", description="The works this work cites (those in the graph), newest first."
    )
    cited_by = connection_field(
        "cited_by", "schema.work.Work", description="The works citing this work (those in the graph), newest first."
    )

    @strawberry.field(description="Every authorship in author order, including those that name no author id.")
    async def authorships(self, info: Info) -> list[Authorship]:
        return [Authorship.from_row(r) for r in await info.context.loaders.authorships.load(str(self.id))]

    @strawberry.field(description="The work's topics, highest score first.")
    async def topics(self, info: Info) -> list[WorkTopic]:
        rows = await info.context.loaders.work_topics.load(str(self.id))
        return [WorkTopic(score=r.get("score"), topic=Topic.from_row(r["topic"])) for r in rows]
