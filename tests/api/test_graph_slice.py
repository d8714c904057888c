"""GraphSlice (the contract's operation) against the graph the model derives from the sample files."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from functools import cache

import httpx
import pytest
from neo4j import AsyncDriver

from tests.api._ops import call, run
from tests.api.sample_truth import Truth, sample_truth

Edge = tuple[str, str, str]  # source, type, target


@dataclass
class SampleGraph:
    labels: dict[str, str] = field(default_factory=dict)
    edges: dict[Edge, float] = field(default_factory=dict)
    adjacent: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, source: str, kind: str, target: str, weight: float = 1.0) -> None:
        self.edges[(source, kind, target)] = max(weight, self.edges.get((source, kind, target), weight))
        self.adjacent[source].add(target)
        self.adjacent[target].add(source)


@cache
def sample_graph() -> SampleGraph:
    truth: Truth = sample_truth()
    graph = SampleGraph()
    for work, rec in truth.works.items():
        graph.labels[work] = rec["display_name"] or work
    for author, name in truth.author_name.items():
        graph.labels[author] = name or author
    for inst, rec in truth.institution.items():
        graph.labels[inst] = rec["name"] or inst
    for topic, name in truth.topic_name.items():
        graph.labels[topic] = name or topic
    for source, name in truth.source_name.items():
        graph.labels[source] = name or source
    for work, ships in truth.ships.items():
        for ship in ships:
            if ship.author:
                graph.add(ship.author, "AUTHORED", work)
        for topic, score in truth.work_topics[work].items():
            graph.add(work, "HAS_TOPIC", topic, score)
        if work in truth.venue:
            graph.add(work, "PUBLISHED_IN", truth.venue[work])
    for citing, cited in truth.cites:
        graph.add(citing, "CITES", cited)
    for author, inst in truth.last_known.items():
        graph.add(author, "LAST_KNOWN_AT", inst)
    for author, insts in truth.affiliated.items():
        for inst in insts:
            graph.add(author, "AFFILIATED_WITH", inst)
    return graph


def expected_slice(center: str, depth: int, limit: int) -> tuple[bool, dict[str, str], dict[Edge, float]]:
    graph = sample_graph()
    distance = {center: 0}
    queue = deque([center])
    while queue:
        node = queue.popleft()
        if distance[node] == depth:
            continue
        for other in graph.adjacent[node]:
            if other not in distance:
                distance[other] = distance[node] + 1
                queue.append(other)
    kept = sorted(distance, key=lambda n: (distance[n], n))[:limit]
    inside = set(kept)
    edges = {e: w for e, w in graph.edges.items() if e[0] in inside and e[2] in inside}
    return len(distance) > limit, {n: graph.labels[n] for n in kept}, edges


def centers() -> list[str]:
    truth = sample_truth()
    big = max(truth.works, key=lambda w: len(truth.works[w]["authorships"]))
    author = max(truth.last_known, key=lambda a: (len(truth.author_works[a]), a))
    topic = max(truth.topic_name, key=lambda t: (sum(t in ts for ts in truth.work_topics.values()), t))
    source = max(set(truth.venue.values()), key=lambda s: (list(truth.venue.values()).count(s), s))
    inst = max(truth.affiliated, key=lambda a: (len(truth.affiliated[a]), a))
    return [author, big, topic, source, next(iter(sorted(truth.affiliated[inst])))]


KINDS = {"A": "AUTHOR", "W": "WORK", "T": "TOPIC", "I": "INSTITUTION", "S": "SOURCE"}


@pytest.mark.parametrize(("depth", "limit"), [(1, 100), (2, 100), (1, 5), (2, 500)])
async def test_slices_equal_the_sample_graph(
    sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str, depth: int, limit: int
) -> None:
    for center in centers():
        truncated, nodes, edges = expected_slice(center, depth, limit)
        data = await run(http, contract, "GraphSlice", center=center, depth=depth, limit=limit)
        got = data["graphSlice"]
        ids = [n["id"] for n in got["nodes"]]
        assert len(ids) == len(set(ids)) <= limit
        assert center in ids
        assert {n["id"]: n["label"] for n in got["nodes"]} == nodes, center
        assert all(n["kind"] == KINDS[n["id"][0]] for n in got["nodes"])
        edge_ids = [e["id"] for e in got["edges"]]
        assert len(edge_ids) == len(set(edge_ids))
        assert {(e["source"], e["type"], e["target"]): e["weight"] for e in got["edges"]} == pytest.approx(edges)
        assert all(e["source"] in nodes and e["target"] in nodes for e in got["edges"])
        assert got["truncated"] is truncated, center


def reachable(center: str, depth: int) -> int:
    """How many nodes lie within `depth` hops (the center included)."""
    return len(expected_slice(center, depth, 10**9)[1])


async def test_truncation_at_the_boundaries_of_each_ring(
    sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str
) -> None:
    """The query stops walking a ring at `limit` nodes: a limit equal to what is within reach keeps everything and
    is not truncated, one less is truncated, also when ring 1 alone fills the limit (depth 2)."""
    checked = 0
    for center in centers():
        ring1, ring2 = reachable(center, 1), reachable(center, 2)
        cases = {(1, ring1), (1, ring1 - 1), (2, ring2), (2, ring2 - 1), (2, ring1), (2, ring1 - 1)}
        for depth, limit in sorted(c for c in cases if 1 <= c[1] <= 500):
            truncated, nodes, _ = expected_slice(center, depth, limit)
            data = await run(http, contract, "GraphSlice", center=center, depth=depth, limit=limit)
            got = data["graphSlice"]
            assert [n["id"] for n in got["nodes"]] == list(nodes), (center, depth, limit)
            assert got["truncated"] is truncated, (center, depth, limit)
            checked += 1
    assert checked >= 10


async def test_the_5103_author_work_slice_is_truncated(
    sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str
) -> None:
    truth = sample_truth()
    big = max(truth.works, key=lambda w: len(truth.works[w]["authorships"]))
    data = await run(http, contract, "GraphSlice", center=big, depth=1, limit=100)
    assert data["graphSlice"]["truncated"] is True
    assert len(data["graphSlice"]["nodes"]) == 100


async def test_slice_arguments_are_checked(sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str) -> None:
    for variables in (
        {"center": "A5082727236", "depth": 3, "limit": 10},
        {"center": "A5082727236", "depth": 1, "limit": 0},
        {"center": "A5082727236", "depth": 1, "limit": 501},
        {"center": "nope", "depth": 1, "limit": 10},
    ):
        body = await call(http, contract, "GraphSlice", **variables)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", variables
    data = await run(http, contract, "GraphSlice", center="A1", depth=1, limit=10)
    assert data["graphSlice"] is None
