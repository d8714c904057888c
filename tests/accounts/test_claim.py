"""claimAuthor / releaseClaim / revokeClaim / claimHistory: who may, the race, the record of every change."""

from __future__ import annotations

import asyncio

from neo4j import AsyncDriver

from tests.accounts.conftest import ADMIN_EMAIL, Issuer
from tests.accounts.support import Api, code, codes, fresh_ip, make_authors, signup

CLAIM = """mutation($id: ID!, $evidence: String, $tok: String) {
  claimAuthor(id: $id, evidence: $evidence, orcidIdToken: $tok) {
    author { id } claimed claimedByViewer trust { verificationLevel } } }"""
RELEASE = "mutation($id: ID!) { releaseClaim(id: $id) { claimed } }"
REVOKE = "mutation($id: ID!, $r: String!) { revokeClaim(id: $id, reason: $r) { claimed } }"
HISTORY = """query($id: ID!) { claimHistory(authorId: $id) {
  action method userId userEmail actorId actorEmail evidence reason at } }"""
PROFILE = "query($id: ID!) { authorProfile(id: $id) { claimed claimedByViewer trust { verificationLevel } } }"
ORCID = "0000-0002-1825-0097"


async def test_claim_needs_a_login_and_a_verified_email(empty_db: AsyncDriver, api: Api, database: str) -> None:
    await make_authors(empty_db, database, "A101")
    assert code(await api.gql(CLAIM, {"id": "A101"})) == "UNAUTHENTICATED"
    unverified = await signup(api, "unverified@example.org", verify=False)
    assert code(await api.gql(CLAIM, {"id": "A101"}, token=unverified.token)) == "FORBIDDEN"
    owner = await signup(api, "owner@example.org")
    body = await api.gql(CLAIM, {"id": "A101", "evidence": "It is me: my faculty page lists it."}, token=owner.token)
    assert body["data"]["claimAuthor"] == {
        "author": {"id": "A101"},
        "claimed": True,
        "claimedByViewer": True,
        "trust": {"verificationLevel": "L2"},
    }
    public = (await api.gql(PROFILE, {"id": "A101"}))["data"]["authorProfile"]
    assert public == {"claimed": True, "claimedByViewer": False, "trust": {"verificationLevel": "L2"}}
    viewer = await api.gql("{ viewer { claimedAuthorIds } }", token=owner.token)
    assert viewer["data"]["viewer"]["claimedAuthorIds"] == ["A101"]


async def test_one_claimant_per_author_and_one_author_per_account(
    empty_db: AsyncDriver, api: Api, database: str
) -> None:
    await make_authors(empty_db, database, "A101", "A102")
    owner = await signup(api, "owner@example.org")
    stranger = await signup(api, "stranger@example.org")
    assert "errors" not in await api.gql(CLAIM, {"id": "A101"}, token=owner.token)
    assert code(await api.gql(CLAIM, {"id": "A101"}, token=stranger.token)) == "CONFLICT"
    assert code(await api.gql(CLAIM, {"id": "A101"}, token=owner.token)) == "CONFLICT"
    assert code(await api.gql(CLAIM, {"id": "A102"}, token=owner.token)) == "CONFLICT"
    assert code(await api.gql(CLAIM, {"id": "A999"}, token=stranger.token)) == "NOT_FOUND"
    assert code(await api.gql(CLAIM, {"id": "A101", "evidence": "x" * 2001}, token=stranger.token)) == (
        "BAD_USER_INPUT"
    )


async def test_fifty_concurrent_claims_have_one_winner(empty_db: AsyncDriver, api: Api, database: str) -> None:
    await make_authors(empty_db, database, "A101")
    accounts = []
    for n in range(50):
        api.ip = fresh_ip()  # registrations are limited per client address
        accounts.append(await signup(api, f"racer{n}@example.org"))
    bodies = await asyncio.gather(*(api.gql(CLAIM, {"id": "A101"}, token=a.token) for a in accounts))
    winners = [a for a, body in zip(accounts, bodies, strict=True) if "errors" not in body]
    losers = [body for body in bodies if "errors" in body]
    assert len(winners) == 1
    assert len(losers) == 49
    assert all(codes(body) == ["CONFLICT"] for body in losers)
    assert {body["errors"][0]["message"] for body in losers} == {"this author has already been claimed"}
    records, _, _ = await empty_db.execute_query(
        "MATCH (u:User)-[:HOLDS]->(c:Claim {authorId: 'A101'})-[:CLAIMS]->(:Author {id: 'A101'}) "
        "RETURN collect(u.id) AS holders, COUNT { (e:ClaimEvent {authorId: 'A101'}) } AS events",
        database_=database,
    )
    assert records[0]["holders"] == [winners[0].id]
    assert records[0]["events"] == 1


async def test_release_by_owner_only_and_revoke_by_admin_only(empty_db: AsyncDriver, api: Api, database: str) -> None:
    await make_authors(empty_db, database, "A101")
    owner = await signup(api, "owner@example.org")
    stranger = await signup(api, "stranger@example.org")
    admin = await signup(api, ADMIN_EMAIL)
    assert code(await api.gql(RELEASE, {"id": "A101"}, token=owner.token)) == "NOT_FOUND"  # nothing to release
    assert "errors" not in await api.gql(CLAIM, {"id": "A101", "evidence": "me"}, token=owner.token)
    assert code(await api.gql(RELEASE, {"id": "A101"})) == "UNAUTHENTICATED"
    assert code(await api.gql(RELEASE, {"id": "A101"}, token=stranger.token)) == "FORBIDDEN"
    assert code(await api.gql(RELEASE, {"id": "A101"}, token=admin.token)) == "FORBIDDEN"
    released = await api.gql(RELEASE, {"id": "A101"}, token=owner.token)
    assert released["data"]["releaseClaim"] == {"claimed": False}
    # Claimed again (now by the stranger), then revoked by the admin with a reason.
    assert "errors" not in await api.gql(CLAIM, {"id": "A101"}, token=stranger.token)
    assert code(await api.gql(REVOKE, {"id": "A101", "r": "impersonation"})) == "UNAUTHENTICATED"
    assert code(await api.gql(REVOKE, {"id": "A101", "r": "impersonation"}, token=owner.token)) == "FORBIDDEN"
    assert code(await api.gql(REVOKE, {"id": "A101", "r": "impersonation"}, token=stranger.token)) == "FORBIDDEN"
    assert code(await api.gql(REVOKE, {"id": "A101", "r": " "}, token=admin.token)) == "BAD_USER_INPUT"
    revoked = await api.gql(REVOKE, {"id": "A101", "r": "impersonation"}, token=admin.token)
    assert revoked["data"]["revokeClaim"] == {"claimed": False}
    assert code(await api.gql(REVOKE, {"id": "A101", "r": "again"}, token=admin.token)) == "NOT_FOUND"
    # The history: every change, who, when, how; admins only.
    assert code(await api.gql(HISTORY, {"id": "A101"})) == "UNAUTHENTICATED"
    assert code(await api.gql(HISTORY, {"id": "A101"}, token=owner.token)) == "FORBIDDEN"
    events = (await api.gql(HISTORY, {"id": "A101"}, token=admin.token))["data"]["claimHistory"]
    summary = [(e["action"], e["method"], e["userEmail"], e["actorEmail"], e["evidence"], e["reason"]) for e in events]
    assert summary == [
        ("CLAIMED", "EMAIL", owner.email, owner.email, "me", None),
        ("RELEASED", "EMAIL", owner.email, owner.email, None, None),
        ("CLAIMED", "EMAIL", stranger.email, stranger.email, None, None),
        ("REVOKED", "EMAIL", stranger.email, ADMIN_EMAIL, None, "impersonation"),
    ]
    assert [e["at"] for e in events] == sorted(e["at"] for e in events)


async def test_an_unverified_admin_email_is_not_an_admin(empty_db: AsyncDriver, api: Api, database: str) -> None:
    await make_authors(empty_db, database, "A101")
    pretender = await signup(api, ADMIN_EMAIL, verify=False)
    viewer = await api.gql("{ viewer { isAdmin } }", token=pretender.token)
    assert viewer["data"]["viewer"]["isAdmin"] is False
    assert code(await api.gql(HISTORY, {"id": "A101"}, token=pretender.token)) == "FORBIDDEN"


async def test_orcid_claim_is_level_three(empty_db: AsyncDriver, api: Api, database: str, issuer: Issuer) -> None:
    await make_authors(empty_db, database, "A101", "A102", orcids={"A101": ORCID, "A102": "0000-0001-5109-3700"})
    # An ORCID claim needs no verified email: the id_token authenticates the person.
    user = await signup(api, "orcid@example.org", verify=False)
    body = await api.gql(CLAIM, {"id": "A101", "tok": issuer.id_token(ORCID)}, token=user.token)
    assert body["data"]["claimAuthor"]["trust"] == {"verificationLevel": "L3"}
    viewer = await api.gql("{ viewer { orcid } }", token=user.token)
    assert viewer["data"]["viewer"]["orcid"] == ORCID
    other = await signup(api, "other@example.org", verify=False)
    # A valid token for another iD than the author's.
    assert code(await api.gql(CLAIM, {"id": "A102", "tok": issuer.id_token(ORCID)}, token=other.token)) == "FORBIDDEN"
    assert await _no_claim(empty_db, database, "A102")


async def test_bad_orcid_id_tokens_are_refused(empty_db: AsyncDriver, api: Api, database: str, issuer: Issuer) -> None:
    await make_authors(empty_db, database, "A101", orcids={"A101": ORCID})
    user = await signup(api, "orcid@example.org", verify=False)
    bad = {
        "expired": issuer.id_token(ORCID, exp=1_000_000_000, iat=999_999_000),
        "wrong audience": issuer.id_token(ORCID, aud="APP-SOMEONE-ELSE"),
        "wrong issuer": issuer.id_token(ORCID, iss="https://evil.example"),
        "no exp": issuer.id_token(ORCID, exp=None),
        "tampered": _tamper(issuer.id_token(ORCID)),
        "unknown key": _other_key_token(ORCID),
        "not a token": "garbage",
    }
    for name, token in bad.items():
        assert codes(await api.gql(CLAIM, {"id": "A101", "tok": token}, token=user.token)) == ["FORBIDDEN"], name
    assert await _no_claim(empty_db, database, "A101")


def _tamper(token: str) -> str:
    header, payload, signature = token.split(".")
    flipped = signature[:-2] + ("A" if signature[-2] != "A" else "B") + signature[-1]
    return f"{header}.{payload}.{flipped}"


def _other_key_token(orcid: str) -> str:
    from cryptography.hazmat.primitives.asymmetric import rsa

    from tests.accounts.conftest import Issuer as LocalIssuer

    return LocalIssuer(rsa.generate_private_key(public_exponent=65537, key_size=2048), "test-key-1").id_token(orcid)


async def _no_claim(driver: AsyncDriver, database: str, author_id: str) -> bool:
    records, _, _ = await driver.execute_query(
        "RETURN COUNT { (:Claim {authorId: $id}) } AS n", id=author_id, database_=database
    )
    return bool(records[0]["n"] == 0)
