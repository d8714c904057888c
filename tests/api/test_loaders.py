"""Relations declared once (loaders/relation.py): built lazily per request, page keys that carry parameters, and
declarations that refuse a query applying no viewer rule to what its rows can tell."""

from __future__ import annotations

from typing import Any

import pytest
from neo4j import AsyncDriver

from cypher import author as author_q
from cypher import work as work_q
from loaders import Loaders
from loaders.paging import Page, PageKey
from loaders.privacy import HiddenField
from loaders.relation import Relation, by_ids, pages
from peergraph.context import build_context
from peergraph.settings import Settings
from tests.api.sample_truth import sample_truth

# A relation with a parameter of its own: an author's works from a year on (a test's own query).
WORKS_SINCE = """
UNWIND $ids AS id
MATCH (a:Author {id: id})
CALL (a) {
  MATCH (a)-[:AUTHORED]->(w:Work) WHERE w.year >= $since
  WITH w ORDER BY w.year DESC, w.id ASC
  RETURN count(w) AS total, collect(w {.id, .year}) AS ranked
}
RETURN id AS ownerId, total, ranked[$skip..$skip + $limit] AS works
"""


class WithWorksSince(Loaders):
    works_since: Relation[PageKey, Page[dict[str, Any]]] = pages(WORKS_SINCE, "works", private=())


def test_a_relation_that_can_tell_a_hidden_field_needs_the_viewer_rule_in_its_query() -> None:
    with pytest.raises(ValueError, match="ORCID"):
        by_ids(work_q.GET_BY_IDS, "work", private=(HiddenField.ORCID,))  # works' query reads no claim
    with pytest.raises(ValueError, match="COLLABORATORS"):
        pages(author_q.WORKS_PAGE, "works", private=(HiddenField.COLLABORATORS,))
    pages(
        author_q.COAUTHORS_PAGE, "coauthors", private=(HiddenField.COLLABORATORS, HiddenField.TOPICS, HiddenField.ORCID)
    )


async def test_page_keys_carry_parameters_to_the_query(sample_db: AsyncDriver, settings: Settings) -> None:
    truth = sample_truth()

    def years(author: str) -> list[int]:
        return sorted({truth.works[w]["publication_year"] for w in truth.author_works[author]})

    author = max((a for a in truth.author_works if len(truth.author_works[a]) <= 100), key=lambda a: len(years(a)))
    since = years(author)[len(years(author)) // 2]
    context = build_context(sample_db, settings)
    loaders = WithWorksSince(context.loaders.db, context.loaders.rankings)
    assert "works_since" not in vars(loaders)  # not built until read
    keys = [PageKey.of(author, 0, 100, since=year) for year in (years(author)[0], since)]
    every, recent = [await loaders.works_since.load(key) for key in keys]
    assert loaders.works_since is vars(loaders)["works_since"]  # one loader for the request
    expected = {w for w in truth.author_works[author] if truth.works[w]["publication_year"] >= since}
    assert every.total == len(truth.author_works[author])
    assert recent.total == len(expected) < every.total
    assert {row["id"] for row in recent.rows} == expected
