"""The Work type, its authorships and topics, and pages of works."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from peergraph.context import Info
from schema.connection import Connection, edge_to, page_key
from schema.institution import Institution
from schema.node import Node
from schema.source import Source
from schema.topic import Topic

if TYPE_CHECKING:
    from schema.author import Author
    from schema.funder import WorkFunder


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
    def from_row(cls, row: dict[str, Any]) -> Authorship:
        from schema.author import Author

        author = row.get("author")
        return cls(
            position=int(row["order"]) + 1,
            position_label=row.get("positionLabel"),
            is_corresponding=bool(row.get("isCorresponding")),
            raw_author_name=row.get("rawAuthorName"),
            author=None if author is None else Author.from_row(author),
            institutions=[Institution.from_row(i) for i in row.get("institutions") or []],
        )


@strawberry.type(description="A topic attached to a work, with OpenAlex's score.")
class WorkTopic:
    score: float | None
    topic: Topic


@strawberry.type(description="A scholarly work (article, book, dataset ...), keyed by its OpenAlex id.")
class Work(Node):
    title: str | None = strawberry.field(description="The work's title.")
    type: str | None = strawberry.field(description="OpenAlex work type: article, book-chapter, dataset ...")
    year: int | None = strawberry.field(description="Publication year.")
    doi: str | None = strawberry.field(description='Bare lowercase DOI, e.g. "10.7717/peerj.4375".')
    cited_by_count: int | None = strawberry.field(description="OpenAlex's citation count (all data).")
    language: str | None = strawberry.field(description='ISO 639-1 language code, e.g. "en".')
    row: strawberry.Private[dict[str, Any]]

    @strawberry.field(description="The source of the primary location.")
    async def venue(self, info: Info) -> Source | None:
        row = self.row if "venue" in self.row else await info.context.loaders.work.load(str(self.id))
        venue = None if row is None else row.get("venue")
        return None if venue is None else Source.from_row(venue)

    @strawberry.field(description="Plain text, rebuilt from OpenAlex's inverted index.")
    async def abstract(self, info: Info) -> str | None:
        row = self.row if "abstract" in self.row else await info.context.loaders.work.load(str(self.id))
        return None if row is None else row.get("abstract")

    @strawberry.field(description="Open access status.")
    def open_access(self) -> OpenAccess:
        return OpenAccess(is_oa=self.row.get("isOa"), status=self.row.get("oaStatus"), url=self.row.get("oaUrl"))

    @strawberry.field(description="The works this work cites (those in the graph), newest first.")
    async def references(self, info: Info, first: int | None = None, after: str | None = None) -> Connection[Work]:
        page = await info.context.loaders.references.load(page_key(str(self.id), first, after))
        return Connection.build(page, edge_to(Work.from_row))

    @strawberry.field(description="The works citing this work (those in the graph), newest first.")
    async def cited_by(self, info: Info, first: int | None = None, after: str | None = None) -> Connection[Work]:
        page = await info.context.loaders.cited_by.load(page_key(str(self.id), first, after))
        return Connection.build(page, edge_to(Work.from_row))

    @strawberry.field(description="Every authorship in author order, including those that name no author id.")
    async def authorships(self, info: Info) -> list[Authorship]:
        return [Authorship.from_row(r) for r in await info.context.loaders.authorships.load(str(self.id))]

    @strawberry.field(description="The work's funders (its funders and grants), by name, with the award ids.")
    async def funders(self, info: Info) -> list[Annotated[WorkFunder, strawberry.lazy("schema.funder")]]:
        from resolvers.analytics import work_funders
        from schema.funder import Funder, WorkFunder

        rows = await work_funders(info, work_id=str(self.id))
        return [WorkFunder(award_ids=list(r["awardIds"]), funder=Funder.from_row(r["funder"])) for r in rows]

    @strawberry.field(description="Publication date (ISO 8601).")
    def publication_date(self) -> str | None:
        return self.row.get("publicationDate")

    @strawberry.field(description="The work's topics, highest score first.")
    async def topics(self, info: Info) -> list[WorkTopic]:
        rows = await info.context.loaders.work_topics.load(str(self.id))
        return [WorkTopic(score=r.get("score"), topic=Topic.from_row(r["topic"])) for r in rows]

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Work:
        return cls(
            id=strawberry.ID(row["id"]),
            title=row.get("title"),
            type=row.get("type"),
            year=row.get("year"),
            doi=row.get("doi"),
            cited_by_count=row.get("citedByCount"),
            language=row.get("language"),
            row=row,
        )
