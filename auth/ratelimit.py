"""In-process sliding-window rate limits, one window per (bucket, key).

The check and the record happen together without an `await` in between, so concurrent requests on one
event loop cannot all slip through on the same free slot. One process holds its own counts: behind several
workers, each enforces the limit on its own share (documented in docs/trust.md).
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Callable


class RateLimiter:
    def __init__(self, window_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.window = window_seconds
        self._clock = clock
        self._events: dict[tuple[str, str], deque[float]] = defaultdict(deque)

    def _live(self, bucket: str, key: str) -> deque[float]:
        events = self._events[(bucket, key)]
        horizon = self._clock() - self.window
        while events and events[0] <= horizon:
            events.popleft()
        return events

    def hit(self, bucket: str, key: str, limit: int) -> bool:
        """Record one event if fewer than `limit` are in the window; False (and nothing recorded) if not."""
        events = self._live(bucket, key)
        if len(events) >= limit:
            return False
        events.append(self._clock())
        return True

    def count(self, bucket: str, key: str) -> int:
        return len(self._live(bucket, key))

    def forgive(self, bucket: str, key: str) -> None:
        """Drop the latest event (a login attempt that turned out to succeed)."""
        events = self._live(bucket, key)
        if events:
            events.pop()
