"""The account side of the root Query: the viewer, following, invitations, author profiles, claim history."""

from __future__ import annotations

import strawberry

from peergraph.context import Info
from resolvers import account as accounts
from resolvers import account_invite as invites
from resolvers._ids import entity_id
from schema.account import FollowingConnection, Viewer, following_connection
from schema.account_invite import Invitation, InvitationBox
from schema.account_profile import AuthorProfile, ClaimEvent, claim_events, profile_of
from schema.connection import Connection, edge_to, page_window


@strawberry.type
class AccountQuery:
    @strawberry.field(description="The logged-in account; null when anonymous (a bad token is UNAUTHENTICATED).")
    async def viewer(self, info: Info) -> Viewer | None:
        user = await accounts.viewer(info)
        return None if user is None else Viewer.from_user(user)

    @strawberry.field(description="The authors the viewer follows (log in first).")
    async def following(self, info: Info, first: int | None = None, after: str | None = None) -> FollowingConnection:
        viewer = await info.context.account.viewer.require()
        return await following_connection(info, viewer.id, first, after)

    @strawberry.field(description="An author's social profile: followers, claim, trust, settings.")
    async def author_profile(self, info: Info, id: strawberry.ID) -> AuthorProfile | None:
        return await profile_of(info, entity_id(str(id), "author"))

    @strawberry.field(description="The viewer's invitations, received (INBOX) or sent (SENT).")
    async def invitations(
        self, info: Info, box: InvitationBox, first: int | None = None, after: str | None = None
    ) -> Connection[Invitation]:
        skip, limit = page_window(first, after)
        page = await invites.invitations(info, inbox=box is InvitationBox.INBOX, skip=skip, limit=limit)
        return Connection.build(page, edge_to(Invitation.from_row))

    @strawberry.field(description="An invitation by id: null unless the viewer sent or received it.")
    async def invitation(self, info: Info, id: strawberry.ID) -> Invitation | None:
        row = await invites.invitation(info, invitation_id=str(id))
        return None if row is None else Invitation.from_row(row)

    @strawberry.field(description="Every change of an author's claim, oldest first (admins only).")
    async def claim_history(self, info: Info, author_id: strawberry.ID) -> list[ClaimEvent]:
        return await claim_events(info, str(author_id))
