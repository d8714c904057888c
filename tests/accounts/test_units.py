"""Units without Neo4j: the rate limiter's window, access tokens, Argon2id parameters, production secrets."""

from __future__ import annotations

import time

import pytest

from auth.passwords import Passwords
from auth.ratelimit import RateLimiter
from auth.tokens import InvalidToken, decode_access_token, issue_access_token
from auth.viewer import bearer_token
from peergraph.settings import Settings, get_settings


def test_sliding_window() -> None:
    now = [100.0]
    limiter = RateLimiter(60.0, clock=lambda: now[0])
    assert [limiter.hit("b", "k", 2) for _ in range(3)] == [True, True, False]
    assert limiter.hit("b", "other", 2) is True
    now[0] += 30
    assert limiter.hit("b", "k", 2) is False
    now[0] += 31  # the first two events left the window
    assert limiter.count("b", "k") == 0
    assert limiter.hit("b", "k", 2) is True
    limiter.forgive("b", "k")
    assert limiter.count("b", "k") == 0


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
