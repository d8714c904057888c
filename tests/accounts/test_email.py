"""Email verification by one-time token through the pluggable mailer; the default mailer logs."""

from __future__ import annotations

import logging

import pytest
from neo4j import AsyncDriver

from accounts.auth.mailer import LogMailer, load_mailer
from peergraph.settings import Settings
from tests.accounts.outbox import OutboxMailer, mails_to, verification_token
from tests.accounts.support import Api, code, signup

VERIFY = "mutation($t: String!) { verifyEmail(token: $t) }"
RESEND = "mutation { requestEmailVerification }"
VERIFIED = "{ viewer { emailVerified } }"


async def test_expired_token_is_refused(empty_db: AsyncDriver, api: Api, database: str) -> None:
    account = await signup(api, "late@example.org", verify=False)
    await empty_db.execute_query(
        "MATCH (u:User {id: $id}) SET u.emailTokenExpires = 0", id=account.id, database_=database
    )
    assert code(await api.gql(VERIFY, {"t": verification_token(account.email)})) == "BAD_USER_INPUT"
    assert (await api.gql(VERIFIED, token=account.token))["data"]["viewer"]["emailVerified"] is False


async def test_a_new_token_replaces_the_old_one(empty_db: AsyncDriver, api: Api) -> None:
    assert code(await api.gql(RESEND)) == "UNAUTHENTICATED"
    account = await signup(api, "again@example.org", verify=False)
    old = verification_token(account.email)
    assert (await api.gql(RESEND, token=account.token))["data"] == {"requestEmailVerification": True}
    new = verification_token(account.email)
    assert new != old
    assert code(await api.gql(VERIFY, {"t": old})) == "BAD_USER_INPUT"
    assert (await api.gql(VERIFY, {"t": new}))["data"] == {"verifyEmail": True}
    assert (await api.gql(VERIFIED, token=account.token))["data"]["viewer"]["emailVerified"] is True
    assert (await api.gql(RESEND, token=account.token))["data"] == {"requestEmailVerification": False}
    assert len(mails_to(account.email)) == 2


async def test_unknown_token_is_bad_input(empty_db: AsyncDriver, api: Api) -> None:
    assert code(await api.gql(VERIFY, {"t": "not-a-token-we-sent"})) == "BAD_USER_INPUT"


async def test_default_mailer_writes_to_the_log(settings: Settings, caplog: pytest.LogCaptureFixture) -> None:
    mailer = load_mailer(settings)
    assert isinstance(mailer, LogMailer)
    with caplog.at_level(logging.INFO, logger="peergraph.mail"):
        await mailer.send("x@example.org", "subject line", "token: abc")
    assert "x@example.org" in caplog.text
    assert "token: abc" in caplog.text
    plugged = load_mailer(settings.model_copy(update={"mailer": "tests.accounts.outbox:OutboxMailer"}))
    assert isinstance(plugged, OutboxMailer)
