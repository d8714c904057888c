"""Lookahead for `author(id:)` and `work(id:)`: the loads their selected fields will make, done with the lookup.

Without it a profile costs two sequential levels of round trips: the lookup, then (once the entity is known
to exist) its fields' loads. The keys here mirror the fields' own arguments (page_window), so the fields
find their loads done (author: one query for all, resolvers.author.load_profile) or in flight (work); see
resolvers.author.load_profile for why a wrong guess is harmless.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

from context import Info
from errors import ApiError
from resolvers import author as resolve
from resolvers import work as work_resolve
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


def _fields(selections: list[Selection]) -> Iterator[SelectedField]:
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from _fields(selection.selections)


def _int_or_none(value: Any) -> int | None:
    """Literal arguments arrive as their source text, variables as values."""
    return None if value is None else int(value)


async def prefetch_author(info: Info, author_id: str) -> None:
    """Load the author with the facts and pages the selected fields of `author(id:)` will ask for."""
    facts = False
    pages: dict[str, list[tuple[int, int]]] = {}
    for root in _fields(info.selected_fields):
        for field in _fields(root.selections):
            facts = facts or field.name in FACT_FIELDS
            if field.name not in PAGE_FIELDS:
                continue
            loader, takes_after = PAGE_FIELDS[field.name]
            after = field.arguments.get("after") if takes_after else None
            try:
                skip, limit = page_window(_int_or_none(field.arguments.get("first")), after)
            except (ApiError, ValueError, TypeError):
                continue  # the field reports its own bad argument
            pages.setdefault(loader, []).append((skip, limit))
    await resolve.load_profile(info, author_id=author_id, facts=facts, pages=pages)


def prefetch_work(info: Info, work_id: str) -> None:
    """Start the authorships and topics loads the selected fields of `work(id:)` will make."""
    names = {field.name for root in _fields(info.selected_fields) for field in _fields(root.selections)}
    work_resolve.prefetch(info, work_id=work_id, authorships="authorships" in names, topics="topics" in names)
