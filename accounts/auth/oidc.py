"""Verify an OpenID Connect id_token (ORCID) against the configured issuer's keys.

Checks the signature (keys from a JWKS URL or file; algorithms pinned by settings), the issuer, the
audience (our client id) and the expiry. The ORCID iD is the token's `sub`.
"""

from __future__ import annotations

import asyncio
from typing import Any

import jwt
from jwt import PyJWKClient, PyJWKSet

from ingest.ids import bare_orcid
from peergraph.settings import Settings

REQUIRED_CLAIMS = ["exp", "iat", "sub", "aud", "iss"]


class InvalidIdToken(Exception):
    """The id_token is not valid for this issuer and audience (the message says which check failed)."""


class OidcVerifier:
    def __init__(self, settings: Settings) -> None:
        self.issuer = settings.oidc_issuer
        self.audience = settings.oidc_audience
        self.algorithms = list(settings.oidc_algorithms)
        self._file_keys: PyJWKSet | None = None
        self._client: PyJWKClient | None = None
        if settings.oidc_jwks_file is not None:
            self._file_keys = PyJWKSet.from_json(settings.oidc_jwks_file.read_text(encoding="utf-8"))
        elif settings.oidc_jwks_url is not None:
            self._client = PyJWKClient(settings.oidc_jwks_url, cache_keys=True, lifespan=3600, timeout=5)

    @property
    def configured(self) -> bool:
        return self.audience is not None and (self._file_keys is not None or self._client is not None)

    def _key(self, token: str) -> Any:
        try:
            kid = jwt.get_unverified_header(token).get("kid")
        except jwt.PyJWTError as exc:
            raise InvalidIdToken("malformed token") from exc
        if self._file_keys is not None:
            keys = [k for k in self._file_keys.keys if kid is None or k.key_id == kid]
            if not keys:
                raise InvalidIdToken("no key with this kid")
            return keys[0].key
        assert self._client is not None
        try:
            return self._client.get_signing_key_from_jwt(token).key
        except jwt.PyJWTError as exc:
            raise InvalidIdToken("signing key not found") from exc

    def _verify(self, token: str) -> str:
        if not self.configured:
            raise InvalidIdToken("ORCID sign-in is not configured")
        try:
            claims = jwt.decode(
                token,
                self._key(token),
                algorithms=self.algorithms,
                audience=self.audience,
                issuer=self.issuer,
                options={"require": REQUIRED_CLAIMS},
            )
        except jwt.PyJWTError as exc:
            raise InvalidIdToken(type(exc).__name__) from exc
        orcid = bare_orcid(claims.get("sub"))
        if orcid is None:
            raise InvalidIdToken("sub is not an ORCID iD")
        return orcid

    async def orcid_of(self, token: str) -> str:
        """The verified ORCID iD in `token` (fetching keys from a URL happens in a worker thread)."""
        return await asyncio.to_thread(self._verify, token)
