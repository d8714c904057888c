"""The response cache (peergraph/response_cache.py) over real HTTP: an anonymous read is answered from it the second
time; an import batch and an account write each change the answer at once; a document of imported records only is
not invalidated by an account write; a request with credentials and an answer with errors are never kept; the
bytes it holds are bounded."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
from neo4j import AsyncDriver

from peergraph.settings import Settings
from tests.accounts.support import Api, fresh_ip, make_authors, signup, work_record, write_works
from tests.support import ApiServer

HEADER = "x-peergraph-cache"
PROFILE = "query Profile($id: ID!) { author(id: $id) { id name counts { works followers } viewerIsFollowing } }"
WORK = "query Work($id: ID!) { work(id: $id) { id title authorships { author { id name } } } }"
FOLLOW = "mutation($id: ID!) { followAuthor(id: $id) { followers } }"
UNFOLLOW = "mutation($id: ID!) { unfollowAuthor(id: $id) { followers } }"


@pytest.fixture(scope="module")
def cached_server(account_settings: Settings, driver: AsyncDriver) -> Iterator[ApiServer]:
    with ApiServer(account_settings.model_copy(update={"response_cache_bytes": 8_000_000})) as server:
        yield server


@pytest_asyncio.fixture(loop_scope="session")
async def cached(cached_server: ApiServer) -> AsyncIterator[Api]:
    async with cached_server.client() as client:
        yield Api(client, fresh_ip())


async def ask(api: Api, query: str, variables: dict[str, Any], token: str | None = None) -> tuple[str | None, Any]:
    """The cache's word on the answer (hit, miss, or None: not looked up) and the answer."""
    headers = {"X-Forwarded-For": api.ip} | ({"Authorization": f"Bearer {token}"} if token else {})
    response = await api.client.post("/graphql", json={"query": query, "variables": variables}, headers=headers)
    assert response.status_code == 200, response.text
    return response.headers.get(HEADER), response.json()


async def test_an_import_batch_changes_the_answer_at_once(empty_db: AsyncDriver, cached: Api, database: str) -> None:
    await make_authors(empty_db, database, "A101")
    first = await ask(cached, PROFILE, {"id": "A101"})
    assert first[0] == "miss"
    author = {"id": "A101", "name": "Author A101", "counts": {"works": 1, "followers": 0}, "viewerIsFollowing": False}
    assert first[1]["data"] == {"author": author}
    assert await ask(cached, PROFILE, {"id": "A101"}) == ("hit", first[1])
    # Other variables are another answer.
    assert (await ask(cached, PROFILE, {"id": "A102"}))[0] == "miss"
    # A second work of A101's, imported: the graph's version changes in the batch's transaction.
    await write_works(empty_db, database, [work_record("W8000001", [("A101", "Author A101", None)], [])])
    after = await ask(cached, PROFILE, {"id": "A101"})
    assert after[0] == "miss"
    assert after[1]["data"]["author"]["counts"]["works"] == 2
    assert (await ask(cached, PROFILE, {"id": "A101"}))[0] == "hit"


async def test_an_account_write_changes_social_answers_and_only_those(
    empty_db: AsyncDriver, cached: Api, database: str
) -> None:
    await make_authors(empty_db, database, "A101")
    work = {"id": "W900000"}  # make_authors' work of A101
    ann = await signup(cached, "ann@example.org")
    for query, variables in ((PROFILE, {"id": "A101"}), (WORK, work)):
        assert (await ask(cached, query, variables))[0] == "miss"
        assert (await ask(cached, query, variables))[0] == "hit"

    followed = await cached.gql(FOLLOW, {"id": "A101"}, token=ann.token)
    assert followed["data"]["followAuthor"]["followers"] == 1
    state, body = await ask(cached, PROFILE, {"id": "A101"})
    assert (state, body["data"]["author"]["counts"]["followers"]) == ("miss", 1)
    assert body["data"]["author"]["viewerIsFollowing"] is False  # anonymous: nobody follows
    # The work's document reads imported records only: the follow left its kept answer standing.
    state, body = await ask(cached, WORK, work)
    assert state == "hit"
    assert body["data"]["work"]["authorships"] == [{"author": {"id": "A101", "name": "Author A101"}}]

    # With credentials the cache is not looked up: the viewer's own answer, never a kept one.
    state, body = await ask(cached, PROFILE, {"id": "A101"}, token=ann.token)
    assert state is None
    assert body["data"]["author"]["viewerIsFollowing"] is True
    unfollowed = await cached.gql(UNFOLLOW, {"id": "A101"}, token=ann.token)
    assert unfollowed["data"]["unfollowAuthor"]["followers"] == 0
    state, body = await ask(cached, PROFILE, {"id": "A101"})
    assert (state, body["data"]["author"]["counts"]["followers"]) == ("miss", 0)


def version_reads(metrics: str) -> float:
    line = next(x for x in metrics.splitlines() if x.startswith("peergraph_response_cache_version_reads_total "))
    return float(line.split()[1])


async def test_concurrent_readers_share_the_version_reads_and_never_miss_a_committed_write(
    empty_db: AsyncDriver, cached: Api, database: str
) -> None:
    await make_authors(empty_db, database, "A101")
    assert (await ask(cached, PROFILE, {"id": "A101"}))[0] == "miss"
    before = version_reads((await cached.client.get("/metrics")).text)
    answers = await asyncio.gather(*(ask(cached, PROFILE, {"id": "A101"}) for _ in range(32)))
    assert {state for state, _ in answers} == {"hit"}
    reads = version_reads((await cached.client.get("/metrics")).text) - before
    assert 1 <= reads < 32, reads  # the suite's servers share one process's counters: nothing else runs now

    # Readers keep asking while works are imported one batch at a time: every request sent after a batch has
    # committed counts that batch's work (a shared read never began before the request came).
    stop = asyncio.Event()

    async def reader() -> None:
        while not stop.is_set():
            await ask(cached, PROFILE, {"id": "A101"})

    readers = [asyncio.create_task(reader()) for _ in range(8)]
    try:
        for n in range(2, 6):
            work = work_record(f"W800000{n}", [("A101", "Author A101", None)], [])
            await write_works(empty_db, database, [work])
            seen = await asyncio.gather(*(ask(cached, PROFILE, {"id": "A101"}) for _ in range(4)))
            assert [body["data"]["author"]["counts"]["works"] for _, body in seen] == [n] * 4
    finally:
        stop.set()
        await asyncio.gather(*readers)


async def test_answers_with_errors_and_mutations_are_never_kept(empty_db: AsyncDriver, cached: Api) -> None:
    bad = "query Bad($id: ID!) { author(id: $id) { id } }"
    for _ in range(2):
        state, body = await ask(cached, bad, {"id": 5})  # a variable that does not coerce
        assert state == "miss"
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    for _ in range(2):
        state, body = await ask(cached, FOLLOW, {"id": "A101"})  # anonymous: UNAUTHENTICATED, never looked up
        assert state is None
        assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_the_cache_is_bounded_by_the_bytes_it_holds(
    empty_db: AsyncDriver, account_settings: Settings, database: str
) -> None:
    await make_authors(empty_db, database, "A101", "A102")
    async with httpx.AsyncClient(timeout=60) as client:
        probe = Api(client, fresh_ip())
        with ApiServer(account_settings.model_copy(update={"response_cache_bytes": 200})) as small:
            client.base_url = httpx.URL(small.url)
            answer = await ask(probe, PROFILE, {"id": "A101"})
            size = len(httpx.Response(200, json=answer[1]).content)
            assert 100 < size <= 200, size  # one answer fits, two do not
            assert (await ask(probe, PROFILE, {"id": "A101"}))[0] == "hit"
            assert (await ask(probe, PROFILE, {"id": "A102"}))[0] == "miss"  # A101's answer makes room
            assert (await ask(probe, PROFILE, {"id": "A102"}))[0] == "hit"
            assert (await ask(probe, PROFILE, {"id": "A101"}))[0] == "miss"
