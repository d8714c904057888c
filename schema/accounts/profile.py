"""An author's social profile: followers, claim, trust, and the claimant's settings; the claim history."""

from __future__ import annotations

from typing import TypedDict

import strawberry

from accounts import profile as profiles
from accounts import social
from accounts.claims import claim_history
from accounts.profile import InvitePolicy
from accounts.trust import Trust
from loaders.privacy import HiddenField
from peergraph.context import Info
from schema.author import Author, social_field

# The domain's own enums, as GraphQL enums (one type per concept).
strawberry.enum(InvitePolicy, description="Who may send the claimant direct collaboration invitations.")
strawberry.enum(HiddenField, description="Profile fields a claimant may hide from the public page.")


@strawberry.type(description="A claimed author's settings (visible to the claimant and admins only).")
class ProfileSettings:
    open_to_collaborate: bool
    invite_policy: InvitePolicy
    hidden_fields: list[HiddenField]
    shown_affiliation_id: strawberry.ID | None = strawberry.field(description="The institution shown, if chosen.")


@strawberry.input(description="Profile settings to change; a field left out stays as it is.")
class ProfileSettingsInput:
    open_to_collaborate: bool | None = None
    invite_policy: InvitePolicy | None = None
    hidden_fields: list[HiddenField] | None = None
    shown_affiliation_id: strawberry.ID | None = None
    clear_shown_affiliation: bool = False


def _author(profile: AuthorProfile) -> str:
    return str(profile.author.id)


@strawberry.type(description="The social side of an author: what the profile page's actions change.")
class AuthorProfile:
    author: Author

    claimed = social_field("claimed", "Whether an account has claimed this author.", author=_author)
    followers = social_field("followers", "How many accounts follow this author.", author=_author)
    viewer_is_following = social_field(
        "viewer_is_following", "Whether the viewer follows this author (false when anonymous).", author=_author
    )
    open_to_collaborate = social_field(
        "open_to_collaborate", "Whether the claimant accepts direct collaboration invitations.", author=_author
    )

    @strawberry.field(description="Whether the viewer is the claimant.")
    async def claimed_by_viewer(self, info: Info) -> bool:
        viewer = await info.context.account.viewer.get_or_anonymous()
        row = await info.context.loaders.facts.load(str(self.author.id))
        return viewer is not None and row is not None and row["claimantId"] == viewer.id

    @strawberry.field(description="The trust snapshot (docs/trust.md).")
    async def trust(self, info: Info) -> Trust:
        return await social.author_trust(info, author_id=str(self.author.id))

    @strawberry.field(description="The claimant's settings: claimant and admins only; null when unclaimed.")
    async def settings(self, info: Info) -> ProfileSettings | None:
        row = await profiles.profile_settings(info, author_id=str(self.author.id))
        if row is None:
            return None
        return ProfileSettings(
            open_to_collaborate=bool(row["openToCollaborate"]),
            invite_policy=InvitePolicy(row["invitePolicy"] or "CLAIMED_RESEARCHERS"),
            hidden_fields=[HiddenField(f) for f in row["hiddenFields"]],
            shown_affiliation_id=None
            if row["shownAffiliationId"] is None
            else strawberry.ID(row["shownAffiliationId"]),
        )


async def profile_of(info: Info, author_id: str) -> AuthorProfile | None:
    row = await info.context.loaders.author.load(author_id)
    return None if row is None else AuthorProfile(author=Author.from_row(row))


class ClaimEventRow(TypedDict):
    """A claim event as cypher/account/claim_events.cypher returns it."""

    id: str
    authorId: str
    action: str
    method: str | None
    userId: str
    userEmail: str | None
    actorId: str
    actorEmail: str | None
    evidence: str | None
    reason: str | None
    at: str


@strawberry.type(description="One change of an author's claim: who, when, how (admins only).")
class ClaimEvent:
    id: strawberry.ID
    author_id: strawberry.ID
    action: str = strawberry.field(description="CLAIMED, RELEASED or REVOKED.")
    method: str | None = strawberry.field(description="How the claim was made: EMAIL or ORCID.")
    user_id: strawberry.ID = strawberry.field(description="The claimant.")
    user_email: str | None
    actor_id: strawberry.ID = strawberry.field(description="Who made the change (the claimant or an admin).")
    actor_email: str | None
    evidence: str | None
    reason: str | None
    at: str = strawberry.field(description="When (ISO 8601, UTC).")

    @classmethod
    def from_row(cls, row: ClaimEventRow) -> ClaimEvent:
        return cls(
            id=strawberry.ID(row["id"]),
            author_id=strawberry.ID(row["authorId"]),
            action=row["action"],
            method=row.get("method"),
            user_id=strawberry.ID(row["userId"]),
            user_email=row.get("userEmail"),
            actor_id=strawberry.ID(row["actorId"]),
            actor_email=row.get("actorEmail"),
            evidence=row.get("evidence"),
            reason=row.get("reason"),
            at=str(row["at"]),
        )


async def claim_events(info: Info, author_id: str) -> list[ClaimEvent]:
    return [ClaimEvent.from_row(row) for row in await claim_history(info, author_id=author_id)]
