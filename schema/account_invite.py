"""Direct collaboration invitations (visible to their sender and recipient only)."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from peergraph.context import Info
from schema.account import User, user_from_row
from schema.account_profile import AuthorProfile, profile_of
from schema.node import Node


@strawberry.enum(description="Which invitations: received or sent.")
class InvitationBox(Enum):
    INBOX = "INBOX"
    SENT = "SENT"


@strawberry.enum(description="Where an invitation stands.")
class InvitationStatus(Enum):
    PENDING = "PENDING"
    ACCEPTED = "ACCEPTED"
    DECLINED = "DECLINED"


@strawberry.enum(description="The recipient's answer.")
class InviteResponse(Enum):
    ACCEPT = "ACCEPT"
    DECLINE = "DECLINE"


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
    def from_row(cls, row: dict[str, Any]) -> Invitation:
        return cls(
            id=strawberry.ID(row["id"]),
            message=row["message"],
            status=InvitationStatus(row["status"]),
            created_at=str(row["createdAt"]),
            responded_at=None if row.get("respondedAt") is None else str(row["respondedAt"]),
            sender=user_from_row(row, "sender"),
            recipient=user_from_row(row, "recipient"),
            from_author_id=strawberry.ID(row["fromAuthorId"]),
            to_author_id=strawberry.ID(row["toAuthorId"]),
        )
