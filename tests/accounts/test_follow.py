"""followAuthor / unfollowAuthor: logged-in only, idempotent, counts at once; the viewer's `following`."""

from __future__ import annotations

import asyncio

from neo4j import AsyncDriver

from peergraph.settings import Settings
from tests.accounts.support import Api, code, make_authors, signup

FOLLOW = "mutation($id: ID!) { followAuthor(id: $id) { author { id } followers viewerIsFollowing } }"
UNFOLLOW = "mutation($id: ID!) { unfollowAuthor(id: $id) { author { id } followers viewerIsFollowing } }"
PROFILE = "query($id: ID!) { authorProfile(id: $id) { followers viewerIsFollowing } }"
FOLLOWING = """query($first: Int, $after: String) { following(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor } edges { since node { id name } } } }"""


async def test_follow_is_for_logged_in_users_only(empty_db: AsyncDriver, api: Api, database: str) -> None:
    await make_authors(empty_db, database, "A101")
    assert code(await api.gql(FOLLOW, {"id": "A101"})) == "UNAUTHENTICATED"
    assert code(await api.gql(UNFOLLOW, {"id": "A101"})) == "UNAUTHENTICATED"
    assert code(await api.gql(FOLLOWING)) == "UNAUTHENTICATED"
    assert (await api.gql(PROFILE, {"id": "A101"}))["data"]["authorProfile"] == {
        "followers": 0,
        "viewerIsFollowing": False,
    }


async def test_follow_is_idempotent_and_counts_at_once(empty_db: AsyncDriver, api: Api, database: str) -> None:
    await make_authors(empty_db, database, "A101")
    ann = await signup(api, "ann@example.org")
    bob = await signup(api, "bob@example.org", verify=False)  # following needs no verified email
    first = await api.gql(FOLLOW, {"id": "A101"}, token=ann.token)
    assert first["data"]["followAuthor"] == {"author": {"id": "A101"}, "followers": 1, "viewerIsFollowing": True}
    again = await api.gql(FOLLOW, {"id": "https://openalex.org/A101"}, token=ann.token)
    assert again == first
    by_bob = await api.gql(FOLLOW, {"id": "A101"}, token=bob.token)
    assert by_bob["data"]["followAuthor"]["followers"] == 2
    records, _, _ = await empty_db.execute_query(
        "MATCH (:User)-[f:FOLLOWS]->(:Author {id: 'A101'}) RETURN count(f) AS n", database_=database
    )
    assert records[0]["n"] == 2
    # Each viewer sees their own viewerIsFollowing; anonymous sees the count only.
    assert (await api.gql(PROFILE, {"id": "A101"}))["data"]["authorProfile"] == {
        "followers": 2,
        "viewerIsFollowing": False,
    }
    gone = await api.gql(UNFOLLOW, {"id": "A101"}, token=ann.token)
    assert gone["data"]["unfollowAuthor"] == {"author": {"id": "A101"}, "followers": 1, "viewerIsFollowing": False}
    assert await api.gql(UNFOLLOW, {"id": "A101"}, token=ann.token) == gone
    assert (await api.gql(PROFILE, {"id": "A101"}, token=bob.token))["data"]["authorProfile"] == {
        "followers": 1,
        "viewerIsFollowing": True,
    }


async def test_follow_unknown_or_malformed_author(empty_db: AsyncDriver, api: Api) -> None:
    ann = await signup(api, "ann@example.org")
    assert code(await api.gql(FOLLOW, {"id": "A999"}, token=ann.token)) == "NOT_FOUND"
    assert code(await api.gql(FOLLOW, {"id": "W1"}, token=ann.token)) == "BAD_USER_INPUT"
    assert code(await api.gql(UNFOLLOW, {"id": "A999"}, token=ann.token)) == "NOT_FOUND"


async def test_following_connection_pages_newest_first(empty_db: AsyncDriver, api: Api, database: str) -> None:
    ids = [f"A{200 + n}" for n in range(5)]
    await make_authors(empty_db, database, *ids)
    ann = await signup(api, "ann@example.org")
    for aid in ids:
        assert "errors" not in await api.gql(FOLLOW, {"id": aid}, token=ann.token)
    page = (await api.gql(FOLLOWING, {"first": 3}, token=ann.token))["data"]["following"]
    assert page["totalCount"] == 5
    assert [e["node"]["id"] for e in page["edges"]] == list(reversed(ids))[:3]
    assert page["pageInfo"]["hasNextPage"] is True
    rest = await api.gql(FOLLOWING, {"first": 3, "after": page["pageInfo"]["endCursor"]}, token=ann.token)
    assert [e["node"]["id"] for e in rest["data"]["following"]["edges"]] == list(reversed(ids))[3:]
    viewer = await api.gql("{ viewer { following(first: 10) { totalCount } } }", token=ann.token)
    assert viewer["data"]["viewer"]["following"]["totalCount"] == 5
    # Another user's list is their own.
    bob = await signup(api, "bob@example.org")
    assert (await api.gql(FOLLOWING, token=bob.token))["data"]["following"]["totalCount"] == 0


async def test_follow_changes_are_rate_limited(
    empty_db: AsyncDriver, api: Api, database: str, account_settings: Settings
) -> None:
    await make_authors(empty_db, database, "A101")
    ann = await signup(api, "ann@example.org")
    for _ in range(account_settings.follows_per_user):
        assert "errors" not in await api.gql(FOLLOW, {"id": "A101"}, token=ann.token)
    assert code(await api.gql(FOLLOW, {"id": "A101"}, token=ann.token)) == "RATE_LIMITED"


async def test_concurrent_follows_leave_one_relationship(empty_db: AsyncDriver, api: Api, database: str) -> None:
    await make_authors(empty_db, database, "A101")
    ann = await signup(api, "ann@example.org")
    bodies = await asyncio.gather(*(api.gql(FOLLOW, {"id": "A101"}, token=ann.token) for _ in range(20)))
    assert all("errors" not in body for body in bodies)
    records, _, _ = await empty_db.execute_query(
        "MATCH (:User)-[f:FOLLOWS]->(:Author {id: 'A101'}) RETURN count(f) AS n", database_=database
    )
    assert records[0]["n"] == 1
