"""author(id:) starts its selected fields' loads with the lookup: same answers, no extra round trip."""

from __future__ import annotations

import httpx
from neo4j import AsyncDriver

from schema.connection import encode_cursor
from tests.api._ops import call
from tests.api.sample_truth import sample_truth

# Literal arguments (they reach the lookahead as source text), a fragment and an inline fragment, two
# windows of the same relation. `node(id:)` answers the same fields without any lookahead.
PARTS = """
fragment Parts on Author {
  id
  counts { works followers topics closeCollaborators }
  claimed
  openToCollaborate
  viewerIsFollowing
  trust { score label verificationLevel factors { name points detail } }
  works(first: 3) { totalCount edges { node { id } } }
  ... on Author { closeCollaborators(first: 2) { sharedWorkCount author { id } } }
  coauthors(first: 3, after: "AFTER") { totalCount edges { cursor sharedWorkCount node { id } } }
  topics(first: 5) { workCount topic { id } }
}
query Lookahead($id: ID!) { author(id: $id) { ...Parts } }
query ViaNode($id: ID!) { node(id: $id) { ...Parts } }
fragment Totals on Author {
  coauthors(first: 0) { totalCount edges { cursor } }
  works(first: 0) { totalCount }
  topics(first: 0) { workCount }
}
query TotalsAhead($id: ID!) { author(id: $id) { ...Totals } }
query TotalsViaNode($id: ID!) { node(id: $id) { ...Totals } }
"""


async def test_lookahead_answers_as_the_fields_do_without_extra_round_trips(
    sample_db: AsyncDriver, counting_http: httpx.AsyncClient
) -> None:
    truth = sample_truth()
    big_work = max(truth.works, key=lambda w: len(truth.works[w]["authorships"]))
    large = next(s.author for s in truth.ships[big_work] if s.author) or ""
    small = next(a for a in sorted(truth.author_works) if len(truth.coauthors(a)) == 1)
    document = PARTS.replace("AFTER", encode_cursor(0))
    for author in (small, large, "A404404404"):
        ahead = await call(counting_http, document, "Lookahead", id=author)
        plain = await call(counting_http, document, "ViaNode", id=author)
        assert "errors" not in ahead, ahead
        assert ahead["data"]["author"] == plain["data"]["node"]
        trips = ahead["extensions"]["neo4jRoundTrips"]
        if author == "A404404404":
            assert ahead["data"]["author"] is None
            continue
        # Through node(id:): author, facts, works, topics, and the coauthors loader's two windows. Through the
        # lookahead one profile query answers them all: every key it primes is the one its field asks for (a
        # mismatch would show as an extra round trip).
        assert plain["extensions"]["neo4jRoundTrips"] == 6
        assert trips == 1
        coauthors = truth.coauthors(author)
        assert ahead["data"]["author"]["coauthors"]["totalCount"] == len(coauthors)
        assert [e["node"]["id"] for e in ahead["data"]["author"]["coauthors"]["edges"]] == [
            b for b, _, _ in coauthors[1:4]
        ]


async def test_lookahead_keeps_totals_of_empty_pages(sample_db: AsyncDriver, counting_http: httpx.AsyncClient) -> None:
    """`first: 0` asks for no rows but still for the totals: the profile query still counts them."""
    truth = sample_truth()
    big_work = max(truth.works, key=lambda w: len(truth.works[w]["authorships"]))
    author = next(s.author for s in truth.ships[big_work] if s.author) or ""
    ahead = await call(counting_http, PARTS, "TotalsAhead", id=author)
    plain = await call(counting_http, PARTS, "TotalsViaNode", id=author)
    assert "errors" not in ahead, ahead
    assert ahead["data"]["author"] == plain["data"]["node"]
    assert ahead["data"]["author"]["coauthors"] == {"totalCount": len(truth.coauthors(author)), "edges": []}
    assert ahead["data"]["author"]["works"]["totalCount"] == len(truth.author_works[author])
    assert ahead["extensions"]["neo4jRoundTrips"] == 1
