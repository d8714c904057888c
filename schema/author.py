"""The Author type: profile, counts, trust (via the social seam), topics, coauthors and works."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import Any, Literal, TypedDict

import strawberry

from accounts import social
from accounts.trust import Trust
from peergraph.context import Info
from schema.connection import Connection, Edge, connection_field, page_key
from schema.institution import Institution, InstitutionRow
from schema.node import FromRow, NamedNode, NamedRow
from schema.topic import Topic, TopicRow


class AuthorRow(NamedRow, total=False):
    """An author as the reads return it (cypher/fragments/author.cypher); the lookup by id (get_by_ids, profile) adds
    what the claimant hides from the viewer, the last known institution and the one the claimant shows."""

    citedByCount: int | None
    hIndex: int | None
    orcid: str | None
    mergedIds: list[str] | None
    hidden: list[str]
    lastKnown: InstitutionRow | None
    shownAffiliationId: str | None


class CoauthorRow(TypedDict):
    """A row of the coauthor ranking (cypher/author/coauthors_page.cypher, profile.cypher)."""

    sharedWorkCount: int
    sharedTopics: list[TopicRow]
    author: AuthorRow


class AuthorTopicRow(TypedDict):
    workCount: int
    topic: TopicRow


class AuthorInstitutionRow(TypedDict):
    years: list[int]
    institution: InstitutionRow


class YearCountRow(TypedDict):
    year: int
    works: int


@strawberry.enum(description="Whether the author's current affiliation is known to the graph.")
class AffiliationStatus(Enum):
    KNOWN = strawberry.enum_value("KNOWN", description="The last known institution is in the graph.")
    NOT_IMPORTED = strawberry.enum_value("NOT_IMPORTED", description="No last known institution is known.")
    HIDDEN = strawberry.enum_value("HIDDEN", description="The author's claimant hides it from this viewer.")


def social_field(attribute: str, description: str, *, author: Callable[[Any], str] = lambda root: str(root.id)) -> Any:
    """A field of an author's social side (accounts/social.py: claimed, followers, whether the viewer follows, open
    to collaborate), read from the request's author facts; `author` says which author the object is about."""
    returns = {"claimed": bool, "followers": int, "viewer_is_following": bool, "open_to_collaborate": bool}[attribute]

    async def resolve(root: Any, info: Info) -> Any:
        return getattr(await social.author_social(info, author_id=author(root)), attribute)

    resolve.__annotations__ = {"info": Info, "return": returns}
    return strawberry.field(resolver=resolve, description=description)


@strawberry.type(description="How much there is around an author.")
class AuthorCounts:
    author_id: strawberry.Private[str]

    async def _count(self, info: Info, name: Literal["works", "topics", "coauthors"]) -> int:
        facts = await info.context.loaders.facts.load(self.author_id)
        return 0 if facts is None else int(facts[name])

    @strawberry.field(description="The author's works in the graph.")
    async def works(self, info: Info) -> int:
        return await self._count(info, "works")

    followers = social_field("followers", "Followers (accounts).", author=lambda root: root.author_id)

    @strawberry.field(description="Distinct topics of the author's works (0 when the claimant hides them).")
    async def topics(self, info: Info) -> int:
        return await self._count(info, "topics")

    @strawberry.field(description="Distinct coauthors; equals coauthors.totalCount (0 when the claimant hides them).")
    async def close_collaborators(self, info: Info) -> int:
        return await self._count(info, "coauthors")


@strawberry.type(description="A topic of an author's works, with how many of those works carry it.")
class AuthorTopic:
    work_count: int
    topic: Topic


@strawberry.type(description="A coauthor and what the two share.")
class Collaborator:
    shared_work_count: int = strawberry.field(description="Works both authors are named in.")
    shared_topics: list[Topic] = strawberry.field(description="Topics in both authors' topic sets, by name.")
    author: Author


@strawberry.type(description="An institution the author is affiliated with, with the years where known.")
class AuthorInstitution:
    years: list[int]
    institution: Institution


@strawberry.type(description="How many of the author's works appeared in a year.")
class YearCount:
    year: int
    works: int


def _shared_topics(row: CoauthorRow) -> list[Topic]:
    return [Topic.from_row(t) for t in row["sharedTopics"]]


# What a claimant hides is left out where the data is loaded (loaders/privacy.py): the rows these fields read are
# already as the viewer may see them, so no field checks it.
@strawberry.type(
    description="A researcher, keyed by OpenAlex id; stub authors are known only from authorships. What its claimant "
    "hides is null, empty or 0 to everyone but the claimant and admins."
)
class Author(NamedNode, FromRow):
    cited_by_count: int | None = strawberry.field(description="OpenAlex's citation count (all data).")
    h_index: int | None = strawberry.field(description="OpenAlex's h-index (all data).")
    is_stub: bool = strawberry.field(description="Known only from authorships (no full author record yet).")
    orcid: str | None = strawberry.field(
        description='Bare ORCID iD, e.g. "0000-0002-3666-1234"; null when the claimant hides it.'
    )
    row: strawberry.Private[AuthorRow]

    async def _full_row(self, info: Info) -> AuthorRow:
        """The author row (cypher/author/get_by_ids.cypher); rows from pages and listings carry fewer keys."""
        row = self.row if "hidden" in self.row else await info.context.loaders.author.load(str(self.id))
        return row or {"id": str(self.id)}

    @strawberry.field(description="OpenAlex's count of the author's works (all data): what WORKS_COUNT_DESC orders by.")
    async def works_count(self, info: Info) -> int | None:
        row = self.row if "worksCount" in self.row else await self._full_row(info)
        count: int | None = row.get("worksCount")
        return count

    async def _last_known(self, info: Info) -> InstitutionRow | None:
        """The affiliation to show: the claimant's chosen institution, else the last known one (none when hidden)."""
        row = await self._full_row(info)
        shown = row.get("shownAffiliationId")
        if shown is not None:
            chosen = await info.context.loaders.institution.load(shown)
            if chosen is not None:
                return chosen
        return row.get("lastKnown")

    @strawberry.field(
        description="The ids OpenAlex merged into this author, sorted: each of them, asked for, answers with this "
        "author. Empty when none was."
    )
    async def merged_ids(self, info: Info) -> list[strawberry.ID]:
        row = self.row if "mergedIds" in self.row else await self._full_row(info)
        return [strawberry.ID(i) for i in row.get("mergedIds") or []]

    @strawberry.field(description="The last known institution (or the one the claimant shows); null when none.")
    async def affiliation(self, info: Info) -> Institution | None:
        found = await self._last_known(info)
        return None if found is None else Institution.from_row(found)

    @strawberry.field(description="NOT_IMPORTED when no last known institution is known; HIDDEN when hidden.")
    async def affiliation_status(self, info: Info) -> AffiliationStatus:
        if "AFFILIATION" in (await self._full_row(info)).get("hidden", ()):
            return AffiliationStatus.HIDDEN
        known = await self._last_known(info) is not None
        return AffiliationStatus.KNOWN if known else AffiliationStatus.NOT_IMPORTED

    open_to_collaborate = social_field(
        "open_to_collaborate", "Set by the claimed account (accounts); false until then."
    )
    claimed = social_field("claimed", "Whether a user has claimed this author record (accounts).")
    viewer_is_following = social_field(
        "viewer_is_following", "Whether the logged-in viewer follows this author (false when anonymous)."
    )

    @strawberry.field(description="The trust snapshot: a 0-100 score as the sum of documented factors (docs/trust.md).")
    async def trust(self, info: Info) -> Trust:
        return await social.author_trust(info, author_id=str(self.id))

    @strawberry.field(description="Institutions the author is affiliated with, most recent first.")
    async def institutions(self, info: Info) -> list[AuthorInstitution]:
        rows = await info.context.loaders.author_institutions.load(str(self.id))
        return [AuthorInstitution(years=r["years"], institution=Institution.from_row(r["institution"])) for r in rows]

    @strawberry.field(description="The author's works in the graph per publication year, oldest year first.")
    async def works_by_year(self, info: Info) -> list[YearCount]:
        rows = await info.context.loaders.works_by_year.load(str(self.id))
        return [YearCount(year=r["year"], works=r["works"]) for r in rows]

    @strawberry.field(description="Counts of works, followers, topics and close collaborators.")
    def counts(self) -> AuthorCounts:
        return AuthorCounts(author_id=str(self.id))

    @strawberry.field(description="Topics of the author's works, by how many of those works carry them.")
    async def topics(self, info: Info, first: int | None = None) -> list[AuthorTopic]:
        page = await info.context.loaders.author_topics.load(page_key(str(self.id), first, None))
        return [AuthorTopic(work_count=r["workCount"], topic=Topic.from_row(r["topic"])) for r in page.rows]

    @strawberry.field(description="Coauthors by shared works, then shared topics, then name, then id.")
    async def close_collaborators(self, info: Info, first: int | None = None) -> list[Collaborator]:
        page = await info.context.loaders.coauthors.load(page_key(str(self.id), first, None))
        return [
            Collaborator(
                shared_work_count=r["sharedWorkCount"],
                shared_topics=_shared_topics(r),
                author=Author.from_row(r["author"]),
            )
            for r in page.rows
        ]

    @strawberry.field(description="Coauthors, ranked as close collaborators are; cursor pagination.")
    async def coauthors(self, info: Info, first: int | None = None, after: str | None = None) -> CoauthorConnection:
        page = await info.context.loaders.coauthors.load(page_key(str(self.id), first, after))
        return CoauthorConnection.build(page, CoauthorEdge.from_row)

    works = connection_field("author_works", "schema.work.Work", description="The author's works, newest first.")


@strawberry.type(description="An edge to a coauthor, with what the two share.")
class CoauthorEdge(Edge[Author]):
    shared_work_count: int = strawberry.field(description="Works both authors are named in.")
    shared_topics: list[Topic] = strawberry.field(description="Topics in both authors' topic sets, by name.")

    @classmethod
    def from_row(cls, cursor: str, row: CoauthorRow) -> CoauthorEdge:
        return cls(
            cursor=cursor,
            node=Author.from_row(row["author"]),
            shared_work_count=row["sharedWorkCount"],
            shared_topics=_shared_topics(row),
        )


@strawberry.type(description="A page of coauthors, ranked as close collaborators are.")
class CoauthorConnection(Connection[Author]):
    edges: Sequence[CoauthorEdge]
