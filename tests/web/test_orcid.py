"""The claim step's "Sign in with ORCID", in a real browser, against a local OpenID Connect issuer: its authorization
endpoint (an HTTP server on 127.0.0.1) sends the browser back with an id_token it signed for the author's ORCID iD
and the page's nonce; the page claims the author with it, and shows the claim at Verification L3."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse

import httpx
import pytest
import pytest_asyncio
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm
from neo4j import AsyncDriver
from playwright.async_api import Browser

from peergraph.settings import Settings
from tests.accounts.conftest import AUDIENCE, ISSUER, Issuer
from tests.accounts.support import LOGIN, PASSWORD, REGISTER
from tests.api.sample_truth import sample_truth
from tests.conftest import SAMPLE_MARKER
from tests.support import ApiServer
from tests.web.conftest import WIDE

AUTHOR = "A5009341822"  # the start page's author, with an ORCID iD in the sample's records


class LocalIssuer(http.server.ThreadingHTTPServer):
    """ORCID's authorization endpoint as the implicit flow uses it: /oauth/authorize?client_id&redirect_uri&state
    &nonce answers 302 to redirect_uri#id_token=…&state=…, the id_token signed for `orcid` with the request's nonce."""

    def __init__(self, issuer: Issuer, orcid: str) -> None:
        self.issuer, self.orcid = issuer, orcid
        self.asked: list[dict[str, str]] = []
        super().__init__(("127.0.0.1", 0), AuthorizeHandler)

    @property
    def authorize_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/oauth/authorize"


class AuthorizeHandler(http.server.BaseHTTPRequestHandler):
    server: LocalIssuer

    def do_GET(self) -> None:
        asked = {key: values[0] for key, values in parse_qs(urlparse(self.path).query).items()}
        self.server.asked.append(asked)
        token = self.server.issuer.id_token(self.server.orcid, nonce=asked.get("nonce"))
        fragment = {"access_token": "unused", "token_type": "bearer", "id_token": token, "state": asked["state"]}
        answer = urlencode(fragment)
        self.send_response(302)
        self.send_header("Location", f"{asked['redirect_uri']}#{answer}")
        self.end_headers()

    def log_message(self, *_: object) -> None:  # quiet: the test says what it saw
        return


@pytest.fixture(scope="module")
def local_issuer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalIssuer, Path]]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = json.loads(RSAAlgorithm.to_jwk(key.public_key())) | {"kid": "web-test-key", "use": "sig", "alg": "RS256"}
    jwks = tmp_path_factory.mktemp("oidc") / "jwks.json"
    jwks.write_text(json.dumps({"keys": [jwk]}), encoding="utf-8")
    orcid = sample_truth().author_orcid[AUTHOR]
    assert orcid is not None
    server = LocalIssuer(Issuer(key, "web-test-key"), f"https://orcid.org/{orcid}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, jwks
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest_asyncio.fixture(loop_scope="session")
async def claims_on_the_sample(sample_db: AsyncDriver) -> AsyncIterator[AsyncDriver]:
    """This test leaves an account and a claim on a sample author: the next test that wants the sample reloads it."""
    yield sample_db
    await sample_db.execute_query("MATCH (m:_TestFixture {name: $name}) DELETE m", name=SAMPLE_MARKER)


async def test_sign_in_with_orcid_claims_the_author_at_l3(
    browser: Browser,
    web_settings: Settings,
    claims_on_the_sample: AsyncDriver,
    local_issuer: tuple[LocalIssuer, Path],
) -> None:
    issuer, jwks = local_issuer
    oidc = {
        "oidc_issuer": ISSUER,
        "oidc_audience": AUDIENCE,
        "oidc_jwks_url": None,
        "oidc_jwks_file": jwks,
        "oidc_authorize_url": issuer.authorize_url,
    }
    with ApiServer(web_settings.model_copy(update=oidc)) as api:
        # An account (its email unverified: an ORCID sign-in needs none), logged in through the API.
        email = f"orcid-{id(issuer)}@example.org"
        async with httpx.AsyncClient(base_url=api.url, timeout=30) as client:
            variables = {"e": email, "p": PASSWORD, "n": "Orla Orcid"}
            registered = (await client.post("/graphql", json={"query": REGISTER, "variables": variables})).json()
            assert registered["data"]["register"]["accepted"], registered
            login = {"query": LOGIN, "variables": {"e": email, "p": PASSWORD}}
            token = (await client.post("/graphql", json=login)).json()["data"]["login"]["token"]

        context = await browser.new_context(viewport=WIDE)
        try:
            page = await context.new_page()
            page.set_default_timeout(15_000)
            await page.goto(f"{api.url}/authors/{AUTHOR}")
            await page.evaluate("token => sessionStorage.setItem('peergraph:token', token)", token)
            await page.reload()
            await page.wait_for_selector(".account-menu .who")
            button = page.locator("main").get_by_role("button", name="Sign in with ORCID", exact=True)
            await button.click()
            await page.wait_for_selector(".claimed-by-you")
            assert page.url == f"{api.url}/authors/{AUTHOR}"  # the callback's token left the address bar
            assert await page.inner_text(".claim-state") == "Claimed author"
            assert await page.inner_text(".trust .level") == "Verification L3"
            await page.screenshot(path=str(Path(__file__).parent / "artifacts" / "orcid-claimed.png"), full_page=True)
        finally:
            await context.close()
    assert len(issuer.asked) == 1
    asked = issuer.asked[0]
    assert (asked["client_id"], asked["response_type"], asked["scope"]) == (AUDIENCE, "token", "openid")
    assert asked["redirect_uri"] == f"{api.url}/orcid-callback"
