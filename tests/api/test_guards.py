"""Query guards, error codes and masking, lookups by alternate keys, and the contract copy."""

from __future__ import annotations

import logging

import httpx
import pytest
from graphql import GraphQLError, get_introspection_query
from neo4j import AsyncDriver

from schema.guards import ErrorPolicy
from tests.api._ops import call
from tests.api.sample_truth import sample_truth


async def test_introspection_is_allowed(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    body = await call(http, get_introspection_query(descriptions=True), "IntrospectionQuery")
    assert "errors" not in body
    assert body["data"]["__schema"]["queryType"]["name"] == "Query"


def nested(depth: int) -> str:
    inner = "id"
    for _ in range(depth - 1):
        inner = f"closeCollaborators(first: 1) {{ author {{ {inner} }} }}"
    return f'{{ author(id: "A5082727236") {{ {inner} }} }}'


async def test_guards_refuse_deep_aliased_and_long_queries(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    assert "errors" not in await call(http, nested(5), None)
    aliases = " ".join(f'a{i}: author(id: "A5082727236") {{ id }}' for i in range(16))
    tokens = "{ " + " ".join(["__typename"] * 2100) + " }"
    for query, code in (
        (nested(7), "GRAPHQL_VALIDATION_FAILED"),
        (f"{{ {aliases} }}", "GRAPHQL_VALIDATION_FAILED"),
        (tokens, "GRAPHQL_PARSE_FAILED"),  # the parser stops at the limit
    ):
        body = await call(http, query, None)
        assert body["errors"][0]["extensions"]["code"] == code, body["errors"][0]
        assert body.get("data") is None


async def test_malformed_arguments_are_bad_user_input(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    for query in (
        '{ author(id: "W2741809807") { id } }',
        '{ author(orcid: "not-an-orcid") { id } }',
        '{ author(id: "A5082727236", orcid: "0000-0002-0000-4111") { id } }',
        '{ work(doi: "nope") { id } }',
        '{ institution(ror: "x") { id } }',
        '{ node(id: "zzz") { id } }',
    ):
        body = await call(http, query, None)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", (query, body)


async def test_lookups_by_alternate_keys_and_node(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    truth = sample_truth()
    author = next(a for a in sorted(truth.author_record) if truth.author_orcid[a])
    orcid = truth.author_orcid[author]
    work = next(w for w in sorted(truth.works) if truth.works[w].get("doi"))
    doi = truth.works[work]["doi"]
    inst_rec = next(r for r in sorted(truth.institution))
    query = """query($orcid: String!, $doi: String!, $a: ID!, $w: ID!, $i: ID!) {
      author(orcid: $orcid) { id }
      work(doi: $doi) { id }
      institution(id: $i) { id name }
      a: node(id: $a) { __typename id }
      w: node(id: $w) { __typename id ... on Work { title } }
      unknown: node(id: "W1") { id }
      none: author(orcid: "0000-0000-0000-0000") { id }
    }"""
    variables = {"orcid": f"https://orcid.org/{orcid}", "doi": doi, "a": author, "w": work, "i": inst_rec}
    response = await http.post("/graphql", json={"query": query, "variables": variables})
    body = response.json()
    assert "errors" not in body, body
    data = body["data"]
    assert data["author"] == {"id": author}
    assert data["work"] == {"id": work}
    assert data["institution"] == {"id": inst_rec, "name": truth.institution[inst_rec]["name"]}
    assert data["a"] == {"__typename": "Author", "id": author}
    assert data["w"] == {"__typename": "Work", "id": work, "title": truth.works[work]["display_name"]}
    assert data["unknown"] is None
    assert data["none"] is None


def test_unexpected_errors_are_masked_with_a_logged_id(caplog: pytest.LogCaptureFixture) -> None:
    leaked = GraphQLError("boom at bolt://secret-host", original_error=RuntimeError("secret detail"))
    with caplog.at_level(logging.ERROR, logger="peergraph.api"):
        masked = ErrorPolicy.apply(leaked)
    assert "secret" not in masked.message
    assert masked.extensions is not None
    assert masked.extensions["code"] == "INTERNAL"
    error_id = masked.extensions["errorId"]
    assert error_id in masked.message
    assert any(error_id in record.getMessage() for record in caplog.records)
