"""Per-request DataLoaders: one batch function per relation, each a single Cypher round trip.

`build_loaders()` is called once per request by the context factory; a loader never outlives its request.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from strawberry.dataloader import DataLoader

from loaders import author, entity, profile, relations, work
from loaders._db import ReadGateway
from loaders._paging import PageKey, RowsPage
from loaders.analytics import AnalyticsLoaders
from loaders.profile import ProfileKey
from loaders.rankings import RankingCache

Row = dict[str, Any]


@dataclass(frozen=True)
class Loaders:
    db: ReadGateway
    author: DataLoader[str, Row | None]
    profile: DataLoader[ProfileKey, Row | None]
    author_counts: DataLoader[str, Row | None]
    author_works: DataLoader[PageKey, RowsPage]
    author_topics: DataLoader[PageKey, RowsPage]
    coauthors: DataLoader[PageKey, RowsPage]
    work: DataLoader[str, Row | None]
    authorships: DataLoader[str, list[Row]]
    work_topics: DataLoader[str, list[Row]]
    topic: DataLoader[str, Row | None]
    institution: DataLoader[str, Row | None]
    source: DataLoader[str, Row | None]
    orcid: DataLoader[str, str | None]
    doi: DataLoader[str, str | None]
    ror: DataLoader[str, str | None]
    author_institutions: DataLoader[str, list[Row]]
    works_by_year: DataLoader[str, list[Row]]
    topic_work_count: DataLoader[str, int]
    references: DataLoader[PageKey, RowsPage]
    cited_by: DataLoader[PageKey, RowsPage]
    topic_works: DataLoader[PageKey, RowsPage]
    topic_authors: DataLoader[PageKey, RowsPage]
    source_works: DataLoader[PageKey, RowsPage]
    institution_works: DataLoader[PageKey, RowsPage]
    institution_authors: DataLoader[PageKey, RowsPage]
    analytics: AnalyticsLoaders


def build_loaders(db: ReadGateway, facts: DataLoader[str, Row | None], rankings: RankingCache) -> Loaders:
    """`facts` is the author facts loader the account side builds: counts read from it.

    The profile loader answers what the facts loader does too; `rankings` are the app's kept coauthor rankings
    (loaders/rankings.py), outliving the request unlike the loaders. Every loader reads through `db`, which gives
    each query that names `$viewer` the request's audience (loaders/privacy.py).
    """
    return Loaders(
        db=db,
        author=DataLoader(load_fn=lambda ids: author.load_authors(db, ids)),
        profile=DataLoader(load_fn=lambda keys: profile.load_profiles(db, rankings, keys)),
        author_counts=facts,
        author_works=DataLoader(load_fn=lambda keys: author.load_author_works(db, keys)),
        author_topics=DataLoader(load_fn=lambda keys: author.load_author_topics(db, keys)),
        coauthors=DataLoader(load_fn=lambda keys: author.load_coauthors(db, keys)),
        work=DataLoader(load_fn=lambda ids: work.load_works(db, ids)),
        authorships=DataLoader(load_fn=lambda ids: work.load_authorships(db, ids)),
        work_topics=DataLoader(load_fn=lambda ids: work.load_work_topics(db, ids)),
        topic=DataLoader(load_fn=lambda ids: entity.load_topics(db, ids)),
        institution=DataLoader(load_fn=lambda ids: entity.load_institutions(db, ids)),
        source=DataLoader(load_fn=lambda ids: entity.load_sources(db, ids)),
        orcid=DataLoader(load_fn=lambda keys: entity.load_orcid_ids(db, keys)),
        doi=DataLoader(load_fn=lambda keys: entity.load_doi_ids(db, keys)),
        ror=DataLoader(load_fn=lambda keys: entity.load_ror_ids(db, keys)),
        author_institutions=DataLoader(load_fn=lambda ids: relations.load_author_institutions(db, ids)),
        works_by_year=DataLoader(load_fn=lambda ids: relations.load_works_by_year(db, ids)),
        topic_work_count=DataLoader(load_fn=lambda ids: relations.load_topic_work_counts(db, ids)),
        references=DataLoader(load_fn=lambda keys: relations.load_references(db, keys)),
        cited_by=DataLoader(load_fn=lambda keys: relations.load_cited_by(db, keys)),
        topic_works=DataLoader(load_fn=lambda keys: relations.load_topic_works(db, keys)),
        topic_authors=DataLoader(load_fn=lambda keys: relations.load_topic_authors(db, keys)),
        source_works=DataLoader(load_fn=lambda keys: relations.load_source_works(db, keys)),
        institution_works=DataLoader(load_fn=lambda keys: relations.load_institution_works(db, keys)),
        institution_authors=DataLoader(load_fn=lambda keys: relations.load_institution_authors(db, keys)),
        analytics=AnalyticsLoaders(db),
    )
