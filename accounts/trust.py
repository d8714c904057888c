"""The trust snapshot: a deterministic 0-100 score as the sum of documented factors (docs/trust.md).

Pure functions: the inputs come from one batched query (cypher/author/facts.cypher), as the viewer may see them:
a factor that would tell a field the claimant hides from this viewer gives no points and says only that it is
hidden (docs/privacy.md), whatever the hidden value is. The snapshot and its factors are the GraphQL types
themselves (one type per concept: `Trust`, `TrustFactor`, `VerificationLevel`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Self

import strawberry
from strawberry.types.enum import EnumValueDefinition

from loaders.privacy import HiddenField

if TYPE_CHECKING:
    from accounts.social import FactsRow


class _DescribedStrEnum(StrEnum):
    """A str-valued enum whose members strawberry describes (`strawberry.enum_value`): `L2` is "L2"."""

    def __new__(cls, definition: EnumValueDefinition) -> Self:
        member = str.__new__(cls, definition.value)
        # strawberry.enum reads the definition's description, then sets the plain value ("L2") back.
        member._value_ = definition  # type: ignore[assignment]  # a definition until strawberry.enum has read it
        return member


@strawberry.enum(description="How strongly an author record is tied to a real, verified person.")
class VerificationLevel(_DescribedStrEnum):
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

    @property
    def level(self) -> VerificationLevel:
        return self.verification_level


L0, L1, L2, L3 = VerificationLevel.L0, VerificationLevel.L1, VerificationLevel.L2, VerificationLevel.L3
LEVEL_POINTS = {L0: 0, L1: 5, L2: 20, L3: 30}
LEVEL_DETAIL = {
    L0: "L0: a name with no persistent identifier",
    L1: "L1: imported record with an OpenAlex id, unclaimed",
    L2: "L2: claimed by an account with a verified email or an authenticated ORCID iD",
    L3: "L3: claimed with an authenticated ORCID iD equal to the author's",
}
CLAIMED_POINTS = 10
ORCID_POINTS = 10
AFFILIATION_POINTS = 5
POINTS_PER_WORK, MAX_WORK_POINTS = 2, 20
POINTS_PER_TOPIC, MAX_TOPIC_POINTS = 1, 5
POINTS_PER_COAUTHOR, MAX_COAUTHOR_POINTS = 1, 10
POINTS_PER_FOLLOWER, MAX_FOLLOWER_POINTS = 1, 10
VERIFIED_THRESHOLD = 40
TRUSTED_THRESHOLD = 70
HIDDEN_DETAIL = "hidden by the claimant"
# The factor that would tell each hideable field (the verification level tells the ORCID iD too: see snapshot).
HIDING_FIELD = {
    "orcid": HiddenField.ORCID,
    "affiliation": HiddenField.AFFILIATION,
    "topics": HiddenField.TOPICS,
    "coauthors": HiddenField.COLLABORATORS,
}


@dataclass(frozen=True)
class TrustInputs:
    has_persistent_id: bool
    claimed: bool
    claim_method: str | None  # "EMAIL" | "ORCID"
    claimant_email_verified: bool
    claimant_orcid: str | None
    orcid: str | None
    affiliation_known: bool
    works: int
    topics: int
    coauthors: int
    followers: int
    hidden: frozenset[str] = frozenset()  # the fields the claimant hides from this viewer


def verification_level(t: TrustInputs) -> VerificationLevel:
    if not t.has_persistent_id:
        return L0
    if t.claimed and t.claim_method == "ORCID" and t.orcid is not None and t.claimant_orcid == t.orcid:
        return L3
    if t.claimed and (t.claimant_email_verified or t.claim_method == "ORCID"):
        return L2
    return L1


def _factor(name: str, points: int, detail: str) -> TrustFactor:
    return TrustFactor(name=name, points=points, detail=detail)


def _scaled(name: str, count: int, per: int, cap: int, noun: str) -> TrustFactor:
    points = min(cap, count * per)
    return _factor(name, points, f"{count} {noun}{'' if count == 1 else 's'} x {per} (at most {cap})")


def label_for(score: int, level: VerificationLevel) -> str:
    """Trusted / Verified need a claimed, verified record (L2+) and a score over the threshold."""
    if level in (L2, L3) and score >= TRUSTED_THRESHOLD:
        return "Trusted"
    if level in (L2, L3) and score >= VERIFIED_THRESHOLD:
        return "Verified"
    return "Unverified"


def _unless_hidden(factor: TrustFactor, hidden: frozenset[str]) -> TrustFactor:
    return _factor(factor.name, 0, HIDDEN_DETAIL) if HIDING_FIELD.get(factor.name) in hidden else factor


def snapshot(t: TrustInputs) -> Trust:
    """The score from what the viewer may see. A hidden ORCID iD counts as none on record, so an L3 author who hides
    it is L2 to others: L3 would tell them that the record has an ORCID iD."""
    if HiddenField.ORCID in t.hidden:
        t = replace(t, orcid=None)
    level = verification_level(t)
    factors = [
        _factor("verification", LEVEL_POINTS[level], LEVEL_DETAIL[level]),
        _factor("claimed", CLAIMED_POINTS if t.claimed else 0, "claimed by an account" if t.claimed else "unclaimed"),
        _factor(
            "orcid",
            ORCID_POINTS if t.orcid else 0,
            f"ORCID iD on record: {t.orcid}" if t.orcid else "no ORCID iD on record",
        ),
        _factor(
            "affiliation",
            AFFILIATION_POINTS if t.affiliation_known else 0,
            "last known institution known" if t.affiliation_known else "no known institution",
        ),
        _scaled("works", t.works, POINTS_PER_WORK, MAX_WORK_POINTS, "work"),
        _scaled("topics", t.topics, POINTS_PER_TOPIC, MAX_TOPIC_POINTS, "topic"),
        _scaled("coauthors", t.coauthors, POINTS_PER_COAUTHOR, MAX_COAUTHOR_POINTS, "coauthor"),
        _scaled("followers", t.followers, POINTS_PER_FOLLOWER, MAX_FOLLOWER_POINTS, "follower"),
    ]
    factors = [_unless_hidden(f, t.hidden) for f in factors]
    score = max(0, min(100, sum(f.points for f in factors)))
    return Trust(score=score, label=label_for(score, level), verification_level=level, factors=factors)


def inputs_from_row(row: FactsRow | None) -> TrustInputs:
    """Inputs from an author facts row; an unknown author is a bare name (L0, nothing to count)."""
    if row is None:
        return TrustInputs(False, False, None, False, None, None, False, 0, 0, 0, 0)

    return TrustInputs(
        has_persistent_id=True,
        claimed=bool(row["claimed"]),
        claim_method=row["claimMethod"],
        claimant_email_verified=bool(row["claimantVerified"]),
        claimant_orcid=row["claimantOrcid"],
        orcid=row["orcid"],
        affiliation_known=bool(row["affiliationKnown"]),
        works=int(row["works"]),
        topics=int(row["topics"]),
        coauthors=int(row["coauthors"]),
        followers=int(row["followers"]),
        hidden=frozenset(row["hidden"]),
    )
