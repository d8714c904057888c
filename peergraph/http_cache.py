"""HTTP caching of GraphQL answers, honest about who they are for.

A read sent as GET (`/graphql?query=…&variables=…`, or with only a persisted query's hash in `extensions`) gets an
ETag of its answer, so a client or proxy that already holds it asks again with `If-None-Match` and gets `304 Not
Modified` without the body. Who may keep it:
- an anonymous answer without errors: `public, max-age=<setting>` — the same for every anonymous caller;
- any answer to a request with credentials (it may hold the viewer's own data: following, claims, hidden
  fields they may see): `private, no-store`, and `Vary: Authorization` on all of them;
- POST answers and answers with errors: `no-store` (PERSISTED_QUERY_NOT_FOUND among them: a kept one would
  never let the client register its document).
The answer is still computed (the ETag is of its bytes); what is saved is the transfer and the client's work.
"""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders, QueryParams
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class GraphQLHttpCaching:
    def __init__(self, app: ASGIApp, max_age_seconds: int) -> None:
        self.app = app
        self.max_age = max_age_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_headers = Headers(scope=scope)
        params = QueryParams(scope.get("query_string", b""))
        if scope["method"] != "GET" or ("query" not in params and "extensions" not in params):
            await self.app(scope, receive, _no_store(send))
            return
        start: Message | None = None
        body = bytearray()

        async def buffer(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
                if not message.get("more_body", False):
                    await self._answer(start, bytes(body), request_headers, send)
                return
            await send(message)

        await self.app(scope, receive, buffer)

    async def _answer(self, start: Message | None, body: bytes, request: Headers, send: Send) -> None:
        assert start is not None  # ASGI sends the start before the body
        headers = MutableHeaders(raw=list(start.get("headers", [])))
        headers.append("vary", "Authorization")
        cacheable = start["status"] == 200 and b'"errors"' not in body
        if not cacheable:
            headers["cache-control"] = "no-store"
            await _send(send, {**start, "headers": headers.raw}, body)
            return
        etag = 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers["etag"] = etag
        anonymous = "authorization" not in request
        headers["cache-control"] = f"public, max-age={self.max_age}" if anonymous else "private, no-store"
        if etag in [tag.strip() for tag in request.get("if-none-match", "").split(",")]:
            del headers["content-length"]
            del headers["content-type"]
            await send({"type": "http.response.start", "status": 304, "headers": headers.raw})
            await send({"type": "http.response.body", "body": b""})
            return
        await _send(send, {**start, "headers": headers.raw}, body)


async def _send(send: Send, start: Message, body: bytes) -> None:
    await send(start)
    await send({"type": "http.response.body", "body": body})


def _no_store(send: Send) -> Send:
    async def marked(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(raw=list(message.get("headers", [])))
            headers.setdefault("cache-control", "no-store")
            message["headers"] = headers.raw
        await send(message)

    return marked
