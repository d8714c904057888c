"""What an operator watches: a request id on every log line, one access line per request, Prometheus metrics.

Metrics are correct with several worker processes: `peergraph serve --workers N` gives them a shared
`PROMETHEUS_MULTIPROC_DIR`, and `/metrics` then aggregates every worker's files (prometheus-client's
multiprocess mode). The metric objects below are created at import, after that variable is set.
"""

from __future__ import annotations

import contextvars
import functools
import logging
import os
import re
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar, cast

import orjson
from graphql import GraphQLError
from neo4j.exceptions import Neo4jError
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client import REGISTRY as DEFAULT_REGISTRY
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.types import ExecutionContext

from peergraph.settings import Settings

log = logging.getLogger("peergraph.access")
Work = TypeVar("Work", bound=Callable[..., Awaitable[Any]])
REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
# A client's X-Request-Id is kept when it is a plain token (it ends up in logs and headers).
_CLIENT_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
# Operation names are chosen by clients: past this many distinct names a process labels the rest "other", so a
# client cannot grow the metrics without bound.
MAX_OPERATION_LABELS = 200
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
QUIET_PATHS = frozenset({"/livez", "/readyz", "/metrics"})

REQUESTS = Counter(
    "peergraph_graphql_requests_total", "GraphQL requests by operation name and outcome code", ["operation", "outcome"]
)
LATENCY = Histogram(
    "peergraph_graphql_request_seconds",
    "GraphQL request duration by operation name and outcome code",
    ["operation", "outcome"],
    buckets=LATENCY_BUCKETS,
)
HTTP_RESPONSES = Counter("peergraph_http_responses_total", "HTTP responses by status code", ["status"])
IN_FLIGHT = Gauge("peergraph_requests_in_flight", "HTTP requests being answered", multiprocess_mode="livesum")
SHED = Counter("peergraph_requests_shed_total", "Requests refused with OVERLOADED before any work")
QUEUE_TIMEOUTS = Counter(
    "peergraph_requests_queue_timeouts_total", "Requests shed (OVERLOADED) after waiting their turn to execute"
)
NEO4J_ROUND_TRIPS = Counter("peergraph_neo4j_round_trips_total", "Cypher statements sent to Neo4j by the API")
COST_ESTIMATED = Histogram(
    "peergraph_graphql_cost_estimated_nodes",
    "Nodes a document could return, estimated before execution",
    buckets=(1, 10, 100, 1_000, 10_000, 100_000, 1_000_000),
)
DEADLOCKS_RETRIED = Counter(
    "peergraph_neo4j_deadlocks_retried_total",
    "Transactions Neo4j aborted on a detected deadlock and that were retried (account writes, rate limits, imports)",
)
DEADLOCK_CODE = "Neo.TransientError.Transaction.DeadlockDetected"
RESPONSE_CACHE = Counter(
    "peergraph_response_cache_lookups_total", "Anonymous reads looked up in the response cache, by result", ["result"]
)
RESPONSE_CACHE_VERSION_READS = Counter(
    "peergraph_response_cache_version_reads_total",
    "Reads of the graph's and the accounts' versions for response-cache lookups (concurrent lookups share one)",
)
# The importer as it runs inside the API (the importRecords mutation); `peergraph import` is its own process and
# reports through its --json summary instead.
IMPORT_RECORDS = Counter(
    "peergraph_import_records_total",
    "Records the in-process importer accepted, by entity kind and outcome (created, updated, unchanged, older)",
    ["entity", "outcome"],
)
IMPORT_REJECTS = Counter(
    "peergraph_import_rejects_total", "Records the in-process importer rejected, by reason code", ["reason"]
)
IMPORT_BATCHES = Counter("peergraph_import_batches_total", "Write transactions the in-process importer committed")
IMPORT_OUTCOMES = ("created", "updated", "unchanged", "older")

_operations: set[str] = set()


def operation_label(name: str | None) -> str:
    if not name:
        return "anonymous"
    if name in _operations or len(_operations) < MAX_OPERATION_LABELS:
        _operations.add(name)
        return name
    return "other"


# --- logs -----------------------------------------------------------------------------------------------------


class RequestIdFilter(logging.Filter):
    """Stamps every record with the request it was logged under ("-" outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = REQUEST_ID.get()
        return True


class RetriedDeadlocks(logging.Filter):
    """Leaves out the driver's "will be retried" warnings for deadlocks: they are harmless (the write is retried
    and succeeds) but each comes with a lock dump that reads like a failure. They are counted where they are met
    (`deadlock_retried`, `counting_deadlocks`), whatever the logging setup, so the metric never depends on it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not ("DeadlockDetected" in message and "retried" in message)


def deadlock_retried(error: BaseException) -> None:
    """Counts `error` in peergraph_neo4j_deadlocks_retried_total when it is a deadlock (the caller retries it)."""
    if getattr(error, "code", None) == DEADLOCK_CODE:
        DEADLOCKS_RETRIED.inc()


def counting_deadlocks(work: Work) -> Work:
    """A transaction function for the driver's own retry loop (`session.execute_write`), counting the deadlocks
    that abort it: the driver retries them, and says so only in a log line."""

    @functools.wraps(work)
    async def counted(*args: Any, **kwargs: Any) -> Any:
        try:
            return await work(*args, **kwargs)
        except Neo4jError as error:
            deadlock_retried(error)
            raise

    return cast(Work, counted)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, and the record's `fields`."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        entry |= getattr(record, "fields", {})
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
retried_deadlocks = RetriedDeadlocks()


def configure_logging(settings: Settings) -> None:
    """Root logging as the settings say: `PEERGRAPH_LOG_FORMAT=json` or readable text, at `PEERGRAPH_LOG_LEVEL`."""
    handler = logging.StreamHandler()
    handler.addFilter(RequestIdFilter())
    handler.addFilter(retried_deadlocks)  # on the handler: it sees the driver's records whichever logger logs them
    handler.setFormatter(JsonFormatter() if settings.log_format == "json" else logging.Formatter(TEXT_FORMAT))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)
    # Our access line replaces uvicorn's (which has no request id, operation or outcome).
    logging.getLogger("uvicorn.access").disabled = True


# --- the request's story ----------------------------------------------------------------------------------------


class RequestObserver:
    """ASGI middleware: the request id (client's X-Request-Id or a new one, returned in the response), the
    in-flight gauge, the metrics and the access line, with what the GraphQL layer left in the request's state."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _request_id(scope)
        token = REQUEST_ID.set(request_id)
        state: dict[str, Any] = scope.setdefault("state", {})
        state["request_id"] = request_id
        status = 500
        started = time.perf_counter()
        recorded = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, recorded
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            elif message["type"] == "http.response.body" and not message.get("more_body", False) and not recorded:
                # Counted before the answer's last bytes leave: a client that reads /metrics next sees its own
                # request there (recorded after the app returned, a scrape on the same connection could come
                # first, and the suite's metrics test failed 1 run in 3).
                recorded = True
                _record(scope, state, status, time.perf_counter() - started)
            await send(message)

        IN_FLIGHT.inc()
        try:
            await self.app(scope, receive, send_with_id)
        finally:
            IN_FLIGHT.dec()
            if not recorded:  # no complete answer was sent (the client left, or the app failed)
                _record(scope, state, status, time.perf_counter() - started)
            REQUEST_ID.reset(token)


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id":
            text: str = value.decode("latin-1")
            if _CLIENT_REQUEST_ID.match(text):
                return text
    return uuid.uuid4().hex


def _record(scope: Scope, state: dict[str, Any], status: int, seconds: float) -> None:
    path: str = scope.get("path", "")
    HTTP_RESPONSES.labels(str(status)).inc()
    fields: dict[str, Any] = {
        "method": scope.get("method"),
        "path": path,
        "status": status,
        "duration_ms": round(seconds * 1000, 2),
    }
    if "graphql_outcome" in state or path == "/graphql":
        outcome = state.get("graphql_outcome") or ("OK" if status < 400 else f"HTTP_{status}")
        operation = operation_label(state.get("graphql_operation"))
        REQUESTS.labels(operation, outcome).inc()
        LATENCY.labels(operation, outcome).observe(seconds)
        NEO4J_ROUND_TRIPS.inc(state.get("neo4j_round_trips") or 0)
        fields |= {
            "operation": state.get("graphql_operation"),
            "outcome": outcome,
            "cost": state.get("graphql_cost"),
            "neo4j_round_trips": state.get("neo4j_round_trips"),
        }
    level = logging.DEBUG if path in QUIET_PATHS else logging.INFO
    if log.isEnabledFor(level):
        text = " ".join(f"{key}={value}" for key, value in fields.items() if value is not None)
        log.log(level, "%s", text, extra={"fields": fields})


def observe_operation(context: ExecutionContext) -> None:
    """Leaves the operation's name, outcome code and round trips in the request's state for the access line. Run after
    the error policy (schema/guards.py: Guards), so the codes it reads are the ones the client sees."""
    request = getattr(context.context, "request", None)
    if request is None:
        return
    errors = getattr(context.result, "errors", None) or context.pre_execution_errors or []
    loaders = getattr(context.context, "loaders", None)
    leave_operation(request.state, context.operation_name, errors, None if loaders is None else loaders.db.round_trips)


def leave_operation(state: Any, name: str | None, errors: Sequence[GraphQLError], round_trips: int | None) -> None:
    """The access line's fields of an operation (also peergraph/prepared.py's): its name, the first code among the
    errors the client sees (BAD_USER_INPUT when none has one) or OK, and its round trips."""
    state.graphql_operation = name
    codes = [(error.extensions or {}).get("code") for error in errors]
    state.graphql_outcome = next((code for code in codes if code), "BAD_USER_INPUT") if errors else "OK"
    if round_trips is not None:
        state.neo4j_round_trips = round_trips


# --- /metrics -----------------------------------------------------------------------------------------------------


def metrics_registry() -> CollectorRegistry:
    """Every worker's metrics when running several (multiprocess directory), else this process's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return registry
    return DEFAULT_REGISTRY


async def metrics(_: Request) -> Response:
    return Response(generate_latest(metrics_registry()), media_type=CONTENT_TYPE_LATEST)


def worker_exited() -> None:
    """A worker's live gauges stop counting when it exits (multiprocess mode only)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]
