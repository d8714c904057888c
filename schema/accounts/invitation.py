"""Direct collaboration invitations (visible to their sender and recipient only)."""

from __future__ import annotations

from enum import StrEnum
from typing import NotRequired, TypedDict

import strawberry

from peergraph.context import Info
from schema.accounts.profile import AuthorProfile, profile_of
from schema.accounts.viewer import User
from schema.node import Node


class InvitationRow(TypedDict):
    """An invitation as cypher/account/get_invitation.cypher (and the inbox, the sent box, the writes) return it."""

    id: str
    message: str
    status: str
    createdAt: str
    respondedAt: NotRequired[str]  # the node's properties: none until answered
    senderId: str
    senderName: str | None
    recipientId: str
    recipientName: str | None
    fromAuthorId: str
    toAuthorId: str


# Choices whose values are their names, one declaration each.
InvitationBox = StrEnum("InvitationBox", [("INBOX", "INBOX"), ("SENT", "SENT")])
InvitationStatus = StrEnum(
    "InvitationStatus", [("PENDING", "PENDING"), ("ACCEPTED", "ACCEPTED"), ("DECLINED", "DECLINED")]
)
InviteResponse = StrEnum("InviteResponse", [("ACCEPT", "ACCEPT"), ("DECLINE", "DECLINE")])
strawberry.enum(InvitationBox, description="Which invitations: received or sent.")
strawberry.enum(InvitationStatus, description="Where an invitation stands.")
strawberry.enum(InviteResponse, description="The recipient's answer.")


@strawberry.type(description="A direct collaboration invitation between two claimed researchers.")
class Invitation(Node):
    id: strawberry.ID = strawberry.field(description="The invitation's id (a UUID).")
    message: str = strawberry.field(description="Plain text, as the sender wrote it.")
    status: InvitationStatus
    created_at: str
    responded_at: str | None
    sender: User
    recipient: User
    from_author_id: strawberry.ID
    to_author_id: strawberry.ID

    @strawberry.field(description="The sender's claimed author.")
    async def from_author(self, info: Info) -> AuthorProfile | None:
        return await profile_of(info, str(self.from_author_id))

    @strawberry.field(description="The invited author.")
    async def to_author(self, info: Info) -> AuthorProfile | None:
        return await profile_of(info, str(self.to_author_id))

    @classmethod
    def from_row(cls, row: InvitationRow) -> Invitation:
        return cls(
            id=strawberry.ID(row["id"]),
            message=row["message"],
            status=InvitationStatus(row["status"]),
            created_at=str(row["createdAt"]),
            responded_at=None if row.get("respondedAt") is None else str(row.get("respondedAt")),
            sender=User(id=strawberry.ID(row["senderId"]), display_name=row["senderName"] or ""),
            recipient=User(id=strawberry.ID(row["recipientId"]), display_name=row["recipientName"] or ""),
            from_author_id=strawberry.ID(row["fromAuthorId"]),
            to_author_id=strawberry.ID(row["toAuthorId"]),
        )
