"""Round trips are bounded by the query's shape: the same for 1 coauthor as for ~5,000."""

from __future__ import annotations

import httpx
from neo4j import AsyncDriver

from tests.api._ops import call
from tests.api.sample_truth import sample_truth


async def round_trips(client: httpx.AsyncClient, contract: str, name: str, **variables: object) -> int:
    body = await call(client, contract, name, **variables)
    assert "errors" not in body, body
    trips = body["extensions"]["neo4jRoundTrips"]
    assert isinstance(trips, int)
    return trips


async def test_profile_and_coauthors_cost_the_same_for_1_and_5000_coauthors(
    sample_db: AsyncDriver, counting_http: httpx.AsyncClient, contract: str
) -> None:
    truth = sample_truth()
    small = next(a for a in sorted(truth.author_works) if len(truth.coauthors(a)) == 1)
    big_work = max(truth.works, key=lambda w: len(truth.works[w]["authorships"]))
    large = next(s.author for s in truth.ships[big_work] if s.author) or ""
    assert len(truth.coauthors(large)) > 5000

    profile = [await round_trips(counting_http, contract, "ResearcherProfile", id=a) for a in (small, large)]
    assert profile[0] == profile[1]
    # author, facts (counts, claim, followers, viewer, trust inputs), topics, coauthors, works: none per item
    assert profile[0] <= 5

    coauthors = [
        await round_trips(counting_http, contract, "Coauthors", id=a, first=first)
        for a in (small, large)
        for first in (1, 100)
    ]
    assert len(set(coauthors)) == 1
    assert coauthors[0] <= 2  # author (with the claimant's privacy settings), coauthors page with shared topics


async def test_round_trips_are_not_exposed_by_default(
    sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str
) -> None:
    body = await call(http, contract, "ResearcherProfile", id="A5082727236")
    assert "neo4jRoundTrips" not in (body.get("extensions") or {})
