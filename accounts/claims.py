"""Claims: claim an author (email-verified or ORCID-authenticated), release, revoke, the claim history.

One claimant per author is enforced by the `claim_author` constraint (migration 0003): of concurrent
claims, the first to commit wins and the others fail on the constraint and answer CONFLICT.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from neo4j import AsyncManagedTransaction
from neo4j.exceptions import ConstraintError

from accounts.auth.oidc import InvalidIdToken
from accounts.auth.ratelimit import Throttled
from accounts.auth.viewer import ViewerUser
from accounts.db import new_id, now_iso, read, rows_in, write, write_tx
from cypher import account as q
from loaders.relation import forget
from peergraph.context import Info
from peergraph.errors import bad_input, conflict, forbidden, not_found, rate_limited
from resolvers.ids import entity_id

if TYPE_CHECKING:  # the row shapes sit next to the types that read them
    from schema.accounts.profile import ClaimEventRow

MAX_EVIDENCE = 2000
MAX_REASON = 500
ALREADY_CLAIMED = "this author has already been claimed"


def _text(value: str | None, limit: int, argument: str, required: bool = False) -> str | None:
    text = (value or "").strip()
    if len(text) > limit:
        raise bad_input(f"`{argument}` is longer than {limit} characters", argument=argument)
    if required and not text:
        raise bad_input(f"`{argument}` is required", argument=argument)
    return text or None


def _forget(info: Info, author_id: str, *user_ids: str) -> None:
    loaders = info.context.loaders
    forget(loaders.facts, author_id)
    forget(info.context.loaders.author, author_id)  # its row carries the claim's privacy settings
    for user_id in user_ids:
        forget(loaders.user, user_id)


def _ending(author_id: str, actor_id: str, action: str, reason: str | None) -> dict[str, str | None]:
    """cypher/account/end_claim.cypher's parameters: who ends the claim on an author, how and why (an event)."""
    return {
        "authorId": author_id,
        "actorId": actor_id,
        "action": action,
        "reason": reason,
        "now": now_iso(),
        "eventId": new_id(),
    }


async def claim_author(info: Info, *, author_id: str, evidence: str | None, orcid_id_token: str | None) -> str:
    ctx, acc = info.context, info.context.account
    viewer = await acc.viewer.require()
    aid = entity_id(author_id, "author")
    text = _text(evidence, MAX_EVIDENCE, "evidence")
    try:
        await acc.services.limits.hit(ctx.driver, "claim", viewer.id, ctx.settings.claims_per_user)
    except Throttled as exc:
        raise rate_limited("too many claim attempts; try again later", exc.retry_after) from None
    orcid: str | None = None
    if orcid_id_token is not None:
        try:
            orcid = await acc.services.oidc.orcid_of(orcid_id_token)
        except InvalidIdToken as exc:
            raise forbidden(f"the ORCID id_token was not accepted ({exc})") from exc
    elif not viewer.email_verified:
        raise forbidden("verify your email (or present an ORCID id_token) before claiming an author")
    max_claims = ctx.settings.admin_max_claims if viewer.is_admin else 1
    method = "EMAIL" if orcid is None else "ORCID"

    async def work(tx: AsyncManagedTransaction) -> None:
        state = (await rows_in(tx, q.CLAIM_STATE, userId=viewer.id, authorId=aid))[0]
        if not state["authorExists"]:
            raise not_found(f"no author {aid}")
        if state["holderId"] is not None:
            raise conflict("you already claim this author" if state["holderId"] == viewer.id else ALREADY_CLAIMED)
        if state["held"] >= max_claims:
            raise conflict("your account already claims an author; release it first")
        if orcid is not None and orcid != state["authorOrcid"]:
            raise forbidden("the authenticated ORCID iD is not this author's ORCID iD")
        await rows_in(
            tx,
            q.CREATE_CLAIM,
            userId=viewer.id,
            authorId=aid,
            method=method,
            evidence=text,
            orcid=orcid,
            now=now_iso(),
            eventId=new_id(),
        )

    try:
        await write_tx(ctx, work)
    except ConstraintError as exc:
        raise conflict(ALREADY_CLAIMED) from exc
    _forget(info, aid, viewer.id)
    return aid


async def release_claim(info: Info, *, author_id: str) -> str:
    ctx = info.context
    viewer = await ctx.account.viewer.require()
    aid = entity_id(author_id, "author")

    async def work(tx: AsyncManagedTransaction) -> None:
        state = (await rows_in(tx, q.CLAIM_STATE, userId=viewer.id, authorId=aid))[0]
        if not state["authorExists"]:
            raise not_found(f"no author {aid}")
        if state["holderId"] is None:
            raise not_found(f"author {aid} is not claimed")
        if state["holderId"] != viewer.id:
            raise forbidden("only the claimant can release a claim")
        await rows_in(tx, q.END_CLAIM, **_ending(aid, viewer.id, "RELEASED", None))

    await write_tx(ctx, work)
    _forget(info, aid, viewer.id)
    return aid


async def require_admin(info: Info) -> ViewerUser:
    viewer = await info.context.account.viewer.require()
    if not viewer.is_admin:
        raise forbidden("admins only")
    return viewer


async def revoke_claim(info: Info, *, author_id: str, reason: str) -> str:
    admin = await require_admin(info)
    aid = entity_id(author_id, "author")
    why = _text(reason, MAX_REASON, "reason", required=True)
    rows = await write(info.context, q.END_CLAIM, **_ending(aid, admin.id, "REVOKED", why))
    if not rows:
        raise not_found(f"author {aid} is not claimed")
    _forget(info, aid, admin.id, rows[0]["userId"])
    return aid


async def claim_history(info: Info, *, author_id: str) -> list[ClaimEventRow]:
    await require_admin(info)
    aid = entity_id(author_id, "author")
    return [row["event"] for row in await read(info.context, q.CLAIM_EVENTS, authorId=aid)]
