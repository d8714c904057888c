"""The social side of an author (claims, followers, trust): the seam between the read API and accounts.

The signatures are the contract the Author type relies on. Social side and trust read the per-request
author facts loader (`Loaders.facts`: one query with the counts), so a page of authors costs one round trip,
not one per author. The facts are as the viewer may see them (docs/privacy.md): what a claimant hides is left
out where they are loaded, so nothing here checks it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from accounts.trust import Trust, inputs_from_row, snapshot
from peergraph.context import Info


class FactsRow(TypedDict):
    """An author's facts as the viewer may see them (cypher/author/facts.cypher; the profile returns the same)."""

    authorId: str
    works: int
    topics: int
    coauthors: int
    followers: int
    viewerFollows: bool
    claimed: bool
    claimantId: str | None
    invitePolicy: str | None
    hiddenFields: list[str]
    hidden: list[str]
    shownAffiliationId: str | None
    claimMethod: str | None
    openToCollaborate: bool
    orcid: str | None
    affiliationKnown: bool
    claimantVerified: bool
    claimantOrcid: str | None


@dataclass(frozen=True)
class SocialRow:
    claimed: bool
    followers: int
    viewer_is_following: bool
    open_to_collaborate: bool


async def author_social(info: Info, *, author_id: str) -> SocialRow:
    """Claimed, follower count, whether the viewer follows, open to collaborate (batched per request)."""
    return social_of(await info.context.loaders.facts.load(author_id))


def social_of(row: FactsRow | None) -> SocialRow:
    """The social side an author's facts row tells (none: an author nobody claimed or follows)."""
    if row is None:
        return SocialRow(claimed=False, followers=0, viewer_is_following=False, open_to_collaborate=False)
    return SocialRow(
        claimed=bool(row["claimed"]),
        followers=int(row["followers"]),
        viewer_is_following=bool(row["viewerFollows"]),
        open_to_collaborate=bool(row["openToCollaborate"]),
    )


async def author_trust(info: Info, *, author_id: str) -> Trust:
    """The trust snapshot: documented factors summing to 0-100 (docs/trust.md), batched per request."""
    return snapshot(inputs_from_row(await info.context.loaders.facts.load(author_id)))
