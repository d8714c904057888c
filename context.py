"""The typed per-request context every resolver receives."""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import AsyncDriver
from starlette.requests import Request
from starlette.responses import Response
from strawberry.types import Info as StrawberryInfo

from loaders import Loaders, build_loaders
from loaders._db import ReadGateway
from settings import Settings


@dataclass
class Context:
    request: Request | None
    response: Response | None
    driver: AsyncDriver
    settings: Settings
    loaders: Loaders


def build_context(
    driver: AsyncDriver, settings: Settings, request: Request | None = None, response: Response | None = None
) -> Context:
    db = ReadGateway(driver=driver, database=settings.neo4j_database)
    return Context(request=request, response=response, driver=driver, settings=settings, loaders=build_loaders(db))


Info = StrawberryInfo[Context, None]
