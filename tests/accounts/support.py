"""Helpers for the account tests: a GraphQL client with its own client address, accounts, authors."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import Any

import httpx
from neo4j import AsyncDriver

from ingest.records import build_row
from ingest.writer import write_batch
from peergraph.settings import Settings
from tests.accounts.outbox import verification_token

PASSWORD = "correct horse battery staple"
_addresses = itertools.count(1)


def fresh_ip() -> str:
    """A distinct client address per test client (the test server trusts X-Forwarded-For)."""
    n = next(_addresses)
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


@dataclass
class Api:
    client: httpx.AsyncClient
    ip: str

    async def gql(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"X-Forwarded-For": self.ip}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        payload = {"query": query, "variables": variables or {}}
        response = await self.client.post("/graphql", json=payload, headers=headers)
        assert response.status_code in (200, 400), response.text
        body: dict[str, Any] = response.json()
        return body


def token_claims(settings: Settings, user_id: str) -> dict[str, Any]:
    """The claims of a valid access token for the user, issued now for 5 minutes (to sign or alter in a test)."""
    now = int(time.time())
    return {"sub": user_id, "iat": now, "exp": now + 300, "aud": settings.jwt_audience, "iss": settings.jwt_issuer}


def codes(body: dict[str, Any]) -> list[str]:
    return [e.get("extensions", {}).get("code") for e in body.get("errors") or []]


def code(body: dict[str, Any]) -> str:
    found = codes(body)
    assert len(found) == 1, body
    return found[0]


REGISTER = """mutation($e: String!, $p: String!, $n: String!) {
  register(email: $e, password: $p, displayName: $n) { accepted message } }"""
LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token expiresAt viewer { id email } } }"
VERIFY = "mutation($t: String!) { verifyEmail(token: $t) }"


@dataclass(frozen=True)
class Account:
    id: str
    email: str
    token: str


async def signup(api: Api, email: str, *, verify: bool = True, name: str = "Test User") -> Account:
    body = await api.gql(REGISTER, {"e": email, "p": PASSWORD, "n": name})
    assert body.get("data", {}).get("register", {}).get("accepted"), body
    if verify:
        body = await api.gql(VERIFY, {"t": verification_token(email)})
        assert body["data"]["verifyEmail"] is True, body
    body = await api.gql(LOGIN, {"e": email, "p": PASSWORD})
    login = body["data"]["login"]
    return Account(id=login["viewer"]["id"], email=email, token=login["token"])


def work_record(work_id: str, authors: list[tuple[str, str, str | None]], topics: list[str]) -> dict[str, Any]:
    """A minimal OpenAlex work record: authors as (id, name, orcid), topic ids."""
    return {
        "id": f"https://openalex.org/{work_id}",
        "display_name": f"Work {work_id}",
        "publication_year": 2020,
        "updated_date": "2024-01-01T00:00:00",
        "authorships": [
            {
                "author_position": "first" if i == 0 else "middle",
                "author": {
                    "id": f"https://openalex.org/{aid}",
                    "display_name": name,
                    "orcid": None if orcid is None else f"https://orcid.org/{orcid}",
                },
                "institutions": [],
            }
            for i, (aid, name, orcid) in enumerate(authors)
        ],
        "topics": [{"id": f"https://openalex.org/{t}", "display_name": f"Topic {t}", "score": 0.9} for t in topics],
    }


async def write_works(driver: AsyncDriver, database: str, records: list[dict[str, Any]]) -> None:
    await write_batch(driver, database, "work", [build_row("work", r) for r in records])


async def write_author(driver: AsyncDriver, database: str, record: dict[str, Any]) -> None:
    await write_batch(driver, database, "author", [build_row("author", record)])


async def make_authors(driver: AsyncDriver, database: str, *ids: str, orcids: dict[str, str] | None = None) -> None:
    """One work per author, each author alone on it (with an ORCID iD where given)."""
    orcids = orcids or {}
    records = [work_record(f"W9{n:05d}", [(aid, f"Author {aid}", orcids.get(aid))], []) for n, aid in enumerate(ids)]
    await write_works(driver, database, records)
