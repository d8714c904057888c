"""The vertical slice: author → works over real HTTP from real Neo4j, checked against the input file."""

from __future__ import annotations

import gzip
import json

import httpx
from neo4j import AsyncDriver

from ingest.sample import SAMPLE_DIR
from tests.support import graphql

AUTHOR = "A5082727236"
QUERY = """
query($id: ID!) { author(id: $id) { id name works(first: 5) { totalCount edges { node { id title year } } } } }
"""


def works_of(author_id: str) -> dict[str, tuple[str, int]]:
    """The author's works read straight from the sample file (independent of Neo4j)."""
    found = {}
    with gzip.open(SAMPLE_DIR / "works.jsonl.gz", "rt", encoding="utf-8", newline="\n") as handle:
        for line in handle:
            work = json.loads(line)
            ids = {(a.get("author") or {}).get("id") for a in work.get("authorships") or []}
            if f"https://openalex.org/{author_id}" in ids:
                found[work["id"].rsplit("/", 1)[1]] = (work["display_name"], work["publication_year"])
    return found


async def test_author_works_answer_real_titles_and_years(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    expected = works_of(AUTHOR)
    assert expected, "the sample must contain works of the slice's author"
    body = await graphql(http, QUERY, {"id": AUTHOR})
    assert "errors" not in body
    author = body["data"]["author"]
    assert author["id"] == AUTHOR
    assert author["name"] == "Ole Ellegaard"
    assert author["works"]["totalCount"] == len(expected)
    got = {e["node"]["id"]: (e["node"]["title"], e["node"]["year"]) for e in author["works"]["edges"]}
    assert got == expected


async def test_author_accepts_openalex_url(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    body = await graphql(http, QUERY, {"id": f"https://openalex.org/{AUTHOR}"})
    assert body["data"]["author"]["id"] == AUTHOR


async def test_unknown_author_is_null_and_malformed_id_is_bad_input(
    sample_db: AsyncDriver, http: httpx.AsyncClient
) -> None:
    body = await graphql(http, QUERY, {"id": "A1"})
    assert body["data"]["author"] is None
    assert "errors" not in body
    body = await graphql(http, QUERY, {"id": "not-an-id"})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_first_above_limit_is_bad_input(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    body = await graphql(http, '{ author(id: "A5082727236") { works(first: 101) { totalCount } } }')
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
