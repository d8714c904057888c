"""Units without Neo4j: rate-limit windows and login delays, access tokens, Argon2id parameters, production secrets."""

from __future__ import annotations

import time

import pytest

from accounts.auth.login_throttle import LoginPolicy
from accounts.auth.passwords import Passwords
from accounts.auth.ratelimit import KeyState, key_of, retry_after
from accounts.auth.tokens import InvalidToken, decode_access_token, issue_access_token
from accounts.auth.viewer import bearer_token
from peergraph.errors import whole_seconds
from peergraph.settings import Settings, get_settings


def test_window_retry_after() -> None:
    assert retry_after([], 2, 60.0, 100.0) is None
    assert retry_after([90.0], 2, 60.0, 100.0) is None
    assert retry_after([50.0, 90.0], 2, 60.0, 100.0) == 10.0  # the older leaves the window at 110
    assert retry_after([45.0, 50.0, 90.0], 2, 60.0, 100.0) == 10.0  # two must leave for a free slot
    assert whole_seconds(0.01) == 1
    assert whole_seconds(2.2) == 3


def test_login_delay_doubles_up_to_its_cap() -> None:
    policy = LoginPolicy(
        window=900.0, per_account_client=5, per_client=20, delay_after=10, delay_base=1.0, delay_max=30.0
    )
    assert [policy.delay(n) for n in (0, 9)] == [0.0, 0.0]
    assert [policy.delay(n) for n in range(10, 17)] == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    assert policy.delay(10_000) == 30.0
    # Past the count whose delay is the cap more failures change nothing: 10 + 5 doublings + 1 are kept.
    assert policy.account_events_kept == 16
    assert policy.delay(policy.account_events_kept - 1) == 30.0


def test_key_state_keeps_the_newest_events() -> None:
    state = KeyState("k", window=60.0, events=[1.0, 2.0])
    state.record(3.0, keep=2)
    assert state.events == [2.0, 3.0]
    state.forget(2.0)
    state.forget(99.0)  # never recorded: nothing to forgive
    assert state.events == [3.0]
    assert state.expires_at() == 63.0
    assert key_of("login-client", "192.0.2.1") != key_of("login-client", "192.0.2.2")
    assert "192.0.2.1" not in key_of("login-client", "192.0.2.1")


def test_access_token_round_trip_and_lifetime() -> None:
    settings = get_settings(environment="test", jwt_lifetime_seconds=120)
    token = issue_access_token(settings, "user-1")
    assert decode_access_token(settings, token.token) == "user-1"
    assert token.expires_at - int(time.time()) <= 120
    with pytest.raises(InvalidToken):
        decode_access_token(settings.model_copy(update={"jwt_audience": "other"}), token.token)


def test_bearer_header_parsing() -> None:
    assert bearer_token(None) is None
    assert bearer_token("Bearer abc") == "abc"
    assert bearer_token("bearer  abc ") == "abc"
    assert bearer_token("Basic abc") == ""  # present but not ours: refused, not anonymous


async def test_argon2id_with_settings_parameters() -> None:
    settings = get_settings(environment="test", argon2_time_cost=1, argon2_memory_kib=2048)
    passwords = Passwords(settings)
    stored = await passwords.hash("a long enough password")
    assert stored.startswith("$argon2id$v=19$m=2048,t=1,p=1$")
    assert await passwords.verify(stored, "a long enough password") is True
    assert await passwords.verify(stored, "wrong") is False
    assert await passwords.verify(None, "a long enough password") is False
    assert await passwords.verify("not a hash", "x") is False


def test_weak_jwt_secret_refused_in_production() -> None:
    with pytest.raises(ValueError, match="JWT_SECRET"):
        Settings(environment="production", neo4j_uri="neo4j://db:7687")
    with pytest.raises(ValueError, match="JWT_SECRET"):
        Settings(environment="production", neo4j_uri="neo4j://db:7687", jwt_secret="short")
    ok = Settings(environment="production", neo4j_uri="neo4j://db:7687", jwt_secret="s" * 48)
    assert ok.jwt_lifetime_seconds <= 3600
