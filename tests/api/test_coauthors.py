"""Coauthors (the contract's operation): ranking, shared works and topics, cursor pagination across pages."""

from __future__ import annotations

from typing import Any

import httpx
from neo4j import AsyncDriver

from tests.api._ops import call, run
from tests.api.sample_truth import Truth, sample_truth


async def all_pages(http: httpx.AsyncClient, contract: str, author: str, first: int) -> list[dict[str, Any]]:
    """Every coauthor edge, page by page; totalCount must stay the same on every page."""
    edges: list[dict[str, Any]] = []
    totals: set[int] = set()
    after = None
    while True:
        data = await run(http, contract, "Coauthors", id=author, first=first, after=after)
        page = data["author"]["coauthors"]
        totals.add(page["totalCount"])
        assert len(page["edges"]) <= first
        edges += page["edges"]
        if not page["pageInfo"]["hasNextPage"]:
            assert page["pageInfo"]["endCursor"] == (page["edges"][-1]["cursor"] if page["edges"] else None)
            break
        after = page["pageInfo"]["endCursor"]
        assert after == page["edges"][-1]["cursor"]
    assert totals == {len(edges)}
    return edges


def expected(truth: Truth, author: str) -> list[tuple[str, str | None, int, set[str]]]:
    return [(b, truth.author_name[b], n, shared) for b, n, shared in truth.coauthors(author)]


def as_rows(edges: list[dict[str, Any]]) -> list[tuple[str, str | None, int, set[str]]]:
    return [
        (e["node"]["id"], e["node"]["name"], e["sharedWorkCount"], {t["id"] for t in e["sharedTopics"]}) for e in edges
    ]


async def test_coauthors_ranked_with_shared_topics(
    sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str
) -> None:
    truth = sample_truth()
    # the author whose coauthors differ most in shared works and shared topics
    author = max(
        (a for a in sorted(truth.author_record) if 2 < len(truth.coauthors(a)) < 400),
        key=lambda a: (len({(n, len(s)) for _, n, s in truth.coauthors(a)}), a),
    )
    want = expected(truth, author)
    assert len({(n, len(s)) for _, _, n, s in want}) > 2, "the ranking must be exercised"
    edges = await all_pages(http, contract, author, first=7)
    assert as_rows(edges) == want
    names = {e["node"]["id"]: {t["id"]: t["name"] for t in e["sharedTopics"]} for e in edges}
    for topics in names.values():
        assert all(truth.topic_name[t] == name for t, name in topics.items())


async def test_coauthors_of_an_author_on_the_5103_author_work(
    sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str
) -> None:
    truth = sample_truth()
    big = max(truth.works, key=lambda w: len(truth.works[w]["authorships"]))
    author = next(s.author for s in truth.ships[big] if s.author) or ""
    want = expected(truth, author)
    edges = await all_pages(http, contract, author, first=100)
    assert len({e["node"]["id"] for e in edges}) == len(edges) == len(want) > 5000
    assert as_rows(edges) == want


async def test_coauthors_of_an_author_with_one_coauthor(
    sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str
) -> None:
    truth = sample_truth()
    author = next(a for a in sorted(truth.author_works) if len(truth.coauthors(a)) == 1)
    edges = await all_pages(http, contract, author, first=20)
    assert as_rows(edges) == expected(truth, author)


async def test_coauthors_bad_cursor_and_size_are_bad_input(
    sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str
) -> None:
    for variables in ({"first": 101}, {"first": -1}, {"first": 5, "after": "bm90LWEtY3Vyc29y"}):
        body = await call(http, contract, "Coauthors", id="A5082727236", **variables)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", body
