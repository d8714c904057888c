"""An author with what its profile's selected fields will ask for, batched: one round trip per distinct plan.

The plan (schema/prefetch.py builds it from the selection) names the parts to load; `load_profile` primes the
per-relation loaders with them, so the fields read through those loaders as they always do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypedDict, TypeVar

from strawberry.dataloader import DataLoader

from cypher import author as q
from loaders.paging import Page, PageKey

if TYPE_CHECKING:
    from accounts.social import FactsRow
    from loaders import Loaders
    from schema.author import AuthorRow, AuthorTopicRow, CoauthorRow
    from schema.work import WorkRow

NEVER = 2**62  # a ranking size no author reaches: with the cache off, every ranking is a top-k walk

Window = tuple[int, int]  # (skip, limit)
R = TypeVar("R")


class ProfileRow(TypedDict):
    """A row of cypher/author/profile.cypher, as `load_profile` primes the loaders with it (the ranking walked whole
    is kept by load_profiles and taken out)."""

    ownerId: str
    author: AuthorRow
    facts: FactsRow | None
    topicsTotal: int
    topics: list[AuthorTopicRow]
    worksTotal: int
    works: list[WorkRow]
    coauthorsTotal: int
    coauthors: list[CoauthorRow]
    version: str | None


@dataclass(frozen=True)
class ProfilePlan:
    """The parts to load; a page part is the window (skip, limit) of its ranking covering every asked window."""

    facts: bool = False  # counts, social side and trust inputs (the facts loader)
    topics: Window | None = None  # None: not asked
    works: Window | None = None
    coauthors: Window | None = None


@dataclass(frozen=True)
class ProfileKey:
    author_id: str
    plan: ProfilePlan


async def load_profiles(loaders: Loaders, keys: Sequence[ProfileKey]) -> list[ProfileRow | None]:
    """cypher/author/profile.cypher once per distinct plan; None for an unknown author.

    Kept coauthor rankings (loaders/rankings.py) go along with the query, which uses them while the graph's
    version is unchanged; the rankings it walks whole come back and are kept."""
    db, rankings = loaders.db, loaders.rankings
    by_plan: dict[ProfilePlan, list[str]] = defaultdict(list)
    for key in keys:
        by_plan[key.plan].append(key.author_id)
    found: dict[ProfileKey, ProfileRow] = {}
    for plan, ids in by_plan.items():
        topics_skip, topics_limit = plan.topics or (0, 0)
        works_skip, works_limit = plan.works or (0, 0)
        coauthors_skip, coauthors_limit = plan.coauthors or (0, 0)
        kept: dict[str, dict[str, Any]] = {}  # author id -> its kept ranking, as profile.cypher takes it
        if plan.facts or plan.coauthors:
            for author_id in ids:
                ranking = rankings.get(author_id)
                if ranking is not None:
                    kept[author_id] = {
                        "version": ranking.version,
                        "count": len(ranking.coauthor_ids),
                        "page": ranking.page(coauthors_skip, coauthors_limit),
                    }
        rows: list[Any] = await db.rows(  # ProfileRow and the walked ranking
            q.PROFILE,
            ids=list(dict.fromkeys(ids)),
            facts=plan.facts,
            topics=plan.topics is not None,
            topicsLimit=topics_skip + topics_limit,  # the query returns the first ones: skip is sliced off here
            works=plan.works is not None,
            worksSkip=works_skip,
            worksLimit=works_limit,
            coauthors=plan.coauthors is not None,
            coauthorsSkip=coauthors_skip,
            coauthorsLimit=coauthors_limit,
            rankingMin=rankings.min_coauthors if rankings.enabled else NEVER,
            rankings=kept,
        )
        for row in rows:
            walked = row.pop("ranking")
            if walked is not None and row["version"] is not None:
                rankings.keep(row["ownerId"], row["version"], walked)
            if topics_skip:
                row["topics"] = row["topics"][topics_skip:]
            found[ProfileKey(row["ownerId"], plan)] = row
    return [found.get(key) for key in keys]


def _covering(windows: list[Window]) -> Window | None:
    """The one window of a ranking that holds every asked window (None when none is asked)."""
    if not windows:
        return None
    skip = min(w[0] for w in windows)
    return skip, max(w[0] + w[1] for w in windows) - skip


def _prime_pages(
    loader: DataLoader[PageKey, Page[R]], author_id: str, windows: list[Window], total: int, rows: list[R]
) -> None:
    """Each asked window's page, cut from the covering window's rows the profile returned."""
    loader.prime_many({PageKey(author_id, *window): page_of(windows, window, total, rows) for window in windows})


def profile_key(author_id: str, *, facts: bool, pages: dict[str, list[Window]]) -> ProfileKey:
    """The profile loader's key for the facts and the windows per paged loader (`pages`) asked for."""
    plan = ProfilePlan(
        facts=facts,
        topics=_covering(pages.get("author_topics", [])),
        works=_covering(pages.get("author_works", [])),
        coauthors=_covering(pages.get("coauthors", [])),
    )
    return ProfileKey(author_id, plan)


def page_of(windows: list[Window], window: Window, total: int, rows: list[R]) -> Page[R]:
    """The page of `window` (one of `windows`), cut from the rows of the window covering them all."""
    base = min((w[0] for w in windows), default=0)
    skip, limit = window
    return Page(rows[skip - base : skip - base + limit], skip, total)


async def load_profile(loaders: Loaders, author_id: str, *, facts: bool, pages: dict[str, list[Window]]) -> None:
    """Load the author and what its selected fields ask for (facts; windows per paged loader) in one round trip.

    The per-relation loaders are primed with the parts, so the fields read them through the same keys they
    always use: an author row, a facts row, and one page per asked window. A field asking for something else
    (another window, a filtered page) still loads it itself: a wrong guess costs a query, never an answer.
    """
    row = await loaders.profile.load(profile_key(author_id, facts=facts, pages=pages))
    loaders.author.prime(author_id, None if row is None else row["author"])
    if row is None:
        return
    if facts:
        loaders.facts.prime(author_id, row["facts"])
    if pages.get("author_topics"):
        _prime_pages(loaders.author_topics, author_id, pages["author_topics"], row["topicsTotal"], row["topics"])
    if pages.get("author_works"):
        _prime_pages(loaders.author_works, author_id, pages["author_works"], row["worksTotal"], row["works"])
    if pages.get("coauthors"):
        _prime_pages(loaders.coauthors, author_id, pages["coauthors"], row["coauthorsTotal"], row["coauthors"])
