"""Author resolvers: thin functions over the per-request loaders; they return rows, never schema types."""

from __future__ import annotations

from typing import Any

from strawberry.dataloader import DataLoader

from loaders.paging import Page, PageKey
from loaders.profile import ProfileKey, ProfilePlan, Window
from peergraph.context import Info
from resolvers._ids import entity_id

Row = dict[str, Any]


async def author_by_id(info: Info, *, id: str) -> Row | None:
    return await info.context.loaders.author.load(entity_id(id, "author"))


async def author_row(info: Info, *, author_id: str) -> Row | None:
    """The full row of an author already known to exist (e.g. to read its last known institution)."""
    return await info.context.loaders.author.load(author_id)


async def author_counts(info: Info, *, author_id: str) -> Row:
    row = await info.context.loaders.author_counts.load(author_id)
    return row or {"works": 0, "topics": 0, "coauthors": 0}


async def author_works(info: Info, *, author_id: str, skip: int, limit: int) -> Page[Row]:
    return await info.context.loaders.author_works.load(PageKey(author_id, skip, limit))


async def author_topics(info: Info, *, author_id: str, skip: int, limit: int) -> Page[Row]:
    return await info.context.loaders.author_topics.load(PageKey(author_id, skip, limit))


async def coauthors(info: Info, *, author_id: str, skip: int, limit: int) -> Page[Row]:
    return await info.context.loaders.coauthors.load(PageKey(author_id, skip, limit))


def _covering(windows: list[Window]) -> Window | None:
    """The one window of a ranking that holds every asked window (None when none is asked)."""
    if not windows:
        return None
    skip = min(w[0] for w in windows)
    return skip, max(w[0] + w[1] for w in windows) - skip


def _prime_pages(
    loader: DataLoader[PageKey, Page[Row]], author_id: str, windows: list[Window], row: Row, part: str
) -> None:
    """Each asked window's page, cut from the covering window's rows the profile returned."""
    base = min((w[0] for w in windows), default=0)
    total, rows = row[f"{part}Total"], row[part]
    loader.prime_many(
        {
            PageKey(author_id, skip, limit): Page(rows[skip - base : skip - base + limit], skip, total)
            for skip, limit in windows
        }
    )


async def load_profile(info: Info, *, author_id: str, facts: bool, pages: dict[str, list[Window]]) -> None:
    """Load the author and what its selected fields ask for (facts; windows per paged loader) in one round trip.

    The per-relation loaders are primed with the parts, so the fields read them through the same keys they
    always use: an author row, a facts row, and one page per asked window. A field asking for something else
    (another window, a filtered page) still loads it itself: a wrong guess costs a query, never an answer.
    """
    plan = ProfilePlan(
        facts=facts,
        topics=_covering(pages.get("author_topics", [])),
        works=_covering(pages.get("author_works", [])),
        coauthors=_covering(pages.get("coauthors", [])),
    )
    loaders = info.context.loaders
    row = await loaders.profile.load(ProfileKey(author_id, plan))
    loaders.author.prime(author_id, None if row is None else row["author"])
    if row is None:
        return
    if facts:
        loaders.author_counts.prime(author_id, row["facts"])
    for name, part in (("author_topics", "topics"), ("author_works", "works"), ("coauthors", "coauthors")):
        if pages.get(name):
            _prime_pages(getattr(loaders, name), author_id, pages[name], row, part)
