"""Every request bounded, every Neo4j fault a fast clear answer: real faults (a paused JVM, a proxy that refuses or
stalls the Bolt traffic) under the real API over HTTP."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import signal
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import orjson
import pytest
from neo4j import AsyncDriver
from neo4j.exceptions import Neo4jError

from loaders.gateway import ReadGateway
from peergraph.settings import Settings
from tests import faults
from tests.conftest import Neo4jService
from tests.faults import FaultyProxy
from tests.support import ApiServer, poll_until

QUERY = '{ work(id: "W1694905212") { id year } }'  # the sample's 5,103-author work (data/sample/works.jsonl.gz)
ANSWER = {"work": {"id": "W1694905212", "year": 2015}}
# The suite's settings give its requests room (tests/conftest.py); here the API runs with the shipped defaults.
PRODUCTION_LIMITS = {
    name: Settings.model_fields[name].default
    for name in (
        "request_deadline_seconds",
        "neo4j_connection_timeout_seconds",
        "neo4j_pool_acquire_timeout_seconds",
        "max_in_flight",
        "max_executing",
        "queue_timeout_seconds",
        "shed_delay_seconds",
    )
}


def api_through(settings: Settings, proxy: FaultyProxy, **limits: Any) -> contextlib.AbstractContextManager[ApiServer]:
    """The API through the proxy with the shipped limits, and `limits` over them."""
    return faults.api_through(settings, proxy, **{**PRODUCTION_LIMITS, **limits})


@contextlib.asynccontextmanager
async def answering(settings: Settings, proxy: FaultyProxy, **limits: Any) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the API through the proxy (`api_through`), once it has answered the test's query: its pool and
    Neo4j's plan are warm before the fault."""
    with api_through(settings, proxy, **limits) as api:
        async with httpx.AsyncClient(base_url=api.url, timeout=30) as http:
            assert (await ask(http))[2] == {"data": ANSWER}
            yield http


async def ask(http: httpx.AsyncClient) -> tuple[float, int, dict[str, Any]]:
    started = time.monotonic()
    response = await http.post("/graphql", json={"query": QUERY})
    body = response.json()
    body.pop("extensions", None)  # the query's cost: the same on every answer
    return time.monotonic() - started, response.status_code, body


def in_flight(metrics: httpx.Response) -> float:
    line = next(line for line in metrics.text.splitlines() if line.startswith("peergraph_requests_in_flight "))
    return float(line.split()[1])


def queue_timeouts(metrics: str) -> float:
    found = re.search(r"^peergraph_requests_queue_timeouts_total (\S+)$", metrics, re.MULTILINE)
    return float(found.group(1)) if found else 0.0


def code_of(body: dict[str, Any]) -> str | None:
    errors = body.get("errors") or []
    return errors[0]["extensions"]["code"] if errors else None


@asynccontextmanager
async def holding(
    http: httpx.AsyncClient, proxy: FaultyProxy, count: int, *, arrived: bool = True
) -> AsyncIterator[list[asyncio.Task[tuple[float, int, dict[str, Any]]]]]:
    """Neo4j stalled behind the proxy with `count` requests held on it (when `arrived`, once /metrics shows them in
    flight), resumed on the way out however the block ends."""
    proxy.stall()
    held = [asyncio.create_task(ask(http)) for _ in range(count)]
    try:
        started = time.monotonic()
        while arrived and in_flight(await http.get("/metrics")) < count + 1:  # the held requests and this scrape
            assert time.monotonic() - started < 4.0, "the held requests never arrived"
        yield held
    finally:
        proxy.resume()


async def test_neo4j_down_answers_within_a_second_and_serves_again_within_two(
    settings: Settings, sample_db: AsyncDriver, proxy: FaultyProxy
) -> None:
    async with answering(settings, proxy) as http:
        await proxy.down()  # Bolt refused, pooled connections broken
        for _ in range(5):
            seconds, status, body = await ask(http)
            assert code_of(body) == "SERVICE_UNAVAILABLE", body
            assert status == 200
            assert seconds < 1.0, seconds
            assert "Traceback" not in str(body)
        started = time.monotonic()
        ready = await http.get("/readyz")
        assert ready.status_code == 503
        assert time.monotonic() - started < 1.0  # one attempt: a refusing server is said at once
        await proxy.up()
        back = time.monotonic()
        while True:
            _, _, body = await ask(http)
            if body == {"data": ANSWER}:
                break
            assert time.monotonic() - back < 2.0, f"still failing 2 s after Bolt accepts again: {body}"
            await asyncio.sleep(0.05)
        assert (await http.get("/readyz")).status_code == 200


async def test_a_paused_neo4j_is_covered_by_the_deadline(
    settings: Settings, sample_db: AsyncDriver, proxy: FaultyProxy, neo4j_service: Neo4jService
) -> None:
    """SIGSTOP on the test's own Neo4j (a proxy that stalls everything when the suite does not own its pid)."""
    deadline = 2.0
    pid = neo4j_service.server.running_pid() if neo4j_service.server is not None else None
    async with answering(settings, proxy, request_deadline_seconds=deadline) as http:
        if pid is not None:
            os.kill(pid, signal.SIGSTOP)
        else:
            proxy.stall()
        try:
            answers = await asyncio.gather(*(ask(http) for _ in range(8)))
            livez = await http.get("/livez")
        finally:
            if pid is not None:
                os.kill(pid, signal.SIGCONT)
            else:
                proxy.resume()
        # A request on a pooled connection waits for an answer that never comes: the deadline ends it. One
        # that opens a new connection gets no Bolt handshake: the connection timeout says "unavailable" sooner.
        codes = {(status, code_of(body)) for _, status, body in answers}
        assert codes <= {(504, "DEADLINE_EXCEEDED"), (200, "SERVICE_UNAVAILABLE")}, answers
        assert (504, "DEADLINE_EXCEEDED") in codes, answers
        for seconds, status, _ in answers:
            assert seconds < deadline + 1.0, seconds
            if status == 504:
                assert seconds > deadline - 0.1, seconds
        assert livez.status_code == 200
        back = time.monotonic()
        while (await ask(http))[2] != {"data": ANSWER}:
            assert time.monotonic() - back < 5.0, "not served again after the JVM resumed"
            await asyncio.sleep(0.05)


async def test_past_the_in_flight_cap_requests_are_shed_at_once(
    settings: Settings, sample_db: AsyncDriver, proxy: FaultyProxy
) -> None:
    # A long connection timeout: a held request that opens a new connection waits for its handshake too.
    limits = {"max_in_flight": 2, "request_deadline_seconds": 8.0, "neo4j_connection_timeout_seconds": 6.0}
    async with answering(settings, proxy, **limits) as http:
        async with holding(http, proxy, 2) as held:
            shed = await http.post("/graphql", json={"query": QUERY})
            assert shed.status_code == 503, shed.text
            seconds = shed.elapsed.total_seconds()
            pause = Settings.model_fields["shed_delay_seconds"].default  # the shipped pause before a refusal
            assert pause <= seconds < pause + 0.5, seconds
            assert shed.headers["retry-after"] == "1"
            assert shed.json()["errors"][0]["extensions"]["code"] == "OVERLOADED"
            livez = await http.get("/livez")
            assert livez.status_code == 200
        for _, status, body in await asyncio.gather(*held):
            assert (status, body) == (200, {"data": ANSWER})
        metrics = (await http.get("/metrics")).text
        assert "peergraph_requests_shed_total" in metrics


async def test_past_the_executing_cap_requests_wait_their_turn_and_are_shed_after_the_queue_timeout(
    settings: Settings, sample_db: AsyncDriver, proxy: FaultyProxy
) -> None:
    limits = {
        "max_in_flight": 8,
        "max_executing": 1,
        "queue_timeout_seconds": 1.5,
        "request_deadline_seconds": 8.0,
        "neo4j_connection_timeout_seconds": 6.0,
    }
    async with answering(settings, proxy, **limits) as http:
        before = queue_timeouts((await http.get("/metrics")).text)
        async with holding(http, proxy, 1) as held:  # it takes the one turn and holds it while Neo4j is stalled
            seconds, status, body = await ask(http)
            assert (status, code_of(body)) == (503, "OVERLOADED"), body
            assert "waited 1.5 s for a turn" in body["errors"][0]["message"]
            assert 1.5 <= seconds < 3.5, seconds  # it waited for its turn, not for the deadline
        assert (await held[0])[1:] == (200, {"data": ANSWER})
        # With the turn free again, requests take it one after another and all are answered.
        answers = await asyncio.gather(*(ask(http) for _ in range(3)))
        assert [(status, body) for _, status, body in answers] == [(200, {"data": ANSWER})] * 3
        metrics = (await http.get("/metrics")).text
        assert queue_timeouts(metrics) - before == 1  # the suite's servers share one process's counters


async def test_a_full_connection_pool_is_overloaded_not_a_long_wait(
    settings: Settings, sample_db: AsyncDriver, proxy: FaultyProxy
) -> None:
    limits = {"neo4j_pool_size": 1, "neo4j_pool_acquire_timeout_seconds": 0.5, "request_deadline_seconds": 6.0}
    async with answering(settings, proxy, **limits) as http:
        async with holding(http, proxy, 2, arrived=False) as held:
            done, _ = await asyncio.wait(held, return_when=asyncio.FIRST_COMPLETED, timeout=4.0)
            assert done, "neither request was answered while one held the only connection"
            seconds, _, body = done.pop().result()
            assert code_of(body) == "OVERLOADED", body
            assert seconds < 1.5, seconds
        await asyncio.gather(*held)


async def test_the_deadline_stops_the_query_in_neo4j_too(settings: Settings, driver: AsyncDriver) -> None:
    marker = f"deadline-probe-{time.monotonic_ns()}"
    slow = "UNWIND range(1, 2000000000) AS x WITH x WHERE x = -1 RETURN count(x) AS n // " + marker
    gateway = ReadGateway(driver=driver, database=settings.neo4j_database, deadline=time.monotonic() + 1.0)
    started = time.monotonic()
    with pytest.raises(Neo4jError) as raised:
        await gateway.rows(slow)
    assert "TransactionTimedOut" in (raised.value.code or ""), raised.value.code
    assert time.monotonic() - started < 3.0
    # Neo4j ends a timed-out transaction asynchronously: on a loaded machine it can still be listed for a moment.
    show = "SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS $marker RETURN count(*) AS n"
    ended = time.monotonic() + 5.0
    while (await driver.execute_query(show, marker=marker))[0][0]["n"] != 0:
        assert time.monotonic() < ended, "the timed-out transaction still runs in Neo4j 5 s later"
        await asyncio.sleep(0.1)


REGISTER = """mutation($email: String!) {
  register(email: $email, password: "a long enough password", displayName: "Held") { __typename }
}"""
# The header line of cypher/account/create_user.cypher: how SHOW TRANSACTIONS tells the API's write apart.
CREATE_USER_MARK = "// Create an account"


def fresh_email() -> str:
    return f"held-{uuid.uuid4().hex[:12]}@example.org"


@asynccontextmanager
async def email_locked(driver: AsyncDriver, email: str) -> AsyncIterator[None]:
    """An open transaction that created a user with `email`: a registration of it waits on the uniqueness
    constraint's lock until this one ends (it is rolled back)."""
    async with driver.session(database="neo4j") as session:
        tx = await session.begin_transaction()
        try:
            await tx.run("CREATE (:User {id: $id, email: $email})", id=f"lock-{uuid.uuid4().hex}", email=email)
            yield
        finally:
            await tx.rollback()


async def registrations_running(driver: AsyncDriver, email: str) -> int:
    show = (
        "SHOW TRANSACTIONS YIELD currentQuery, parameters "
        "WHERE currentQuery CONTAINS $mark AND parameters.email = $email RETURN count(*) AS n"
    )
    records, _, _ = await driver.execute_query(show, mark=CREATE_USER_MARK, email=email)
    return int(records[0]["n"])


async def test_an_account_write_with_neo4j_down_answers_within_a_second(
    settings: Settings, sample_db: AsyncDriver, proxy: FaultyProxy
) -> None:
    async with answering(settings, proxy) as http:
        await proxy.down()
        try:
            for _ in range(3):
                started = time.monotonic()
                response = await http.post("/graphql", json={"query": REGISTER, "variables": {"email": fresh_email()}})
                assert code_of(response.json()) == "SERVICE_UNAVAILABLE", response.text
                assert time.monotonic() - started < 1.0
        finally:
            await proxy.up()


async def test_a_write_held_on_a_lock_is_ended_by_neo4j_at_the_deadline(
    settings: Settings, sample_db: AsyncDriver, driver: AsyncDriver, proxy: FaultyProxy
) -> None:
    email, deadline = fresh_email(), 2.0
    with api_through(settings, proxy, request_deadline_seconds=deadline) as api:
        async with httpx.AsyncClient(base_url=api.url, timeout=30) as http, email_locked(driver, email):
            started = time.monotonic()
            response = await http.post("/graphql", json={"query": REGISTER, "variables": {"email": email}})
            seconds = time.monotonic() - started
            assert code_of(response.json()) == "DEADLINE_EXCEEDED", response.text
            assert deadline - 0.1 < seconds < deadline + 1.0
            # The lock is still held, so only the transaction's timeout (or its closed connection) ended it.
            assert await poll_until(lambda: _none_running(driver, email), 1.0)


async def _none_running(driver: AsyncDriver, email: str) -> bool:
    return await registrations_running(driver, email) == 0


async def test_a_client_that_hangs_up_ends_its_work(
    settings: Settings, sample_db: AsyncDriver, driver: AsyncDriver, proxy: FaultyProxy
) -> None:
    """With the shipped 10 s deadline, the held write is gone within 2 s of its client leaving."""
    email = fresh_email()
    body = orjson.dumps({"query": REGISTER, "variables": {"email": email}})
    head = (
        f"POST /graphql HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
        f"content-length: {len(body)}\r\n\r\n"
    ).encode()
    with api_through(settings, proxy) as api:
        async with email_locked(driver, email):
            _, writer = await asyncio.open_connection("127.0.0.1", api.port)
            writer.write(head + body)
            await writer.drain()
            assert await poll_until(lambda: _some_running(driver, email), 5.0), "the write never reached Neo4j"
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()
            assert await poll_until(lambda: _none_running(driver, email), 2.0)


async def _some_running(driver: AsyncDriver, email: str) -> bool:
    return await registrations_running(driver, email) > 0
