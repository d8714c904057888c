"""Which Neo4j peergraph talks to: an explicit NEO4J_URI, else the project's own local server."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neo4j import AsyncDriver, AsyncGraphDatabase

from peergraph.db.launcher import LocalNeo4j, free_port
from peergraph.settings import Settings


@dataclass(frozen=True)
class Neo4jTarget:
    uri: str
    user: str
    password: str | None
    database: str

    @property
    def auth(self) -> tuple[str, str] | None:
        return None if self.password is None else (self.user, self.password)


def local_server(settings: Settings) -> LocalNeo4j:
    """The development server `make run` uses: persistent home, auth on, ports from settings."""
    return LocalNeo4j(
        home=settings.neo4j_home,
        jar_dir=settings.neo4j_jar_dir,
        version=settings.neo4j_version,
        bolt_port=settings.neo4j_bolt_port,
        http_port=settings.neo4j_http_port,
        heap=settings.neo4j_heap,
        pagecache=settings.neo4j_pagecache,
        java_home=settings.java_home,
        start_timeout=settings.neo4j_start_timeout_seconds,
    )


def throwaway_server(
    settings: Settings, home: Path, *, heap: str = "1g", pagecache: str = "512m", **overrides: Any
) -> LocalNeo4j:
    """A server of its own for tests and benchmarks: its own home, free ports, the shared jar cache."""
    params: dict[str, Any] = {
        "home": home,
        "jar_dir": settings.neo4j_jar_dir,
        "version": settings.neo4j_version,
        "bolt_port": free_port(),
        "http_port": free_port(),
        "heap": heap,
        "pagecache": pagecache,
        "java_home": settings.java_home,
        "start_timeout": settings.neo4j_start_timeout_seconds,
    }
    return LocalNeo4j(**(params | overrides))


def resolve_target(settings: Settings) -> Neo4jTarget:
    if settings.neo4j_uri:
        password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else None
        return Neo4jTarget(settings.neo4j_uri, settings.neo4j_user, password, settings.neo4j_database)
    server = local_server(settings)
    return Neo4jTarget(server.uri, "neo4j", server.password(), settings.neo4j_database)


def async_driver(settings: Settings) -> AsyncDriver:
    target = resolve_target(settings)
    return AsyncGraphDatabase.driver(
        target.uri,
        auth=target.auth,
        max_transaction_retry_time=settings.neo4j_max_retry_seconds,
        connection_timeout=settings.neo4j_connection_timeout_seconds,
        max_connection_pool_size=settings.neo4j_pool_size,
        connection_acquisition_timeout=settings.neo4j_pool_acquire_timeout_seconds,
        # "property key does not exist" warnings are noise for optional OpenAlex fields.
        notifications_disabled_classifications=["UNRECOGNIZED"],
        notifications_min_severity="WARNING",
    )
