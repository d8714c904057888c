"""The works filter (every filter, lists as any-of, AND / OR / NOT) and true orders, against the sample's records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver

from tests.api._ops import call
from tests.api.analyst_truth import (
    institution_works_count,
    publishers_above,
    search_word,
    title,
    work_countries,
    work_institutions,
)
from tests.api.sample_truth import Truth, records, sample_truth

WORKS = """query($where: WorkFilter, $order: WorkOrder!, $after: String) {
  works(where: $where, orderBy: $order, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }"""


async def data(http: httpx.AsyncClient, query: str, **variables: Any) -> dict[str, Any]:
    body = await call(http, query, None, **variables)
    assert "errors" not in body, body["errors"]
    result: dict[str, Any] = body["data"]
    return result


async def listed(http: httpx.AsyncClient, where: dict[str, Any] | None, order: str = "CITED_BY_DESC") -> list[str]:
    """Every work the listing gives for `where`, page after page (totalCount checked on each)."""
    seen: list[str] = []
    after = None
    while True:
        page = (await data(http, WORKS, where=where, order=order, after=after))["works"]
        seen += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            assert page["totalCount"] == len(seen)
            return seen
        after = page["pageInfo"]["endCursor"]


def oa(rec: dict[str, Any]) -> dict[str, Any]:
    return rec.get("open_access") or {}


def cases(t: Truth) -> list[tuple[dict[str, Any], Callable[[str], bool]]]:
    """(filter, which works it must keep), each filter of WorkFilter at least once."""
    works = sorted(t.works)
    author = max(sorted(t.author_works), key=lambda a: len(t.author_works[a]))
    source = max(sorted(set(t.venue.values())), key=lambda s: list(t.venue.values()).count(s))
    citing = max(works, key=lambda w: sum(1 for c, _ in t.cites if c == w))
    level = t.topic_levels[sorted(t.work_topics[works[0]])[0]] if t.work_topics[works[0]] else ("", "", "")
    word, found = search_word()
    rec = t.works.__getitem__

    def date(w: str) -> str:
        return str(rec(w).get("publication_date") or "")

    return [
        ({"ids": [works[0], works[5], "W1"]}, lambda w: w in (works[0], works[5])),
        ({"search": word.upper()}, lambda w: w in found),
        ({"titleContains": "Language"}, lambda w: "language" in (title(rec(w)) or "").lower()),
        ({"yearFrom": 2010, "yearTo": 2015}, lambda w: 2010 <= (rec(w)["publication_year"] or 0) <= 2015),
        (
            {"publishedFrom": "2020-03-01", "publishedTo": "2021-06-30"},
            lambda w: "2020-03-01" <= date(w) <= "2021-06-30",
        ),
        ({"type": ["book-chapter", "dataset"]}, lambda w: rec(w).get("type") in ("book-chapter", "dataset")),
        ({"type": "review"}, lambda w: rec(w).get("type") == "review"),  # one value for a list: coerced to [it]
        ({"language": ["de", "fr"]}, lambda w: rec(w).get("language") in ("de", "fr")),
        ({"isOa": True}, lambda w: oa(rec(w)).get("is_oa") is True),
        ({"isOa": False}, lambda w: oa(rec(w)).get("is_oa") is not True),
        ({"oaStatus": ["gold", "diamond"]}, lambda w: oa(rec(w)).get("oa_status") in ("gold", "diamond")),
        ({"isRetracted": False}, lambda w: rec(w).get("is_retracted") is not True),
        ({"hasDoi": False}, lambda w: not rec(w).get("doi")),
        ({"citedByMin": 50, "citedByMax": 500}, lambda w: 50 <= (rec(w).get("cited_by_count") or 0) <= 500),
        ({"author": [author]}, lambda w: w in t.author_works[author]),
        (
            {"institution": ["I97018004", "I95457486"]},
            lambda w: bool({"I97018004", "I95457486"} & work_institutions(t, w)),
        ),
        ({"country": ["gb"]}, lambda w: "GB" in work_countries(t, w)),
        ({"topic": ["T10265"]}, lambda w: "T10265" in t.work_topics[w]),
        ({"subfield": [level[0]]}, lambda w: any(t.topic_levels[x][0] == level[0] for x in t.work_topics[w])),
        ({"field": [level[1]]}, lambda w: any(t.topic_levels[x][1] == level[1] for x in t.work_topics[w])),
        (
            {"domain": ["Health Sciences"]},
            lambda w: any(t.topic_levels[x][2] == "Health Sciences" for x in t.work_topics[w]),
        ),
        ({"source": [source]}, lambda w: t.venue.get(w) == source),
        ({"publisher": ["P4310319965"]}, lambda w: "P4310319965" in publishers_above(t, w)),
        (
            {"funder": ["F4320306076", "F4320332161"]},
            lambda w: bool({"F4320306076", "F4320332161"} & t.work_funders[w]),
        ),
        ({"cites": ["W1880262756"]}, lambda w: (w, "W1880262756") in t.cites),
        ({"citedBy": [citing]}, lambda w: (citing, w) in t.cites),
        (
            {"OR": [{"country": ["CN"]}, {"yearTo": 1980}], "NOT": {"isOa": True}},
            lambda w: (
                ("CN" in work_countries(t, w) or (rec(w)["publication_year"] or 0) <= 1980)
                and oa(rec(w)).get("is_oa") is not True
            ),
        ),
        (
            {"AND": [{"country": ["US"]}, {"country": ["GB"]}], "type": ["article"]},
            lambda w: {"US", "GB"} <= work_countries(t, w) and rec(w).get("type") == "article",
        ),
        ({"OR": []}, lambda w: False),
        ({"NOT": {"NOT": {"topic": ["T10319"]}}}, lambda w: "T10319" in t.work_topics[w]),
    ]


async def test_every_works_filter_keeps_what_the_records_say(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    truth = sample_truth()
    for where, keep in cases(truth):
        want = {w for w in truth.works if keep(w)}
        got = await listed(http, where)
        assert set(got) == want, where
        assert len(got) == len(set(got)), where
    assert any(keep(w) for w in truth.works for where, keep in cases(truth)[:2])


def order_key(truth: Truth, order: str) -> Callable[[str], tuple[Any, ...]]:
    rec = truth.works.__getitem__
    keys: dict[str, Callable[[str], tuple[Any, ...]]] = {
        "YEAR_DESC": lambda w: (rec(w)["publication_year"] is None, -(rec(w)["publication_year"] or 0), w),
        "CITED_BY_DESC": lambda w: (rec(w)["cited_by_count"] is None, -(rec(w)["cited_by_count"] or 0), w),
        "TITLE_ASC": lambda w: (title(rec(w)) is None, title(rec(w)) or "", w),
        "PUBLICATION_DATE_DESC": lambda w: (
            rec(w).get("publication_date") is None,
            [-ord(c) for c in rec(w).get("publication_date") or ""],
            w,
        ),
    }
    return keys[order]


@pytest.mark.parametrize("order", ["YEAR_DESC", "CITED_BY_DESC", "TITLE_ASC", "PUBLICATION_DATE_DESC"])
async def test_works_orders_are_true_with_nulls_last_and_ties_by_id(
    sample_db: AsyncDriver, http: httpx.AsyncClient, order: str
) -> None:
    truth = sample_truth()
    where = {"yearFrom": 2000}
    want = sorted(
        (w for w in truth.works if (truth.works[w]["publication_year"] or 0) >= 2000), key=order_key(truth, order)
    )
    assert await listed(http, where, order) == want


AUTHORS = """query($order: AuthorOrder!, $where: AuthorFilter) { authors(where: $where, orderBy: $order, first: 10) {
  nodes { id citedByCount worksCount coauthors(first: 0) { totalCount } } } }"""


async def test_author_orders_put_the_true_maximum_first(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    truth = sample_truth()
    full = truth.author_record
    got = (await data(http, AUTHORS, order="CITED_BY_DESC"))["authors"]["nodes"]
    assert [n["id"] for n in got] == sorted(full, key=lambda a: (-(full[a]["cited_by_count"] or 0), a))[:10]
    assert all(n["citedByCount"] is not None for n in got)  # stubs (no count on record) come last, not first
    got = (await data(http, AUTHORS, order="WORKS_COUNT_DESC"))["authors"]["nodes"]
    assert [n["id"] for n in got] == sorted(full, key=lambda a: (-(full[a]["works_count"] or 0), a))[:10]
    # Counting every author's coauthors walks the 5,103-author work once per author on it: asked with a filter.
    got = (await data(http, AUTHORS, order="COAUTHORS_DESC", where={"country": "GB"}))["authors"]["nodes"]
    in_gb = {a for a, i in truth.last_known.items() if truth.institution[i]["countryCode"] == "GB"}
    coauthors = {a: len(truth.coauthors(a)) for a in in_gb}
    assert [n["id"] for n in got] == sorted(coauthors, key=lambda a: (-coauthors[a], a))[:10]
    assert [n["coauthors"]["totalCount"] for n in got] == sorted(coauthors.values(), reverse=True)[:10]


async def test_institution_and_topic_orders_put_unknown_counts_last(
    sample_db: AsyncDriver, http: httpx.AsyncClient
) -> None:
    counts = institution_works_count()
    query = """{ institutions(orderBy: WORKS_COUNT_DESC, first: 100) { nodes { id worksCount } }
      topics(orderBy: WORKS_COUNT_DESC, first: 100) { nodes { id worksCount } } }"""
    got = await data(http, query)
    want = sorted(counts, key=lambda i: (counts[i] is None, -(counts[i] or 0), i))[:100]
    assert [n["id"] for n in got["institutions"]["nodes"]] == want
    assert [n["worksCount"] for n in got["institutions"]["nodes"]] == [counts[i] for i in want]
    topics: dict[str, int | None] = dict.fromkeys(sample_truth().topic_name)
    for rec in records("topics"):
        topics[rec["id"].rsplit("/", 1)[-1]] = rec.get("works_count")
    want = sorted(topics, key=lambda t: (topics[t] is None, -(topics[t] or 0), t))[:100]
    assert [n["id"] for n in got["topics"]["nodes"]] == want


async def test_bad_filters_are_the_clients_mistake(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    bad: list[dict[str, Any]] = [
        {"author": ["W123"]},
        {"funder": ["nope"]},
        {"search": "   "},
        {"NOT": {"NOT": {"NOT": {"NOT": {"NOT": {}}}}}},
    ]
    for where in bad:
        body = await call(http, WORKS, None, where=where, order="YEAR_DESC")
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", where


async def pages(http: httpx.AsyncClient, field: str, order: str) -> list[str]:
    """Every node id of a root listing, page after page of 100 through its keyset cursors."""
    query = f"""query($after: String) {{ {field}(orderBy: {order}, first: 100, after: $after) {{
      totalCount pageInfo {{ hasNextPage hasPreviousPage endCursor }} nodes {{ id }} }} }}"""
    seen: list[str] = []
    after = None
    while True:
        page = (await data(http, query, after=after))[field]
        assert page["pageInfo"]["hasPreviousPage"] == (after is not None)
        seen += [n["id"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            assert page["totalCount"] == len(seen)
            return seen
        after = page["pageInfo"]["endCursor"]


async def test_keyset_cursors_walk_every_listing_in_order(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    """Through runs of equal keys and unknown (null) keys: the pages add up to the whole order, each row once."""
    truth = sample_truth()
    counts = institution_works_count()
    assert await pages(http, "institutions", "WORKS_COUNT_DESC") == sorted(
        counts, key=lambda i: (counts[i] is None, -(counts[i] or 0), i)
    )
    names = truth.author_name
    assert await pages(http, "authors", "NAME_ASC") == sorted(
        names, key=lambda a: (names[a] is None, names[a] or "", a)
    )
    funders = truth.funder_name
    assert await pages(http, "funders", "NAME_ASC") == sorted(
        funders, key=lambda f: (funders[f] is None, funders[f] or "", f)
    )
    publishers = await pages(http, "publishers", "CITED_BY_DESC")
    assert publishers[0] == "P4310319965"
    assert sorted(publishers) == sorted(truth.publisher_name)


async def test_a_cursor_serves_only_its_listing_and_order(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    first = await data(http, "{ works(orderBy: CITED_BY_DESC, first: 2) { pageInfo { endCursor } } }")
    cursor = first["works"]["pageInfo"]["endCursor"]
    for query in (
        "query($c: String) { works(orderBy: YEAR_DESC, first: 2, after: $c) { totalCount } }",
        "query($c: String) { authors(first: 2, after: $c) { totalCount } }",
    ):
        body = await call(http, query, None, c=cursor)
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    offset = "b2Zmc2V0OjE="  # "offset:1", a relation's cursor
    body = await call(http, "query($c: String) { works(first: 2, after: $c) { totalCount } }", None, c=offset)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
