"""The API's limits, said in words on the page and never a blank drawing: real faults (a proxy in front of the
test Neo4j that stalls or refuses Bolt, a one-request in-flight cap, a short deadline, failed logins, a bad token)
and, for the cost ceiling, the error as the API words it."""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver
from playwright.async_api import Route

from peergraph.settings import Settings
from tests.faults import FaultyProxy, api_through
from tests.support import ApiServer
from tests.web.conftest import OpenTab, Tab, operation

HOME = "A5009341822"
GRAPH = "document.querySelector('.graph-canvas').peergraph"
DEADLINE = 2.0
# The API's endpoint with or without a query string: a glob like "**/graphql" misses the persisted GETs
# ("/graphql?operationName=…"), which the page sends first for every operation it knows.
GRAPHQL_URL = re.compile(r"/graphql(\?.*)?$")


@pytest.fixture
def faulty_api(web_settings: Settings, proxy: FaultyProxy) -> Iterator[ApiServer]:
    """The API through the proxy, with one request in flight at most and a short deadline."""
    with api_through(web_settings, proxy, max_in_flight=1, request_deadline_seconds=DEADLINE) as server:
        yield server


async def warmed(api: ApiServer) -> list[str]:
    """Ask the explorer's slices until each answers within the short deadline (a fresh server's first queries
    are compiled by Neo4j first); the nodes around HOME."""
    slice_query = operation("GraphSlice")
    async with httpx.AsyncClient(base_url=api.url, timeout=30) as client:

        async def answered(center: str) -> dict[str, Any]:
            deadline = time.monotonic() + 30
            while True:
                variables = {"center": center, "depth": 1, "limit": 100}
                body = (await client.post("/graphql", json={"query": slice_query, "variables": variables})).json()
                if "errors" not in body:
                    found: dict[str, Any] = body["data"]["graphSlice"]
                    return found
                assert time.monotonic() < deadline, body
                await asyncio.sleep(0.2)

        around = [n["id"] for n in (await answered(HOME))["nodes"] if n["id"] != HOME][:3]
        for node in around:
            await answered(node)
    return around


async def settled(tab: Tab) -> str:
    """Wait for the drawing to finish what it was doing; the state it ended in."""
    await tab.page.wait_for_function(
        "() => { const c = document.querySelector('.graph-canvas'); const g = c && c.peergraph;"
        " const s = document.querySelector('.graph-status');"
        " return g && !g.busy && s.dataset.state && s.dataset.state !== 'loading'; }",
        timeout=20_000,
    )
    state: str = await tab.page.eval_on_selector(".graph-status", "s => s.dataset.state")
    return state


async def click_node(tab: Tab, node: str) -> None:
    at = await tab.page.evaluate(f"{GRAPH}.clientPosition({node!r})")
    await tab.page.mouse.click(at["x"], at["y"])


async def problem(tab: Tab) -> tuple[str, str]:
    code: str = await tab.page.get_attribute(".graph-status .problem", "data-code") or ""
    return code, await tab.page.inner_text(".graph-status .problem strong")


async def test_shed_deadline_and_a_lost_database_are_said_over_the_drawing(
    sample_db: AsyncDriver, new_tab: OpenTab, faulty_api: ApiServer, proxy: FaultyProxy
) -> None:
    first, second, third = await warmed(faulty_api)
    tab = await new_tab()
    tab.base = faulty_api.url
    tab.allow(r"status of 50[34]")  # the browser's own line for a 503 or 504 answer
    await tab.goto(f"/explore?center={HOME}&depth=1&limit=100")
    # The first drawing is the setup, not the subject: on a loaded machine it can meet the one-request cap or the
    # 2 s deadline (the page asks for the viewer and the slice together); the page's retry button draws it then.
    deadline = time.monotonic() + 30
    while await settled(tab) != "idle":
        assert time.monotonic() < deadline, await problem(tab)
        await tab.page.click(".graph-status button")
    drawn: list[str] = await tab.page.evaluate(f"{GRAPH}.nodeIds()")

    # One request held in flight (Bolt stalled): the next one is shed, and the search box says so.
    proxy.stall()
    await click_node(tab, first)
    await tab.page.fill('input[name="q"]', "bibliometric")
    await tab.page.wait_for_selector(".suggestions li.problem")
    assert (await tab.page.inner_text(".suggestions li.problem")).startswith("The API is busy right now")
    proxy.resume()
    assert await settled(tab) == "idle"
    assert await tab.page.evaluate(f"{GRAPH}.expanded.has({first!r})")

    # Stalled past the deadline: the expansion ends with a message over the drawing, which stays.
    proxy.stall()
    started = time.monotonic()
    await click_node(tab, second)
    assert await settled(tab) == "error"
    waited = time.monotonic() - started
    proxy.resume()
    code, title = await problem(tab)
    # A pooled connection waits for the deadline; one opened anew meets the connection timeout first.
    assert (code, title) in {
        ("DEADLINE_EXCEEDED", "The API took too long to answer and stopped this request. Try a smaller slice."),
        ("SERVICE_UNAVAILABLE", "The graph database cannot be reached right now. Try again shortly."),
    }, (code, title)
    assert waited < DEADLINE + 3
    assert len(await tab.page.evaluate(f"{GRAPH}.nodeIds()")) >= len(drawn)
    await tab.shot("limit-deadline")
    await tab.page.click(".graph-status button")
    assert await settled(tab) == "idle"

    # Bolt refused: SERVICE_UNAVAILABLE at once, and served again once the database is back.
    await proxy.down()
    await click_node(tab, third)
    assert await settled(tab) == "error"
    assert await problem(tab) == (
        "SERVICE_UNAVAILABLE",
        "The graph database cannot be reached right now. Try again shortly.",
    )
    await tab.shot("limit-unavailable")
    await proxy.up()
    deadline = time.monotonic() + 10
    while True:
        await tab.page.click(".graph-status button")
        if await settled(tab) == "idle":
            break
        assert time.monotonic() < deadline, await problem(tab)
    assert await tab.page.evaluate(f"{GRAPH}.expanded.has({third!r})")


async def test_a_query_over_the_cost_ceiling_is_said_in_words(sample_db: AsyncDriver, new_tab: OpenTab) -> None:
    """The refusal as the API words it (errors[0].extensions.code), answered for the page's graph slice only."""

    async def costly(route: Route) -> None:
        request = route.request  # the slice goes as a persisted query (GET, its name in the URL), else by POST
        if "operationName=GraphSlice" in request.url or "query GraphSlice" in (request.post_data or ""):
            body = {
                "errors": [{"message": "the query would touch ~9000 nodes", "extensions": {"code": "QUERY_TOO_COSTLY"}}]
            }
            await route.fulfill(status=200, content_type="application/json", body=json.dumps(body))
        else:
            await route.continue_()

    tab = await new_tab()
    await tab.goto(f"/authors/{HOME}")
    assert await settled(tab) == "idle"  # the API now knows the slice's hash: the page asks for it by GET first
    await tab.page.route(GRAPHQL_URL, costly)
    await tab.goto(f"/authors/{HOME}")
    await tab.page.wait_for_selector(".graph-status .problem")
    assert await problem(tab) == (
        "QUERY_TOO_COSTLY",
        "This view would ask the API for more than it answers in one request. Try a smaller slice.",
    )
    assert "9000 nodes" in await tab.page.inner_text(".graph-status .problem .detail")
    assert await tab.page.is_visible(".head h1")  # the rest of the page is there
    await tab.page.unroute(GRAPHQL_URL)
    await tab.page.click(".graph-status button")
    assert await settled(tab) == "idle"


async def test_failed_logins_are_rate_limited_and_a_bad_token_ends_the_session(
    sample_db: AsyncDriver, new_tab: OpenTab, web_settings: Settings
) -> None:
    tab = await new_tab()
    await tab.goto(f"/authors/{HOME}")
    await tab.page.click(".account-menu >> text=Log in")
    email = f"nobody-{time.monotonic_ns()}@example.org"
    answers = []
    for _ in range(web_settings.login_failures_per_account_client + 1):
        await tab.page.fill('dialog input[name="email"]', email)
        await tab.page.fill('dialog input[name="password"]', "not the password")
        await tab.page.click('dialog button[type="submit"]')
        await tab.page.wait_for_function(
            "() => { const m = document.querySelector('dialog .form-message');"
            " return m && m.textContent && m.textContent !== 'Logging in…'; }"
        )
        answers.append(await tab.page.inner_text("dialog .form-message"))
        await tab.page.evaluate("document.querySelector('dialog .form-message').textContent = 'Logging in…'")
    assert answers[0] == "Invalid email or password."
    assert answers[-1].startswith("Too many attempts in a short time.")

    # A token the API no longer accepts: the page says the session ended and shows itself to an anonymous viewer.
    expired = await new_tab()
    await expired.goto("/verify")
    await expired.page.evaluate("sessionStorage.setItem('peergraph:token', 'not-a-valid-token')")
    await expired.goto(f"/authors/{HOME}")
    await expired.page.wait_for_selector(".head h1")
    assert await expired.page.inner_text(".account-menu .notice") == "Your session has ended: log in again."
    assert await expired.page.evaluate("sessionStorage.getItem('peergraph:token')") is None
    await expired.page.wait_for_selector("text=Log in to follow")
