"""A request whose bearer token is present but bad fails as a whole with UNAUTHENTICATED.

The viewer is otherwise resolved lazily, by the fields that ask for it, so a public field alone would never look
at the token and would serve a forged or expired one as anonymous. This check resolves it before execution
when a token was sent (no header: anonymous, nothing to check); a token that is invalid, expired, or names no
account stops the request before any field runs, as GitHub's API answers 401 for bad credentials on public
endpoints too. A good token costs the user lookup the viewer would cost anyway (kept for the request).
"""

from __future__ import annotations

from graphql import ExecutionResult as GraphQLExecutionResult
from strawberry.types import ExecutionContext

from peergraph.errors import ApiError


async def check_bearer_token(context: ExecutionContext) -> None:
    """Before execution (schema/guards.py: Guards): a bad token sets the result, and no resolver runs."""
    viewer = context.context.account.viewer
    if viewer.has_token:
        try:
            await viewer.get()
        except ApiError as error:
            # A result set before execution is returned as is: no resolver runs.
            context.result = GraphQLExecutionResult(data=None, errors=[error])
