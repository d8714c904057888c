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
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
    INTERNAL = "INTERNAL"


class ApiError(GraphQLError):
    """An error meant for the client: its message is shown as is, with `extensions.code`."""

    def __init__(self, message: str, code: ErrorCode, **extra: object) -> None:
        super().__init__(message, extensions={"code": code.value, **extra})


def bad_input(message: str, **extra: object) -> ApiError:
    return ApiError(message, ErrorCode.BAD_USER_INPUT, **extra)
