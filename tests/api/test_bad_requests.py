"""Bad input is the client's error: malformed HTTP bodies are 4xx with a GraphQL-over-HTTP error body, documents
that do not parse or validate have their codes, search texts are bounded; none is INTERNAL or logged as ERROR."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from neo4j import AsyncDriver

from peergraph.settings import Settings
from tests.api._ops import call
from tests.api.sample_truth import records, short

MALFORMED: list[tuple[bytes, str, int]] = [
    (b"null", "application/json", 400),
    (b"7", "application/json", 400),
    (b'"x"', "application/json", 400),
    (b"[]", "application/json", 400),
    (b'[{"query": "{ __typename }"}]', "application/json", 400),
    (b"{nope", "application/json", 400),
    (b"\xff\xfe", "application/json", 400),
    (b"", "application/json", 400),
    (b"{}", "application/json", 400),
    (b'{"query": 5}', "application/json", 400),
    (b'{"query": ["{ __typename }"]}', "application/json", 400),
    (b'{"query": "{ __typename }", "variables": [1]}', "application/json", 400),
    (b'{"query": "{ __typename }", "variables": "{}"}', "application/json", 400),
    (b'{"query": "{ __typename }", "operationName": 3}', "application/json", 400),
    (b'{"query": "{ __typename }", "extensions": 1}', "application/json", 400),
    (b'{"query": "{ __typename }"}', "text/plain", 415),
    (b"query={ __typename }", "application/x-www-form-urlencoded", 415),
    (b'{"query": "{ __typename }"}', "", 415),
]


def assert_bad_request(response: httpx.Response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    [error] = body["errors"]
    assert error["extensions"] == {"code": "BAD_REQUEST"}
    assert error["message"]
    assert "data" not in body


@pytest.fixture
def no_errors_logged(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """The API runs in this process (a thread): nothing it logs while the test runs may be an ERROR."""
    with caplog.at_level(logging.INFO):
        yield
    loud = [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert not loud, [r.getMessage() for r in loud]


@pytest.mark.parametrize(("body", "content_type", "status"), MALFORMED)
async def test_a_body_that_is_not_a_graphql_request_is_a_4xx(
    http: httpx.AsyncClient, no_errors_logged: None, body: bytes, content_type: str, status: int
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    assert_bad_request(await http.post("/graphql", content=body, headers=headers), status)


async def test_a_body_over_the_limit_is_413(
    http: httpx.AsyncClient, settings: Settings, no_errors_logged: None
) -> None:
    padding = " " * settings.max_body_bytes
    big = f'{{"query": "{{ __typename }}", "x": "{padding}"}}'.encode()
    assert_bad_request(await http.post("/graphql", content=big, headers={"content-type": "application/json"}), 413)

    async def chunks() -> AsyncIterator[bytes]:  # no content-length: the limit holds while the body is read
        yield b'{"query": "{ __typename }", "x": "'
        for _ in range(settings.max_body_bytes // 65_536 + 1):
            yield b" " * 65_536
        yield b'"}'

    chunked = await http.post("/graphql", content=chunks(), headers={"content-type": "application/json"})
    assert_bad_request(chunked, 413)
    # just under it is served
    fits = await http.post("/graphql", json={"query": "{ __typename }", "x": " " * (settings.max_body_bytes // 2)})
    assert fits.json()["data"] == {"__typename": "Query"}


async def test_get_with_bad_parameters_is_a_4xx(http: httpx.AsyncClient, no_errors_logged: None) -> None:
    for params in ({"query": "{ __typename }", "variables": "{nope"}, {"query": "{ __typename }", "variables": "[1]"}):
        assert_bad_request(await http.get("/graphql", params=params), 400)


async def test_several_operations_without_a_name_are_refused(
    sample_db: AsyncDriver, http: httpx.AsyncClient, no_errors_logged: None
) -> None:
    """The spec's GetOperation: a document of several operations needs `operationName` (strawberry ran the first)."""
    record = next(records("works"))
    wid, year = short(record["id"]), record["publication_year"]
    two = f'query Title {{ work(id: "{wid}") {{ title }} }} query Year {{ work(id: "{wid}") {{ year }} }}'
    assert_bad_request(await http.post("/graphql", json={"query": two}), 400)
    assert_bad_request(await http.get("/graphql", params={"query": two}), 400)
    refused = (await http.post("/graphql", json={"query": two})).json()["errors"][0]["message"]
    assert "operationName" in refused, refused
    named = await http.post("/graphql", json={"query": two, "operationName": "Year"})
    assert named.status_code == 200, named.text
    assert named.json()["data"] == {"work": {"year": year}}, named.text
    # One operation, unnamed or named, needs no name; nor do fragments beside it.
    for one in (
        f'{{ work(id: "{wid}") {{ year }} }}',
        f'query Y {{ work(id: "{wid}") {{ ...F }} }} fragment F on Work {{ year }}',
    ):
        answered = await http.post("/graphql", json={"query": one})
        assert answered.status_code == 200, answered.text
        assert answered.json()["data"] == {"work": {"year": year}}, answered.text


async def test_parse_and_validation_errors_have_their_codes(
    sample_db: AsyncDriver, http: httpx.AsyncClient, no_errors_logged: None
) -> None:
    cases = {
        "{ work(id: ": "GRAPHQL_PARSE_FAILED",
        "query { ": "GRAPHQL_PARSE_FAILED",
        '{ work(id: "W1") { ...missing } }': "GRAPHQL_VALIDATION_FAILED",  # strawberry's depth guard crashed here
        "{ nope }": "GRAPHQL_VALIDATION_FAILED",
        '{ author(id: "A5082727236") { works(first: "ten") { totalCount } } }': "GRAPHQL_VALIDATION_FAILED",
        "query($x: Int!) { __typename }": "GRAPHQL_VALIDATION_FAILED",
        "fragment F on Query { ...F } { ...F }": "GRAPHQL_VALIDATION_FAILED",
    }
    for query, code in cases.items():
        body = await call(http, query, None)
        assert body["data"] is None, (query, body)
        assert {e["extensions"]["code"] for e in body["errors"]} == {code}, (query, body)
    # Variables that do not coerce are the client's too.
    body = await call(http, 'query($n: Int!) { search(query: "x", first: $n) { score } }', None, n="ten")
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_fragments_that_expand_exponentially_are_refused_quickly(
    http: httpx.AsyncClient, no_errors_logged: None
) -> None:
    depth = 40  # each fragment spreads the next twice: 2^40 fields written out
    fragments = " ".join(f"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}" for i in range(depth))
    query = f"{{ ...F0 }} {fragments} fragment F{depth} on Query {{ __typename }}"
    started = time.perf_counter()
    body = await call(http, query, None)
    assert time.perf_counter() - started < 2.0
    assert body["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "expands to more than" in body["errors"][0]["message"]


SEARCH = "query($q: String!) { search(query: $q, first: 5) { score node { id } } }"
AUTOCOMPLETE = "query($q: String!) { autocomplete(prefix: $q, first: 5) { id } }"


async def test_search_texts_are_bounded(
    sample_db: AsyncDriver, http: httpx.AsyncClient, settings: Settings, no_errors_logged: None
) -> None:
    words = " ".join(["bibliometric"] * 700)  # today: INTERNAL (Lucene's TooManyClauses)
    many = " ".join(["ab"] * (settings.search_max_terms + 1))  # short, but more words than searched
    long = "b" * (settings.search_max_chars + 1)
    for query in (SEARCH, AUTOCOMPLETE):
        for text in (words, many, long):
            body = await call(http, query, None, q=text)
            [error] = body["errors"]
            assert error["extensions"]["code"] == "BAD_USER_INPUT", body
            assert error["extensions"]["argument"] in {"query", "prefix"}
    for at_the_bounds in (" ".join(["ab"] * settings.search_max_terms), "b" * settings.search_max_chars):
        assert "errors" not in await call(http, SEARCH, None, q=at_the_bounds)


async def test_lucene_syntax_in_a_search_text_is_searched_as_words(
    sample_db: AsyncDriver, http: httpx.AsyncClient, no_errors_logged: None
) -> None:
    texts = [
        'a && b || !c (d) [e] {f} ^g ~h *i ?j :k \\ /l "m',
        "AND OR NOT TO",
        "title:bibliometric",
        "bibliometr*",
        "field:[a TO z]",
        '"unbalanced',
        "\\",
        "*",
        "-",
        "&&",
        "\x00",
        "🙂 漢字",
    ]
    for text in texts:
        for query in (SEARCH, AUTOCOMPLETE):
            body = await call(http, query, None, q=text)
            assert "errors" not in body, (text, body)
    # a word of the sample is still found when written with operators around it
    hits = (await call(http, SEARCH, None, q="+bibliometric!"))["data"]["search"]
    assert hits


async def test_a_failed_field_does_not_cancel_its_siblings_loads(
    sample_db: AsyncDriver, http: httpx.AsyncClient
) -> None:
    # Found by the fuzz test: the bad cursor fails `works`, graphql-core cancels the sibling fields, and the
    # author facts' loader future they shared was cancelled with them: CancelledError escaped as HTTP 500.
    query = """{ authorProfile(id: "A5082727236") {
      author { viewerIsFollowing works(first: 0, after: "") { totalCount } } claimed } }"""
    response = await http.post("/graphql", json={"query": query})
    assert response.status_code == 200, response.text
    codes = {error["extensions"]["code"] for error in response.json()["errors"]}
    assert codes == {"BAD_USER_INPUT"}, response.json()
