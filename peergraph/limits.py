"""Every GraphQL request bounded: shed at once past the in-flight cap, answered by its deadline.

- **Shedding**: past `max_in_flight` requests in this process a request is refused before any work, with 503,
  `Retry-After` and code OVERLOADED: a client learns at once to come back, instead of waiting in a queue
  that grows past every deadline (256 clients on one process: p50 7.6 s and a third over 10 s, unshed).
- **Turns**: of the requests let in, `max_executing` run at once and the others wait for a turn, first come
  first served, for `queue_timeout_seconds` at most (then the same 503). Letting all 128 run at once shared
  the CPU among them, so each became slow together and the last ones missed the deadline (accepted p99
  24.8 s at 256 clients); run a few at a time, each answer stays as fast as at low load.
- **Deadline**: the request's work is cancelled when `request_deadline_seconds` have passed and it answers
  504 with code DEADLINE_EXCEEDED. The deadline is left in the request's state: the read gateway passes the
  time left as each statement's transaction timeout, so Neo4j stops the work as well (a cancelled client
  alone would leave the query running on the server).
- **Disconnect**: a client that hangs up before its answer cancels the request's work (measured: its write's
  transaction gone from SHOW TRANSACTIONS within 0.4 s; before, it ran on until its deadline).
Health checks and /metrics are outside all three: they must answer when the API is busiest.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from peergraph.errors import ErrorCode
from peergraph.observability import QUEUE_TIMEOUTS, SHED
from peergraph.settings import Settings

log = logging.getLogger("peergraph.limits")
LIMITED_PATHS = frozenset({"/graphql"})
CLIENT_CLOSED = 499  # nginx's "client closed request"


def error_body(message: str, code: ErrorCode, **extra: object) -> bytes:
    """A GraphQL-over-HTTP error body for a request that never reached execution."""
    return orjson.dumps({"errors": [{"message": message, "extensions": {"code": code.value, **extra}}]})


async def send_error(send: Send, status: int, body: bytes, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"cache-control", b"no-store"),
                *(headers or []),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RequestLimits:
    """ASGI middleware: the deadline, the in-flight cap and the executing turns of every GraphQL request, from the
    settings' request limits (`request_deadline_seconds`, `max_in_flight`, `max_executing`,
    `queue_timeout_seconds`, `shed_retry_after_seconds`, `shed_delay_seconds`)."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.deadline = settings.request_deadline_seconds
        self.max_in_flight = settings.max_in_flight
        self.retry_after = settings.shed_retry_after_seconds
        self.queue_timeout = settings.queue_timeout_seconds
        self.shed_delay = settings.shed_delay_seconds
        self.in_flight = 0
        self.turns = asyncio.Semaphore(min(settings.max_executing, settings.max_in_flight))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("path") not in LIMITED_PATHS or scope.get("method") == "OPTIONS":
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.max_in_flight:
            if self.shed_delay:
                await asyncio.sleep(self.shed_delay)  # a client retrying at once is slowed, at no CPU cost
            await self._shed(scope, send, f"The API is answering {self.in_flight} requests")
            return
        self.in_flight += 1
        deadline = time.monotonic() + self.deadline
        scope.setdefault("state", {})["deadline"] = deadline
        try:
            try:
                if self.turns.locked():  # a turn is free at once most of the time: no task, no timer (~3% of CPU)
                    await asyncio.wait_for(self.turns.acquire(), timeout=self.queue_timeout)
                else:
                    await self.turns.acquire()
            except TimeoutError:
                QUEUE_TIMEOUTS.inc()
                await self._shed(scope, send, f"The request waited {self.queue_timeout:g} s for a turn")
                return
            try:
                await self._bounded(scope, receive, send, deadline)
            finally:
                self.turns.release()
        finally:
            self.in_flight -= 1

    async def _shed(self, scope: Scope, send: Send, why: str) -> None:
        SHED.inc()
        scope.setdefault("state", {})["graphql_outcome"] = ErrorCode.OVERLOADED.value
        body = error_body(f"{why}; retry in {self.retry_after} s.", ErrorCode.OVERLOADED, retryAfter=self.retry_after)
        await send_error(send, 503, body, [(b"retry-after", str(self.retry_after).encode())])

    async def _bounded(self, scope: Scope, receive: Receive, send: Send, deadline: float) -> None:
        """The request as a task beside a listener on its connection: cancelled at the deadline (unless its
        answer has begun: that one finishes) or when the client hangs up first. Cancelling closes the
        connections of its running queries, which ends their transactions on Neo4j as well."""
        started = finished = False
        body: asyncio.Queue[Message] = asyncio.Queue(maxsize=1)  # the app reads the body at its own pace

        async def tracking_send(message: Message) -> None:
            nonlocal started, finished
            if message["type"] == "http.response.start":
                started = True
            elif message["type"] == "http.response.body" and not message.get("more_body", False):
                finished = True
            await send(message)

        async def listen() -> None:
            """The only reader of `receive`: returns when the client is gone (or, as servers report it the same
            way, when the answer is complete)."""
            while (message := await receive())["type"] != "http.disconnect":
                await body.put(message)

        handler = asyncio.ensure_future(self.app(scope, body.get, tracking_send))
        listener = asyncio.ensure_future(listen())
        try:
            left = max(0.0, deadline - time.monotonic())  # the turn's wait counts: the deadline is the client's
            await asyncio.wait({handler, listener}, timeout=left, return_when=asyncio.FIRST_COMPLETED)
            if not handler.done() and listener.done() and not finished:
                await _cancel(handler)
                scope["state"]["graphql_outcome"] = "CLIENT_CLOSED"
                log.info("the client of %s left before its answer; its work was cancelled", scope.get("path"))
                await send_error(send, CLIENT_CLOSED, b"")  # the server drops it; the access line keeps the status
                return
            if not handler.done() and not started:
                await _cancel(handler)
                scope["state"]["graphql_outcome"] = ErrorCode.DEADLINE_EXCEEDED.value
                log.warning("request %s ran past its %.1f s deadline", scope.get("path"), self.deadline)
                message = f"The request ran past its {self.deadline:g} s deadline; its queries were cancelled."
                body_ = error_body(message, ErrorCode.DEADLINE_EXCEEDED, deadlineSeconds=self.deadline)
                await send_error(send, 504, body_)
                return
            await handler  # done, or its answer under way: it finishes (its own exception, if any, propagates)
        finally:
            for task in (handler, listener):
                await _cancel(task)


async def _cancel(task: asyncio.Future[None]) -> None:
    if not task.done():
        task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
