"""Profile settings: changed and seen by the claimant or an admin only."""

from __future__ import annotations

from typing import Any

from neo4j import AsyncDriver

from peergraph.context import build_context
from peergraph.settings import Settings
from tests.accounts.conftest import ADMIN_EMAIL
from tests.accounts.support import Api, code, signup, work_record, write_author, write_works

UPDATE = """mutation($id: ID!, $input: ProfileSettingsInput!) { updateAuthorProfile(id: $id, input: $input) {
  openToCollaborate settings { openToCollaborate invitePolicy hiddenFields shownAffiliationId } } }"""
SETTINGS = "query($id: ID!) { authorProfile(id: $id) { settings { invitePolicy hiddenFields } } }"
CLAIM = 'mutation { claimAuthor(id: "A101") { claimed } }'


def author_record() -> dict[str, Any]:
    return {
        "id": "https://openalex.org/A101",
        "display_name": "Ada",
        "updated_date": "2024-01-01T00:00:00",
        "last_known_institutions": [{"id": "https://openalex.org/I1", "display_name": "Uni One"}],
        "affiliations": [
            {"institution": {"id": "https://openalex.org/I2", "display_name": "Uni Two"}, "years": [2020]}
        ],
    }


async def test_profile_settings_by_claimant_or_admin(
    empty_db: AsyncDriver, api: Api, database: str, settings: Settings
) -> None:
    await write_works(empty_db, database, [work_record("W1", [("A101", "Ada", None)], [])])
    await write_author(empty_db, database, author_record())
    owner = await signup(api, "owner@example.org")
    stranger = await signup(api, "stranger@example.org")
    admin = await signup(api, ADMIN_EMAIL)
    change = {"openToCollaborate": True, "invitePolicy": "ANYONE_LOGGED_IN", "hiddenFields": ["ORCID"]}
    # Unclaimed: nobody has settings to change; the admin is told it is unclaimed.
    assert code(await api.gql(UPDATE, {"id": "A101", "input": change}, token=owner.token)) == "FORBIDDEN"
    assert code(await api.gql(UPDATE, {"id": "A101", "input": change}, token=admin.token)) == "BAD_USER_INPUT"
    assert (await api.gql(SETTINGS, {"id": "A101"}, token=admin.token))["data"]["authorProfile"]["settings"] is None
    assert "errors" not in await api.gql(CLAIM, token=owner.token)
    assert code(await api.gql(UPDATE, {"id": "A101", "input": change})) == "UNAUTHENTICATED"
    assert code(await api.gql(UPDATE, {"id": "A101", "input": change}, token=stranger.token)) == "FORBIDDEN"
    body = await api.gql(UPDATE, {"id": "A101", "input": change}, token=owner.token)
    assert body["data"]["updateAuthorProfile"] == {
        "openToCollaborate": True,
        "settings": {
            "openToCollaborate": True,
            "invitePolicy": "ANYONE_LOGGED_IN",
            "hiddenFields": ["ORCID"],
            "shownAffiliationId": None,
        },
    }
    by_admin = await api.gql(
        UPDATE, {"id": "A101", "input": {"invitePolicy": "NOBODY", "shownAffiliationId": "I2"}}, token=admin.token
    )
    assert by_admin["data"]["updateAuthorProfile"]["settings"] == {
        "openToCollaborate": True,
        "invitePolicy": "NOBODY",
        "hiddenFields": ["ORCID"],
        "shownAffiliationId": "I2",
    }
    not_theirs = await api.gql(UPDATE, {"id": "A101", "input": {"shownAffiliationId": "I3"}}, token=owner.token)
    assert code(not_theirs) == "BAD_USER_INPUT"
    # Reading the settings: anonymous, stranger, owner, admin.
    assert code(await api.gql(SETTINGS, {"id": "A101"})) == "UNAUTHENTICATED"
    assert code(await api.gql(SETTINGS, {"id": "A101"}, token=stranger.token)) == "FORBIDDEN"
    expected = {"invitePolicy": "NOBODY", "hiddenFields": ["ORCID"]}
    for token in (owner.token, admin.token):
        assert (await api.gql(SETTINGS, {"id": "A101"}, token=token))["data"]["authorProfile"]["settings"] == expected
    # The public sees openToCollaborate, not the settings.
    public = await api.gql('{ authorProfile(id: "A101") { openToCollaborate claimed } }')
    assert public["data"]["authorProfile"] == {"openToCollaborate": True, "claimed": True}
    # Where the read API hides fields: the author row as loaded for an anonymous viewer carries the claimant's
    # choices (what is hidden from this viewer, the affiliation shown).
    row = await build_context(empty_db, settings).loaders.author.load("A101")
    assert row is not None
    assert (row["hidden"], row["shownAffiliationId"]) == (["ORCID"], "I2")


PAGE = """query($id: ID!) { author(id: $id) { orcid affiliation { id } affiliationStatus
  topics { topic { id } } closeCollaborators { author { id } } coauthors { totalCount }
  counts { topics closeCollaborators } } }"""
HIDE = """mutation($id: ID!, $input: ProfileSettingsInput!) { updateAuthorProfile(id: $id, input: $input) {
  openToCollaborate } }"""


async def test_the_author_page_hides_what_the_claimant_hides(empty_db: AsyncDriver, api: Api, database: str) -> None:
    orcid = "0000-0002-1825-0097"
    await write_works(empty_db, database, [work_record("W1", [("A101", "Ada", orcid), ("A102", "Bo", None)], ["T1"])])
    await write_author(empty_db, database, author_record() | {"orcid": f"https://orcid.org/{orcid}"})
    owner = await signup(api, "owner@example.org")
    stranger = await signup(api, "stranger@example.org")
    full = {
        "orcid": orcid,
        "affiliation": {"id": "I1"},
        "affiliationStatus": "KNOWN",
        "topics": [{"topic": {"id": "T1"}}],
        "closeCollaborators": [{"author": {"id": "A102"}}],
        "coauthors": {"totalCount": 1},
        "counts": {"topics": 1, "closeCollaborators": 1},
    }
    assert (await api.gql(PAGE, {"id": "A101"}))["data"]["author"] == full
    assert "errors" not in await api.gql(CLAIM, token=owner.token)
    hide = {"hiddenFields": ["ORCID", "AFFILIATION", "TOPICS", "COLLABORATORS"]}
    assert "errors" not in await api.gql(HIDE, {"id": "A101", "input": hide}, token=owner.token)
    hidden: dict[str, object] = {
        "orcid": None,
        "affiliation": None,
        "affiliationStatus": "HIDDEN",
        "topics": [],
        "closeCollaborators": [],
        "coauthors": {"totalCount": 0},
        "counts": {"topics": 0, "closeCollaborators": 0},
    }
    for token in (None, stranger.token):
        assert (await api.gql(PAGE, {"id": "A101"}, token=token))["data"]["author"] == hidden
    assert (await api.gql(PAGE, {"id": "A101"}, token=owner.token))["data"]["author"] == full
    # Unhidden, with another affiliation chosen to be shown (one of the author's institutions).
    show = {"hiddenFields": [], "shownAffiliationId": "I2"}
    assert "errors" not in await api.gql(HIDE, {"id": "A101", "input": show}, token=owner.token)
    shown = await api.gql(PAGE, {"id": "A101"})
    assert shown["data"]["author"] == full | {"affiliation": {"id": "I2"}}
