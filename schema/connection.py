"""The one connection type every list of the API answers, its edges and opaque cursors.

`Connection[T]` / `Edge[T]` follow strawberry's relay types: `Connection[Work]` is the SDL's `WorkConnection`, its
edges `WorkEdge`. An edge with extra fields subclasses `Edge[T]`, and its connection subclasses `Connection[T]`
naming that edge type (`CoauthorConnection`). `Connection.build` is the one builder: a page of rows and how a row
becomes an edge.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable, Sequence
from importlib import import_module
from typing import Annotated, Any, Generic, Self, TypeVar

import strawberry

from loaders.paging import Page, PageKey, Param
from peergraph.context import Info
from peergraph.errors import bad_input

DEFAULT_FIRST = 20
MAX_FIRST = 100
_PREFIX = "offset:"

N = TypeVar("N")
R = TypeVar("R")


@strawberry.type(description="Where a page of a connection stands.")
class PageInfo:
    has_next_page: bool
    has_previous_page: bool
    start_cursor: str | None
    end_cursor: str | None

    @classmethod
    def of(cls, skip: int, shown: int, has_next: bool) -> PageInfo:
        return cls(
            has_next_page=has_next,
            has_previous_page=skip > 0,
            start_cursor=encode_cursor(skip) if shown else None,
            end_cursor=encode_cursor(skip + shown - 1) if shown else None,
        )


@strawberry.type(description="An edge of a connection: a node and its cursor (pass it as `after` for what follows).")
class Edge(Generic[N]):
    cursor: str
    node: N


@strawberry.type(description="A page of a list: its edges, their nodes, where the page stands and the total.")
class Connection(Generic[N]):
    page_info: PageInfo
    # Sequence, so that a connection with its own edge type narrows it (CoauthorConnection: CoauthorEdge).
    edges: Sequence[Edge[N]]
    page: strawberry.Private[Page[Any]]

    @strawberry.field(description="The edges' nodes, in order (for a client that needs no cursors).")
    def nodes(self) -> list[N]:
        return [edge.node for edge in self.edges]

    @strawberry.field(description="How many there are in all (a root listing counts them only when asked).")
    async def total_count(self) -> int:
        return await self.page.count()

    @classmethod
    def build(cls, page: Page[R], edge: Callable[[str, R], Edge[N]]) -> Self:
        """The connection over `page`: `edge(cursor, row)` for each row."""
        edges = [edge(encode_cursor(page.skip + i), row) for i, row in enumerate(page.rows)]
        return cls(page_info=PageInfo.of(page.skip, len(edges), page.has_next), edges=edges, page=page)


def edge_to(node: Callable[[R], N]) -> Callable[[str, R], Edge[N]]:
    """A plain edge: the cursor and the node its row makes."""
    return lambda cursor, row: Edge(cursor=cursor, node=node(row))


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


def page_key(owner: str, first: int | None, after: str | None, **params: Param) -> PageKey:
    """The key of the page `first`/`after` ask for (validated as `page_window`), with the relation's parameters."""
    skip, limit = page_window(first, after)
    return PageKey.of(owner, skip, limit, **params)


def connection_field(
    relation: str,
    node: str,
    *,
    description: str,
    connection: type[Connection[Any]] | None = None,
    edge: Callable[[str, Any], Edge[Any]] | None = None,
) -> Any:
    """A paged relation of an entity as a field `(first:, after:)`: the page its loader `relation` gives for the
    entity's id (loaders/__init__.py), as a `Connection` of `node` ("module.Type", resolved lazily, so types that
    name each other need no import cycle). A relation whose edges carry more gives its `connection` type and
    `edge(cursor, row)`."""
    module, _, name = node.rpartition(".")

    async def resolve(root: Any, info: Info, first: int | None = None, after: str | None = None) -> Any:
        page = await getattr(info.context.loaders, relation).load(page_key(str(root.id), first, after))
        return (connection or Connection).build(page, edge or edge_to(getattr(import_module(module), name).from_row))

    returns = connection or Connection[Annotated[name, strawberry.lazy(module)]]  # type: ignore[valid-type]
    resolve.__annotations__ = {"info": Info, "first": int | None, "after": str | None, "return": returns}
    return strawberry.field(resolver=resolve, description=description)
