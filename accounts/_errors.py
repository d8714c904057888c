"""The client errors accounts raise, each with its `extensions.code`; and small shared helpers."""

from __future__ import annotations

import datetime as dt
import uuid

from accounts.auth.ratelimit import whole_seconds
from peergraph.errors import ApiError, ErrorCode


def forbidden(message: str) -> ApiError:
    return ApiError(message, ErrorCode.FORBIDDEN)


def not_found(message: str) -> ApiError:
    return ApiError(message, ErrorCode.NOT_FOUND)


def conflict(message: str) -> ApiError:
    return ApiError(message, ErrorCode.CONFLICT)


def rate_limited(message: str, retry_after: float) -> ApiError:
    """RATE_LIMITED with `retryAfter`: whole seconds until the same request can succeed."""
    return ApiError(message, ErrorCode.RATE_LIMITED, retryAfter=whole_seconds(retry_after))


def now_iso() -> str:
    """UTC now as ISO 8601 text (compares in time order as text, like `updatedDate`)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def new_id() -> str:
    return str(uuid.uuid4())
