"""Coauthor rankings kept between requests, for the authors whose ranking is too big to walk on every request.

Ranking an author's coauthors (shared works, then shared topics, then name) groups and sorts every coauthor:
for an author on the 5,103-author work that is ~5,000 rows, 20-30 ms of Neo4j time on every profile view. So the
ranking of an author with at least `coauthor_ranking_min` coauthors is walked once and kept here, tagged with
the graph's version (`_ImportState {name: 'graph'}`, changed in the same transaction as every import batch that
writes: cypher/ingest/bump_graph_version.cypher). cypher/author/profile.cypher compares the versions in the same
round trip: while the graph is unchanged a kept ranking stands in for the walk and only its page's coauthors are
read; after any import batch that wrote, the ranking is walked again. Only the importer writes what a ranking is
made of (authorships, topics, names): the account side never does.

One cache per app (per process), bounded by the coauthor rows it holds (least recently used first out).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cachetools import LRUCache

STATE_KEY = "coauthor_rankings"


@dataclass(frozen=True)
class Ranking:
    """An author's coauthors in rank order with their shared work counts, as walked at graph `version`."""

    version: str
    coauthor_ids: tuple[str, ...]
    shared_work_counts: tuple[int, ...]

    def page(self, skip: int, limit: int) -> list[list[Any]]:
        """Rows skip..skip+limit as profile.cypher's `page` pairs: [coauthor id, shared work count]."""
        end = skip + limit
        return [list(pair) for pair in zip(self.coauthor_ids[skip:end], self.shared_work_counts[skip:end], strict=True)]


class RankingCache:
    """Kept rankings by author id. `min_coauthors` is the smallest ranking worth keeping (smaller ones are walked
    per request, a top-k); `max_rows` bounds the coauthor rows held in all (0 keeps nothing)."""

    def __init__(self, *, min_coauthors: int, max_rows: int) -> None:
        self.min_coauthors = min_coauthors
        self._rankings: LRUCache[str, Ranking] | None = (
            LRUCache(maxsize=max_rows, getsizeof=lambda ranking: max(1, len(ranking.coauthor_ids)))
            if max_rows > 0
            else None
        )

    @property
    def enabled(self) -> bool:
        return self._rankings is not None

    def get(self, author_id: str) -> Ranking | None:
        return None if self._rankings is None else self._rankings.get(author_id)

    def keep(self, author_id: str, version: str, pairs: list[list[Any]]) -> None:
        """Keep a walked ranking ([coauthor id, shared work count] pairs in rank order); one bigger than the whole
        cache is not kept."""
        if self._rankings is None or len(pairs) > self._rankings.maxsize:
            return
        self._rankings[author_id] = Ranking(
            version, tuple(str(pair[0]) for pair in pairs), tuple(int(pair[1]) for pair in pairs)
        )


def rankings_for(state: Any, *, min_coauthors: int, max_rows: int) -> RankingCache:
    """The cache kept on `state` (an app's state), made the first time it is asked for."""
    cache: RankingCache | None = getattr(state, STATE_KEY, None)
    if cache is None:
        cache = RankingCache(min_coauthors=min_coauthors, max_rows=max_rows)
        setattr(state, STATE_KEY, cache)
    return cache
