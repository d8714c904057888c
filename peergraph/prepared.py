"""Prepared documents: an anonymous query whose document this process has parsed and validated without error is
executed by graphql-core straight, without Strawberry's HTTP view and `Schema.execute` around it.

Those two were ~29% of a small compiled request's CPU (py-spy under load, GraphSlice: the view's body, context and
result 8.6%; the schema's execution context, its extension runner and each hook's context manager ~20%;
benchmarks/results/peer/profile.md). The explorer sends the same few documents, so nearly every request it makes
can skip them. What runs here is what the general path runs for the same request, step by step, with the same
caches (schema/guards.py: one `GuardSettings` per schema):
- the body read and checked by the view's own `parse_http_body` (a malformed one is refused the same way), the
  persisted query's hash resolved by it;
- the document from the parser's LRU and the validation's results by text (the same keys `Guards` uses), the cost
  estimated by `CostEstimator.estimate_text` and observed in the same histogram, the same ceiling;
- the context by the view's `get_context` (the same loaders and read gateway, the request's deadline), then
  graphql-core's `execute` with the schema's execution context class (the compiled plans, and the general executor
  wherever they decline), no middleware (the schema has no resolver hooks);
- the errors logged by the schema's `process_errors` and shown through `ErrorPolicy.apply`; the access line's fields
  (`observe_operation`'s); the answer's `extensions` (`cost`, `neo4jRoundTrips`) and its body as the view encodes
  it, the context's sub-response's headers and status merged as the view merges them.

POST and GET both (the explorer asks by GET with a persisted query's hash; peergraph/http_cache.py gives either
answer its ETag and Cache-Control outside this); a GET only with `query` or `extensions` among its parameters (else
it may be a visit to the IDE). Anything else goes the general way, decided before a statement is sent: a request with
an `Authorization` header (the bearer token's check and the authenticated ceiling are the general path's), a batch,
a document that fails to parse or validate (the general path then gives the errors), a mutation or subscription
(also refused by GET there), no operation name with several operations in the document or an operation name the
document does not have (both refused there, 400), a cost over the ceiling, or an estimate that raises.
tests/api/test_prepared.py runs the same requests both ways, body for body.

`PEERGRAPH_PREPARED_DOCUMENTS=false` turns it off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple, cast

from cachetools import LRUCache
from graphql import DocumentNode, ExecutionResult, GraphQLError, OperationType, specified_rules
from graphql.execution import execute
from graphql.pyutils import is_awaitable
from graphql.utilities import get_operation_ast
from strawberry.execution import optimized_is_awaitable
from strawberry.schema._graphql_core import execution_context_class_kwargs

from peergraph.observability import COST_ESTIMATED, leave_operation
from schema.cost import cost_results
from schema.guards import DOCUMENT_CACHE_SIZE, ErrorPolicy, GuardSettings, LoggedSchema

if TYPE_CHECKING:
    from starlette.requests import Request
    from starlette.responses import Response

    from peergraph.app import GraphQLApp

# The validation rules `Guards` keys its results by: strawberry's ExecutionContext default.
SPECIFIED_RULES = tuple(specified_rules)


class Prepared(NamedTuple):
    document: DocumentNode
    operation_name: str | None  # the one the access line names: the request's, else the document's only operation's


class PreparedDocuments:
    """The documents this process may execute straight: (text, operation name) -> the parsed document, or None for
    one that may not (it failed to parse or validate, or its operation is not a query). At most DOCUMENT_CACHE_SIZE,
    as the parser's and the validation's caches."""

    answered = 0  # requests this process answered here (the tests read it to know which path answered)

    def __init__(self, schema: LoggedSchema, shared: GuardSettings) -> None:
        self.schema = schema
        self.graphql_schema = schema._schema
        self.shared = shared
        self.executor = execution_context_class_kwargs(schema.execution_context_class)
        self.documents: LRUCache[tuple[str, str | None], Prepared | None] = LRUCache(DOCUMENT_CACHE_SIZE)

    def document(self, text: str, operation_name: str | None) -> Prepared | None:
        key = (text, operation_name)
        try:
            return self.documents[key]
        except KeyError:
            pass
        document = self._prepare(text, operation_name)
        self.documents[key] = document
        return document

    def _prepare(self, text: str, operation_name: str | None) -> Prepared | None:
        shared = self.shared
        try:
            document = shared.parse(text, max_tokens=shared.max_tokens)
        except GraphQLError:
            return None
        if shared.validated.validate(self.graphql_schema, text, SPECIFIED_RULES, document):
            return None
        operation = get_operation_ast(document, operation_name)  # None: unnamed among several, or no such name
        if operation is None or operation.operation is not OperationType.QUERY:
            return None
        return Prepared(document, operation_name if operation.name is None else operation.name.value)

    async def answer(self, view: GraphQLApp, request: Request) -> Response | None:
        """The answer to an anonymous POST or GET of a prepared query, or None: the general path answers it."""
        data = await view.parse_http_body(view.request_adapter_class(request))
        if isinstance(data, list) or data.query is None:
            return None
        text, operation_name, variables = data.query, data.operation_name, data.variables
        prepared = self.document(text, operation_name)
        if prepared is None:
            return None
        document = prepared.document
        shared = self.shared
        try:
            estimated = shared.estimator.estimate_text(text, document, operation_name, variables)
        except Exception:  # the general path gives this request its error
            return None
        ceiling = shared.ceilings[0]
        if estimated > ceiling:
            return None
        COST_ESTIMATED.observe(estimated)
        state = request.state
        state.graphql_cost = estimated

        sub_response = await view.get_sub_response(request)
        context = await view.get_context(request, response=sub_response)
        try:
            outcome = execute(
                self.graphql_schema,
                document,
                variable_values=variables,
                operation_name=operation_name,
                context_value=context,
                is_awaitable=optimized_is_awaitable,  # type: ignore[arg-type]  # strawberry's, as Schema.execute passes it
                operation_extensions=data.extensions,
                **self.executor,
            )
            result = cast("ExecutionResult", await outcome if is_awaitable(outcome) else outcome)
        except Exception as exc:  # as Schema.execute answers what escapes the executor: an error, masked below
            result = ExecutionResult(data=None, errors=[GraphQLError(str(exc), original_error=exc)])
        errors = result.errors
        if errors:
            self.schema.process_errors(errors)
            errors = [ErrorPolicy.apply(error) for error in errors]
        round_trips = context.loaders.db.round_trips
        leave_operation(state, prepared.operation_name, errors or [], round_trips)

        extensions = cost_results(estimated, ceiling, result.data)
        if shared.round_trips:
            extensions["neo4jRoundTrips"] = round_trips
        body: dict[str, Any] = {"data": result.data}
        if errors:
            body["errors"] = [error.formatted for error in errors]
        body["extensions"] = extensions
        PreparedDocuments.answered += 1
        return view.create_response(response_data=body, sub_response=sub_response)  # type: ignore[arg-type]
