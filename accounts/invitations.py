"""Direct collaboration: invitations between claimed researchers, answers, blocks.

An invitation is visible only to its sender and its recipient; to anyone else it does not exist.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from neo4j import AsyncManagedTransaction

from accounts.auth.ratelimit import hit_in, key_of
from accounts.db import new_id, now_iso, read, rows_in, write, write_tx
from cypher import account as q
from loaders.paging import Page
from peergraph.context import Info
from peergraph.errors import bad_input, conflict, forbidden, not_found, rate_limited
from resolvers.ids import entity_id

if TYPE_CHECKING:  # the row shapes sit next to the types that read them
    from schema.accounts.invitation import InvitationRow

CANNOT_INVITE = "this researcher does not accept invitations from you"


async def send_invite(info: Info, *, to: str, message: str) -> InvitationRow:
    ctx, acc = info.context, info.context.account
    viewer = await acc.viewer.require()
    aid = entity_id(to, "author", "to")
    text = message.strip()
    if not text or len(text) > ctx.settings.invite_message_max_length:
        raise bad_input(
            f"`message` must be 1 to {ctx.settings.invite_message_max_length} characters", argument="message"
        )
    limit_key = key_of("invite", viewer.id)

    async def work(tx: AsyncManagedTransaction) -> InvitationRow:
        # Checked and recorded in the invitation's transaction: only invitations that are sent use a slot.
        wait = await hit_in(tx, limit_key, ctx.settings.invites_per_sender, ctx.settings.rate_window_seconds)
        if wait is not None:
            raise rate_limited("too many invitations; try again later", wait)
        state = (await rows_in(tx, q.INVITE_STATE, senderId=viewer.id, authorId=aid))[0]
        if state["senderAuthorId"] is None:
            raise forbidden("claim your author profile before sending invitations")
        if not state["authorExists"]:
            raise not_found(f"no author {aid}")
        if state["senderAuthorId"] == aid or state["recipientId"] == viewer.id:
            raise bad_input("you cannot invite yourself", argument="to")
        if state["recipientId"] is None:
            raise forbidden("this author has not claimed their profile; direct invitations need a claim")
        if not state["openToCollaborate"]:
            raise forbidden("this researcher is not open to collaboration")
        if state["invitePolicy"] == "NOBODY" or state["blocked"]:
            raise forbidden(CANNOT_INVITE)
        if state["pending"]:
            raise conflict("you already have a pending invitation to this researcher")
        rows = await rows_in(
            tx,
            q.CREATE_INVITATION,
            id=new_id(),
            senderId=viewer.id,
            recipientId=state["recipientId"],
            fromAuthorId=state["senderAuthorId"],
            toAuthorId=aid,
            message=text,
            now=now_iso(),
        )
        invitation: InvitationRow = rows[0]["invitation"]
        return invitation

    return await write_tx(ctx, work)


async def respond(info: Info, *, invitation_id: str, accept: bool) -> InvitationRow:
    ctx = info.context
    viewer = await ctx.account.viewer.require()

    async def work(tx: AsyncManagedTransaction) -> InvitationRow:
        await rows_in(tx, q.LOCK_INVITATION, id=invitation_id)
        rows = await rows_in(tx, q.GET_INVITATION, id=invitation_id, viewerId=viewer.id)
        if not rows:
            raise not_found("no such invitation")
        current = rows[0]["invitation"]
        if current["recipientId"] != viewer.id:
            raise forbidden("only the recipient can answer an invitation")
        if current["status"] != "PENDING":
            raise conflict(f"this invitation was already answered ({current['status'].lower()})")
        status = "ACCEPTED" if accept else "DECLINED"
        answered = await rows_in(
            tx, q.RESPOND_INVITATION, id=invitation_id, recipientId=viewer.id, status=status, now=now_iso()
        )
        invitation: InvitationRow = answered[0]["invitation"]
        return invitation

    return await write_tx(ctx, work)


async def invitation(info: Info, *, invitation_id: str) -> InvitationRow | None:
    viewer = await info.context.account.viewer.require()
    rows = await read(info.context, q.GET_INVITATION, id=invitation_id, viewerId=viewer.id)
    return rows[0]["invitation"] if rows else None


async def visible_invitation(info: Info, *, invitation_id: str) -> InvitationRow | None:
    """The invitation for `node(id:)`: only its sender and recipient see it; null for everyone else."""
    viewer = await info.context.account.viewer.get()
    if viewer is None:
        return None
    rows = await read(info.context, q.GET_INVITATION, id=invitation_id, viewerId=viewer.id)
    return rows[0]["invitation"] if rows else None


async def invitations(info: Info, *, inbox: bool, skip: int, limit: int) -> Page[InvitationRow]:
    viewer = await info.context.account.viewer.require()
    query = q.INVITATIONS_INBOX if inbox else q.INVITATIONS_SENT
    rows = await read(info.context, query, userId=viewer.id, skip=skip, limit=limit)
    return Page(rows[0]["invitations"], skip, rows[0]["total"])


async def set_block(info: Info, *, user_id: str, block: bool) -> bool:
    viewer = await info.context.account.viewer.require()
    if user_id == viewer.id:
        raise bad_input("you cannot block yourself", argument="id")
    if block:
        rows = await write(info.context, q.BLOCK_USER, userId=viewer.id, blockedId=user_id, now=now_iso())
    else:
        rows = await write(info.context, q.UNBLOCK_USER, userId=viewer.id, blockedId=user_id)
    if not rows:
        raise not_found("no such user")
    return True
