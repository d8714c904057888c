"""Login limits across two real API processes (`peergraph serve` twice) against the one test Neo4j; bad bearer
tokens refused on public fields by both."""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import jwt
import pytest
import pytest_asyncio
from neo4j import AsyncDriver

from accounts.auth.tokens import issue_access_token
from peergraph.settings import Settings
from tests.accounts.processes import ApiProcess, serve_env
from tests.accounts.support import LOGIN, PASSWORD, Api, code, codes, fresh_ip, make_authors, signup, token_claims

WINDOW = 120.0
PER_PAIR = 4
PER_CLIENT = 7
DELAY_AFTER = 6
DELAY_BASE = 2.0
DELAY_MAX = 4.0
LIMITS = {
    "login_window_seconds": WINDOW,
    "login_failures_per_account_client": PER_PAIR,
    "login_failures_per_client": PER_CLIENT,
    "login_delay_after_failures": DELAY_AFTER,
    "login_delay_base_seconds": DELAY_BASE,
    "login_delay_max_seconds": DELAY_MAX,
}
WRONG = "not the password at all"
AUTHOR = '{ author(id: "A101") { id } }'


@pytest.fixture(scope="module")
def processes(
    account_settings: Settings, driver: AsyncDriver, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[ApiProcess, ApiProcess]]:
    env = serve_env(account_settings, **LIMITS)
    first, second = (ApiProcess(env, tmp_path_factory.mktemp(f"api-{n}")) for n in (1, 2))
    with contextlib.ExitStack() as stack:
        for process in (first, second):
            process.start()  # both start at once; then each is waited for
            stack.callback(process.__exit__)
        stack.enter_context(first)
        stack.enter_context(second)
        yield first, second


@pytest_asyncio.fixture(loop_scope="session")
async def servers(processes: tuple[ApiProcess, ApiProcess]) -> AsyncIterator[list[httpx.AsyncClient]]:
    async with (
        httpx.AsyncClient(base_url=processes[0].url, timeout=30) as first,
        httpx.AsyncClient(base_url=processes[1].url, timeout=30) as second,
    ):
        yield [first, second]


def retry_after(body: dict[str, Any]) -> int:
    assert code(body) == "RATE_LIMITED", body
    wait: int = body["errors"][0]["extensions"]["retryAfter"]
    return wait


async def login(api: Api, email: str, password: str = WRONG) -> dict[str, Any]:
    return await api.gql(LOGIN, {"e": email, "p": password})


async def test_failures_split_across_processes_hit_the_per_account_client_limit(
    empty_db: AsyncDriver, api: Api, servers: list[httpx.AsyncClient]
) -> None:
    await signup(api, "split@example.org")
    ip = fresh_ip()
    sides = [Api(server, ip) for server in servers]
    for n in range(PER_PAIR):
        assert code(await login(sides[n % 2], "split@example.org")) == "UNAUTHENTICATED"
    for side in sides:  # the right password too: this client is refused, on either process
        assert 1 <= retry_after(await login(side, "split@example.org", PASSWORD)) <= WINDOW
    # The account is not locked: its owner, elsewhere, logs in at once.
    body = await login(Api(servers[1], fresh_ip()), "split@example.org", PASSWORD)
    assert body["data"]["login"]["viewer"]["email"] == "split@example.org", body


async def test_spraying_across_processes_hits_the_per_client_limit(
    empty_db: AsyncDriver, servers: list[httpx.AsyncClient]
) -> None:
    ip = fresh_ip()
    sides = [Api(server, ip) for server in servers]
    for n in range(PER_CLIENT):
        assert code(await login(sides[n % 2], f"spray{n}@example.org")) == "UNAUTHENTICATED"
    for side in sides:
        assert 1 <= retry_after(await login(side, "one-more@example.org")) <= WINDOW


async def test_concurrent_failures_on_two_processes_cannot_slip_past_the_limit(
    empty_db: AsyncDriver, api: Api, servers: list[httpx.AsyncClient]
) -> None:
    await signup(api, "race@example.org")
    ip = fresh_ip()
    bodies = await asyncio.gather(*(login(Api(servers[n % 2], ip), "race@example.org") for n in range(12)))
    found = sorted(code(body) for body in bodies)
    assert found == ["RATE_LIMITED"] * (12 - PER_PAIR) + ["UNAUTHENTICATED"] * PER_PAIR


async def _attack(servers: list[httpx.AsyncClient], email: str, seconds: float) -> int:
    """Wrong passwords from ever new clients on both processes for `seconds` (at most 40 requests)."""
    deadline, sent = time.monotonic() + seconds, 0
    while time.monotonic() < deadline and sent < 40:
        await login(Api(servers[sent % 2], fresh_ip()), email)
        sent += 1
        await asyncio.sleep(0.1)
    return sent


async def test_account_wide_failures_slow_the_owner_down_but_never_lock_them_out(
    empty_db: AsyncDriver, api: Api, servers: list[httpx.AsyncClient]
) -> None:
    owner = await signup(api, "owner@example.org")
    attackers = [fresh_ip() for _ in range(DELAY_AFTER // 2)]
    for ip in attackers:
        for server in servers:
            assert code(await login(Api(server, ip), "owner@example.org")) == "UNAUTHENTICATED"
    # DELAY_AFTER failures from all clients: a client that failed waits before trying again (2 s, then doubling).
    early = retry_after(await login(Api(servers[0], attackers[-1]), "owner@example.org"))
    assert 1 <= early <= math.ceil(DELAY_MAX)

    # The owner, from a client that never tried, while the attack goes on from new addresses on both processes.
    attack = asyncio.create_task(_attack(servers, "owner@example.org", DELAY_MAX + 3))
    ip, started, waits = fresh_ip(), time.monotonic(), list[int]()
    try:
        while True:
            body = await login(Api(servers[len(waits) % 2], ip), "owner@example.org", PASSWORD)
            if "errors" not in body:
                break
            waits.append(retry_after(body))
            assert time.monotonic() - started < DELAY_MAX + 5, f"still refused: {waits}"
            await asyncio.sleep(0.2)
        elapsed = time.monotonic() - started
    finally:
        sent = await attack
    assert body["data"]["login"]["viewer"]["id"] == owner.id
    assert waits, "the throttled account let a new client in without a wait"
    assert max(waits) <= math.ceil(DELAY_MAX)
    assert elapsed <= DELAY_MAX + 2.0  # the bound, plus polling and request time on a busy machine
    assert sent >= 5  # the attack really ran beside the owner's wait
    assert (await api.gql("{ viewer { id } }", token=body["data"]["login"]["token"]))["data"]["viewer"] == {
        "id": owner.id
    }


async def test_bad_tokens_on_a_public_field_are_unauthenticated_on_both_processes(
    empty_db: AsyncDriver, api: Api, servers: list[httpx.AsyncClient], account_settings: Settings, database: str
) -> None:
    await make_authors(empty_db, database, "A101")
    account = await signup(api, "bearer@example.org")
    claims = token_claims(account_settings, account.id)
    tokens = {
        "forged": jwt.encode(claims, "a secret that is not the server's, long enough", algorithm="HS256"),
        "expired": issue_access_token(account_settings, account.id, now=time.time() - 3600).token,
    }
    for server in servers:
        client = Api(server, fresh_ip())
        for name, token in tokens.items():
            body = await client.gql(AUTHOR, token=token)
            assert codes(body) == ["UNAUTHENTICATED"], name
            assert body.get("data") is None, name
        assert (await client.gql(AUTHOR))["data"] == {"author": {"id": "A101"}}
        assert (await client.gql(AUTHOR, token=account.token))["data"] == {"author": {"id": "A101"}}
