"""The explorer's ResearcherProfile operation, exactly as the contract writes it, with real social data:
trust, counts.followers, claimed and viewerIsFollowing for anonymous and logged-in viewers."""

from __future__ import annotations

import re
from typing import Any

from neo4j import AsyncDriver

from peergraph.settings import PROJECT_ROOT
from tests.accounts.support import Api, signup, work_record, write_works

FOLLOW = "mutation($id: ID!) { followAuthor(id: $id) { followers } }"
CLAIM = 'mutation($id: ID!) { claimAuthor(id: $id, evidence: "my page") { claimed } }'


def researcher_profile() -> str:
    text = (PROJECT_ROOT / "contract" / "explorer.graphql").read_text()
    match = re.search(r"query ResearcherProfile\(.*?\n}\n", text, flags=re.S)
    assert match is not None
    return match.group(0)


async def _profile(api: Api, author_id: str, token: str | None = None) -> dict[str, Any]:
    body = await api.gql(researcher_profile(), {"id": author_id}, token=token)
    assert "errors" not in body, body
    author: dict[str, Any] = body["data"]["author"]
    return author


def _check_trust_adds_up(trust: dict[str, Any]) -> None:
    assert 0 <= trust["score"] <= 100
    assert trust["score"] == sum(f["points"] for f in trust["factors"])
    assert all(f["detail"] for f in trust["factors"])


async def test_profile_shows_real_social_state_to_anonymous_and_logged_in_viewers(
    empty_db: AsyncDriver, api: Api, database: str
) -> None:
    # A101 wrote 2 works with 4 coauthors over 3 topics: the example of a low, Unverified score.
    await write_works(
        empty_db,
        database,
        [
            work_record("W1", [("A101", "Ada", None), ("A201", "B", None), ("A202", "C", None)], ["T1", "T2"]),
            work_record("W2", [("A101", "Ada", None), ("A203", "D", None), ("A204", "E", None)], ["T3"]),
        ],
    )
    anonymous = await _profile(api, "A101")
    assert anonymous["claimed"] is False
    assert anonymous["viewerIsFollowing"] is False
    assert anonymous["counts"] == {"works": 2, "followers": 0, "topics": 3, "closeCollaborators": 4}
    assert anonymous["trust"]["verificationLevel"] == "L1"
    assert anonymous["trust"]["label"] == "Unverified"
    _check_trust_adds_up(anonymous["trust"])

    fan = await signup(api, "fan@example.org")
    owner = await signup(api, "owner@example.org")
    assert (await api.gql(FOLLOW, {"id": "A101"}, token=fan.token))["data"]["followAuthor"]["followers"] == 1
    assert (await api.gql(CLAIM, {"id": "A101"}, token=owner.token))["data"]["claimAuthor"]["claimed"] is True

    for_fan = await _profile(api, "A101", token=fan.token)
    assert for_fan["viewerIsFollowing"] is True
    assert for_fan["claimed"] is True
    assert for_fan["counts"]["followers"] == 1
    assert for_fan["trust"]["verificationLevel"] == "L2"  # claimed by a user with a verified email
    assert for_fan["trust"]["score"] > anonymous["trust"]["score"]
    _check_trust_adds_up(for_fan["trust"])

    for_owner = await _profile(api, "A101", token=owner.token)
    assert for_owner["viewerIsFollowing"] is False  # the owner claimed, but does not follow
    assert for_owner["claimed"] is True
    again_anonymous = await _profile(api, "A101")
    assert again_anonymous["viewerIsFollowing"] is False
    assert again_anonymous["counts"]["followers"] == 1
    assert again_anonymous["trust"] == for_fan["trust"]  # trust does not depend on who looks
