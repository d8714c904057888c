"""The account mutations: register, log in, verify email, follow, claim, profile settings, invitations."""

from __future__ import annotations

import strawberry

from accounts import claims, follows, registration
from accounts import invitations as invites
from accounts import profile as profiles
from peergraph.context import Info
from schema.accounts.invitation import Invitation, InviteResponse
from schema.accounts.profile import AuthorProfile, ProfileSettingsInput, profile_of
from schema.accounts.viewer import AuthPayload, RegisterPayload, Viewer

REGISTERED = "If the address can be used, a verification token is on its way to it. Then log in."


async def _profile(info: Info, author_id: str) -> AuthorProfile:
    profile = await profile_of(info, author_id)
    assert profile is not None  # the resolver found the author
    return profile


@strawberry.type
class AccountMutation:
    @strawberry.mutation(description="Create an account; the answer never says whether the email was taken.")
    async def register(self, info: Info, email: str, password: str, display_name: str) -> RegisterPayload:
        await registration.register(info, email=email, password=password, display_name=display_name)
        return RegisterPayload(accepted=True, message=REGISTERED)

    @strawberry.mutation(
        description="Log in: a short-lived access token. Failures are rate-limited per account and per client; "
        "nullable, so each aliased login in one request is counted on its own."
    )
    async def login(self, info: Info, email: str, password: str) -> AuthPayload | None:
        token, user = await registration.login(info, email=email, password=password)
        return AuthPayload(token=token.token, expires_at=token.expires_at, viewer=Viewer.from_user(user))

    @strawberry.mutation(description="Confirm an email address with the one-time token sent to it.")
    async def verify_email(self, info: Info, token: str) -> bool:
        return await registration.verify_email(info, token=token)

    @strawberry.mutation(description="Send a new verification token to the viewer's email (false if verified).")
    async def request_email_verification(self, info: Info) -> bool:
        return await registration.request_email_verification(info)

    @strawberry.mutation(description="Follow an author (idempotent).")
    async def follow_author(self, info: Info, id: strawberry.ID) -> AuthorProfile:
        return await _profile(info, await follows.set_following(info, author_id=str(id), follow=True))

    @strawberry.mutation(description="Stop following an author (idempotent).")
    async def unfollow_author(self, info: Info, id: strawberry.ID) -> AuthorProfile:
        return await _profile(info, await follows.set_following(info, author_id=str(id), follow=False))

    @strawberry.mutation(
        description="Claim an author as yourself: with a verified email (L2), or an ORCID id_token whose iD is the "
        "author's (L3). One claimant per author, one author per account."
    )
    async def claim_author(
        self, info: Info, id: strawberry.ID, evidence: str | None = None, orcid_id_token: str | None = None
    ) -> AuthorProfile:
        aid = await claims.claim_author(info, author_id=str(id), evidence=evidence, orcid_id_token=orcid_id_token)
        return await _profile(info, aid)

    @strawberry.mutation(description="Give up your claim on an author.")
    async def release_claim(self, info: Info, id: strawberry.ID) -> AuthorProfile:
        return await _profile(info, await claims.release_claim(info, author_id=str(id)))

    @strawberry.mutation(description="Revoke someone's claim on an author (admins only).")
    async def revoke_claim(self, info: Info, id: strawberry.ID, reason: str) -> AuthorProfile:
        return await _profile(info, await claims.revoke_claim(info, author_id=str(id), reason=reason))

    @strawberry.mutation(description="Change a claimed author's profile settings (the claimant or an admin).")
    async def update_author_profile(self, info: Info, id: strawberry.ID, input: ProfileSettingsInput) -> AuthorProfile:
        change = profiles.SettingsChange(
            open_to_collaborate=input.open_to_collaborate,
            invite_policy=input.invite_policy,
            hidden_fields=input.hidden_fields,
            shown_affiliation_id=None if input.shown_affiliation_id is None else str(input.shown_affiliation_id),
            clear_shown_affiliation=input.clear_shown_affiliation,
        )
        return await _profile(info, await profiles.update_profile(info, author_id=str(id), change=change))

    @strawberry.mutation(description="Invite a claimed researcher (an author id) to collaborate.")
    async def send_collaboration_invite(self, info: Info, to: strawberry.ID, message: str) -> Invitation:
        return Invitation.from_row(await invites.send_invite(info, to=str(to), message=message))

    @strawberry.mutation(description="Accept or decline an invitation you received.")
    async def respond_to_invite(self, info: Info, id: strawberry.ID, response: InviteResponse) -> Invitation:
        row = await invites.respond(info, invitation_id=str(id), accept=response is InviteResponse.ACCEPT)
        return Invitation.from_row(row)

    @strawberry.mutation(description="Block a user (by account id): they can no longer invite you. Idempotent.")
    async def block_user(self, info: Info, id: strawberry.ID) -> bool:
        return await invites.set_block(info, user_id=str(id), block=True)

    @strawberry.mutation(description="Lift a block. Idempotent.")
    async def unblock_user(self, info: Info, id: strawberry.ID) -> bool:
        return await invites.set_block(info, user_id=str(id), block=False)
