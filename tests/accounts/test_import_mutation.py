"""The importRecords mutation over real HTTP: FORBIDDEN unless enabled, admins only; rejects with their index."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest_asyncio
from neo4j import AsyncDriver

from ingest.fingerprint import fingerprint
from peergraph.settings import Settings
from tests.accounts.conftest import ADMIN_EMAIL
from tests.accounts.support import Api, code, fresh_ip, signup
from tests.ingest.records import work
from tests.support import ApiServer, graphql

MUTATION = """
mutation Import($records: [JSON!]!, $kind: String) {
  importRecords(records: $records, kind: $kind) {
    accepted
    rejected { index reason }
    entities { entity created updated unchanged older }
  }
}
"""


async def scrape(api: Api) -> dict[str, float]:
    """The API's /metrics as {series: value}."""
    text = (await api.client.get("/metrics")).text
    return {
        name: float(value)
        for line in text.splitlines()
        if line and not line.startswith("#")
        for name, value in [line.rsplit(" ", 1)]
    }


def delta(before: dict[str, float], after: dict[str, float], series: str) -> float:
    return after.get(series, 0.0) - before.get(series, 0.0)


@pytest_asyncio.fixture(loop_scope="session")
async def enabled(account_settings: Settings, driver: AsyncDriver) -> AsyncIterator[Api]:
    settings = account_settings.model_copy(update={"import_mutation_enabled": True})
    with ApiServer(settings) as server:
        async with server.client() as client:
            yield Api(client, fresh_ip())


@pytest_asyncio.fixture(loop_scope="session")
async def admin_token(empty_db: AsyncDriver, enabled: Api) -> str:
    return (await signup(enabled, ADMIN_EMAIL)).token


async def test_the_mutation_is_forbidden_by_default(
    empty_db: AsyncDriver, settings: Settings, http: httpx.AsyncClient
) -> None:
    assert settings.import_mutation_enabled is False
    body = await graphql(http, MUTATION, {"records": [work(1)]})
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert (await fingerprint(empty_db, settings.neo4j_database)).nodes == {}


async def test_the_mutation_is_for_admins_only(empty_db: AsyncDriver, settings: Settings, enabled: Api) -> None:
    assert code(await enabled.gql(MUTATION, {"records": [work(1)]})) == "UNAUTHENTICATED"
    stranger = await signup(enabled, "stranger@example.org")
    assert code(await enabled.gql(MUTATION, {"records": [work(1)]}, token=stranger.token)) == "FORBIDDEN"
    fp = await fingerprint(empty_db, settings.neo4j_database)
    assert "Work" not in fp.nodes


async def test_the_mutation_imports_and_reports_rejects_by_index(
    empty_db: AsyncDriver, settings: Settings, enabled: Api, admin_token: str
) -> None:
    records = [
        work(1, authors=(1, 2), refs=(2,)),
        {"display_name": "no id"},
        work(2, authors=(2,)),
        {"id": "https://openalex.org/K1", "display_name": "a keyword"},
        {"id": "https://openalex.org/W3", "publication_year": "not a year"},
    ]
    before = await scrape(enabled)
    body = await enabled.gql(MUTATION, {"records": records}, token=admin_token)
    assert "errors" not in body, body
    payload = body["data"]["importRecords"]
    counted = await scrape(enabled)  # the API's /metrics counts what its importer did, by outcome and reason
    assert delta(before, counted, 'peergraph_import_records_total{entity="work",outcome="created"}') == 2
    assert delta(before, counted, 'peergraph_import_rejects_total{reason="missing_id"}') == 1
    assert delta(before, counted, 'peergraph_import_rejects_total{reason="unknown_kind"}') == 1
    assert delta(before, counted, 'peergraph_import_rejects_total{reason="invalid_record"}') == 1
    assert delta(before, counted, "peergraph_import_batches_total") >= 1
    assert payload["accepted"] == 2
    assert [r["index"] for r in payload["rejected"]] == [1, 3, 4]
    assert "no id" in payload["rejected"][0]["reason"]
    assert "unknown entity kind" in payload["rejected"][1]["reason"]
    assert "publication_year" in payload["rejected"][2]["reason"]
    assert payload["entities"] == [{"entity": "work", "created": 2, "updated": 0, "unchanged": 0, "older": 0}]
    fp = await fingerprint(empty_db, settings.neo4j_database)
    assert fp.nodes["Author"] == 2
    assert fp.nodes["Work"] == 2
    assert fp.relationships == {"AUTHORED": 3, "CITES": 1}  # W1 cites W2, which came later in the same call

    again = await enabled.gql(MUTATION, {"records": records}, token=admin_token)
    assert again["data"]["importRecords"]["entities"][0]["unchanged"] == 2
    recounted = await scrape(enabled)
    assert delta(counted, recounted, 'peergraph_import_records_total{entity="work",outcome="unchanged"}') == 2
    assert delta(counted, recounted, 'peergraph_import_records_total{entity="work",outcome="created"}') == 0
    assert await fingerprint(empty_db, settings.neo4j_database) == fp


async def test_the_mutation_refuses_an_unknown_kind(empty_db: AsyncDriver, enabled: Api, admin_token: str) -> None:
    body = await enabled.gql(MUTATION, {"records": [work(1)], "kind": "keyword"}, token=admin_token)
    assert code(body) == "BAD_USER_INPUT"
