"""The ASGI application: Starlette routes, the GraphQL endpoint, and the lifespan that owns the driver."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
from collections.abc import AsyncIterator
from typing import Any

import orjson
from cross_web import AsyncHTTPRequestAdapter, HTTPException
from graphql import GraphQLError, OperationDefinitionNode
from neo4j import READ_ACCESS, AsyncDriver, Query
from neo4j.exceptions import DriverError, Neo4jError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import Message, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, GraphQLRequestData
from strawberry.http.base import BaseRequestProtocol
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from cypher.health import PING
from peergraph.compression import Compression
from peergraph.context import Context, build_context
from peergraph.db.migrations import apply_migrations
from peergraph.db.target import async_driver
from peergraph.errors import ErrorCode
from peergraph.http_cache import GraphQLHttpCaching
from peergraph.ide import graphiql_asset, graphiql_page, page_response
from peergraph.limits import RequestLimits
from peergraph.observability import RESPONSE_CACHE, RequestObserver, configure_logging, metrics, worker_exited
from peergraph.persisted_queries import PersistedQueries, PersistedQueryError
from peergraph.prepared import PreparedDocuments
from peergraph.response_cache import CACHE_HEADER, Kept, ResponseCache, SharedVersions
from peergraph.settings import Settings, get_settings
from peergraph.warmup import PlanWarmer, warmer_driver
from peergraph.web import web_routes
from schema import build_schema
from schema.cost import carries_token
from schema.guards import ErrorPolicy

log = logging.getLogger("peergraph")
READY_TIMEOUT_SECONDS = 2.0
NOT_A_REQUEST = "The body is not a GraphQL request: send a JSON object with a `query` string"
SEVERAL_OPERATIONS = "The document has several operations: name the one to run in `operationName`"


class BodyTooLarge(Exception):
    """The request body grew past `max_body_bytes` while it was read."""


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI view, answering every request it cannot run as GraphQL-over-HTTP: a 4xx with
    `{"errors": [{"message", "extensions": {"code": "BAD_REQUEST"}}]}`, never a plain-text or 500 answer."""

    def __init__(self, settings: Settings) -> None:
        schema = build_schema(settings)
        super().__init__(schema, graphql_ide="graphiql" if settings.graphiql else None)
        self.settings = settings
        self.persisted = PersistedQueries(settings.persisted_queries_max_chars)
        self.cache = (
            ResponseCache(
                schema._schema,
                max_bytes=settings.response_cache_bytes,
                ttl_seconds=settings.response_cache_seconds,
            )
            if settings.response_cache_bytes > 0
            else None
        )
        self.versions = SharedVersions()
        guards = schema.guards
        assert guards is not None  # build_schema sets them
        self.guards = guards
        self.prepared = PreparedDocuments(schema, guards) if settings.prepared_documents else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        request = Request(scope=scope, receive=self._bounded(receive))
        declared = request.headers.get("content-length", "")
        try:
            if declared.isdigit() and int(declared) > self.settings.max_body_bytes:
                raise BodyTooLarge
            response = await self.answer(request)
        except BodyTooLarge:
            response = self.refusal(request, 413, f"The body is over {self.settings.max_body_bytes:,} bytes")
        except HTTPException as exc:
            response = self.refusal(request, exc.status_code, exc.reason)
        except PersistedQueryError as exc:
            response = self.refusal(request, exc.status, exc.message, exc.code)
        await response(scope, receive, send)

    async def answer(self, request: Request) -> Response:
        """The kept answer of an anonymous read when the response cache has it (peergraph/response_cache.py), else
        the request run (and its answer kept when it may be)."""
        cache = self.cache
        operation = request.method == "POST" or "query" in request.query_params or "extensions" in request.query_params
        if cache is None or not operation or "authorization" in request.headers:
            return await self.run(request)
        data = await self.parse_http_body(self.request_adapter_class(request))
        if isinstance(data, list) or data.query is None:
            return await self.run(request)
        profile = cache.profile(data.query, data.operation_name)
        versions = await self.versions.read(request.app.state.driver, self.settings, request) if profile.query else None
        if versions is None:
            return await self.run(request)
        key = cache.key(data.query, data.operation_name, data.variables, versions, profile.social)
        state = request.state
        kept = cache.get(key)
        if kept is not None:
            RESPONSE_CACHE.labels("hit").inc()
            state.graphql_operation, state.graphql_outcome = data.operation_name, "OK"
            state.graphql_cost, state.neo4j_round_trips = kept.cost, 1
            return Response(kept.body, media_type="application/json", headers={CACHE_HEADER: "hit"})
        RESPONSE_CACHE.labels("miss").inc()
        response = await self.run(request)
        if response.status_code == 200 and b'"errors":' not in response.body:
            cache.keep(key, Kept(bytes(response.body), getattr(state, "graphql_cost", None)))
        state.neo4j_round_trips = getattr(state, "neo4j_round_trips", 0) + 1  # the versions' read
        response.headers[CACHE_HEADER] = "miss"
        return response

    async def run(self, request: Request, context: Any = UNSET, root_value: Any = UNSET) -> Response:  # type: ignore[override]
        """A prepared document's anonymous operation straight through graphql-core (peergraph/prepared.py), else the
        view. A GET is an operation only with `query` or a persisted hash in `extensions` (else a visit to the IDE)."""
        prepared = self.prepared
        method = request.method
        if (
            prepared is not None
            and context is UNSET
            and "authorization" not in request.headers
            and (
                method == "POST"
                or (method == "GET" and ("query" in request.query_params or "extensions" in request.query_params))
            )
        ):
            response = await prepared.answer(self, request)
            if response is not None:
                return response
        return await super().run(request, context, root_value)

    def _bounded(self, receive: Receive) -> Receive:
        """`receive`, raising BodyTooLarge once the body's chunks add up past the limit (a chunked upload declares
        no length)."""
        received = 0

        async def bounded() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.settings.max_body_bytes:
                raise BodyTooLarge
            return message

        return bounded

    def refusal(self, request: Request, status: int, message: str, code: ErrorCode = ErrorCode.BAD_REQUEST) -> Response:
        request.state.graphql_outcome = code.value
        log.info("refused a request (%d, %s): %s", status, code.value, message)
        ceiling = self.settings.cost_ceiling_anonymous
        if carries_token(request.headers.get("authorization")):
            ceiling = self.settings.cost_ceiling_authenticated
        body = {
            "errors": [{"message": message, "extensions": {"code": code.value}}],
            "extensions": {"cost": {"estimated": 0, "actual": 0, "ceiling": ceiling}},
        }
        return Response(self.encode_json(body), status_code=status, media_type="application/json")

    def encode_json(self, data: object) -> bytes:
        """orjson: a 5,000-authorship WorkDetail encodes several times faster than with json.dumps."""
        return orjson.dumps(data)

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)  # its JSONDecodeError is json's: strawberry answers 400

    async def parse_http_body(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData | list[GraphQLRequestData]:
        """The request's operation, its document taken from the persisted queries when it sends only a hash."""
        data = await self.parse_request(request)
        if isinstance(data, list):
            return data
        data.query = self.persisted.resolve(data.query, data.extensions)
        return data

    async def parse_request(self, request: AsyncHTTPRequestAdapter) -> GraphQLRequestData | list[GraphQLRequestData]:
        """A POST body must be one JSON object whose members have the types GraphQL-over-HTTP gives them."""
        if request.method != "POST":
            return await super().parse_http_body(request)
        content_type = (request.content_type or "").split(";", 1)[0].strip().lower()
        if content_type != "application/json":
            raise HTTPException(415, f"Unsupported content type {content_type[:80]!r}: send application/json")
        data = self.parse_json(await request.get_body())
        if not isinstance(data, dict):
            raise HTTPException(400, NOT_A_REQUEST)
        members: dict[str, tuple[type, ...]] = {
            "query": (str,),
            "operationName": (str,),
            "variables": (dict,),
            "extensions": (dict,),
        }
        for name, types in members.items():
            if not isinstance(data.get(name), (*types, type(None))):
                kind = "a string" if types == (str,) else "an object"
                raise HTTPException(400, f"The request's `{name}` must be {kind} or null")
        value: dict[str, Any] = data
        return GraphQLRequestData(
            query=value.get("query"),
            variables=value.get("variables"),
            operation_name=value.get("operationName"),
            extensions=value.get("extensions"),
        )

    async def execute_single(
        self,
        request: Request,
        request_adapter: AsyncHTTPRequestAdapter,
        sub_response: Response,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        """Strawberry's, except that a document of several operations sent without `operationName` is refused (400
        BAD_REQUEST), as the spec's GetOperation requires: strawberry ran the document's first operation."""
        query = request_data.query
        if request_data.operation_name is None and query is not None and self.operations(query) > 1:
            raise HTTPException(400, SEVERAL_OPERATIONS)
        return await super().execute_single(request, request_adapter, sub_response, context, root_value, request_data)

    def operations(self, text: str) -> int:
        """How many operations the document defines; 0 when it does not parse (strawberry gives that error)."""
        guards = self.guards
        try:
            document = guards.parse(text, max_tokens=guards.max_tokens)
        except GraphQLError:
            return 0
        return sum(isinstance(d, OperationDefinitionNode) for d in document.definitions)

    async def get_context(self, request: Request, response: Response | None) -> Context:  # type: ignore[override]
        driver: AsyncDriver = request.app.state.driver
        return build_context(driver, self.settings, request=request, response=response)

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        """Every error leaves with a code, whichever step raised it (parse errors can skip the extensions)."""
        if result.errors:
            result.errors = [ErrorPolicy.apply(error) for error in result.errors]
        return await super().process_result(request, result)

    def should_render_graphql_ide(self, request: BaseRequestProtocol) -> bool:
        """A GET with only a persisted query's hash is an operation, not a visit to the IDE."""
        return "extensions" not in request.query_params and super().should_render_graphql_ide(request)

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL from the app's own installed assets (never a CDN), with the contract's operations as tabs."""
        return page_response()


async def livez(_: Request) -> JSONResponse:
    """The process is up (no dependencies checked)."""
    return JSONResponse({"status": "alive"})


async def readyz(request: Request) -> JSONResponse:
    """Neo4j answers a read within a short deadline, at the first attempt: a stopped server is said at once
    (execute_query retried the refused connection until the deadline, so a 503 took the whole 2 s)."""
    settings: Settings = request.app.state.settings
    driver: AsyncDriver = request.app.state.driver
    try:
        async with (
            asyncio.timeout(READY_TIMEOUT_SECONDS),
            driver.session(database=settings.neo4j_database, default_access_mode=READ_ACCESS) as session,
        ):
            await (await session.run(Query(PING, timeout=READY_TIMEOUT_SECONDS))).consume()
    except (TimeoutError, DriverError, Neo4jError, OSError) as exc:
        return JSONResponse({"status": "unavailable", "neo4j": type(exc).__name__}, status_code=503)
    return JSONResponse({"status": "ready", "neo4j": "ok"})


def graphiql_routes(settings: Settings) -> list[Route]:
    if not settings.graphiql:
        return []
    return [Route("/graphiql", graphiql_page), Route("/graphiql/assets/{name}", graphiql_asset)]


def create_app(settings: Settings) -> Starlette:
    graphql = GraphQLApp(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        driver = async_driver(settings)
        app.state.driver = driver
        app.state.settings = settings
        warmer: asyncio.Task[None] | None = None
        try:
            if settings.migrate_on_startup:
                await apply_migrations(driver, settings.neo4j_database)
            if settings.warm_plans:
                warmer = asyncio.create_task(PlanWarmer(warmer_driver(settings), settings, graphql.schema).watch())
            if settings.gc_freeze:  # what startup made lives as long as the process (settings.py: gc_freeze)
                gc.collect()
                gc.freeze()
            yield
        finally:
            if warmer is not None:
                warmer.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await warmer
            await driver.close()
            worker_exited()

    return Starlette(
        routes=[
            Route("/livez", livez),
            Route("/readyz", readyz),
            Route("/metrics", metrics),
            Route(
                "/graphql",
                GraphQLHttpCaching(graphql, settings.get_cache_max_age_seconds),
                methods=["GET", "POST"],
            ),
            *graphiql_routes(settings),
            *web_routes(),
        ],
        middleware=edge_middleware(settings),
        lifespan=lifespan,
    )


def edge_middleware(settings: Settings) -> list[Middleware]:
    """Outermost first: the request's id, metrics and access line see every request, CORS preflights included."""
    return [
        Middleware(RequestObserver),
        Middleware(
            CORSMiddleware,
            allow_origins=settings.allowed_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["authorization", "content-type", "x-request-id"],
            expose_headers=["x-request-id", "etag", "retry-after"],
            max_age=600,
        ),
        Middleware(Compression, minimum_size=settings.compress_min_bytes),
        # Inside CORS, so a browser can read a shed or timed-out answer too.
        Middleware(RequestLimits, settings=settings),
    ]


def app_from_environment() -> Starlette:
    """The app of one worker process under `peergraph serve --workers N` (uvicorn's factory): settings from the
    environment, as every process reads them."""
    settings = get_settings()
    configure_logging(settings)
    return create_app(settings)
