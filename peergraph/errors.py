"""Errors the API shows to clients, each with its `extensions.code`."""

from __future__ import annotations

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


def bad_input(message: str, **extra: object) -> ApiError:
    return ApiError(message, ErrorCode.BAD_USER_INPUT, **extra)


def deadline_exceeded() -> ApiError:
    return ApiError("The request ran past its deadline; its queries were cancelled.", ErrorCode.DEADLINE_EXCEEDED)
