"""A relation declared once: a typed descriptor that builds its DataLoader the first time a request reads it.

`author = by_ids(q.GET_BY_IDS, "author", private=("ORCID", "AFFILIATION"))` on the `Loaders` class is the whole
declaration: the batch function (one round trip for all keys, results aligned to them), the key and value types, and
the hideable fields its rows can tell. A request builds only the loaders it reads; each is kept for the request on
the `Loaders` instance, as `functools.cached_property` keeps a value.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Hashable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, LiteralString, Self, TypeVar, overload

from strawberry.dataloader import DataLoader

from loaders.paging import Page, PageKey, load_pages
from loaders.privacy import HiddenField, require_viewer_rule

if TYPE_CHECKING:
    from loaders import Loaders

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
R = TypeVar("R")  # a row shape: the TypedDict next to the type that reads it (schema/), given by the declaration
Batch = Callable[["Loaders", Sequence[K]], Awaitable[Sequence[V]]]


class SharedLoader(DataLoader[K, V]):
    """A DataLoader whose answers are shared safely: each caller awaits its own shield of the one future, so a
    field cancelled (graphql-core cancels a failed field's siblings) no longer cancels the future every other
    field with that key awaits. Before, the others got CancelledError, which escaped the error handling as a
    500 (the fuzz test's `authorProfile { author { viewerIsFollowing works(first: 0, after: "") ... } }`)."""

    def load(self, key: K) -> Awaitable[V]:
        return asyncio.shield(super().load(key))


class Relation(Generic[K, V]):
    """Reads as `DataLoader[K, V]` on a `Loaders` instance (built on first read), as itself on the class."""

    def __init__(self, batch: Batch[K, V]) -> None:
        self.batch = batch
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, loaders: None, owner: type) -> Self: ...
    @overload
    def __get__(self, loaders: Loaders, owner: type) -> DataLoader[K, V]: ...
    def __get__(self, loaders: Loaders | None, owner: type) -> Self | DataLoader[K, V]:
        if loaders is None:
            return self
        loader: DataLoader[K, V] = SharedLoader(load_fn=partial(self.batch, loaders))
        loaders.__dict__[self.name] = loader  # read from the instance from now on: one loader per request
        return loader


def batch(load: Batch[K, V], *, reads: LiteralString, private: tuple[HiddenField, ...]) -> Relation[K, V]:
    """A relation with a batch function of its own (`load(loaders, keys)`), which runs the query `reads`."""
    require_viewer_rule(reads, private)
    return Relation(load)


def by_ids(query: LiteralString, column: str, *, private: tuple[HiddenField, ...]) -> Relation[str, R | None]:
    """Entities by id: `query` ($ids → <column>: a map with `id`), a row per id found, None for the others."""
    require_viewer_rule(query, private)

    async def load(loaders: Loaders, ids: Sequence[str]) -> list[R | None]:
        rows = await loaders.db.rows(query, ids=list(ids))
        by_id: dict[str, R] = {row[column]["id"]: row[column] for row in rows}
        return [by_id.get(i) for i in ids]

    return Relation(load)


def by_keys(query: LiteralString, param: str, *, private: tuple[HiddenField, ...]) -> Relation[str, str | None]:
    """Ids by an alternate key (ORCID iD, DOI, ROR): `query` ($<param>s → <param>, id)."""
    require_viewer_rule(query, private)

    async def load(loaders: Loaders, keys: Sequence[str]) -> list[str | None]:
        rows = await loaders.db.rows(query, **{f"{param}s": list(keys)})
        found = {row[param]: row["id"] for row in rows}
        return [found.get(k) for k in keys]

    return Relation(load)


def per_owner(
    query: LiteralString,
    value: Callable[[Any], V],
    default: Callable[[], V],
    *,
    key: str,
    private: tuple[HiddenField, ...],
) -> Relation[str, V]:
    """One value per owner (a small list, a count, a row of facts): `query` ($ids → <key>, ...) gives a row per
    owner found, `value(row)` its value; `default()` for an owner without a row."""
    require_viewer_rule(query, private)

    async def load(loaders: Loaders, ids: Sequence[str]) -> list[V]:
        rows = await loaders.db.rows(query, ids=list(ids))
        by_id = {row[key]: value(row) for row in rows}
        return [by_id[i] if i in by_id else default() for i in ids]

    return Relation(load)


def pages(query: LiteralString, column: str, *, private: tuple[HiddenField, ...]) -> Relation[PageKey, Page[R]]:
    """Windows of a relation: `query` ($ids, $skip, $limit, the keys' params → ownerId, total, <column>)."""
    require_viewer_rule(query, private)

    async def load(loaders: Loaders, keys: Sequence[PageKey]) -> list[Page[R]]:
        return await load_pages(loaders.db, query, column, keys)

    return Relation(load)


def forget(loader: DataLoader[K, Any], key: K) -> None:
    """Drop one cached key (after a write), whether or not it was loaded yet."""
    with contextlib.suppress(KeyError):
        loader.clear(key)
