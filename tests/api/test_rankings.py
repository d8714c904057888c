"""The kept coauthor rankings' bounds (loaders/rankings.py); how they follow the graph's version is tested against
Neo4j and the API in tests/ingest/test_graph_version.py."""

from __future__ import annotations

from loaders.rankings import RankingCache


def pairs(n: int) -> list[list[object]]:
    return [[f"A{i}", n - i] for i in range(n)]


def test_a_kept_ranking_pages_like_the_walked_one() -> None:
    cache = RankingCache(min_coauthors=3, max_rows=100)
    cache.keep("A0", "v1", pairs(10))
    ranking = cache.get("A0")
    assert ranking is not None
    assert ranking.version == "v1"
    assert ranking.page(0, 3) == [["A0", 10], ["A1", 9], ["A2", 8]]
    assert ranking.page(8, 5) == [["A8", 2], ["A9", 1]]
    assert ranking.page(10, 5) == []


def test_the_cache_holds_at_most_max_rows_coauthors_least_recently_used_out() -> None:
    cache = RankingCache(min_coauthors=3, max_rows=100)
    cache.keep("A", "v", pairs(40))
    cache.keep("B", "v", pairs(40))
    assert cache.get("A") is not None  # A is now the most recently used
    cache.keep("C", "v", pairs(40))  # 120 rows: B goes
    assert cache.get("B") is None
    assert cache.get("A") is not None
    assert cache.get("C") is not None
    cache.keep("D", "v", pairs(101))  # bigger than the whole cache: not kept, nothing evicted
    assert cache.get("D") is None
    assert cache.get("A") is not None
    assert cache.get("C") is not None


def test_max_rows_zero_keeps_nothing() -> None:
    cache = RankingCache(min_coauthors=3, max_rows=0)
    assert not cache.enabled
    cache.keep("A", "v", pairs(5))
    assert cache.get("A") is None
