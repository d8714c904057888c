"""The typed per-request context every resolver receives."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from neo4j import AsyncDriver
from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from accounts.auth.services import AccountServices, build_services, services_for
from accounts.auth.viewer import ViewerSession, bearer_token
from loaders import Loaders
from loaders.gateway import ReadGateway
from loaders.privacy import ANONYMOUS, Audience
from loaders.rankings import RankingCache, rankings_for
from peergraph.settings import Settings


@dataclass
class Account:
    """Accounts: the lazily resolved viewer, the app's account services."""

    viewer: ViewerSession
    services: AccountServices
    client_ip: str
    audience: Callable[[], Awaitable[Audience]]  # the viewer as the read queries see it, resolved once


def _client_ip(request: Request | None, settings: Settings) -> str:
    if request is None:
        return "local"
    forwarded = request.headers.get("x-forwarded-for")
    if settings.trust_forwarded_for and forwarded:
        return forwarded.split(",")[0].strip()
    return request.client.host if request.client else "unknown"


def build_account(loaders: Loaders, settings: Settings, request: Request | None) -> Account:
    token = bearer_token(request.headers.get("authorization")) if request is not None else None
    services = services_for(request.app.state, settings) if request is not None else build_services(settings)
    session: ViewerSession

    async def audience() -> Audience:
        viewer = await session.get_or_anonymous()
        return ANONYMOUS if viewer is None else Audience(user_id=viewer.id, admin=viewer.is_admin)

    # The user loader never waits for the viewer (its query names no `$viewer`): it is what resolves the viewer.
    session = ViewerSession(settings, token, lambda user_id: loaders.user.load(user_id))
    return Account(
        viewer=session,
        services=services,
        client_ip=_client_ip(request, settings),
        audience=audience,
    )


@dataclass
class Context:
    request: Request | None
    response: Response | None
    driver: AsyncDriver
    settings: Settings
    loaders: Loaders
    account: Account


def build_context(
    driver: AsyncDriver, settings: Settings, request: Request | None = None, response: Response | None = None
) -> Context:
    async def audience() -> Audience:  # the account is built with the gateway it reads through
        return await account.audience()

    db = ReadGateway(
        driver=driver,
        database=settings.neo4j_database,
        retry_seconds=settings.neo4j_max_retry_seconds,
        deadline=None if request is None else getattr(request.state, "deadline", None),
        audience=audience,
    )
    loaders = Loaders(db, _rankings(request, settings))
    account = build_account(loaders, settings, request)
    return Context(
        request=request, response=response, driver=driver, settings=settings, loaders=loaders, account=account
    )


def _rankings(request: Request | None, settings: Settings) -> RankingCache:
    """The app's kept coauthor rankings; a context without a request (a test, a script) keeps its own."""
    size = {"min_coauthors": settings.coauthor_ranking_min, "max_rows": settings.coauthor_ranking_cache_rows}
    return RankingCache(**size) if request is None else rankings_for(request.app.state, **size)


Info = StrawberryInfo[Context, None]
