"""Errors the API shows to clients, each with its `extensions.code`; every constructor of one is here."""

from __future__ import annotations

import math
from enum import StrEnum

from graphql import GraphQLError


class ErrorCode(StrEnum):
    BAD_USER_INPUT = "BAD_USER_INPUT"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"
    RATE_LIMITED = "RATE_LIMITED"
    BAD_REQUEST = "BAD_REQUEST"  # the HTTP body is not a GraphQL request (4xx)
    PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"  # a hash this process keeps no document for: send it
    PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED"  # another version, or the store is off (400)
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"  # refused before execution: the estimated node count is over the ceiling
    DEADLINE_EXCEEDED = "DEADLINE_EXCEEDED"  # the request ran past its deadline; its Cypher was cancelled
    OVERLOADED = "OVERLOADED"  # shed: too many requests in flight (503 with Retry-After)
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"  # Neo4j is down or unreachable
    INTERNAL = "INTERNAL"


class ApiError(GraphQLError):
    """An error meant for the client: its message is shown as is, with `extensions.code`."""

    def __init__(self, message: str, code: ErrorCode, **extra: object) -> None:
        super().__init__(message, extensions={"code": code.value, **extra})


DEADLINE_MESSAGE = "The request ran past its deadline; its queries were cancelled."


def whole_seconds(wait: float) -> int:
    """A wait as told to clients: whole seconds, rounded up (as HTTP's Retry-After), at least 1."""
    return max(1, math.ceil(wait))


def bad_input(message: str, **extra: object) -> ApiError:
    return ApiError(message, ErrorCode.BAD_USER_INPUT, **extra)


def unauthenticated(message: str = "log in first") -> ApiError:
    return ApiError(message, ErrorCode.UNAUTHENTICATED)


def forbidden(message: str) -> ApiError:
    return ApiError(message, ErrorCode.FORBIDDEN)


def not_found(message: str) -> ApiError:
    return ApiError(message, ErrorCode.NOT_FOUND)


def conflict(message: str) -> ApiError:
    return ApiError(message, ErrorCode.CONFLICT)


def rate_limited(message: str, retry_after: float) -> ApiError:
    """RATE_LIMITED with `retryAfter`: whole seconds until the same request can succeed."""
    return ApiError(message, ErrorCode.RATE_LIMITED, retryAfter=whole_seconds(retry_after))


def too_costly(estimated: int, ceiling: int) -> ApiError:
    """A document refused before execution: it could return more objects than the ceiling (schema/cost.py)."""
    return ApiError(
        f"This query could return up to {estimated:,} objects; the limit is {ceiling:,} per request. Ask for fewer "
        "(smaller `first` or `limit`, less nesting), or split it.",
        ErrorCode.QUERY_TOO_COSTLY,
        estimated=estimated,
        ceiling=ceiling,
    )


def path_search_exhausted(*, hops_searched: int, visited: int, budget: int, max_hops: int) -> ApiError:
    """A coauthorship path search that ran out of its node budget before it could look `max_hops` far."""
    return ApiError(
        f"No coauthorship path of at most {hops_searched} hops; the search stopped after visiting "
        f"{visited:,} authors and works (its budget is {budget:,}) before it could look {max_hops} hops "
        "far. Ask for fewer hops.",
        ErrorCode.QUERY_TOO_COSTLY,
        budget=budget,
        visited=visited,
        hopsSearched=hops_searched,
    )


def deadline_exceeded() -> ApiError:
    return ApiError(DEADLINE_MESSAGE, ErrorCode.DEADLINE_EXCEEDED)
