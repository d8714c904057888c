"""Prepared documents (peergraph/prepared.py) answer exactly as Strawberry's view does, and only where they may.

Over HTTP, a server with the default settings and one with prepared documents off (every request through the
view and `Schema.execute`), the same requests to both: status, body (data, errors, the cost and round-trip
extensions) and the headers a client reads, equal; `PreparedDocuments.answered` says which path answered. The
requests are the contract's five operations over ids chosen from the input records (authors with and without
coauthors, works of several shapes, the 5,103-author work, words of titles), the error paths a prepared document can
meet (variables that do not coerce, a missing variable, an id of another kind, an unknown id), and those that must go
the view's way (a mutation, a bearer token, a document that fails to parse or validate, an unknown operation name, a
cost over the ceiling, a batch, a mutation by GET), which must still answer as the view does. A GET (the explorer's
way, with a persisted query's hash) is prepared too: its ETag and Cache-Control equal the view's.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest_asyncio
from neo4j import AsyncDriver

from peergraph.prepared import PreparedDocuments
from peergraph.settings import Settings
from tests.api.sample_truth import Truth, records, short
from tests.support import ApiServer

Clients = tuple[httpx.AsyncClient, httpx.AsyncClient]
BIG_WORK = "W1694905212"  # 5,103 authorships
HEADERS = ("content-type", "cache-control", "vary", "etag", "x-peergraph-cache")


@pytest_asyncio.fixture(loop_scope="session")
async def clients(settings: Settings, driver: AsyncDriver) -> AsyncIterator[Clients]:
    common = {"expose_round_trips": True}
    with (
        ApiServer(settings.model_copy(update=common)) as prepared,
        ApiServer(settings.model_copy(update={**common, "prepared_documents": False})) as view,
    ):
        async with prepared.client() as fast, view.client() as slow:
            yield fast, slow


def comparable(response: httpx.Response) -> tuple[int, dict[str, str | None], Any]:
    body = response.json() if response.headers.get("content-type", "").startswith("application/json") else None
    for error in (body or {}).get("errors", []) if isinstance(body, dict) else []:
        extensions = error.get("extensions", {})
        if extensions.get("code") == "INTERNAL":  # an internal error's ids are its own: the rest must be equal
            extensions.pop("errorId", None)
            extensions.pop("requestId", None)
            error["message"] = "internal"
    return response.status_code, {name: response.headers.get(name) for name in HEADERS}, body


async def both(clients: Clients, payload: Any, *, prepared: bool, **request: Any) -> Any:
    """The same request to both servers: their answers asserted equal, and answered by the prepared path (or not)."""
    fast, slow = clients
    method = request.pop("method", "POST")
    before = PreparedDocuments.answered
    first = await fast.request(method, "/graphql", json=payload, **request)
    answered = PreparedDocuments.answered - before
    second = await slow.request(method, "/graphql", json=payload, **request)
    assert PreparedDocuments.answered - before == answered  # the view's server never takes the prepared path
    assert comparable(first) == comparable(second), payload
    assert answered == (1 if prepared else 0), (payload, first.text[:300])
    return comparable(first)[2]


def operation(contract: str, name: str, **variables: Any) -> dict[str, Any]:
    return {"query": contract, "operationName": name, "variables": variables}


def authors_and_works(truth: Truth) -> tuple[list[str], list[str]]:
    """Authors with many, few and no coauthors in the records; works of every shape and the big one."""
    coauthors: dict[str, set[str]] = {a: set() for a in truth.author_works}
    for ships in truth.ships.values():
        ids = {s.author for s in ships if s.author is not None}
        if len(ids) < 50:
            for a in ids:
                coauthors.setdefault(a, set()).update(ids - {a})
    ranked = sorted(coauthors, key=lambda a: (len(coauthors[a]), a))
    authors = [ranked[0], ranked[len(ranked) // 2], ranked[-1], *ranked[1 :: max(1, len(ranked) // 12)]]
    assert len(coauthors[ranked[0]]) == 0, ranked[0]
    assert len(coauthors[ranked[-1]]) > 20, ranked[-1]
    works = [BIG_WORK, *itertools.islice((short(r["id"]) for r in records("works")), 12)]
    return list(dict.fromkeys(authors)), [w for w in dict.fromkeys(works) if w]


async def test_the_contracts_operations_answer_as_the_view(
    sample_db: AsyncDriver, clients: Clients, contract: str, truth: Truth
) -> None:
    authors, works = authors_and_works(truth)
    for author in authors:
        profile = await both(clients, operation(contract, "ResearcherProfile", id=author), prepared=True)
        assert profile["data"]["author"]["id"] == author
        assert profile["extensions"]["neo4jRoundTrips"] >= 1
        page = await both(clients, operation(contract, "Coauthors", id=author, first=3), prepared=True)
        cursor = page["data"]["author"]["coauthors"]["pageInfo"]["endCursor"]
        if cursor is not None:
            await both(clients, operation(contract, "Coauthors", id=author, first=50, after=cursor), prepared=True)
        await both(clients, operation(contract, "GraphSlice", center=author, depth=1, limit=100), prepared=True)
    for work in works:
        detail = await both(clients, operation(contract, "WorkDetail", id=work), prepared=True)
        assert detail["data"]["work"]["id"] == work
        await both(clients, operation(contract, "GraphSlice", center=work, depth=2, limit=50), prepared=True)
    big = await both(clients, operation(contract, "WorkDetail", id=BIG_WORK), prepared=True)
    assert len(big["data"]["work"]["authorships"]) == len(truth.ships[BIG_WORK]) == 5103
    titles = [truth.works[w]["title"] for w in works[1:6] if truth.works[w].get("title")]
    for title in titles:
        words = " ".join(title.split()[:2])
        found = await both(clients, operation(contract, "Search", q=words, first=10), prepared=True)
        assert "errors" not in found, found


async def test_errors_of_a_prepared_document_answer_as_the_view(
    sample_db: AsyncDriver, clients: Clients, contract: str
) -> None:
    cases = [
        operation(contract, "WorkDetail", id=5),  # does not coerce
        {"query": contract, "operationName": "WorkDetail", "variables": {}},  # missing
        operation(contract, "WorkDetail", id="A5083650721"),  # another kind of id
        operation(contract, "WorkDetail", id="not an id"),
        operation(contract, "WorkDetail", id="W9999999999"),  # unknown: null
        operation(contract, "Coauthors", id="A5083650721", first=-1),
        operation(contract, "Coauthors", id="A5083650721", first=5, after="not a cursor"),
        operation(contract, "GraphSlice", center="A5083650721", depth=9, limit=100),
    ]
    codes = []
    for payload in cases:
        body = await both(clients, payload, prepared=True)
        codes.append([error["extensions"]["code"] for error in body.get("errors", [])])
    assert codes[4] == [], codes
    assert all(codes[i] for i in (0, 1, 2, 3, 5, 6, 7)), codes
    assert {code for found in codes for code in found} == {"BAD_USER_INPUT"}, codes


async def test_what_must_go_the_views_way_still_answers_as_it_does(
    sample_db: AsyncDriver, clients: Clients, contract: str
) -> None:
    work = "query W($id: ID!) { work(id: $id) { id title } }"
    nested = 'author(id: "A5083650721") { coauthors(first: 100) { nodes { coauthors(first: 100) { nodes { id } } } } }'
    costly = f"{{ a: {nested} b: {nested} }}"
    refused = [  # (the request, the code of its first error)
        ({"query": 'mutation { login(email: "nobody@example.org", password: "wrong") { token } }'}, None),
        ({"query": "query { work(id: ", "variables": {}}, "GRAPHQL_PARSE_FAILED"),
        ({"query": 'query { work(id: "W1") { nope } }'}, "GRAPHQL_VALIDATION_FAILED"),
        ({"query": contract, "operationName": "NoSuchOperation", "variables": {"id": BIG_WORK}}, "BAD_REQUEST"),
        # Five operations, none named: refused (the spec's GetOperation needs the name).
        ({"query": contract, "variables": {"id": BIG_WORK}}, "BAD_REQUEST"),
        ({"query": costly}, "QUERY_TOO_COSTLY"),
        ({"query": "{ " + "a " * 2500 + "}"}, "GRAPHQL_PARSE_FAILED"),  # past the token limit
    ]
    for payload, code in refused:
        body = await both(clients, payload, prepared=False)
        assert body.get("errors"), payload
        assert code is None or body["errors"][0]["extensions"]["code"] == code, (code, body)
    bearer = {"headers": {"authorization": "Bearer not-a-token"}}
    body = await both(clients, {"query": work, "variables": {"id": BIG_WORK}}, prepared=False, **bearer)
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    batch = [{"query": work, "variables": {"id": BIG_WORK}}]
    await both(clients, batch, prepared=False)
    mutation = 'mutation { login(email: "nobody@example.org", password: "wrong") { token } }'
    body = await both(clients, None, prepared=False, method="GET", params={"query": mutation})
    assert body["errors"], body
    body = await both(clients, {"query": work, "variables": {"id": BIG_WORK}}, prepared=True)
    assert body["data"]["work"]["id"] == BIG_WORK


async def test_malformed_bodies_are_refused_as_the_view_refuses_them(sample_db: AsyncDriver, clients: Clients) -> None:
    fast, slow = clients
    bodies = [b"{not json", b"[]", b'{"query": 5}', b'{"query": "{ __typename }", "variables": []}', b"null"]
    for raw in bodies:
        answers = []
        for client in (fast, slow):
            answers.append(
                comparable(await client.post("/graphql", content=raw, headers={"content-type": "application/json"}))
            )
        assert answers[0] == answers[1], raw
        assert answers[0][0] == 400, (raw, answers[0])
    plain = await fast.post("/graphql", content=b"{}", headers={"content-type": "text/plain"})
    assert plain.status_code == 415


async def test_the_access_lines_fields_come_from_the_prepared_path(
    sample_db: AsyncDriver, clients: Clients, contract: str
) -> None:
    fast, _ = clients
    metric = 'peergraph_graphql_requests_total{operation="WorkDetail",outcome="%s"}'

    async def count(outcome: str) -> float:
        text = (await fast.get("/metrics")).text
        line = next((line for line in text.splitlines() if line.startswith(metric % outcome)), None)
        return 0.0 if line is None else float(line.rsplit(" ", 1)[1])

    ok, bad = await count("OK"), await count("BAD_USER_INPUT")
    before = PreparedDocuments.answered
    unnamed = contract.split("query WorkDetail", 1)[1].split("\nquery ", 1)[0]
    await fast.post("/graphql", json={"query": "query WorkDetail" + unnamed, "variables": {"id": BIG_WORK}})
    await fast.post("/graphql", json=operation(contract, "WorkDetail", id="not an id"))
    assert PreparedDocuments.answered == before + 2
    assert (await count("OK"), await count("BAD_USER_INPUT")) == (ok + 1, bad + 1)


async def test_a_get_and_a_persisted_hash_are_prepared_too(sample_db: AsyncDriver, clients: Clients) -> None:
    document = f"# {uuid.uuid4().hex}\nquery W($id: ID!) {{ work(id: $id) {{ id title year }} }}"
    digest = hashlib.sha256(document.encode()).hexdigest()
    extensions = json.dumps({"persistedQuery": {"version": 1, "sha256Hash": digest}})
    variables = json.dumps({"id": BIG_WORK})
    plain = await both(clients, None, prepared=True, method="GET", params={"query": document, "variables": variables})
    assert plain["data"]["work"]["id"] == BIG_WORK
    hash_only = {"extensions": extensions, "variables": variables}
    missing = await both(clients, None, prepared=False, method="GET", params=hash_only)
    assert missing["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    register = {"query": document, "variables": {"id": BIG_WORK}, "extensions": json.loads(extensions)}
    await both(clients, register, prepared=True)
    kept = await both(clients, None, prepared=True, method="GET", params=hash_only)
    assert kept == plain
    fast, slow = clients
    etag = (await fast.get("/graphql", params=hash_only)).headers["etag"]
    answers = [await c.get("/graphql", params=hash_only, headers={"if-none-match": etag}) for c in (fast, slow)]
    assert [a.status_code for a in answers] == [304, 304]
    ide = [await c.get("/graphql", headers={"accept": "text/html"}) for c in (fast, slow)]
    assert [a.status_code for a in ide] == [200, 200]
    assert ide[0].text == ide[1].text
