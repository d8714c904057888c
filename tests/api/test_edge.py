"""The HTTP edge a browser app needs: CORS, compression, GET with ETag and honest Cache-Control, request ids,
/metrics. Over real HTTP against the API on the sample."""

from __future__ import annotations

import gzip
import json
import re

import brotli
import httpx
import orjson
from neo4j import AsyncDriver

from accounts.auth.tokens import issue_access_token
from peergraph.settings import Settings

DETAIL = '{ work(id: "W1694905212") { id title authorships { position author { id name } } } }'
SMALL = '{ work(id: "W1694905212") { id year } }'  # the sample's 5,103-author work (data/sample/works.jsonl.gz)
EDGE_USER = "edge-test-viewer"


async def test_cors_preflight_from_an_allowed_origin(http: httpx.AsyncClient) -> None:
    preflight = {"access-control-request-method": "POST", "access-control-request-headers": "content-type"}
    allowed = await http.options("/graphql", headers={"origin": "http://localhost:5173", **preflight})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "http://localhost:5173"
    assert "POST" in allowed.headers["access-control-allow-methods"]
    other = await http.options("/graphql", headers={"origin": "https://elsewhere.example", **preflight})
    assert other.status_code == 400
    assert "access-control-allow-origin" not in other.headers
    answer = await http.post("/graphql", json={"query": SMALL}, headers={"origin": "http://localhost:5173"})
    assert answer.headers["access-control-allow-origin"] == "http://localhost:5173"
    assert "x-request-id" in answer.headers["access-control-expose-headers"].lower()


async def wire_bytes(http: httpx.AsyncClient, body: bytes, accept_encoding: str) -> tuple[httpx.Response, bytes]:
    """The answer's headers and its bytes as sent (httpx would otherwise decode them)."""
    headers = {"content-type": "application/json", "accept-encoding": accept_encoding}
    response = await http.send(http.build_request("POST", "/graphql", content=body, headers=headers), stream=True)
    wire = b"".join([chunk async for chunk in response.aiter_raw()])
    await response.aclose()
    return response, wire


async def test_big_answers_are_compressed_as_the_client_prefers(
    http: httpx.AsyncClient, sample_db: AsyncDriver
) -> None:
    body = json.dumps({"query": DETAIL}).encode()
    plain_response, plain = await wire_bytes(http, body, "identity")
    assert "content-encoding" not in plain_response.headers
    assert len(orjson.loads(plain)["data"]["work"]["authorships"]) > 5000
    decode = {"br": brotli.decompress, "gzip": gzip.decompress}
    # What browsers send (brotli wins a tie), a client that ranks gzip first, one that refuses brotli, a wildcard.
    for offered, chosen in (
        ("gzip, deflate, br, zstd", "br"),
        ("br;q=0.5, gzip", "gzip"),
        ("br;q=0, gzip;q=0.2", "gzip"),
        ("*", "br"),
        ("gzip;q=0, *;q=0.1", "br"),
    ):
        response, wire = await wire_bytes(http, body, offered)
        assert response.headers["content-encoding"] == chosen, offered
        assert "accept-encoding" in response.headers["vary"].lower()
        assert len(wire) * 3 < len(plain), (offered, len(wire), len(plain))
        assert orjson.loads(decode[chosen](wire)) == orjson.loads(plain), offered
    for refused in ("identity", "br;q=0, gzip;q=0", "deflate"):
        response, wire = await wire_bytes(http, body, refused)
        assert "content-encoding" not in response.headers, refused
        assert wire == plain
    tiny = await http.post("/graphql", json={"query": "{ __typename }"}, headers={"accept-encoding": "gzip, br"})
    assert "content-encoding" not in tiny.headers  # under the size threshold


async def test_get_reads_carry_an_etag_and_say_who_may_keep_them(
    http: httpx.AsyncClient, sample_db: AsyncDriver, settings: Settings
) -> None:
    first = await http.get("/graphql", params={"query": SMALL})
    assert first.status_code == 200
    assert first.json()["data"] == {"work": {"id": "W1694905212", "year": 2015}}
    etag = first.headers["etag"]
    assert re.fullmatch(r'W/"[0-9a-f]{32}"', etag)
    assert first.headers["cache-control"].startswith("public, max-age=")
    assert "authorization" in first.headers["vary"].lower()
    again = await http.get("/graphql", params={"query": SMALL}, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    other = await http.get("/graphql", params={"query": '{ work(id: "W1694905212") { id } }'})
    assert other.headers["etag"] != etag
    # With credentials the answer may hold the viewer's own data: never stored by anyone. A real account for
    # the token (a bad one fails the whole request, UNAUTHENTICATED), removed again: the sample stays as loaded.
    await sample_db.execute_query("CREATE (:User {id: $id, email: 'edge@example.org'})", id=EDGE_USER)
    try:
        token = issue_access_token(settings, EDGE_USER).token
        viewer = await http.get(
            "/graphql", params={"query": "{ __typename }"}, headers={"authorization": f"Bearer {token}"}
        )
    finally:
        await sample_db.execute_query("MATCH (u:User {id: $id}) DELETE u", id=EDGE_USER)
    assert viewer.json()["data"] == {"__typename": "Query"}
    assert viewer.headers["cache-control"] == "private, no-store"
    refused = await http.get("/graphql", params={"query": "{ __typename }"}, headers={"authorization": "Bearer x"})
    assert refused.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert refused.headers["cache-control"] == "no-store"
    posted = await http.post("/graphql", json={"query": SMALL})
    assert posted.headers["cache-control"] == "no-store"
    assert "etag" not in posted.headers


async def test_mutations_are_not_accepted_over_get(http: httpx.AsyncClient) -> None:
    refused = await http.get(
        "/graphql", params={"query": 'mutation { login(email: "a@b.c", password: "x") { token } }'}
    )
    assert refused.status_code in (400, 405)
    assert refused.headers["cache-control"] == "no-store"


async def test_request_ids_are_taken_from_the_client_or_made(http: httpx.AsyncClient) -> None:
    given = await http.post("/graphql", json={"query": SMALL}, headers={"x-request-id": "explorer-42.a"})
    assert given.headers["x-request-id"] == "explorer-42.a"
    made = await http.post("/graphql", json={"query": SMALL}, headers={"x-request-id": "bad id with spaces"})
    assert re.fullmatch(r"[0-9a-f]{32}", made.headers["x-request-id"])
    assert made.headers["x-request-id"] != (await http.get("/livez")).headers["x-request-id"]


async def test_metrics_count_requests_by_operation_and_outcome(http: httpx.AsyncClient, sample_db: AsyncDriver) -> None:
    def count(text: str, operation: str, outcome: str) -> float:
        pattern = rf'^peergraph_graphql_requests_total{{operation="{operation}",outcome="{outcome}"}} (\S+)$'
        found = re.search(pattern, text, re.MULTILINE)
        return float(found.group(1)) if found else 0.0

    before = (await http.get("/metrics")).text
    for _ in range(3):
        await http.post("/graphql", json={"query": f"query EdgeProbe {SMALL}", "operationName": "EdgeProbe"})
    invalid = {"query": "query EdgeProbe { work(id: 5) { noSuchField } }", "operationName": "EdgeProbe"}
    await http.post("/graphql", json=invalid)
    scrape = await http.get("/metrics")
    assert scrape.headers["content-type"].startswith("text/plain")
    after = scrape.text
    assert count(after, "EdgeProbe", "OK") - count(before, "EdgeProbe", "OK") == 3
    failed = [line for line in after.splitlines() if 'operation="EdgeProbe"' in line and 'outcome="OK"' not in line]
    assert any(line.startswith("peergraph_graphql_requests_total") for line in failed), failed
    assert "peergraph_neo4j_round_trips_total" in after
    assert "peergraph_requests_in_flight" in after
