"""How a request's Neo4j work is retried: reads (loaders/gateway.py), account writes (accounts/db.py) and
rate-limit checks (accounts/auth/ratelimit.py) alike.

Transient failures are retried with backoff within the retry budget, never past the request's deadline. A
refused or broken connection is retried for UNAVAILABLE_RETRY_SECONDS only, and one slow to fail (an unreachable
server: the connection timeout passed) not at all, so a stopped Neo4j is said within a second. The driver's own
retry loop (managed transactions) waits 1 s before its first retry and knows no deadline: callers give it no
time of its own (`max_transaction_retry_time=0`), so each attempt here is one transaction.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from peergraph.errors import deadline_exceeded
from peergraph.observability import deadlock_retried

T = TypeVar("T")
# A dead pooled connection fails in well under this; an unreachable server takes the connection timeout.
FAST_FAILURE_SECONDS = 0.25
# How long refused connections are retried (with backoff): long enough for a dropped connection or two, short
# enough that a request to a stopped Neo4j answers SERVICE_UNAVAILABLE within a second.
UNAVAILABLE_RETRY_SECONDS = 0.5


async def retried(
    attempt: Callable[[float | None], Awaitable[T]], *, retry_seconds: float, deadline: float | None
) -> T:
    """`attempt(time_left)` until it succeeds or a failure is not worth another try. `deadline` is a
    time.monotonic() (None: none); the time left to it is what each attempt may send as its timeout."""
    retry_until = time.monotonic() + retry_seconds
    unavailable_until = time.monotonic() + UNAVAILABLE_RETRY_SECONDS
    if deadline is not None:
        retry_until = min(retry_until, deadline)
    for tries in itertools.count():
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            raise deadline_exceeded()
        started = time.monotonic()
        try:
            return await attempt(left)
        except (ServiceUnavailable, SessionExpired):
            # A refused or broken connection. The driver drops the pool's connections to that server, so a
            # quick retry on a fresh connection covers a server that restarted or a connection a proxy
            # dropped; a server still refusing after UNAVAILABLE_RETRY_SECONDS, or slow to fail (unreachable:
            # the connection timeout passed), is down, and waiting for it would only hold the client.
            if time.monotonic() - started > FAST_FAILURE_SECONDS or time.monotonic() > unavailable_until:
                raise
            until = min(unavailable_until, retry_until)
        except (Neo4jError, DriverError) as error:
            if not error.is_retryable() or time.monotonic() > retry_until:
                raise
            deadlock_retried(error)  # two writers locked in opposite orders; Neo4j aborted this one
            until = retry_until
        # Jittered as the driver's own delays are: concurrent writers that deadlocked do not retry in step.
        backoff = 0.05 * 2**tries * random.uniform(0.8, 1.2)  # noqa: S311 (timing, not security)
        await asyncio.sleep(max(0.0, min(1.0, backoff, until - time.monotonic())))
    raise AssertionError("unreachable")
