"""The analyst queries: root listings with filters and orders, relations of every entity, autocomplete, paths."""

from __future__ import annotations

from collections import deque
from typing import Any

import httpx
from neo4j import AsyncDriver

from tests.api._ops import call
from tests.api.sample_truth import Truth, sample_truth


async def data(http: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    body = await call(http, query, None, **variables)
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]
    return result


async def test_works_listing_filters_orders_and_pages(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    truth = sample_truth()
    query = """query($where: WorkFilter, $after: String) {
      works(where: $where, orderBy: CITED_BY_DESC, first: 25, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id citedByCount } } } }"""
    where = {"yearFrom": 2015, "yearTo": 2020, "type": "article"}
    want = sorted(
        (w for w, r in truth.works.items() if r["type"] == "article" and 2015 <= (r["publication_year"] or 0) <= 2020),
        key=lambda w: (-(truth.works[w]["cited_by_count"] or 0), w),
    )
    seen: list[str] = []
    after = None
    while True:
        page = (await data(http, query, where=where, after=after))["works"]
        assert page["totalCount"] == len(want)
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == want


async def test_authors_listing_by_orcid_and_country(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    truth = sample_truth()
    country = max(
        {truth.institution[i]["countryCode"] for i in truth.last_known.values()} - {None},
        key=lambda c: sum(truth.institution[i]["countryCode"] == c for i in truth.last_known.values()),
    )
    want = (
        {a for a, i in truth.last_known.items() if truth.institution[i]["countryCode"] == c}
        if (c := country)
        else set()
    )
    query = """query($c: String) { authors(where: {country: $c, hasOrcid: true}, first: 100) { nodes { id orcid } } }"""
    got = (await data(http, query, c=country.lower()))["authors"]["nodes"]
    assert {n["id"] for n in got} == {a for a in want if truth.author_orcid.get(a)}


async def test_author_institutions_and_works_by_year(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    truth = sample_truth()
    author = max(truth.affiliated, key=lambda a: (len(truth.affiliated[a]), a))
    query = """query($id: ID!) { author(id: $id) { institutions { years institution { id } }
      worksByYear { year works } citedByCount hIndex } }"""
    got = (await data(http, query, id=author))["author"]
    rec = truth.author_record[author]
    want_years = {
        (aff.get("institution") or {}).get("id", "").rsplit("/", 1)[-1]: sorted(set(aff.get("years") or []))
        for aff in rec.get("affiliations") or []
    }
    assert {i["institution"]["id"]: i["years"] for i in got["institutions"]} == want_years
    years: dict[int, int] = {}
    for w in truth.author_works[author]:
        if truth.works[w]["publication_year"] is not None:
            years[truth.works[w]["publication_year"]] = years.get(truth.works[w]["publication_year"], 0) + 1
    assert got["worksByYear"] == [{"year": y, "works": n} for y, n in sorted(years.items())]
    assert got["citedByCount"] == rec["cited_by_count"]
    assert got["hIndex"] == rec["summary_stats"]["h_index"]


async def test_work_references_and_cited_by(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    truth = sample_truth()
    cited = max(truth.works, key=lambda w: (sum(1 for _, c in truth.cites if c == w), w))
    citing = max(truth.works, key=lambda w: (sum(1 for c, _ in truth.cites if c == w), w))
    query = """query($a: ID!, $b: ID!) {
      a: work(id: $a) { citedBy(first: 100) { totalCount edges { node { id } } } }
      b: work(id: $b) { references(first: 100) { totalCount edges { node { id } } } language openAccess { isOa } } }"""
    got = await data(http, query, a=cited, b=citing)
    assert {e["node"]["id"] for e in got["a"]["citedBy"]["edges"]} == {c for c, d in truth.cites if d == cited}
    assert {e["node"]["id"] for e in got["b"]["references"]["edges"]} == {d for c, d in truth.cites if c == citing}
    assert got["b"]["language"] == truth.works[citing].get("language")
    assert got["b"]["openAccess"]["isOa"] == truth.works[citing]["open_access"]["is_oa"]


async def test_topic_and_source_relations(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    truth = sample_truth()
    topic = max(truth.topic_name, key=lambda t: (sum(t in ts for ts in truth.work_topics.values()), t))
    topic_works = {w for w, ts in truth.work_topics.items() if topic in ts}
    source = max(set(truth.venue.values()), key=lambda s: (list(truth.venue.values()).count(s), s))
    query = """query($t: ID!, $s: ID!) {
      t: node(id: $t) { ... on Topic { workCount works(first: 100) { totalCount edges { node { id } } }
        topAuthors(first: 3) { totalCount edges { workCount node { id } } } } }
      s: node(id: $s) { ... on Source { works(first: 100) { totalCount } } } }"""
    got = await data(http, query, t=topic, s=source)
    assert got["t"]["workCount"] == len(topic_works) == got["t"]["works"]["totalCount"]
    authors: dict[str, int] = {}
    for w in topic_works:
        for ship in truth.ships[w]:
            if ship.author:
                authors[ship.author] = authors.get(ship.author, 0) + 1
    assert got["t"]["topAuthors"]["totalCount"] == len(authors)
    assert [e["workCount"] for e in got["t"]["topAuthors"]["edges"]] == sorted(authors.values(), reverse=True)[:3]
    assert got["s"]["works"]["totalCount"] == list(truth.venue.values()).count(source)


def shortest_hops(truth: Truth, a: str, b: str) -> int | None:
    seen = {a: 0}
    queue = deque([a])
    while queue:
        x = queue.popleft()
        for w in truth.author_works[x]:
            for s in truth.ships[w]:
                if s.author and s.author not in seen:
                    seen[s.author] = seen[x] + 1
                    queue.append(s.author)
    return seen.get(b)


async def test_coauthorship_path_and_autocomplete(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    truth = sample_truth()
    a = next(x for x in sorted(truth.author_works) if len(truth.coauthors(x)) == 1)
    b = truth.coauthors(a)[0][0]
    far = next((c for c, _, _ in truth.coauthors(b) if c != a and shortest_hops(truth, a, c) == 2), None)
    query = """query($a: ID!, $b: ID!, $m: Int!) { connection(from: $a, to: $b, maxHops: $m) {
      hops authors { id } links { source { id } target { id } works { id } } } }"""
    got = (await data(http, query, a=a, b=b, m=1))["connection"]
    assert got["hops"] == 1
    assert [x["id"] for x in got["authors"]] == [a, b]
    assert {w["id"] for w in got["links"][0]["works"]} == truth.author_works[a] & truth.author_works[b]
    if far is not None:
        assert (await data(http, query, a=a, b=far, m=1))["connection"] is None
        assert (await data(http, query, a=a, b=far, m=2))["connection"]["hops"] == 2
    name = truth.author_name[a] or ""
    prefix = name.split()[-1][:4]
    hits = await data(
        http, "query($p: String!) { autocomplete(prefix: $p, types: [AUTHOR], first: 50) { id } }", p=prefix
    )
    assert a in {h["id"] for h in hits["autocomplete"]}
