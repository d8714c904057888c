"""The schema's one extension (Guards): query guards (depth, aliases, tokens, cost), document caches, error masking,
round trips.

Client mistakes are shown with a code: a document that does not parse (or has too many tokens) is
GRAPHQL_PARSE_FAILED, one that fails validation or a guard GRAPHQL_VALIDATION_FAILED, one that costs too much
QUERY_TOO_COSTLY (schema/cost.py); errors raised on purpose (`errors.ApiError`) keep their code, and other
GraphQL errors without a cause (variables that do not coerce) are BAD_USER_INPUT. Anything else is masked as
INTERNAL with an id that is logged.
"""

from __future__ import annotations

import functools
import logging
import uuid
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass

from graphql import DocumentNode, GraphQLError, GraphQLSchema, GraphQLSyntaxError, parse, validate
from graphql.validation import ASTValidationRule
from neo4j.exceptions import (
    ConnectionAcquisitionTimeoutError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)
from strawberry import Schema
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter, SchemaExtension
from strawberry.schema.schema import validate_document
from strawberry.types import ExecutionContext

from peergraph.errors import DEADLINE_MESSAGE, ErrorCode
from peergraph.observability import REQUEST_ID, observe_operation
from peergraph.settings import Settings, get_settings
from schema.accounts.authentication import check_bearer_token
from schema.cost import MAX_EXPANDED_FIELDS, CostEstimator, QueryCost, expanded_fields

log = logging.getLogger("peergraph.api")
# Parsed and validated documents are reused across requests (the explorer sends the same few documents).
DOCUMENT_CACHE_SIZE = 256


class LoggedSchema(Schema):
    """Strawberry's schema, logging errors as ErrorPolicy shows them: a client's mistake once at INFO without a
    traceback (strawberry logs every error at ERROR, with the traceback of its cause); an unexpected error is
    logged by ErrorPolicy, with its id."""

    guards: GuardSettings | None = None  # what every request's Guards share (schema/__init__.py: build_schema)

    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        for error in errors:
            if error.original_error is None or isinstance(error.original_error, GraphQLError):
                log.info("client error: %s", error.message[:300])


class ErrorPolicy:
    """Show client errors with a code; mask unexpected ones behind an id that is logged with the traceback."""

    @staticmethod
    def after(context: ExecutionContext) -> None:
        """The operation's errors as the client sees them."""
        result = context.result
        errors = getattr(result, "errors", None)
        if result is not None and errors:
            result.errors = [ErrorPolicy.apply(error) for error in errors]

    @staticmethod
    def apply(error: GraphQLError) -> GraphQLError:
        original = error.original_error
        if original is None or isinstance(original, GraphQLError):
            if not (error.extensions or {}).get("code"):
                code = (
                    ErrorCode.GRAPHQL_PARSE_FAILED
                    if isinstance(error, GraphQLSyntaxError)
                    else ErrorCode.BAD_USER_INPUT
                )
                error.extensions = {**(error.extensions or {}), "code": code.value}
            return error
        fault = neo4j_fault(original)
        if fault is not None:
            code, message = fault
            log.warning("%s at %s: %s: %s", code.value, error.path, type(original).__name__, original)
            return GraphQLError(
                message,
                nodes=error.nodes,
                source=error.source,
                positions=error.positions,
                path=error.path,
                extensions={"code": code.value},
            )
        error_id = uuid.uuid4().hex[:16]
        log.error("unexpected error %s at %s", error_id, error.path, exc_info=original)
        return GraphQLError(
            f"Internal error (id {error_id}); it has been logged.",
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            extensions={"code": ErrorCode.INTERNAL.value, "errorId": error_id, "requestId": REQUEST_ID.get()},
        )


def neo4j_fault(error: BaseException) -> tuple[ErrorCode, str] | None:
    """The code and words for a failure of Neo4j or of the way to it (not the client's, not a bug here)."""
    if isinstance(error, ConnectionAcquisitionTimeoutError):
        return ErrorCode.OVERLOADED, "Every connection to the database is busy; retry shortly."
    if isinstance(error, ServiceUnavailable | SessionExpired | TransientError):
        return ErrorCode.SERVICE_UNAVAILABLE, "The database is unavailable; retry shortly."
    if isinstance(error, Neo4jError) and "TransactionTimedOut" in (error.code or ""):
        return ErrorCode.DEADLINE_EXCEEDED, DEADLINE_MESSAGE
    return None


Rules = tuple[type[ASTValidationRule], ...]


class ValidationResults:
    """Validation errors (usually none) per document text and rules, least recently used dropped past `maxsize`.

    Strawberry's ValidationCache keys its LRU by the parsed DocumentNode, whose hash walks every node of the
    document on each request (for the contract's document, ~1,000 hash calls a request, ~3% of a profile's
    Python time, measured). The text names the document as well: equal texts parse to equal documents.

    The guards (depth, aliases) run only on a document the specified rules accept, and whose fragments do not
    expand past MAX_EXPANDED_FIELDS: strawberry's depth limiter raised KeyError on an undefined fragment (an
    INTERNAL error for a client's typo) and walks every expansion of every spread.
    """

    def __init__(self, maxsize: int, guards: Rules) -> None:
        self.maxsize = maxsize
        self.guards = guards
        self.results: OrderedDict[tuple[str, Rules], list[GraphQLError]] = OrderedDict()

    def validate(self, schema: GraphQLSchema, text: str, rules: Rules, document: DocumentNode) -> list[GraphQLError]:
        key = (text, rules)
        found = self.results.get(key)
        if found is not None:
            self.results.move_to_end(key)
            return found
        errors = self.run(schema, rules, document)
        self.results[key] = errors
        if len(self.results) > self.maxsize:
            self.results.popitem(last=False)
        return errors

    def run(self, schema: GraphQLSchema, rules: Rules, document: DocumentNode) -> list[GraphQLError]:
        errors = validate_document(schema, document, rules)
        if not errors:
            fields = expanded_fields(document)
            if fields > MAX_EXPANDED_FIELDS:
                message = f"The document expands to more than {MAX_EXPANDED_FIELDS:,} fields through its fragments."
                errors = [GraphQLError(message)]
            else:
                errors = validate(schema, document, self.guards)
        for error in errors:
            if not (error.extensions or {}).get("code"):
                error.extensions = {**(error.extensions or {}), "code": ErrorCode.GRAPHQL_VALIDATION_FAILED.value}
        return errors


class Guards(SchemaExtension):
    """Every guard and count of a request, in this order: the token limit (strawberry's MaxTokensLimiter: a parse
    option), the parser cache (one LRU per process, by text), the validation (ValidationResults), the cost estimate and
    ceiling (schema/cost.py), the bearer token (schema/accounts/authentication.py), then, after the operation, the
    error policy and the access line's fields (peergraph/observability.py), and the response's `extensions`.

    One extension, not one per guard: strawberry makes each extension again per request and wraps each of its hooks
    in a new context manager (functools.wraps and an exit stack each), and seven of them took ~10% of a small
    compiled request's CPU (py-spy under load, GraphSlice)."""

    def __init__(self, shared: GuardSettings) -> None:
        super().__init__()
        self.shared = shared
        self.cost = QueryCost(shared.estimator, shared.ceilings)

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        context.parse_options["max_tokens"] = self.shared.max_tokens
        yield
        ErrorPolicy.after(context)
        observe_operation(context)  # after the policy: it reads the codes the client sees

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is None:
            context.graphql_document = self.shared.parse(context.query, **context.parse_options)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        assert document is not None  # validation runs only after a successful parse
        schema = context.schema._schema
        results = self.shared.validated
        if context.query is None:  # a document given without its text: nothing to key on
            errors = results.run(schema, context.validation_rules, document)
        else:
            errors = results.validate(schema, context.query, context.validation_rules, document)
        context.pre_execution_errors = errors
        self.cost.check(context)  # after the validation: it estimates valid documents only
        yield

    async def on_execute(self) -> AsyncIterator[None]:
        await check_bearer_token(self.execution_context)
        yield

    def get_results(self) -> dict[str, object]:
        found = self.cost.results(self.execution_context)
        if self.shared.round_trips:  # `extensions.neo4jRoundTrips`: the Cypher statements this request sent
            loaders = getattr(self.execution_context.context, "loaders", None)
            if loaders is not None:
                found["neo4jRoundTrips"] = loaders.db.round_trips
        return found


@dataclass(frozen=True)
class GuardSettings:
    """What every request's Guards share: made once per schema."""

    max_tokens: int
    parse: Callable[..., DocumentNode]  # graphql-core's parse behind an LRU by text (and the token limit)
    validated: ValidationResults
    estimator: CostEstimator
    ceilings: tuple[int, int]
    round_trips: bool


def guard_settings(settings: Settings | None, schema: GraphQLSchema) -> GuardSettings:
    conf = settings or get_settings()
    # The limiters build their validation rule classes when constructed: built once here, so every request
    # validates with the same rules and the validation cache can hit.
    guards = (
        *QueryDepthLimiter(max_depth=conf.max_query_depth).validation_rules,
        *MaxAliasesLimiter(max_alias_count=conf.max_aliases).validation_rules,
    )
    return GuardSettings(
        max_tokens=conf.max_tokens,
        parse=functools.lru_cache(maxsize=DOCUMENT_CACHE_SIZE)(parse),
        validated=ValidationResults(maxsize=DOCUMENT_CACHE_SIZE, guards=guards),
        estimator=CostEstimator(schema, conf.cost_list_bounds),
        ceilings=(conf.cost_ceiling_anonymous, conf.cost_ceiling_authenticated),
        round_trips=conf.expose_round_trips,
    )
