"""The OIDC verifier with keys from a JWKS URL (a local HTTP server: nothing reaches the internet)."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from accounts.auth.oidc import InvalidIdToken, OidcVerifier
from peergraph.settings import Settings
from tests.accounts.conftest import AUDIENCE, ISSUER, Issuer
from tests.accounts.support import Api

ORCID = "0000-0002-1825-0097"


@pytest.fixture
def jwks_url(issuer_files: tuple[Issuer, Path]) -> Iterator[str]:
    folder = issuer_files[1].parent
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/{issuer_files[1].name}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


async def test_keys_from_a_jwks_url(jwks_url: str, issuer: Issuer, settings: Settings) -> None:
    verifier = OidcVerifier(
        settings.model_copy(
            update={"oidc_issuer": ISSUER, "oidc_audience": AUDIENCE, "oidc_jwks_url": jwks_url, "oidc_jwks_file": None}
        )
    )
    assert await verifier.orcid_of(issuer.id_token(f"https://orcid.org/{ORCID}")) == ORCID
    with pytest.raises(InvalidIdToken):
        await verifier.orcid_of(issuer.id_token(ORCID, aud="someone-else"))
    with pytest.raises(InvalidIdToken):
        await verifier.orcid_of(issuer.id_token("not-an-orcid"))


async def test_unconfigured_audience_refuses_every_token(issuer: Issuer, settings: Settings) -> None:
    verifier = OidcVerifier(settings.model_copy(update={"oidc_audience": None}))
    with pytest.raises(InvalidIdToken, match="not configured"):
        await verifier.orcid_of(issuer.id_token(ORCID))


SIGN_IN = "{ orcidSignIn { authorizeUrl clientId issuer } }"


async def test_the_api_says_where_to_sign_in_with_orcid_only_where_it_is_configured(
    api: Api, http: httpx.AsyncClient
) -> None:
    configured = await api.gql(SIGN_IN)
    assert configured["data"]["orcidSignIn"] == {
        "authorizeUrl": "https://orcid.org/oauth/authorize",
        "clientId": AUDIENCE,
        "issuer": ISSUER,
    }
    unconfigured = (await http.post("/graphql", json={"query": SIGN_IN})).json()  # the suite's settings: no audience
    assert unconfigured["data"]["orcidSignIn"] is None
