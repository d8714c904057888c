"""Direct collaboration: every forbidden state of sendCollaborationInvite, answers, boxes, blocks, privacy."""

from __future__ import annotations

import asyncio

from neo4j import AsyncDriver

from peergraph.settings import Settings
from tests.accounts.conftest import ADMIN_EMAIL
from tests.accounts.support import Account, Api, code, make_authors, signup

SEND = """mutation($to: ID!, $m: String!) { sendCollaborationInvite(to: $to, message: $m) {
  id message status sender { id displayName } recipient { id } fromAuthorId toAuthorId } }"""
RESPOND = "mutation($id: ID!, $r: InviteResponse!) { respondToInvite(id: $id, response: $r) { id status respondedAt } }"
BOX = "query($box: InvitationBox!) { invitations(box: $box) { totalCount edges { node { id status message } } } }"
ONE = "query($id: ID!) { invitation(id: $id) { id message } }"
NODE = "query($id: ID!) { node(id: $id) { __typename id ... on Invitation { message } } }"
BLOCK = "mutation($id: ID!) { blockUser(id: $id) }"
UNBLOCK = "mutation($id: ID!) { unblockUser(id: $id) }"
OPEN = """mutation($id: ID!, $open: Boolean, $policy: InvitePolicy) {
  updateAuthorProfile(id: $id, input: {openToCollaborate: $open, invitePolicy: $policy}) { openToCollaborate } }"""


async def _claimed(api: Api, email: str, author_id: str) -> Account:
    account = await signup(api, email, name=email.split("@")[0])
    body = await api.gql(
        "mutation($id: ID!) { claimAuthor(id: $id) { claimed } }", {"id": author_id}, token=account.token
    )
    assert "errors" not in body, body
    return account


async def test_sending_forbidden_states(empty_db: AsyncDriver, api: Api, database: str) -> None:
    await make_authors(empty_db, database, "A1", "A2", "A3")
    message = {"to": "A2", "m": "Shall we write the survey together?"}
    assert code(await api.gql(SEND, message)) == "UNAUTHENTICATED"
    unclaimed_sender = await signup(api, "loner@example.org")
    assert code(await api.gql(SEND, message, token=unclaimed_sender.token)) == "FORBIDDEN"
    sender = await _claimed(api, "sender@example.org", "A1")
    # Recipient author unclaimed; unknown author; the sender's own author; bad messages.
    assert code(await api.gql(SEND, message, token=sender.token)) == "FORBIDDEN"
    assert code(await api.gql(SEND, {**message, "to": "A404"}, token=sender.token)) == "NOT_FOUND"
    assert code(await api.gql(SEND, {**message, "to": "A1"}, token=sender.token)) == "BAD_USER_INPUT"
    assert code(await api.gql(SEND, {**message, "m": "   "}, token=sender.token)) == "BAD_USER_INPUT"
    assert code(await api.gql(SEND, {**message, "m": "x" * 2001}, token=sender.token)) == "BAD_USER_INPUT"
    recipient = await _claimed(api, "recipient@example.org", "A2")
    # Claimed but not open to collaborate (the default).
    assert code(await api.gql(SEND, message, token=sender.token)) == "FORBIDDEN"
    assert "errors" not in await api.gql(OPEN, {"id": "A2", "open": True}, token=recipient.token)
    # Open, but accepts invitations from nobody.
    assert "errors" not in await api.gql(OPEN, {"id": "A2", "policy": "NOBODY"}, token=recipient.token)
    nobody = await api.gql(SEND, message, token=sender.token)
    assert code(nobody) == "FORBIDDEN"
    assert "errors" not in await api.gql(OPEN, {"id": "A2", "policy": "CLAIMED_RESEARCHERS"}, token=recipient.token)
    # Blocked: the same message as "nobody", so the block is not revealed.
    assert (await api.gql(BLOCK, {"id": sender.id}, token=recipient.token))["data"] == {"blockUser": True}
    assert (await api.gql(BLOCK, {"id": sender.id}, token=recipient.token))["data"] == {"blockUser": True}
    blocked = await api.gql(SEND, message, token=sender.token)
    assert code(blocked) == "FORBIDDEN"
    assert blocked["errors"][0]["message"] == nobody["errors"][0]["message"]
    assert (await api.gql(UNBLOCK, {"id": sender.id}, token=recipient.token))["data"] == {"unblockUser": True}
    # Now it goes through, once: a second pending invitation to the same researcher is a conflict.
    sent = await api.gql(SEND, {**message, "m": "<b>plain</b> text & more"}, token=sender.token)
    invitation = sent["data"]["sendCollaborationInvite"]
    assert invitation["message"] == "<b>plain</b> text & more"
    assert invitation["status"] == "PENDING"
    assert invitation["sender"] == {"id": sender.id, "displayName": "sender"}
    assert invitation["recipient"] == {"id": recipient.id}
    assert (invitation["fromAuthorId"], invitation["toAuthorId"]) == ("A1", "A2")
    assert code(await api.gql(SEND, message, token=sender.token)) == "CONFLICT"


async def test_blocking_rules(empty_db: AsyncDriver, api: Api) -> None:
    ann = await signup(api, "ann@example.org")
    assert code(await api.gql(BLOCK, {"id": "someone"})) == "UNAUTHENTICATED"
    assert code(await api.gql(BLOCK, {"id": ann.id}, token=ann.token)) == "BAD_USER_INPUT"
    assert code(await api.gql(BLOCK, {"id": "no-such-user"}, token=ann.token)) == "NOT_FOUND"


async def test_answers_boxes_and_privacy(empty_db: AsyncDriver, api: Api, database: str) -> None:
    await make_authors(empty_db, database, "A1", "A2")
    sender = await _claimed(api, "sender@example.org", "A1")
    recipient = await _claimed(api, "recipient@example.org", "A2")
    stranger = await signup(api, "stranger@example.org")
    admin = await signup(api, ADMIN_EMAIL)
    assert "errors" not in await api.gql(OPEN, {"id": "A2", "open": True}, token=recipient.token)
    sent = await api.gql(SEND, {"to": "A2", "m": "Hello"}, token=sender.token)
    invitation_id = sent["data"]["sendCollaborationInvite"]["id"]
    # Visible to its sender and recipient only.
    assert code(await api.gql(ONE, {"id": invitation_id})) == "UNAUTHENTICATED"
    for token in (stranger.token, admin.token):
        assert (await api.gql(ONE, {"id": invitation_id}, token=token))["data"] == {"invitation": None}
    for token in (sender.token, recipient.token):
        one = await api.gql(ONE, {"id": invitation_id}, token=token)
        assert one["data"]["invitation"] == {"id": invitation_id, "message": "Hello"}
        node = await api.gql(NODE, {"id": invitation_id}, token=token)
        assert node["data"]["node"] == {"__typename": "Invitation", "id": invitation_id, "message": "Hello"}
    # ... also through node(id:): null for anonymous viewers, strangers and admins alike.
    for maybe_token in (None, stranger.token, admin.token):
        assert (await api.gql(NODE, {"id": invitation_id}, token=maybe_token))["data"] == {"node": None}
    assert code(await api.gql(BOX, {"box": "INBOX"})) == "UNAUTHENTICATED"
    inbox = (await api.gql(BOX, {"box": "INBOX"}, token=recipient.token))["data"]["invitations"]
    assert inbox == {
        "totalCount": 1,
        "edges": [{"node": {"id": invitation_id, "status": "PENDING", "message": "Hello"}}],
    }
    assert (await api.gql(BOX, {"box": "SENT"}, token=sender.token))["data"]["invitations"] == inbox
    assert (await api.gql(BOX, {"box": "SENT"}, token=recipient.token))["data"]["invitations"]["totalCount"] == 0
    assert (await api.gql(BOX, {"box": "INBOX"}, token=stranger.token))["data"]["invitations"]["totalCount"] == 0
    # Only the recipient answers; others cannot even see it.
    accept = {"id": invitation_id, "r": "ACCEPT"}
    assert code(await api.gql(RESPOND, accept)) == "UNAUTHENTICATED"
    assert code(await api.gql(RESPOND, accept, token=stranger.token)) == "NOT_FOUND"
    assert code(await api.gql(RESPOND, accept, token=admin.token)) == "NOT_FOUND"
    assert code(await api.gql(RESPOND, accept, token=sender.token)) == "FORBIDDEN"
    answered = await api.gql(RESPOND, accept, token=recipient.token)
    assert answered["data"]["respondToInvite"]["status"] == "ACCEPTED"
    assert answered["data"]["respondToInvite"]["respondedAt"] is not None
    again = await api.gql(RESPOND, {"id": invitation_id, "r": "DECLINE"}, token=recipient.token)
    assert code(again) == "CONFLICT"
    # Answered, so a new invitation may follow; and a declined one.
    second = await api.gql(SEND, {"to": "A2", "m": "Another idea"}, token=sender.token)
    second_id = second["data"]["sendCollaborationInvite"]["id"]
    declined = await api.gql(RESPOND, {"id": second_id, "r": "DECLINE"}, token=recipient.token)
    assert declined["data"]["respondToInvite"]["status"] == "DECLINED"


async def test_invitations_are_rate_limited_per_sender(
    empty_db: AsyncDriver, api: Api, database: str, account_settings: Settings
) -> None:
    limit = account_settings.invites_per_sender
    recipients = [f"A{10 + n}" for n in range(limit + 1)]
    await make_authors(empty_db, database, "A1", *recipients)
    sender = await _claimed(api, "sender@example.org", "A1")
    for n, author_id in enumerate(recipients):
        account = await _claimed(api, f"r{n}@example.org", author_id)
        assert "errors" not in await api.gql(OPEN, {"id": author_id, "open": True}, token=account.token)
    for author_id in recipients[:limit]:
        assert "errors" not in await api.gql(SEND, {"to": author_id, "m": "Hi"}, token=sender.token)
    assert code(await api.gql(SEND, {"to": recipients[limit], "m": "Hi"}, token=sender.token)) == "RATE_LIMITED"


async def test_concurrent_sends_leave_one_pending_invitation(empty_db: AsyncDriver, api: Api, database: str) -> None:
    await make_authors(empty_db, database, "A1", "A2")
    sender = await _claimed(api, "sender@example.org", "A1")
    recipient = await _claimed(api, "recipient@example.org", "A2")
    assert "errors" not in await api.gql(OPEN, {"id": "A2", "open": True}, token=recipient.token)
    bodies = await asyncio.gather(*(api.gql(SEND, {"to": "A2", "m": "Hi"}, token=sender.token) for _ in range(3)))
    assert sorted(code(b) if "errors" in b else "OK" for b in bodies) == ["CONFLICT", "CONFLICT", "OK"]


async def test_concurrent_answers_leave_one_answer(empty_db: AsyncDriver, api: Api, database: str) -> None:
    await make_authors(empty_db, database, "A1", "A2")
    sender = await _claimed(api, "sender@example.org", "A1")
    recipient = await _claimed(api, "recipient@example.org", "A2")
    assert "errors" not in await api.gql(OPEN, {"id": "A2", "open": True}, token=recipient.token)
    sent = await api.gql(SEND, {"to": "A2", "m": "Hi"}, token=sender.token)
    invitation_id = sent["data"]["sendCollaborationInvite"]["id"]
    answers = ["ACCEPT", "DECLINE"] * 4
    bodies = await asyncio.gather(
        *(api.gql(RESPOND, {"id": invitation_id, "r": a}, token=recipient.token) for a in answers)
    )
    winners = [b["data"]["respondToInvite"]["status"] for b in bodies if "errors" not in b]
    assert len(winners) == 1
    assert sorted(code(b) for b in bodies if "errors" in b) == ["CONFLICT"] * 7
    stored = await api.gql(ONE, {"id": invitation_id}, token=sender.token)
    assert stored["data"]["invitation"]["id"] == invitation_id
    records, _, _ = await empty_db.execute_query(
        "MATCH (i:Invitation {id: $id}) RETURN i.status AS status", id=invitation_id, database_=database
    )
    assert records[0]["status"] == winners[0]
