"""An author with what its profile's selected fields will ask for, batched: one round trip per distinct plan.

The plan (schema/prefetch.py builds it from the selection) names the parts to load; resolvers.author.load_profile
primes the per-relation loaders with them, so the fields read through those loaders as they always do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cypher import author as q
from loaders._db import ReadGateway
from loaders.rankings import RankingCache

NEVER = 2**62  # a ranking size no author reaches: with the cache off, every ranking is a top-k walk

Row = dict[str, Any]
Window = tuple[int, int]  # (skip, limit)


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


async def load_profiles(db: ReadGateway, rankings: RankingCache, keys: Sequence[ProfileKey]) -> list[Row | None]:
    """cypher/author/profile.cypher once per distinct plan; None for an unknown author.

    Kept coauthor rankings (loaders/rankings.py) go along with the query, which uses them while the graph's
    version is unchanged; the rankings it walks whole come back and are kept."""
    by_plan: dict[ProfilePlan, list[str]] = defaultdict(list)
    for key in keys:
        by_plan[key.plan].append(key.author_id)
    found: dict[ProfileKey, Row] = {}
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
        rows = await db.rows(
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
