"""Running a named operation of the contract over HTTP."""

from __future__ import annotations

from typing import Any

import httpx


async def run(client: httpx.AsyncClient, document: str, name: str, **variables: Any) -> dict[str, Any]:
    """POST one named operation of `document`; assert no errors; return `data`."""
    body = await call(client, document, name, **variables)
    assert "errors" not in body, body["errors"]
    data: dict[str, Any] = body["data"]
    return data


async def call(client: httpx.AsyncClient, document: str, name: str | None, **variables: Any) -> dict[str, Any]:
    payload = {"query": document, "operationName": name, "variables": variables}
    response = await client.post("/graphql", json=payload)
    assert response.status_code in (200, 400), response.text
    body: dict[str, Any] = response.json()
    return body
