"""Profile settings: changed and seen by the claimant or an admin only."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

from neo4j import AsyncDriver

from context import Info, build_context
from resolvers import social
from settings import Settings
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
    # The seam the read API uses to hide fields: an anonymous viewer gets the claimant's choices.
    info = cast(Info, SimpleNamespace(context=build_context(empty_db, settings)))
    privacy = await social.author_privacy(info, author_id="A101")
    assert privacy == social.PrivacyRow(frozenset({"ORCID"}), "I2", viewer_sees_hidden=False)
