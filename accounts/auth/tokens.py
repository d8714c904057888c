"""Access tokens (HS256 JWTs with pinned algorithm and required claims) and one-time email tokens."""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass

import jwt

from peergraph.settings import Settings

ALGORITHM = "HS256"
REQUIRED_CLAIMS = ["exp", "iat", "sub", "aud", "iss"]


class InvalidToken(Exception):
    """The bearer token is missing a claim, expired, tampered with, or not ours."""


@dataclass(frozen=True)
class AccessToken:
    token: str
    user_id: str
    expires_at: int


def issue_access_token(settings: Settings, user_id: str, now: float | None = None) -> AccessToken:
    issued = int(time.time() if now is None else now)
    expires = issued + settings.jwt_lifetime_seconds
    claims = {
        "sub": user_id,
        "iat": issued,
        "exp": expires,
        "aud": settings.jwt_audience,
        "iss": settings.jwt_issuer,
        "jti": secrets.token_urlsafe(12),
    }
    token = jwt.encode(claims, settings.jwt_secret.get_secret_value(), algorithm=ALGORITHM)
    return AccessToken(token=token, user_id=user_id, expires_at=expires)


def decode_access_token(settings: Settings, token: str) -> str:
    """The user id (`sub`) of a valid access token; raises InvalidToken otherwise."""
    try:
        claims = jwt.decode(
            token,
            settings.jwt_secret.get_secret_value(),
            algorithms=[ALGORITHM],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": REQUIRED_CLAIMS},
        )
    except jwt.PyJWTError as exc:
        raise InvalidToken(type(exc).__name__) from exc
    subject = claims.get("sub")
    if not isinstance(subject, str) or not subject:
        raise InvalidToken("sub")
    return subject


def new_one_time_token() -> tuple[str, str]:
    """(token sent to the user, its SHA-256 digest stored in the graph)."""
    token = secrets.token_urlsafe(32)
    return token, digest(token)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
