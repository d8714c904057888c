"""Account tests run against their own API server: the same app, with settings for tests (cheap Argon2,
an in-memory outbox, a local OIDC issuer whose keys are in a JWKS file, per-test client addresses)."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jwt
import pytest
import pytest_asyncio
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from neo4j import AsyncDriver

from peergraph.settings import Settings
from tests.accounts.support import Api, fresh_ip
from tests.support import TEST_ACCOUNTS, ApiServer

ISSUER = "https://orcid.test"
AUDIENCE = "APP-PEERGRAPH-TEST"
ADMIN_EMAIL = "admin@example.org"


@dataclass(frozen=True)
class Issuer:
    """The local OIDC issuer: signs id_tokens with a key whose public half is in the JWKS file."""

    key: rsa.RSAPrivateKey
    kid: str

    def id_token(self, orcid: str, **overrides: Any) -> str:
        now = int(time.time())
        claims: dict[str, Any] = {"iss": ISSUER, "aud": AUDIENCE, "sub": orcid, "iat": now, "exp": now + 600}
        claims.update(overrides)
        claims = {k: v for k, v in claims.items() if v is not None}
        return jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})


@pytest.fixture(scope="session")
def issuer_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Issuer, Path]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key()))
    jwk.update({"kid": "test-key-1", "use": "sig", "alg": "RS256"})
    path = tmp_path_factory.mktemp("oidc") / "jwks.json"
    path.write_text(json.dumps({"keys": [jwk]}), encoding="utf-8")
    return Issuer(key, "test-key-1"), path


@pytest.fixture(scope="session")
def issuer(issuer_files: tuple[Issuer, Path]) -> Issuer:
    return issuer_files[0]


@pytest.fixture(scope="session")
def account_settings(settings: Settings, issuer_files: tuple[Issuer, Path]) -> Settings:
    return settings.model_copy(
        update=TEST_ACCOUNTS
        | {
            "trust_forwarded_for": True,
            "admin_emails": [ADMIN_EMAIL],
            "oidc_issuer": ISSUER,
            "oidc_audience": AUDIENCE,
            "oidc_jwks_url": None,
            "oidc_jwks_file": issuer_files[1],
            "login_failures_per_account_client": 5,
            "login_failures_per_client": 8,
            "login_delay_after_failures": 8,
            "login_delay_base_seconds": 0.5,
            "login_delay_max_seconds": 2.0,
            "invites_per_sender": 3,
            "follows_per_user": 60,
        }
    )


@pytest.fixture(scope="session")
def account_server(account_settings: Settings, driver: AsyncDriver) -> Iterator[ApiServer]:
    with ApiServer(account_settings) as server:
        yield server


@pytest_asyncio.fixture(loop_scope="session")
async def api(account_server: ApiServer) -> AsyncIterator[Api]:
    async with account_server.client() as client:
        yield Api(client, fresh_ip())


@pytest.fixture
def database(account_settings: Settings) -> str:
    return account_settings.neo4j_database
