"""Failed logins: limited per (account, client) and per client; slowed, never locked, per account.

The rules (docs/trust.md has the reasoning), over a sliding window of `login_window_seconds`:
1. A client with `login_failures_per_account_client` failures on an account, or `login_failures_per_client`
   failures on any accounts, is refused until the oldest leaves the window (a hard limit, per client).
2. An account with F >= `login_delay_after_failures` failures from all clients is *throttled*: each client
   must wait `min(base * 2 ** (F - after), max)` seconds after its own last failure on it before trying again.
   A client with no attempt on the account in the window is first told to wait that delay (so a botnet's
   fresh addresses get no free guesses) and is let through once it has waited, whatever other clients do
   meanwhile. Other clients' failures therefore delay the owner by at most `login_delay_max_seconds` per
   attempt and can never lock them out.
An attempt is recorded as a failure *before* the password is checked (in the same transaction as the checks,
so neither aliases in one request nor concurrent requests to several processes slip past a limit) and
forgiven when the password is right.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from neo4j import AsyncDriver, AsyncManagedTransaction

from accounts.auth.ratelimit import Locked, RateLimits, Throttled, key_of, lock, retry_after
from peergraph.settings import SettingsView, from_setting


@dataclass(frozen=True)
class LoginPolicy(SettingsView):
    window: float = from_setting("login_window_seconds")
    per_account_client: int = from_setting("login_failures_per_account_client")
    per_client: int = from_setting("login_failures_per_client")
    delay_after: int = from_setting("login_delay_after_failures")
    delay_base: float = from_setting("login_delay_base_seconds")
    delay_max: float = from_setting("login_delay_max_seconds")

    def delay(self, account_failures: int) -> float:
        """The wait between one client's attempts on an account with this many failures in the window."""
        if account_failures < self.delay_after:
            return 0.0
        steps = account_failures - self.delay_after
        if self.delay_base * 2.0 ** min(steps, 64) >= self.delay_max:
            return self.delay_max
        return self.delay_base * 2.0**steps

    @property
    def account_events_kept(self) -> int:
        """Failures kept per account: past the count whose delay is the maximum, more change nothing."""
        doublings = max(0, math.ceil(math.log2(self.delay_max / self.delay_base)))
        return self.delay_after + doublings + 1


@dataclass(frozen=True)
class LoginAttempt:
    """An attempt let through, recorded as a failure (at `at`) until `succeeded` forgives it."""

    client: str
    pair: str
    account: str
    at: float


class LoginThrottle:
    def __init__(self, limits: RateLimits, policy: LoginPolicy) -> None:
        self.limits = limits
        self.policy = policy

    def _keys(self, email: str, client: str) -> tuple[str, str, str]:
        return key_of("login-client", client), key_of("login-pair", email, client), key_of("login-account", email)

    async def admit(self, driver: AsyncDriver, email: str, client: str) -> LoginAttempt:
        """Check the limits and record the attempt as a failure; raises Throttled when it must wait."""
        client_key, pair_key, account_key = self._keys(email, client)
        policy = self.policy

        async def work(tx: AsyncManagedTransaction) -> LoginAttempt | float:
            locked = await lock(tx, dict.fromkeys((client_key, pair_key, account_key), policy.window))
            return await self._decide(locked, LoginAttempt(client_key, pair_key, account_key, locked.now))

        outcome = await self.limits.run(driver, work)
        if isinstance(outcome, float):
            raise Throttled(outcome)
        return outcome

    async def _decide(self, locked: Locked, attempt: LoginAttempt) -> LoginAttempt | float:
        """The attempt (recorded) when it may go ahead, else the seconds to wait (a first wait is saved)."""
        policy, now = self.policy, locked.now
        client, pair, account = locked[attempt.client], locked[attempt.pair], locked[attempt.account]
        hard = [
            retry_after(client.events, policy.per_client, policy.window, now),
            retry_after(pair.events, policy.per_account_client, policy.window, now),
        ]
        waits = [wait for wait in hard if wait is not None]
        if waits:
            return max(waits)
        delay = policy.delay(len(account.events))
        if delay > 0 and pair.not_before <= now - policy.window:  # no attempt on this account in the window
            pair.not_before = now + delay
            await locked.save(pair)
            return delay
        ready = max(pair.not_before, pair.events[-1] + delay if pair.events else 0.0)
        if now < ready:
            return ready - now
        client.record(now)
        pair.record(now)
        account.record(now, keep=policy.account_events_kept)
        pair.not_before = now  # its place: attempted within the window
        await locked.save(client, pair, account)
        return attempt

    async def succeeded(self, driver: AsyncDriver, attempt: LoginAttempt) -> None:
        """The password was right: forgive the attempt; the client's failures on this account are cleared and
        it keeps its place (no first wait while the account stays throttled)."""

        async def work(tx: AsyncManagedTransaction) -> None:
            locked = await lock(tx, dict.fromkeys((attempt.client, attempt.pair, attempt.account), self.policy.window))
            client, pair, account = locked[attempt.client], locked[attempt.pair], locked[attempt.account]
            client.forget(attempt.at)
            account.forget(attempt.at)
            pair.events.clear()
            pair.not_before = locked.now
            await locked.save(client, pair, account)

        await self.limits.run(driver, work)
