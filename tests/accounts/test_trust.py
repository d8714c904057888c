"""The trust snapshot: deterministic documented factors (unit), and the same numbers from the graph."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any, cast

from neo4j import AsyncDriver

from accounts import social
from accounts.trust import TrustInputs, snapshot
from peergraph.context import Info, build_context
from peergraph.settings import Settings
from tests.accounts.support import Api, signup, work_record, write_works

TRUST = """query($id: ID!) { authorProfile(id: $id) { claimed followers
  trust { score label verificationLevel factors { name points detail } } } }"""


def inputs(**changes: Any) -> TrustInputs:
    base = TrustInputs(
        has_persistent_id=True,
        claimed=False,
        claim_method=None,
        claimant_email_verified=False,
        claimant_orcid=None,
        orcid=None,
        affiliation_known=False,
        works=2,
        topics=3,
        coauthors=4,
        followers=0,
    )
    return TrustInputs(**{**base.__dict__, **changes})


def test_the_seed_example_is_low_and_unverified() -> None:
    snap = snapshot(inputs())
    assert snap.level == "L1"
    assert snap.label == "Unverified"
    points = {f.name: f.points for f in snap.factors}
    assert points == {
        "verification": 5,
        "claimed": 0,
        "orcid": 0,
        "affiliation": 0,
        "works": 4,
        "topics": 3,
        "coauthors": 4,
        "followers": 0,
    }
    assert snap.score == sum(points.values()) == 16
    assert all(f.detail for f in snap.factors)


def test_deterministic_and_bounded() -> None:
    assert snapshot(inputs()) == snapshot(inputs())
    top = snapshot(
        inputs(
            claimed=True,
            claim_method="ORCID",
            orcid="0000-0002-1825-0097",
            claimant_orcid="0000-0002-1825-0097",
            claimant_email_verified=True,
            affiliation_known=True,
            works=500,
            topics=90,
            coauthors=4000,
            followers=10_000,
        )
    )
    assert (top.score, top.level, top.label) == (100, "L3", "Trusted")
    assert snapshot(inputs(has_persistent_id=False, works=0, topics=0, coauthors=0)).score == 0


def test_levels() -> None:
    assert snapshot(inputs(has_persistent_id=False)).level == "L0"
    assert snapshot(inputs(claimed=True, claim_method="EMAIL", claimant_email_verified=False)).level == "L1"
    assert snapshot(inputs(claimed=True, claim_method="EMAIL", claimant_email_verified=True)).level == "L2"
    orcid = "0000-0002-1825-0097"
    l3 = inputs(claimed=True, claim_method="ORCID", orcid=orcid, claimant_orcid=orcid)
    assert snapshot(l3).level == "L3"
    assert snapshot(inputs(claimed=True, claim_method="ORCID", orcid=orcid, claimant_orcid="x")).level == "L2"


def test_labels_need_a_verified_claim_and_a_threshold() -> None:
    # The best an unclaimed record can do stays Unverified however high its score.
    unclaimed = snapshot(inputs(orcid="0000-0002-1825-0097", affiliation_known=True, works=50, followers=50))
    assert unclaimed.score >= 40
    assert unclaimed.label == "Unverified"
    verified = snapshot(inputs(claimed=True, claim_method="EMAIL", claimant_email_verified=True))
    assert (verified.score, verified.label) == (41, "Verified")  # 20 + 10 + 4 + 3 + 4
    below = snapshot(inputs(claimed=True, claim_method="EMAIL", claimant_email_verified=True, works=0, topics=0))
    assert below.score < 40
    assert below.label == "Unverified"


def _records() -> list[dict[str, Any]]:
    """A1: 2 works, 3 topics, 4 coauthors; A9 shares nothing with A1."""
    return [
        work_record("W1", [("A1", "Ada", None), ("A2", "B", None), ("A3", "C", None)], ["T1", "T2"]),
        work_record("W2", [("A4", "D", None), ("A1", "Ada", None), ("A5", "E", None), ("A2", "B", None)], ["T2", "T3"]),
        work_record("W3", [("A9", "Z", None), ("A2", "B", None)], ["T4"]),
    ]


def _expected(records: list[dict[str, Any]], author: str, **changes: Any) -> dict[str, Any]:
    """The snapshot computed from the input records alone (not from Neo4j)."""
    mine = [r for r in records if any(s["author"]["id"].endswith(f"/{author}") for s in r["authorships"])]
    coauthors = {s["author"]["id"] for r in mine for s in r["authorships"]} - {f"https://openalex.org/{author}"}
    topics = {t["id"] for r in mine for t in r["topics"]}
    snap = snapshot(inputs(works=len(mine), topics=len(topics), coauthors=len(coauthors), **changes))
    return {
        "score": snap.score,
        "label": snap.label,
        "verificationLevel": snap.level,
        "factors": [{"name": f.name, "points": f.points, "detail": f.detail} for f in snap.factors],
    }


async def test_trust_from_the_graph(empty_db: AsyncDriver, api: Api, database: str) -> None:
    records = _records()
    await write_works(empty_db, database, records)
    body = await api.gql(TRUST, {"id": "A1"})
    assert body["data"]["authorProfile"]["trust"] == _expected(records, "A1")
    assert body["data"]["authorProfile"]["trust"]["score"] == 16
    assert body["data"]["authorProfile"]["trust"]["label"] == "Unverified"
    # Two followers and a verified-email claim raise it, and the level becomes L2.
    ann = await signup(api, "ann@example.org")
    bob = await signup(api, "bob@example.org")
    for account in (ann, bob):
        assert "errors" not in await api.gql('mutation { followAuthor(id: "A1") { followers } }', token=account.token)
    assert "errors" not in await api.gql('mutation { claimAuthor(id: "A1") { claimed } }', token=ann.token)
    body = await api.gql(TRUST, {"id": "A1"})
    expected = _expected(records, "A1", claimed=True, claim_method="EMAIL", claimant_email_verified=True, followers=2)
    assert body["data"]["authorProfile"]["trust"] == expected
    assert expected["verificationLevel"] == "L2"


async def test_social_and_trust_are_batched(empty_db: AsyncDriver, settings: Settings, database: str) -> None:
    records = _records()
    await write_works(empty_db, database, records)
    ctx = build_context(empty_db, settings)
    info = cast(Info, SimpleNamespace(context=ctx))
    ids = ["A1", "A2", "A3", "A4", "A5", "A9", "A404"]
    trusts = await asyncio.gather(*(social.author_trust(info, author_id=i) for i in ids))
    socials = await asyncio.gather(*(social.author_social(info, author_id=i) for i in ids))
    assert ctx.loaders.db.round_trips == 1  # one facts query answers both, whatever the number of authors
    assert [t.score for t in trusts[:6]] == [_expected(records, i)["score"] for i in ids[:6]]
    assert trusts[6].verification_level == "L0"  # unknown: a bare name
    assert [s.followers for s in socials] == [0] * len(ids)
