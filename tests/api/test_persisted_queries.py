"""Automatic persisted queries in Apollo's protocol, over real HTTP: a hash the server has not seen is
PERSISTED_QUERY_NOT_FOUND, the document sent with it registers it, then the hash alone runs it, by POST and by GET
(with an honest ETag and Cache-Control); a wrong hash, another version and a full store are said as such."""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

import httpx
from neo4j import AsyncDriver

from peergraph.settings import Settings
from tests.api.sample_truth import sample_truth
from tests.support import ApiServer

WORK = "W1694905212"  # the sample's 5,103-author work (data/sample/works.jsonl.gz)
NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"


def fresh_document() -> str:
    """A document no server of this session has seen: its comment makes its hash new."""
    return f"# {uuid.uuid4().hex}\nquery WorkYear($id: ID!) {{ work(id: $id) {{ id title year }} }}"


def persisted(document: str, version: int = 1) -> dict[str, Any]:
    return {"persistedQuery": {"version": version, "sha256Hash": hashlib.sha256(document.encode()).hexdigest()}}


def expected_work() -> dict[str, Any]:
    record = sample_truth().works[WORK]
    return {"work": {"id": WORK, "title": record["display_name"], "year": record["publication_year"]}}


def code_of(response: httpx.Response) -> str | None:
    errors = response.json().get("errors") or []
    return errors[0]["extensions"]["code"] if errors else None


async def test_a_hash_is_registered_by_its_document_then_runs_alone_by_post_and_get(
    http: httpx.AsyncClient, sample_db: AsyncDriver
) -> None:
    document = fresh_document()
    variables = {"id": WORK}
    hash_only = {"variables": variables, "extensions": persisted(document)}

    unknown = await http.post("/graphql", json=hash_only)
    assert unknown.status_code == 200
    assert unknown.json()["errors"][0]["message"] == "PersistedQueryNotFound"
    assert code_of(unknown) == NOT_FOUND
    assert unknown.headers["cache-control"] == "no-store"

    registered = await http.post("/graphql", json={"query": document, **hash_only})
    assert registered.status_code == 200
    assert registered.json()["data"] == expected_work()

    posted = await http.post("/graphql", json=hash_only)
    assert posted.json()["data"] == expected_work()

    params = {"variables": json.dumps(variables), "extensions": json.dumps(persisted(document))}
    got = await http.get("/graphql", params=params)
    assert got.status_code == 200
    assert got.json()["data"] == expected_work()
    assert got.headers["cache-control"].startswith("public, max-age=")
    assert "authorization" in got.headers["vary"].lower()
    again = await http.get("/graphql", params=params, headers={"if-none-match": got.headers["etag"]})
    assert again.status_code == 304
    # The ETag is of the answer: the same document sent whole by GET answers the same bytes.
    whole = await http.get("/graphql", params={"query": document, "variables": json.dumps(variables)})
    assert whole.headers["etag"] == got.headers["etag"]


async def test_get_with_an_unknown_hash_is_never_stored(http: httpx.AsyncClient) -> None:
    params = {"variables": json.dumps({"id": WORK}), "extensions": json.dumps(persisted(fresh_document()))}
    unknown = await http.get("/graphql", params=params)
    assert unknown.status_code == 200
    assert code_of(unknown) == NOT_FOUND
    assert unknown.headers["cache-control"] == "no-store"
    assert "etag" not in unknown.headers


async def test_a_hash_that_is_not_the_documents_is_a_client_error(http: httpx.AsyncClient) -> None:
    document = fresh_document()
    body = {"query": document, "variables": {"id": WORK}, "extensions": persisted(document + " ")}
    wrong = await http.post("/graphql", json=body)
    assert wrong.status_code == 400
    assert code_of(wrong) == "BAD_REQUEST"
    assert "not the SHA-256 of `query`" in wrong.json()["errors"][0]["message"]
    # Nothing was kept under the wrong hash.
    alone = await http.post("/graphql", json={"variables": {"id": WORK}, "extensions": body["extensions"]})
    assert code_of(alone) == NOT_FOUND
    for bad in ({"version": 1, "sha256Hash": "XYZ"}, {"version": 1}, "a string"):
        malformed = await http.post("/graphql", json={"query": document, "extensions": {"persistedQuery": bad}})
        assert malformed.status_code == 400, malformed.text
        assert code_of(malformed) == "BAD_REQUEST"


async def test_another_version_is_not_supported(http: httpx.AsyncClient) -> None:
    document = fresh_document()
    answer = await http.post("/graphql", json={"query": document, "extensions": persisted(document, version=2)})
    assert answer.status_code == 400
    assert code_of(answer) == "PERSISTED_QUERY_NOT_SUPPORTED"


async def test_the_store_is_bounded_and_can_be_turned_off(settings: Settings, sample_db: AsyncDriver) -> None:
    documents = [fresh_document() for _ in range(3)]
    # Room for two of the three documents (they are equally long): the least recently used goes first.
    room = 2 * len(documents[0]) + len(documents[0]) // 2
    with ApiServer(settings.model_copy(update={"persisted_queries_max_chars": room})) as small:
        async with httpx.AsyncClient(base_url=small.url, timeout=30) as client:
            for document in documents:
                body = {"query": document, "variables": {"id": WORK}, "extensions": persisted(document)}
                assert (await client.post("/graphql", json=body)).json()["data"] == expected_work()
            kept = []
            for document in documents:
                body = {"variables": {"id": WORK}, "extensions": persisted(document)}
                kept.append(code_of(await client.post("/graphql", json=body)) is None)
            assert kept == [False, True, True]
    with ApiServer(settings.model_copy(update={"persisted_queries_max_chars": 0})) as off:
        async with httpx.AsyncClient(base_url=off.url, timeout=30) as client:
            document = documents[0]
            body = {"query": document, "variables": {"id": WORK}, "extensions": persisted(document)}
            refused = await client.post("/graphql", json=body)
            assert refused.status_code == 400
            assert code_of(refused) == "PERSISTED_QUERY_NOT_SUPPORTED"
            plain = await client.post("/graphql", json={"query": document, "variables": {"id": WORK}})
            assert plain.json()["data"] == expected_work()
