"""The account side of the root Query: the viewer, following, invitations, author profiles, claim history."""

from __future__ import annotations

import strawberry

from accounts import invitations as invites
from accounts import registration
from peergraph.context import Info
from resolvers.ids import entity_id
from schema.accounts.invitation import Invitation, InvitationBox
from schema.accounts.profile import AuthorProfile, ClaimEvent, claim_events, profile_of
from schema.accounts.viewer import FollowingConnection, Viewer, following_connection
from schema.connection import Connection, edge_to, page_window


@strawberry.type(description="Where a browser signs in with ORCID (OpenID Connect) to claim an author with its iD.")
class OrcidSignIn:
    authorize_url: str = strawberry.field(description="The issuer's authorization endpoint.")
    client_id: str = strawberry.field(description="This API's client id there (the id_token's audience).")
    issuer: str = strawberry.field(description="The id_token's issuer.")


@strawberry.type
class AccountQuery:
    @strawberry.field(
        description="How to sign in with ORCID for `claimAuthor(orcidIdToken:)`; null where it is not configured."
    )
    def orcid_sign_in(self, info: Info) -> OrcidSignIn | None:
        settings = info.context.settings
        oidc = info.context.account.services.oidc
        if settings.oidc_authorize_url is None or settings.oidc_audience is None or not oidc.configured:
            return None
        return OrcidSignIn(
            authorize_url=settings.oidc_authorize_url, client_id=settings.oidc_audience, issuer=settings.oidc_issuer
        )

    @strawberry.field(description="The logged-in account; null when anonymous (a bad token is UNAUTHENTICATED).")
    async def viewer(self, info: Info) -> Viewer | None:
        user = await registration.viewer(info)
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
