"""The trust snapshot types shown on a researcher page."""

from __future__ import annotations

from enum import Enum

import strawberry


@strawberry.enum(description="How strongly an author record is tied to a real, verified person.")
class VerificationLevel(Enum):
    L0 = strawberry.enum_value("L0", description="A name with no persistent identifier.")
    L1 = strawberry.enum_value("L1", description="An imported record with a persistent identifier, unclaimed.")
    L2 = strawberry.enum_value("L2", description="Claimed by a logged-in user with a verified email.")
    L3 = strawberry.enum_value("L3", description="Claimed with an authenticated ORCID iD equal to the author's.")


@strawberry.type(description="One documented contribution to a trust score.")
class TrustFactor:
    name: str = strawberry.field(description="Which factor.")
    points: int = strawberry.field(description="Points it adds to the score.")
    detail: str = strawberry.field(description="Why it gives these points.")


@strawberry.type(description="A 0-100 trust score: the sum of its factors' points, each explained.")
class Trust:
    score: int
    label: str = strawberry.field(description="Unverified, Verified or Trusted (thresholds in the README).")
    verification_level: VerificationLevel
    factors: list[TrustFactor]
