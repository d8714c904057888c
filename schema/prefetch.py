"""Lookahead for `author(id:)` and `work(id:)`: the loads their selected fields will make, done with the lookup.

Without it a profile costs two sequential levels of round trips: the lookup, then (once the entity is known
to exist) its fields' loads. The keys here mirror the fields' own arguments (page_window), so the fields
find their loads done (author: one query for all, loaders.profile.load_profile) or in flight (work); see
loaders.profile.load_profile for why a wrong guess is harmless.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterable, Iterator
from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionNode,
    value_from_ast_untyped,
)
from graphql import GraphQLResolveInfo as RawInfo
from graphql.pyutils import Undefined

from loaders.profile import load_profile
from peergraph.context import Context, Info
from peergraph.errors import ApiError
from schema.connection import page_window

# Author fields answered (or guarded) by the author facts loader: counts, social side, trust inputs.
FACT_FIELDS = frozenset({"counts", "trust", "claimed", "openToCollaborate", "viewerIsFollowing"})
# Paged Author fields: (loader, whether the field takes `after`).
PAGE_FIELDS = {
    "works": ("author_works", True),
    "topics": ("author_topics", False),
    "closeCollaborators": ("coauthors", False),
    "coauthors": ("coauthors", True),
}


def _fields(raw: RawInfo[Context], selections: Iterable[SelectionNode]) -> Iterator[FieldNode]:
    """The fields selected at one level (fragments expanded), read from the document as written.

    Strawberry's `info.selected_fields` would convert the whole selection tree below the field on every lookup
    (~5% of a profile request's Python time, measured); the lookahead needs two levels only.
    """
    for selection in selections:
        if isinstance(selection, FieldNode):
            yield selection
        elif isinstance(selection, InlineFragmentNode):
            yield from _fields(raw, selection.selection_set.selections)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = raw.fragments.get(selection.name.value)
            if fragment is not None:
                yield from _fields(raw, fragment.selection_set.selections)


def _selected(info: Info) -> Iterator[FieldNode]:
    """The fields selected on the looked-up entity."""
    raw = info._raw_info
    for root in raw.field_nodes:
        if root.selection_set is not None:
            yield from _fields(raw, root.selection_set.selections)


def _argument(variables: dict[str, Any], field: FieldNode, name: str) -> Any:
    """An argument's value as written (a literal) or given (a variable); None when absent or not given."""
    for argument in field.arguments or ():
        if argument.name.value == name:
            value = value_from_ast_untyped(argument.value, variables)
            return None if value is Undefined else value
    return None


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


async def prefetch_author(info: Info, author_id: str) -> None:
    """Load the author with the facts and pages the selected fields of `author(id:)` will ask for."""
    facts = False
    pages: dict[str, list[tuple[int, int]]] = {}
    variables = info.variable_values
    for field in _selected(info):
        name = field.name.value
        facts = facts or name in FACT_FIELDS
        if name not in PAGE_FIELDS:
            continue
        loader, takes_after = PAGE_FIELDS[name]
        after = _argument(variables, field, "after") if takes_after else None
        try:
            skip, limit = page_window(_int_or_none(_argument(variables, field, "first")), after)
        except (ApiError, ValueError, TypeError):
            continue  # the field reports its own bad argument
        pages.setdefault(loader, []).append((skip, limit))
    await load_profile(info.context.loaders, author_id, facts=facts, pages=pages)


def prefetch_work(info: Info, work_id: str) -> None:
    """Start the authorships and topics loads the selected fields of `work(id:)` will make, without waiting."""
    names = {field.name.value for field in _selected(info)}
    loaders = info.context.loaders
    started: list[Awaitable[Any]] = [loaders.authorships.load(work_id)] if "authorships" in names else []
    if "topics" in names:
        started.append(loaders.work_topics.load(work_id))
    for future in started:
        # Nobody may await these (the work may not exist): they fail quietly, the field that awaits one still gets
        # its error.
        if isinstance(future, asyncio.Future):
            future.add_done_callback(_retrieve)


def _retrieve(future: asyncio.Future[Any]) -> None:
    if not future.cancelled():
        future.exception()
