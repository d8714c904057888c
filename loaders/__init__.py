"""Per-request DataLoaders: every relation declared once, each a single Cypher round trip per batch.

A `Loaders` is made once per request by the context factory and never outlives it; a loader is built the first time
the request reads it (loaders/relation.py). Every loader reads through `db`, which gives each query that names
`$viewer` the request's audience, and each declaration names the hideable fields its rows can tell, checked against
its query at import (loaders/privacy.py).
"""

from __future__ import annotations

from operator import itemgetter
from typing import TYPE_CHECKING

from cypher import account as account_q
from cypher import author as author_q
from cypher import institution as institution_q
from cypher import merged as merged_q
from cypher import source as source_q
from cypher import topic as topic_q
from cypher import work as work_q
from loaders.gateway import ReadGateway
from loaders.privacy import HIDEABLE, HiddenField
from loaders.profile import load_profiles
from loaders.rankings import RankingCache
from loaders.relation import Relation, batch, by_ids, by_keys, pages, per_owner
from loaders.work import authorships_of

if TYPE_CHECKING:  # the row shapes sit next to the types that read them; nothing here runs schema code
    from accounts.auth.viewer import UserRow
    from accounts.social import FactsRow
    from loaders.paging import Page, PageKey
    from schema.author import AuthorInstitutionRow, AuthorRow, AuthorTopicRow, CoauthorRow, YearCountRow
    from schema.institution import InstitutionRow
    from schema.source import SourceRow
    from schema.topic import TopicAuthorRow, TopicRow
    from schema.work import AuthorshipRow, WorkRow, WorkTopicRow


ORCID, AFFILIATION, TOPICS, COLLABORATORS = (
    HiddenField.ORCID,
    HiddenField.AFFILIATION,
    HiddenField.TOPICS,
    HiddenField.COLLABORATORS,
)


class Loaders:
    """The request's loaders, by relation. `rankings` are the app's kept coauthor rankings (loaders/rankings.py),
    which outlive the request unlike the loaders."""

    def __init__(self, db: ReadGateway, rankings: RankingCache) -> None:
        self.db = db
        self.rankings = rankings

    # Entities by id, and ids by alternate keys.
    author: Relation[str, AuthorRow | None] = by_ids(author_q.GET_BY_IDS, "author", private=(ORCID, AFFILIATION))
    work: Relation[str, WorkRow | None] = by_ids(work_q.GET_BY_IDS, "work", private=())
    topic: Relation[str, TopicRow | None] = by_ids(topic_q.GET_BY_IDS, "topic", private=())
    institution: Relation[str, InstitutionRow | None] = by_ids(institution_q.GET_BY_IDS, "institution", private=())
    source: Relation[str, SourceRow | None] = by_ids(source_q.GET_BY_IDS, "source", private=())
    user: Relation[str, UserRow | None] = by_ids(account_q.GET_USERS_BY_IDS, "user", private=())
    orcid = by_keys(author_q.GET_BY_ORCIDS, "orcid", private=(ORCID,))
    doi = by_keys(work_q.GET_BY_DOIS, "doi", private=())
    ror = by_keys(institution_q.GET_BY_RORS, "ror", private=())
    survivor = by_keys(merged_q.SURVIVORS, "mergedId", private=())  # what OpenAlex merged an id into

    # An author's counts, social side (claim, followers, whether the viewer follows) and trust inputs: one query.
    facts: Relation[str, FactsRow | None] = per_owner(
        author_q.FACTS,
        lambda row: row,
        lambda: None,
        key="authorId",
        private=HIDEABLE,
    )
    # `author(id:)` with what its selected fields ask for (schema/prefetch.py), one round trip per distinct plan.
    profile = batch(load_profiles, reads=author_q.PROFILE, private=HIDEABLE)

    # Small lists and counts per owner.
    authorships: Relation[str, list[AuthorshipRow]] = per_owner(
        work_q.AUTHORSHIPS, authorships_of, list, key="workId", private=(ORCID,)
    )
    work_topics: Relation[str, list[WorkTopicRow]] = per_owner(
        work_q.TOPICS, itemgetter("topics"), list, key="workId", private=()
    )
    author_institutions: Relation[str, list[AuthorInstitutionRow]] = per_owner(
        author_q.INSTITUTIONS, itemgetter("institutions"), list, key="authorId", private=(AFFILIATION,)
    )
    works_by_year: Relation[str, list[YearCountRow]] = per_owner(
        author_q.WORKS_BY_YEAR, itemgetter("years"), list, key="authorId", private=()
    )
    topic_work_count: Relation[str, int] = per_owner(
        topic_q.WORK_COUNTS, itemgetter("works"), int, key="topicId", private=()
    )

    # Pages (PageKey: owner, window, parameters).
    author_works: Relation[PageKey, Page[WorkRow]] = pages(author_q.WORKS_PAGE, "works", private=())
    author_topics: Relation[PageKey, Page[AuthorTopicRow]] = pages(author_q.TOPICS_PAGE, "topics", private=(TOPICS,))
    coauthors: Relation[PageKey, Page[CoauthorRow]] = pages(
        author_q.COAUTHORS_PAGE, "coauthors", private=(COLLABORATORS, TOPICS, ORCID)
    )
    references: Relation[PageKey, Page[WorkRow]] = pages(work_q.REFERENCES_PAGE, "works", private=())
    cited_by: Relation[PageKey, Page[WorkRow]] = pages(work_q.CITED_BY_PAGE, "works", private=())
    topic_works: Relation[PageKey, Page[WorkRow]] = pages(topic_q.WORKS_PAGE, "works", private=())
    topic_authors: Relation[PageKey, Page[TopicAuthorRow]] = pages(
        topic_q.TOP_AUTHORS_PAGE, "authors", private=(TOPICS, ORCID)
    )
    source_works: Relation[PageKey, Page[WorkRow]] = pages(source_q.WORKS_PAGE, "works", private=())
    institution_works: Relation[PageKey, Page[WorkRow]] = pages(institution_q.WORKS_PAGE, "works", private=())
    institution_authors: Relation[PageKey, Page[AuthorRow]] = pages(
        institution_q.AUTHORS_PAGE, "authors", private=(AFFILIATION, ORCID)
    )
