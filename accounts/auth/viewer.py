"""Who is asking: the bearer token of a request, resolved lazily to the account it names."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypedDict

from accounts.auth.tokens import InvalidToken, decode_access_token
from peergraph.errors import ApiError, unauthenticated
from peergraph.settings import Settings


class UserRow(TypedDict):
    """An account as cypher/account/get_users_by_ids.cypher returns it (never its password hash)."""

    id: str
    email: str
    displayName: str | None
    emailVerified: bool | None
    orcid: str | None
    createdAt: str | None
    claimedAuthorIds: list[str]


@dataclass(frozen=True)
class ViewerUser:
    id: str
    email: str
    display_name: str
    email_verified: bool
    orcid: str | None
    is_admin: bool
    claimed_author_ids: tuple[str, ...]


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


class ViewerSession:
    """Resolves the viewer once per request. An invalid token is an error, not an anonymous viewer."""

    def __init__(
        self,
        settings: Settings,
        token: str | None,
        load_user: Callable[[str], Awaitable[UserRow | None]],
    ) -> None:
        self._settings = settings
        self._token = token
        self._load_user = load_user
        self._resolved = False
        self._viewer: ViewerUser | None = None
        self._error: ApiError | None = None
        # Fields resolve concurrently: the first caller loads the viewer, the others wait for it (without the
        # lock a second caller saw "resolved" before the user row arrived and was answered as anonymous).
        self._lock = asyncio.Lock()

    async def get(self) -> ViewerUser | None:
        """The viewer, None when anonymous; raises UNAUTHENTICATED for a bad or stale token."""
        if not self._resolved:
            async with self._lock:
                if not self._resolved:
                    await self._resolve()
        if self._error is not None:
            raise self._error
        return self._viewer

    @property
    def has_token(self) -> bool:
        """An Authorization header was sent (a bad one too): the request is not anonymous."""
        return self._token is not None

    async def get_or_anonymous(self) -> ViewerUser | None:
        """The viewer for public fields: None when anonymous. A bad token never gets here as anonymous: the request
        is refused before execution (schema/accounts/authentication.py); should a field run anyway, it raises."""
        return await self.get()

    async def require(self) -> ViewerUser:
        viewer = await self.get()
        if viewer is None:
            raise unauthenticated()
        return viewer

    async def _resolve(self) -> None:
        try:
            await self._load()
        finally:
            self._resolved = True

    async def _load(self) -> None:
        if self._token is None:
            return
        try:
            user_id = decode_access_token(self._settings, self._token)
        except InvalidToken:
            self._error = unauthenticated("the access token is invalid or expired")
            return
        row = await self._load_user(user_id)
        if row is None:
            self._error = unauthenticated("the access token is invalid or expired")
            return
        self._viewer = viewer_from_row(row, self._settings)


def viewer_from_row(row: UserRow, settings: Settings) -> ViewerUser:
    email = str(row["email"])
    verified = bool(row.get("emailVerified"))
    admins = {e.strip().lower() for e in settings.admin_emails}
    return ViewerUser(
        id=str(row["id"]),
        email=email,
        display_name=str(row.get("displayName") or ""),
        email_verified=verified,
        orcid=row.get("orcid"),
        is_admin=verified and email.lower() in admins,
        claimed_author_ids=tuple(row.get("claimedAuthorIds") or ()),
    )
