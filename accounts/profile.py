"""A claimed author's profile settings: read and changed by the claimant or an admin only."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from accounts.db import read, write
from accounts.social import FactsRow
from cypher import account as q
from loaders.privacy import HiddenField
from loaders.relation import forget
from peergraph.context import Info
from peergraph.errors import bad_input, forbidden, not_found
from resolvers.ids import entity_id


class InvitePolicy(StrEnum):
    """Who may send the claimant direct collaboration invitations (cypher/account/invite_state.cypher reads it)."""

    ANYONE_LOGGED_IN = "ANYONE_LOGGED_IN"
    CLAIMED_RESEARCHERS = "CLAIMED_RESEARCHERS"
    NOBODY = "NOBODY"


@dataclass(frozen=True)
class SettingsChange:
    open_to_collaborate: bool | None = None
    invite_policy: InvitePolicy | None = None
    hidden_fields: list[HiddenField] | None = None
    shown_affiliation_id: str | None = None
    clear_shown_affiliation: bool = False


async def _social_row(info: Info, author_id: str) -> FactsRow:
    row = await info.context.loaders.facts.load(author_id)
    if row is None:
        raise not_found(f"no author {author_id}")
    return row


async def profile_settings(info: Info, *, author_id: str) -> FactsRow | None:
    """The settings of a claimed author (null when unclaimed): UNAUTHENTICATED / FORBIDDEN for others."""
    viewer = await info.context.account.viewer.require()
    row = await _social_row(info, author_id)
    if not row["claimed"]:
        return None
    if row["claimantId"] != viewer.id and not viewer.is_admin:
        raise forbidden("only the claimant or an admin can see the profile settings")
    return row


async def update_profile(info: Info, *, author_id: str, change: SettingsChange) -> str:
    ctx = info.context
    viewer = await ctx.account.viewer.require()
    aid = entity_id(author_id, "author")
    row = await _social_row(info, aid)
    if row["claimantId"] != viewer.id and not viewer.is_admin:
        raise forbidden("only the claimant or an admin can change the profile settings")
    if not row["claimed"]:
        raise bad_input("an unclaimed author has no profile settings", argument="id")
    affiliation = None
    if change.shown_affiliation_id is not None:
        affiliation = entity_id(change.shown_affiliation_id, "institution", "shownAffiliationId")
        allowed = {r["id"] for r in await read(ctx, q.AUTHOR_INSTITUTIONS, authorId=aid)}
        if affiliation not in allowed:
            raise bad_input(
                "the shown affiliation must be one of the author's institutions", argument="shownAffiliationId"
            )
    rows = await write(
        ctx,
        q.UPDATE_PROFILE,
        authorId=aid,
        openToCollaborate=change.open_to_collaborate,
        invitePolicy=None if change.invite_policy is None else str(change.invite_policy),
        hiddenFields=None if change.hidden_fields is None else sorted({str(f) for f in change.hidden_fields}),
        shownAffiliationId=affiliation,
        clearShownAffiliation=change.clear_shown_affiliation,
    )
    if not rows:  # released between the check and the write
        raise bad_input("an unclaimed author has no profile settings", argument="id")
    forget(ctx.loaders.facts, aid)
    forget(ctx.loaders.author, aid)  # its row carries the claim's privacy settings
    return aid
