"""The analyst's ten questions (contract/analyst.graphql, as GraphiQL and the README show them), each one query,
run with GraphiQL's example variables and checked against counts computed from the sample's records; funders and
publishers as entities."""

from __future__ import annotations

from collections import Counter, deque
from typing import Any

import httpx
from neo4j import AsyncDriver

from peergraph.ide import ANALYST, EXAMPLES
from tests.api._ops import run
from tests.api.analyst_truth import collaborations, groups, title, work_countries, work_institutions
from tests.api.sample_truth import Truth, sample_truth
from tests.api.test_analyst_filters import data

OPERATIONS = ANALYST.read_text(encoding="utf-8")


async def ask(http: httpx.AsyncClient, name: str) -> dict[str, Any]:
    return await run(http, OPERATIONS, name, **EXAMPLES[name])


def ranked(truth: Truth, works: list[str], order: str, first: int) -> list[str]:
    rec = truth.works
    if order == "CITED_BY_DESC":
        return sorted(works, key=lambda w: (-(rec[w]["cited_by_count"] or 0), w))[:first]
    return sorted(works, key=lambda w: (rec[w]["publication_year"] is None, -(rec[w]["publication_year"] or 0), w))[
        :first
    ]


async def test_1_to_5_counts_by_facet(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    truth = sample_truth()
    ex = EXAMPLES
    on_topic = [w for w in truth.works if ex["TopInstitutionsOnTopic"]["topic"] in truth.work_topics[w]]
    got = (await ask(http, "TopInstitutionsOnTopic"))["worksGroupBy"]
    want = groups(truth, "INSTITUTION", on_topic)
    assert got["totalCount"] == len(want) > 0
    assert got["groups"] == [{k: g[k] for k in ("key", "label", "count", "citedByCount")} for g in want[:5]]

    institution = str(ex["InstitutionWorksPerYear"]["institution"])
    at = [w for w in truth.works if institution in work_institutions(truth, w)]
    got = (await ask(http, "InstitutionWorksPerYear"))["worksGroupBy"]
    want = groups(truth, "YEAR", at, by_key=True)
    assert [(g["key"], g["count"], g["openAccessCount"]) for g in got["groups"]] == [
        (g["key"], g["count"], g["openAccessCount"]) for g in want
    ]
    assert sum(g["count"] for g in got["groups"]) == len(at) == 27

    country = ex["AuthorsWithMostCoauthors"]["country"]
    inside = [a for a, i in truth.last_known.items() if truth.institution[i]["countryCode"] == country]
    most = sorted(inside, key=lambda a: (-len(truth.coauthors(a)), a))[:5]
    got = (await ask(http, "AuthorsWithMostCoauthors"))["authors"]["nodes"]
    assert [(n["id"], n["coauthors"]["totalCount"]) for n in got] == [(a, len(truth.coauthors(a))) for a in most]

    got = await ask(http, "TrendingTopics")
    for alias, low, high in (("early", "earlyFrom", "earlyTo"), ("late", "lateFrom", "lateTo")):
        span = range(int(str(ex["TrendingTopics"][low])), int(str(ex["TrendingTopics"][high])) + 1)
        works = [w for w, r in truth.works.items() if r["publication_year"] in span]
        want = groups(truth, "TOPIC", works)
        assert got[alias]["totalCount"] == len(want)
        assert got[alias]["groups"] == [{k: g[k] for k in ("key", "label", "count")} for g in want[:5]]

    got = (await ask(http, "OpenAccessBySource"))["worksGroupBy"]
    want = groups(truth, "SOURCE", truth.works)
    assert got["groups"] == [{k: g[k] for k in ("key", "label", "count", "openAccessCount")} for g in want[:10]]


async def test_6_to_9_filtered_works(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    truth = sample_truth()
    ex = EXAMPLES
    a, b = ex["WorksBetweenCountries"]["a"], ex["WorksBetweenCountries"]["b"]
    both = [w for w in truth.works if {a, b} <= work_countries(truth, w)]
    got = (await ask(http, "WorksBetweenCountries"))["works"]
    assert got["totalCount"] == len(both) > 0
    assert [e["node"]["id"] for e in got["edges"]] == ranked(truth, both, "CITED_BY_DESC", 10)
    pairs, _ = collaborations(truth, "COUNTRY", truth.works)
    assert next(p["works"] for p in pairs if {p["a"], p["b"]} == {a, b}) == len(both)

    funder = str(ex["WorksByFunder"]["funder"])
    funded = [w for w in truth.works if funder in truth.work_funders[w]]
    got = await ask(http, "WorksByFunder")
    assert ("funder", funder) not in truth.full  # a stub: known from works, so no country on record
    assert got["funder"] == {"id": funder, "name": truth.funder_name[funder], "countryCode": None, "graphWorksCount": 7}
    assert got["works"]["totalCount"] == len(funded) == 7
    assert [e["node"]["id"] for e in got["works"]["edges"]] == ranked(truth, funded, "YEAR_DESC", 10)
    for edge in got["works"]["edges"]:
        assert funder in {f["funder"]["id"] for f in edge["node"]["funders"]}
        assert {f["funder"]["id"] for f in edge["node"]["funders"]} == truth.work_funders[edge["node"]["id"]]

    q = ex["MostCitedOnTopic"]
    span = range(int(str(q["from"])), int(str(q["to"])) + 1)
    on_topic = [
        w for w, r in truth.works.items() if q["topic"] in truth.work_topics[w] and r["publication_year"] in span
    ]
    got = (await ask(http, "MostCitedOnTopic"))["works"]
    assert got["totalCount"] == len(on_topic) > 5
    assert [e["node"]["id"] for e in got["edges"]] == ranked(truth, on_topic, "CITED_BY_DESC", 5)
    assert [e["node"]["title"] for e in got["edges"]] == [
        title(truth.works[w]) for w in ranked(truth, on_topic, "CITED_BY_DESC", 5)
    ]

    cited = str(ex["WhoCites"]["work"])
    citing = [c for c, d in truth.cites if d == cited]
    got = await ask(http, "WhoCites")
    assert got["works"]["totalCount"] == len(citing) == 25
    assert [e["node"]["id"] for e in got["works"]["edges"]] == ranked(truth, citing, "CITED_BY_DESC", 10)
    authors = Counter(s for w in citing for s in {x.author for x in truth.ships[w] if x.author})
    want = sorted(authors, key=lambda x: (-authors[x], x))[:10]
    assert got["worksGroupBy"]["totalCount"] == len(authors)
    assert [(g["key"], g["label"], g["count"]) for g in got["worksGroupBy"]["groups"]] == [
        (x, truth.author_name[x], authors[x]) for x in want
    ]


def researchers(truth: Truth, institution: str) -> set[str]:
    return {s.author for ships in truth.ships.values() for s in ships if s.author and institution in s.institutions}


def hops_between(truth: Truth, starts: set[str], ends: set[str]) -> int | None:
    seen = dict.fromkeys(starts, 0)
    queue = deque(sorted(starts))
    while queue:
        x = queue.popleft()
        if x in ends:
            return seen[x]
        for w in truth.author_works[x]:
            for s in truth.ships[w]:
                if s.author and s.author not in seen:
                    seen[s.author] = seen[x] + 1
                    queue.append(s.author)
    return None


async def test_10_the_path_between_two_institutions_researchers(
    sample_db: AsyncDriver, http: httpx.AsyncClient
) -> None:
    truth = sample_truth()
    ex = EXAMPLES["InstitutionsPath"]
    starts, ends = researchers(truth, str(ex["from"])), researchers(truth, str(ex["to"]))
    want = hops_between(truth, starts, ends)
    assert want is not None
    assert want <= 4
    got = (await ask(http, "InstitutionsPath"))["connection"]
    assert got["hops"] == want
    path = [x["id"] for x in got["authors"]]
    assert path[0] in starts
    assert path[-1] in ends
    assert len(path) == want + 1
    for k, link in enumerate(got["links"]):
        shared = truth.author_works[path[k]] & truth.author_works[path[k + 1]]
        assert {w["id"] for w in link["works"]} == shared
        assert shared
    # an author at both ends is a path of no hops; an author and an institution mix
    both = sorted(starts)[0]
    query = """query($a: ID!, $b: ID!) { connection(from: $a, to: $b, maxHops: 2) { hops authors { id } } }"""
    assert (await data(http, query, a=both, b=ex["from"]))["connection"] == {"hops": 0, "authors": [{"id": both}]}


async def test_every_analyst_example_runs_and_country_pairs_are_counted(
    sample_db: AsyncDriver, http: httpx.AsyncClient
) -> None:
    truth = sample_truth()
    got = (await ask(http, "CountryCollaborations"))["collaborations"]
    pairs, skipped = collaborations(truth, "COUNTRY", truth.works)
    assert got["totalCount"] == len(pairs)
    assert got["skippedWorks"] == skipped == 0
    assert [(p["a"]["key"], p["b"]["key"], p["works"]) for p in got["pairs"]] == [
        (p["a"], p["b"], p["works"]) for p in pairs[:10]
    ]


async def test_funders_and_publishers_are_entities(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    truth = sample_truth()
    query = """{
      funders(orderBy: CITED_BY_DESC, first: 3) { totalCount nodes { id isStub citedByCount } }
      stubs: funders(where: {nameContains: "foundation"}, first: 100) { totalCount nodes { id name } }
      publishers(first: 100) { totalCount nodes { id name parent { id } } }
      springer: publisher(id: "https://openalex.org/P4310319965") { name isStub countryCodes ror graphWorksCount }
      node(id: "F4320332161") { ... on Funder { name countryCode awardsCount } }
      source: node(id: "S106296714") { ... on Source { publisher { id lineage { id } } } } }"""
    got = await data(http, query)
    full = sorted((i for k, i in truth.full if k == "funder"), key=lambda f: f)
    assert got["funders"]["totalCount"] == len(truth.funder_name)
    assert [n["isStub"] for n in got["funders"]["nodes"]][: len(full)] == [False] * len(full)
    named = {f for f, n in truth.funder_name.items() if n and "foundation" in n.lower()}
    assert {n["id"] for n in got["stubs"]["nodes"]} == named
    assert got["stubs"]["totalCount"] == len(named)
    assert got["publishers"]["totalCount"] == len(truth.publisher_name)
    names = [n["name"] for n in got["publishers"]["nodes"]]
    assert names == sorted(names, key=lambda n: (n is None, n or ""))
    springer_works = sum(
        1
        for w in truth.works
        if (truth.source_lineage.get(truth.venue.get(w, ""), [None]) or [None])[0] == "P4310319965"
    )
    assert got["springer"] == {
        "name": "Springer Nature",
        "isStub": False,
        "countryCodes": ["DE"],
        "ror": "0117jxy09",
        "graphWorksCount": springer_works,
    }
    assert got["node"] == {"name": "National Institutes of Health", "countryCode": "US", "awardsCount": 2547669}
    assert got["source"]["publisher"]["id"] == truth.source_lineage["S106296714"][0]
    assert [p["id"] for p in got["source"]["publisher"]["lineage"]] == truth.source_lineage["S106296714"]
