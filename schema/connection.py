"""Relay connection types and opaque cursors shared by every list relation."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable

import strawberry

from peergraph.errors import bad_input

DEFAULT_FIRST = 20
MAX_FIRST = 100
_PREFIX = "offset:"


@strawberry.type(description="Where a page of a connection stands.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"{_PREFIX}{offset}".encode()).decode()


def decode_cursor(cursor: str | None) -> int:
    """The offset a cursor stands for (-1 for None: the page starts at 0)."""
    if cursor is None:
        return -1
    try:
        text = base64.urlsafe_b64decode(cursor.encode()).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    if not text.startswith(_PREFIX) or not text[len(_PREFIX) :].isdigit():
        raise bad_input(f"`after` is not a cursor this API gave out: {cursor[:40]!r}", argument="after")
    return int(text[len(_PREFIX) :])


def page_window(first: int | None, after: str | None) -> tuple[int, int]:
    """(skip, limit) for `first`/`after`, validated: 0 <= first <= 100."""
    size = DEFAULT_FIRST if first is None else first
    if size < 0 or size > MAX_FIRST:
        raise bad_input(f"`first` must be between 0 and {MAX_FIRST}, got {size}", argument="first")
    return decode_cursor(after) + 1, size


def page_info(skip: int, shown: int, total: int) -> PageInfo:
    return page_info_next(skip, shown, skip + shown < total)


def page_info_next(skip: int, shown: int, has_next: bool) -> PageInfo:
    """PageInfo when the total is not known (a page fetched with one extra row tells whether more follow)."""
    return PageInfo(
        has_next_page=has_next,
        has_previous_page=skip > 0,
        start_cursor=encode_cursor(skip) if shown else None,
        end_cursor=encode_cursor(skip + shown - 1) if shown else None,
    )


Counter = Callable[[], Awaitable[int]]


async def resolve_total(total: int | None, counter: Counter | None) -> int:
    """A connection's totalCount: known with the page, or counted by a separate query only when asked."""
    if total is not None:
        return total
    if counter is None:
        raise RuntimeError("a connection without a total needs a counter")
    return await counter()
