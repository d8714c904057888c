"""The social side of an author (claims, followers, trust): the seam between the read API and accounts.

PLACEHOLDER until accounts exist (issue 5): nobody can claim or follow yet, so every author is unclaimed
with no followers, and trust is the verification level alone. The signatures are the contract the Author
type relies on; the accounts work replaces the bodies (batched through per-request loaders).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from context import Info


@dataclass(frozen=True)
class TrustFactorRow:
    name: str
    points: int
    detail: str


@dataclass(frozen=True)
class TrustRow:
    score: int
    label: str
    verification_level: str  # "L0".."L3"
    factors: list[TrustFactorRow] = field(default_factory=list)


@dataclass(frozen=True)
class SocialRow:
    claimed: bool
    followers: int
    viewer_is_following: bool
    open_to_collaborate: bool


async def author_social(info: Info, *, author_id: str) -> SocialRow:
    """Claimed, follower count, whether the viewer follows, open to collaborate (placeholder: none yet)."""
    del info, author_id
    return SocialRow(claimed=False, followers=0, viewer_is_following=False, open_to_collaborate=False)


async def author_trust(info: Info, *, author_id: str) -> TrustRow:
    """The trust snapshot (placeholder: verification level L1 for any imported record, score 0)."""
    del info, author_id
    return TrustRow(
        score=0,
        label="Unverified",
        verification_level="L1",
        factors=[TrustFactorRow("verification", 0, "L1: imported OpenAlex record, unclaimed (accounts not built yet)")],
    )
