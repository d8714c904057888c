"""Keyset cursors of the root listings (works, authors, topics, institutions, funders, publishers).

A root listing's cursor names the row a page ends on by its sort key and id, so the next page starts right after it
(`WHERE (sortKey, id)` beyond it): page 1,000 costs what page 1 costs, where an offset re-read every row before it.
The cursor stays opaque (base64 of the listing, the order, the key and the id) and is refused with BAD_USER_INPUT
when it was not given out by the same listing and order.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import orjson

from loaders.paging import Page
from peergraph.errors import bad_input
from schema.connection import Connection, Edge, PageInfo, page_window

N = TypeVar("N")
Row = dict[str, Any]
FIRST_PAGE: dict[str, Any] = {"afterKey": None, "afterId": None}


def encode(listing: str, row: Row) -> str:
    return base64.urlsafe_b64encode(orjson.dumps([listing, row.get("sortKey"), row["id"]])).decode()


def after_params(listing: str, cursor: str | None) -> dict[str, Any]:
    """The query parameters that start a page after `cursor` ($afterKey, $afterId; both null for the first page)."""
    if cursor is None:
        return FIRST_PAGE
    try:
        value = orjson.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (binascii.Error, orjson.JSONDecodeError, ValueError):
        value = None
    valid = (
        isinstance(value, list)
        and len(value) == 3
        and value[0] == listing
        and (value[1] is None or (isinstance(value[1], int | float | str) and not isinstance(value[1], bool)))
        and isinstance(value[2], str)
    )
    if not valid:
        raise bad_input(
            f"`after` is not a cursor this listing gave out in this order: {cursor[:40]!r}", argument="after"
        )
    return {"afterKey": value[1], "afterId": value[2]}


def window(listing: str, first: int | None, after: str | None) -> tuple[int, dict[str, Any]]:
    """(limit, the after-parameters) for `first` (0-100) and `after`."""
    _, limit = page_window(first, None)
    return limit, after_params(listing, after)


async def page(
    listing: str,
    first: int | None,
    after: str | None,
    fetch: Callable[..., Awaitable[list[Row]]],
    counter: Callable[[], Awaitable[int]],
    node: Callable[[Any], N],
) -> Connection[N]:
    """One keyset page of `listing` (e.g. "works.YEAR_DESC"): `fetch(after=<the after-parameters>, limit=...)` reads
    one row more than the page shows (which tells whether more follow); totalCount is `counter`'s, when asked."""
    limit, start = window(listing, first, after)
    return connection(listing, await fetch(after=start, limit=limit + 1), limit, after, counter, node)


def connection(
    listing: str,
    rows: list[Row],
    limit: int,
    after: str | None,
    counter: Callable[[], Awaitable[int]],
    node: Callable[[Any], N],
) -> Connection[N]:
    """The connection over a page fetched with one row more than `limit` (which tells whether more follow)."""
    shown = rows[:limit]
    edges: list[Edge[N]] = [Edge(cursor=encode(listing, row), node=node(row)) for row in shown]
    info = PageInfo(
        has_next_page=len(rows) > limit,
        has_previous_page=after is not None,
        start_cursor=edges[0].cursor if edges else None,
        end_cursor=edges[-1].cursor if edges else None,
    )
    return Connection(page_info=info, edges=edges, page=Page(shown, 0, more=len(rows) > limit, counter=counter))
