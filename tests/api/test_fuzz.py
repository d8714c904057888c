"""Fuzzing the API over real HTTP on the sample: documents generated from the schema (hypothesis-graphql, valid and
invalid ones), mutations an anonymous client may send, and bodies that are no GraphQL request at all. No answer is
a 5xx or INTERNAL, no error message shows Python or Cypher internals, nothing is logged as an ERROR, the graph is
unchanged (its fingerprint), and a normal query is answered after."""

from __future__ import annotations

import json
import logging
import re
from typing import Any

import httpx
import hypothesis
import hypothesis_graphql as hg
import pytest
from graphql import GraphQLSchema, IntValueNode, StringValueNode, ValueNode
from graphql import build_schema as parse_sdl
from hypothesis import HealthCheck, given
from hypothesis import strategies as st
from neo4j import AsyncDriver

from ingest.fingerprint import fingerprint
from peergraph.settings import Settings
from schema import build_schema
from tests.api._ops import run
from tests.support import ApiServer

# What a leaked exception or query would show; messages echo the client's own text, which these never contain.
LEAK = re.compile(
    r"Traceback|File \"|neo4j|Neo\.|bolt:|cypher|lucene|TooManyClauses|java\.|org\.apache|NoneType|"
    r"(Key|Type|Attribute|Value|Runtime|Index|Assertion|Lookup|Recursion)Error|object has no attribute",
    re.IGNORECASE,
)
# Ids of the sample (so generated documents reach real data) and a few that are not.
IDS = ["A5082727236", "A5083650721", "A5009198168", "W1694905212", "W2741809807", "T10102", "I177969490", "x"]
# Mutations an anonymous client could send that write without logging in are left out: `register` creates an
# account and `login` counts failures; `importRecords` is for admins (and off by default).
WRITING_ANONYMOUSLY = {"register", "login", "importRecords"}
# 1,220 requests in all: ~30 s on this 2-core machine, most of it generating the valid documents.
EXAMPLES = {"queries": 600, "invalid": 200, "mutations": 120, "bodies": 300}
FUZZ = hypothesis.settings(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))


def scalars() -> dict[str, st.SearchStrategy[ValueNode]]:
    ids = st.sampled_from(IDS) | st.text(max_size=24)
    ints = st.integers(-2, 120) | st.integers(-(2**31), 2**31 - 1)  # mostly sizes the API accepts
    return {
        "ID": ids.map(lambda v: StringValueNode(value=v)),
        "Int": ints.map(lambda v: IntValueNode(value=str(v))),
    }


def documents(schema: GraphQLSchema, *, mode: hg.Mode, mutation: bool = False) -> st.SearchStrategy[str]:
    """One root field per document (whole-type documents take ~10x longer to generate and reach no more)."""
    root = schema.mutation_type if mutation else schema.query_type
    assert root is not None
    make = hg.mutations if mutation else hg.queries
    names = sorted(set(root.fields) - WRITING_ANONYMOUSLY)
    if mode is hg.Mode.NEGATIVE:
        # A root field without arguments (orcidSignIn) leaves hypothesis-graphql nothing to violate: it raises.
        names = [name for name in names if root.fields[name].args]
    return st.one_of([make(schema, fields=[name], custom_scalars=scalars(), mode=mode) for name in names])


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
REQUEST_KEYS = st.sampled_from(["query", "variables", "operationName", "extensions", "x"])
BODIES = st.one_of(
    JSON.map(lambda v: (json.dumps(v).encode(), "application/json")),
    st.dictionaries(REQUEST_KEYS, JSON, max_size=4).map(lambda v: (json.dumps(v).encode(), "application/json")),
    st.fixed_dictionaries(
        {"query": st.just("query($a: ID!, $n: Int) { author(id: $a) { works(first: $n) { totalCount } } }")},
        optional={"variables": st.dictionaries(st.sampled_from(["a", "n", "z"]), JSON, max_size=3)},
    ).map(lambda v: (json.dumps(v).encode(), "application/json")),
    st.tuples(st.binary(max_size=64), st.sampled_from(["application/json", "text/plain", "application/graphql", ""])),
)


class Checker:
    def __init__(self, client: httpx.Client) -> None:
        self.client = client
        self.sent = 0
        self.codes: dict[str, int] = {}

    def post(self, content: bytes, content_type: str) -> None:
        headers = {"content-type": content_type} if content_type else {}
        response = self.client.post("/graphql", content=content, headers=headers)
        self.sent += 1
        assert response.status_code < 500, (content[:300], response.text[:300])
        body: dict[str, Any] = response.json()
        errors = body.get("errors") or []
        for error in errors:
            code = (error.get("extensions") or {}).get("code")
            self.codes[str(code)] = self.codes.get(str(code), 0) + 1
            assert code not in (None, "INTERNAL"), (content[:300], error)
            assert not LEAK.search(error["message"]), (content[:300], error)
        if response.status_code >= 400:
            assert {e["extensions"]["code"] for e in errors} == {"BAD_REQUEST"}, body
        else:
            assert "cost" in body["extensions"]

    def document(self, document: str) -> None:
        self.post(json.dumps({"query": document}).encode(), "application/json")


@pytest.mark.slow
async def test_generated_documents_and_bodies_get_clear_answers(
    sample_db: AsyncDriver,
    api_server: ApiServer,
    http: httpx.AsyncClient,
    settings: Settings,
    contract: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    before = await fingerprint(sample_db, settings.neo4j_database)
    schema = parse_sdl(build_schema().as_str())
    with caplog.at_level(logging.INFO), httpx.Client(base_url=api_server.url, timeout=30) as client:
        checker = Checker(client)

        @hypothesis.settings(FUZZ, max_examples=EXAMPLES["queries"])
        @given(document=documents(schema, mode=hg.Mode.POSITIVE))
        def valid(document: str) -> None:
            checker.document(document)

        @hypothesis.settings(FUZZ, max_examples=EXAMPLES["invalid"])
        @given(document=documents(schema, mode=hg.Mode.NEGATIVE))
        def invalid(document: str) -> None:
            checker.document(document)

        @hypothesis.settings(FUZZ, max_examples=EXAMPLES["mutations"])
        @given(document=documents(schema, mode=hg.Mode.POSITIVE, mutation=True))
        def mutations(document: str) -> None:
            checker.document(document)

        @hypothesis.settings(FUZZ, max_examples=EXAMPLES["bodies"])
        @given(body=BODIES)
        def bodies(body: tuple[bytes, str]) -> None:
            checker.post(*body)

        for fuzz in (valid, invalid, mutations, bodies):
            fuzz()
    assert checker.sent >= 1_000, checker.sent
    loud = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not loud, loud[:5]
    # the fuzz reached more than refusals: answers, the client's errors of several kinds
    assert {"BAD_REQUEST", "BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED", "UNAUTHENTICATED"} <= set(checker.codes)
    assert await fingerprint(sample_db, settings.neo4j_database) == before
    data = await run(http, contract, "WorkDetail", id="W1694905212")
    assert data["work"]["id"] == "W1694905212"
