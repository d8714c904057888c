"""Register, verify, log in, the viewer; bad tokens (public fields too); login failures rate-limited (aliases
included; across processes: test_throttle.py)."""

from __future__ import annotations

import base64
import json
import time

import jwt
from neo4j import AsyncDriver

from accounts.auth.tokens import issue_access_token
from peergraph.settings import Settings
from tests.accounts.outbox import mails_to
from tests.accounts.support import LOGIN, PASSWORD, REGISTER, Api, code, codes, make_authors, signup, token_claims

VIEWER = "{ viewer { id email displayName emailVerified isAdmin claimedAuthorIds } }"
AUTHOR = '{ author(id: "A101") { id } }'


async def test_register_verify_login_viewer(empty_db: AsyncDriver, api: Api) -> None:
    anonymous = await api.gql(VIEWER)
    assert anonymous["data"] == {"viewer": None}
    account = await signup(api, "Ann@Example.org", verify=False, name="Ann")
    body = await api.gql(VIEWER, token=account.token)
    assert body["data"]["viewer"] == {
        "id": account.id,
        "email": "ann@example.org",
        "displayName": "Ann",
        "emailVerified": False,
        "isAdmin": False,
        "claimedAuthorIds": [],
    }
    token_mail = [m for m in mails_to("ann@example.org") if "token:" in m.body][-1]
    token = token_mail.body.split("token: ")[1].split()[0]
    assert (await api.gql("mutation($t: String!) { verifyEmail(token: $t) }", {"t": token}))["data"] == {
        "verifyEmail": True
    }
    assert (await api.gql(VIEWER, token=account.token))["data"]["viewer"]["emailVerified"] is True
    reused = await api.gql("mutation($t: String!) { verifyEmail(token: $t) }", {"t": token})
    assert code(reused) == "BAD_USER_INPUT"


async def test_passwords_are_argon2id_hashes(empty_db: AsyncDriver, api: Api, database: str) -> None:
    await signup(api, "hash@example.org")
    records, _, _ = await empty_db.execute_query(
        "MATCH (u:User {email: $e}) RETURN u.passwordHash AS h", e="hash@example.org", database_=database
    )
    stored = records[0]["h"]
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


async def test_register_does_not_reveal_a_taken_email(empty_db: AsyncDriver, api: Api) -> None:
    first = await api.gql(REGISTER, {"e": "taken@example.org", "p": PASSWORD, "n": "First"})
    second = await api.gql(REGISTER, {"e": "taken@example.org", "p": "another password 123", "n": "Second"})
    assert first == second
    assert len(mails_to("taken@example.org")) == 2  # a verification, then a notice to the owner
    assert "already has one" in mails_to("taken@example.org")[-1].body
    # The original password still works; the second one never did.
    assert "errors" not in await api.gql(LOGIN, {"e": "taken@example.org", "p": PASSWORD})
    assert code(await api.gql(LOGIN, {"e": "taken@example.org", "p": "another password 123"})) == "UNAUTHENTICATED"


async def test_register_rejects_bad_input(empty_db: AsyncDriver, api: Api) -> None:
    assert code(await api.gql(REGISTER, {"e": "not-an-email", "p": PASSWORD, "n": "X"})) == "BAD_USER_INPUT"
    assert code(await api.gql(REGISTER, {"e": "short@example.org", "p": "short", "n": "X"})) == "BAD_USER_INPUT"
    assert code(await api.gql(REGISTER, {"e": "noname@example.org", "p": PASSWORD, "n": "  "})) == "BAD_USER_INPUT"


async def test_login_failures_look_the_same_for_unknown_and_known_emails(empty_db: AsyncDriver, api: Api) -> None:
    await signup(api, "known@example.org")
    wrong = await api.gql(LOGIN, {"e": "known@example.org", "p": "wrong password!!"})
    unknown = await api.gql(LOGIN, {"e": "nobody@example.org", "p": "wrong password!!"})
    assert wrong["errors"][0]["message"] == unknown["errors"][0]["message"]
    assert code(wrong) == code(unknown) == "UNAUTHENTICATED"


def _forge(claims: dict[str, object], secret: str, algorithm: str = "HS256") -> str:
    return jwt.encode(claims, secret, algorithm=algorithm)


async def test_bad_tokens_are_unauthenticated(
    empty_db: AsyncDriver, api: Api, account_settings: Settings, database: str
) -> None:
    await make_authors(empty_db, database, "A101")
    account = await signup(api, "tokens@example.org")
    secret = account_settings.jwt_secret.get_secret_value()
    good = token_claims(account_settings, account.id)
    assert (await api.gql(VIEWER, token=_forge(good, secret)))["data"]["viewer"]["id"] == account.id
    expired = issue_access_token(account_settings, account.id, now=time.time() - 3600).token
    header, payload, signature = account.token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = "someone-else"
    tampered_payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    alg_none = jwt.encode(good, "", algorithm="none")
    bad = {
        "expired": expired,
        "tampered": f"{header}.{tampered_payload}.{signature}",
        "wrong audience": _forge({**good, "aud": "someone-else"}, secret),
        "wrong issuer": _forge({**good, "iss": "someone-else"}, secret),
        "alg none": alg_none,
        "alg none, unsigned": alg_none.rstrip("."),
        "other secret": _forge(good, "another secret that is long enough to be a key"),
        "no exp": _forge({k: v for k, v in good.items() if k != "exp"}, secret),
        "no sub": _forge({k: v for k, v in good.items() if k != "sub"}, secret),
        "unknown user": _forge({**good, "sub": "no-such-user"}, secret),
        "garbage": "not.a.token",
    }
    for name, token in bad.items():
        body = await api.gql(VIEWER, token=token)
        assert codes(body) == ["UNAUTHENTICATED"], name
        # A public field is not served as anonymous either: the whole request is refused.
        public = await api.gql(AUTHOR, token=token)
        assert codes(public) == ["UNAUTHENTICATED"], name
        assert public.get("data") is None, name
    assert (await api.gql(AUTHOR))["data"] == {"author": {"id": "A101"}}
    assert (await api.gql(AUTHOR, token=account.token))["data"] == {"author": {"id": "A101"}}
    other_scheme = await api.client.post(
        "/graphql", json={"query": AUTHOR}, headers={"Authorization": "Basic dXNlcjpwYXNz", "X-Forwarded-For": api.ip}
    )
    assert codes(other_scheme.json()) == ["UNAUTHENTICATED"]
    follow = await api.gql('mutation { followAuthor(id: "A1") { followers } }', token=bad["alg none"])
    assert codes(follow) == ["UNAUTHENTICATED"]


async def test_failures_packed_with_aliases_are_rate_limited(
    empty_db: AsyncDriver, api: Api, account_settings: Settings
) -> None:
    await signup(api, "aliases@example.org")
    fields = " ".join(
        f'a{i}: login(email: "aliases@example.org", password: "guess number {i}") {{ token }}' for i in range(10)
    )
    body = await api.gql(f"mutation {{ {fields} }}")
    found = codes(body)
    limit = account_settings.login_failures_per_account_client
    assert found[:limit] == ["UNAUTHENTICATED"] * limit
    assert set(found[limit:]) == {"RATE_LIMITED"}
    assert body["data"] == {f"a{i}": None for i in range(10)}
    assert code(await api.gql(LOGIN, {"e": "aliases@example.org", "p": PASSWORD})) == "RATE_LIMITED"


async def test_failed_logins_are_rate_limited_per_client(
    empty_db: AsyncDriver, api: Api, account_settings: Settings
) -> None:
    limit = account_settings.login_failures_per_client
    for i in range(limit):
        assert code(await api.gql(LOGIN, {"e": f"spray{i}@example.org", "p": "guess guess guess"})) == "UNAUTHENTICATED"
    assert code(await api.gql(LOGIN, {"e": "fresh@example.org", "p": "guess guess guess"})) == "RATE_LIMITED"


async def test_registrations_are_rate_limited_per_client(
    empty_db: AsyncDriver, api: Api, account_settings: Settings
) -> None:
    for n in range(account_settings.registrations_per_client):
        body = await api.gql(REGISTER, {"e": f"new{n}@example.org", "p": PASSWORD, "n": "New"})
        assert body["data"]["register"]["accepted"] is True
    body = await api.gql(REGISTER, {"e": "one-more@example.org", "p": PASSWORD, "n": "New"})
    assert code(body) == "RATE_LIMITED"
    assert 1 <= body["errors"][0]["extensions"]["retryAfter"] <= account_settings.rate_window_seconds
    assert mails_to("one-more@example.org") == []
