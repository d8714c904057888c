"""Account types: the viewer (private), a user as others see it, the answers of register and login."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypedDict

import strawberry

from accounts import follows
from accounts.auth.viewer import ViewerUser
from peergraph.context import Info
from schema.author import Author, AuthorRow
from schema.connection import Connection, Edge, page_window


@strawberry.type(description="An account as other users see it: an id and a display name, never the email.")
class User:
    id: strawberry.ID
    display_name: str


class FollowedAuthorRow(TypedDict):
    """A row of cypher/account/following_page.cypher."""

    since: str
    author: AuthorRow


@strawberry.type(description="An author the viewer follows.")
class FollowedAuthorEdge(Edge[Author]):
    since: str = strawberry.field(description="When the viewer started following (ISO 8601, UTC).")

    @classmethod
    def from_row(cls, cursor: str, row: FollowedAuthorRow) -> FollowedAuthorEdge:
        return cls(cursor=cursor, node=Author.from_row(row["author"]), since=str(row["since"]))


@strawberry.type(description="A page of followed authors.")
class FollowingConnection(Connection[Author]):
    edges: Sequence[FollowedAuthorEdge]


async def following_connection(info: Info, user_id: str, first: int | None, after: str | None) -> FollowingConnection:
    skip, limit = page_window(first, after)
    page = await follows.following(info, user_id=user_id, skip=skip, limit=limit)
    return FollowingConnection.build(page, FollowedAuthorEdge.from_row)


@strawberry.type(description="The logged-in account (only its owner ever sees it).")
class Viewer:
    id: strawberry.ID
    email: str
    display_name: str
    email_verified: bool
    orcid: str | None = strawberry.field(description="The ORCID iD the account authenticated, if any.")
    is_admin: bool
    claimed_author_ids: list[strawberry.ID] = strawberry.field(description="The authors this account claims.")

    @strawberry.field(description="The authors this account follows, most recent first.")
    async def following(self, info: Info, first: int | None = None, after: str | None = None) -> FollowingConnection:
        return await following_connection(info, str(self.id), first, after)

    @classmethod
    def from_user(cls, user: ViewerUser) -> Viewer:
        return cls(
            id=strawberry.ID(user.id),
            email=user.email,
            display_name=user.display_name,
            email_verified=user.email_verified,
            orcid=user.orcid,
            is_admin=user.is_admin,
            claimed_author_ids=[strawberry.ID(a) for a in user.claimed_author_ids],
        )


@strawberry.type(description="The answer to register: the same whether or not the email already had an account.")
class RegisterPayload:
    accepted: bool
    message: str


@strawberry.type(description="A short-lived access token: send it as `Authorization: Bearer <token>`.")
class AuthPayload:
    token: str
    expires_at: int = strawberry.field(description="When the token expires (Unix time, seconds).")
    viewer: Viewer
