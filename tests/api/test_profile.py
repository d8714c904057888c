"""ResearcherProfile (the contract's operation, as written) against the answers derived from the sample files."""

from __future__ import annotations

from typing import Any

import httpx
from neo4j import AsyncDriver

from tests.api._ops import run
from tests.api.sample_truth import Truth, name_key, sample_truth


def works_order(truth: Truth, work_id: str) -> tuple[int, int, str]:
    """Newest first; Cypher sorts null years first when descending."""
    year = truth.works[work_id].get("publication_year")
    return (0 if year is None else 1, -(year or 0), work_id)


def expected_profile(truth: Truth, author: str) -> dict[str, Any]:
    last = truth.last_known.get(author)
    topics = truth.topics_of(author)
    ranked_topics = sorted(topics, key=lambda t: (-topics[t], *name_key(truth.topic_name.get(t)), t))
    coauthors = truth.coauthors(author)
    works = sorted(truth.author_works[author], key=lambda w: works_order(truth, w))
    return {
        "id": author,
        "name": truth.author_name[author],
        "orcid": truth.author_orcid[author],
        "affiliation": None
        if last is None
        else {
            "id": last,
            "name": truth.institution[last]["name"],
            "countryCode": truth.institution[last]["countryCode"],
        },
        "affiliationStatus": "NOT_IMPORTED" if last is None else "KNOWN",
        "counts": {
            "works": len(truth.author_works[author]),
            "followers": 0,
            "topics": len(topics),
            "closeCollaborators": len(coauthors),
        },
        "topics": [
            {"workCount": topics[t], "topic": {"id": t, "name": truth.topic_name[t]}} for t in ranked_topics[:10]
        ],
        "closeCollaborators": [
            {"sharedWorkCount": n, "author": {"id": b, "name": truth.author_name[b]}} for b, n, _ in coauthors[:4]
        ],
        "works": [
            {
                "id": w,
                "title": truth.works[w]["display_name"],
                "type": truth.works[w]["type"],
                "year": truth.works[w]["publication_year"],
                "venue": None
                if w not in truth.venue
                else {"id": truth.venue[w], "name": truth.source_name[truth.venue[w]]},
            }
            for w in works[:10]
        ],
        "worksTotal": len(works),
    }


def assert_profile(got: dict[str, Any], want: dict[str, Any]) -> None:
    for key in ("id", "name", "orcid", "affiliation", "affiliationStatus", "counts", "topics", "closeCollaborators"):
        assert got[key] == want[key], key
    assert got["works"]["totalCount"] == want["worksTotal"]
    assert [e["node"] for e in got["works"]["edges"]] == want["works"]
    assert got["works"]["pageInfo"]["hasNextPage"] == (want["worksTotal"] > 10)
    # the social seam's placeholder answers (accounts/social.py) until accounts exist
    assert got["claimed"] is False
    assert got["viewerIsFollowing"] is False
    assert got["trust"]["verificationLevel"] in {"L0", "L1", "L2", "L3"}


def busiest_full_author(truth: Truth) -> str:
    """The full author record with a known affiliation and the most works with topics in the sample."""
    candidates = [a for a in truth.author_record if a in truth.last_known and truth.topics_of(a)]
    return max(candidates, key=lambda a: (len(truth.author_works[a]), len(truth.coauthors(a)), a))


async def test_profile_of_a_full_author(sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str) -> None:
    truth = sample_truth()
    author = busiest_full_author(truth)
    want = expected_profile(truth, author)
    assert want["counts"]["closeCollaborators"] > 4
    assert want["counts"]["topics"] > 0
    data = await run(http, contract, "ResearcherProfile", id=author)
    assert_profile(data["author"], want)


async def test_profile_of_an_author_without_topics(
    sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str
) -> None:
    truth = sample_truth()
    author = next(a for a in sorted(truth.author_record) if truth.author_works[a] and not truth.topics_of(a))
    data = await run(http, contract, "ResearcherProfile", id=f"https://openalex.org/{author}")
    assert data["author"]["topics"] == []
    assert data["author"]["counts"]["topics"] == 0
    assert_profile(data["author"], expected_profile(truth, author))


async def test_profile_of_a_stub_author(sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str) -> None:
    truth = sample_truth()
    stubs = [a for a in sorted(truth.author_works) if a not in truth.author_record]
    author = max(stubs, key=lambda a: (len(truth.author_works[a]), a))
    data = await run(http, contract, "ResearcherProfile", id=author)
    assert data["author"]["affiliationStatus"] == "NOT_IMPORTED"
    assert_profile(data["author"], expected_profile(truth, author))


async def test_profile_of_an_author_on_the_5103_author_work(
    sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str
) -> None:
    truth = sample_truth()
    big = max(truth.works, key=lambda w: len(truth.works[w]["authorships"]))
    assert len(truth.works[big]["authorships"]) == 5103
    author = next(s.author for s in truth.ships[big] if s.author)
    want = expected_profile(truth, author or "")
    assert want["counts"]["closeCollaborators"] > 5000
    data = await run(http, contract, "ResearcherProfile", id=author)
    assert_profile(data["author"], want)


async def test_works_pages_cover_every_work_once(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    truth = sample_truth()
    author = max(truth.author_works, key=lambda a: (len(truth.author_works[a]), a))
    query = """query($id: ID!, $after: String) { author(id: $id) { works(first: 3, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } } }"""
    seen: list[str] = []
    after = None
    while True:
        response = await http.post("/graphql", json={"query": query, "variables": {"id": author, "after": after}})
        works = response.json()["data"]["author"]["works"]
        assert works["totalCount"] == len(truth.author_works[author])
        seen += [e["node"]["id"] for e in works["edges"]]
        if not works["pageInfo"]["hasNextPage"]:
            break
        after = works["pageInfo"]["endCursor"]
    assert seen == sorted(truth.author_works[author], key=lambda w: works_order(truth, w))
