"""The pages send the contract's reads as persisted queries: on a server that has never seen them, the hash first
(PERSISTED_QUERY_NOT_FOUND), then the document, which registers it; on the next visit the hash alone (GET, no
document) answers, and the page shows what the records say."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlparse

from neo4j import AsyncDriver
from playwright.async_api import Browser, Response

from peergraph.settings import Settings
from tests.support import ApiServer
from tests.web import expected
from tests.web.conftest import WIDE

HOME = "A5009341822"


@dataclass
class Seen:
    method: str
    operation: str | None
    sent_document: bool
    status: int
    body: dict[str, Any]


async def visit(browser: Browser, url: str) -> list[Seen]:
    """The researcher page of HOME in a fresh profile, and every /graphql exchange it had until it was idle."""
    context = await browser.new_context(viewport=WIDE)
    responses: list[Response] = []
    seen: list[Seen] = []
    try:
        page = await context.new_page()
        page.on("response", lambda response: responses.append(response))
        await page.goto(f"{url}/authors/{HOME}")
        await page.wait_for_selector(".head h1")
        assert await page.inner_text(".head h1") == expected.profile(HOME).name
        await page.wait_for_load_state("networkidle")
        for response in responses:  # read while the page is open: every answer has arrived by now
            if urlparse(response.url).path != "/graphql":
                continue
            request = response.request
            params = {key: values[0] for key, values in parse_qs(urlparse(request.url).query).items()}
            posted = json.loads(request.post_data) if request.post_data else {}
            document = posted.get("query") or params.get("query")
            name = params.get("operationName") or (document.split("(")[0].split()[-1] if document else None)
            seen.append(Seen(request.method, name, document is not None, response.status, await response.json()))
    finally:
        await context.close()
    return seen


def profile_exchanges(seen: list[Seen]) -> list[Seen]:
    return [s for s in seen if s.operation == "ResearcherProfile"]


async def test_contract_reads_go_by_hash_after_one_registration(
    browser: Browser, web_settings: Settings, sample_db: AsyncDriver
) -> None:
    with ApiServer(web_settings) as fresh:  # its own process state: no hash registered yet
        first = profile_exchanges(await visit(browser, fresh.url))
        assert [(s.method, s.sent_document, s.status) for s in first] == [("GET", False, 200), ("POST", True, 200)]
        assert first[0].body["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
        assert first[1].body["data"]["author"]["name"] == expected.profile(HOME).name

        again = await visit(browser, fresh.url)
        profile = profile_exchanges(again)
        assert [(s.method, s.sent_document, s.status) for s in profile] == [("GET", False, 200)]
        assert "errors" not in profile[0].body
        assert profile[0].body["data"]["author"]["name"] == expected.profile(HOME).name
        # Both contract reads of the page (the profile and its graph slice) went by hash alone.
        contract = [s for s in again if s.operation in ("ResearcherProfile", "GraphSlice")]
        assert {s.operation for s in contract} == {"ResearcherProfile", "GraphSlice"}, again
        assert all(s.method == "GET" and not s.sent_document and "errors" not in s.body for s in contract), contract
