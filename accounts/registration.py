"""Accounts: register, log in, verify an email, who the viewer is."""

from __future__ import annotations

import re
import time

from neo4j.exceptions import ConstraintError

from accounts.auth.ratelimit import Throttled
from accounts.auth.tokens import AccessToken, digest, issue_access_token, new_one_time_token
from accounts.auth.viewer import ViewerUser, viewer_from_row
from accounts.db import new_id, now_iso, read, write
from cypher import account as q
from loaders.relation import forget
from peergraph.context import Info
from peergraph.errors import bad_input, rate_limited, unauthenticated

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_EMAIL = 254
MAX_PASSWORD = 1024
MAX_DISPLAY_NAME = 100
LOGIN_FAILED = "invalid email or password"


def normalize_email(value: str) -> str:
    return value.strip().lower()


async def register(info: Info, *, email: str, password: str, display_name: str) -> None:
    """Create an account and mail a verification token. The answer is the same whether or not the email
    already has an account (that account's owner gets a notice instead), so it reveals nothing."""
    ctx, acc = info.context, info.context.account
    settings = ctx.settings
    address = normalize_email(email)
    if len(address) > MAX_EMAIL or not _EMAIL.match(address):
        raise bad_input("`email` is not an email address", argument="email")
    if not settings.password_min_length <= len(password) <= MAX_PASSWORD:
        raise bad_input(
            f"`password` must be {settings.password_min_length} to {MAX_PASSWORD} characters", argument="password"
        )
    name = display_name.strip()
    if not 1 <= len(name) <= MAX_DISPLAY_NAME:
        raise bad_input(f"`displayName` must be 1 to {MAX_DISPLAY_NAME} characters", argument="displayName")
    try:
        await acc.services.limits.hit(ctx.driver, "register-client", acc.client_ip, settings.registrations_per_client)
    except Throttled as exc:
        raise rate_limited("too many registrations; try again later", exc.retry_after) from None
    password_hash = await acc.services.passwords.hash(password)
    token, token_hash = new_one_time_token()
    try:
        await write(
            ctx,
            q.CREATE_USER,
            id=new_id(),
            email=address,
            displayName=name,
            passwordHash=password_hash,
            tokenHash=token_hash,
            tokenExpires=int(time.time()) + settings.email_token_lifetime_seconds,
            now=now_iso(),
        )
    except ConstraintError:
        await acc.services.mailer.send(
            address,
            "peergraph: a registration with your email",
            "Someone tried to register a peergraph account with this address, which already has one. "
            "If it was you, log in instead; otherwise you can ignore this message.",
        )
        return
    await acc.services.mailer.send(address, "peergraph: verify your email", verification_body(token))


def verification_body(token: str) -> str:
    return f"Confirm your email address with this one-time token (mutation verifyEmail):\n\ntoken: {token}\n"


async def login(info: Info, *, email: str, password: str) -> tuple[AccessToken, ViewerUser]:
    """An access token for the right email and password. The attempt is checked against the login limits and
    recorded as a failure *before* the password is checked (accounts/auth/login_throttle.py), so aliases packed into one
    request and concurrent requests to other API processes are counted too; a right password forgives it."""
    ctx, acc = info.context, info.context.account
    address = normalize_email(email)
    throttle = acc.services.logins
    try:
        attempt = await throttle.admit(ctx.driver, address, acc.client_ip)
    except Throttled as exc:
        raise rate_limited("too many failed logins; try again later", exc.retry_after) from None
    rows = await read(ctx, q.GET_LOGIN, email=address)
    row = rows[0] if rows else None
    if not await acc.services.passwords.verify(None if row is None else row["passwordHash"], password):
        raise unauthenticated(LOGIN_FAILED)
    assert row is not None
    await throttle.succeeded(ctx.driver, attempt)
    user = await ctx.loaders.user.load(row["id"])
    if user is None:  # deleted between the two reads
        raise unauthenticated(LOGIN_FAILED)
    return issue_access_token(ctx.settings, row["id"]), viewer_from_row(user, ctx.settings)


async def verify_email(info: Info, *, token: str) -> bool:
    rows = await write(info.context, q.VERIFY_EMAIL, tokenHash=digest(token.strip()), now=int(time.time()))
    if not rows:
        raise bad_input("the verification token is invalid, used or expired", argument="token")
    forget(info.context.loaders.user, rows[0]["id"])
    return True


async def request_email_verification(info: Info) -> bool:
    """Mail a fresh verification token to the viewer; False when the email is already verified."""
    ctx, acc = info.context, info.context.account
    viewer = await acc.viewer.require()
    token, token_hash = new_one_time_token()
    expires = int(time.time()) + ctx.settings.email_token_lifetime_seconds
    rows = await write(ctx, q.SET_EMAIL_TOKEN, userId=viewer.id, tokenHash=token_hash, tokenExpires=expires)
    if not rows:
        return False
    await acc.services.mailer.send(rows[0]["email"], "peergraph: verify your email", verification_body(token))
    return True


async def viewer(info: Info) -> ViewerUser | None:
    return await info.context.account.viewer.get()
