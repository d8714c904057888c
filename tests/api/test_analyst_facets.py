"""Counts by facet (worksGroupBy, authorsGroupBy, institutionsGroupBy) and collaborations, against the records."""

from __future__ import annotations

from collections import Counter
from typing import Any

import httpx
import pytest
from neo4j import AsyncDriver

from tests.api.analyst_truth import collaborations, groups, party_names
from tests.api.sample_truth import sample_truth
from tests.api.test_analyst_filters import data

FACETS = [
    "YEAR", "TYPE", "LANGUAGE", "OA_STATUS", "IS_OA", "TOPIC", "SUBFIELD", "FIELD", "DOMAIN", "SOURCE", "PUBLISHER",
    "INSTITUTION", "COUNTRY", "AUTHOR", "FUNDER",
]  # fmt: skip
GROUP_BY = """query($by: WorkFacet!, $where: WorkFilter, $order: GroupOrder!, $unknown: Boolean!, $first: Int!) {
  worksGroupBy(by: $by, where: $where, orderBy: $order, includeUnknown: $unknown, first: $first) {
    totalCount groups { key label count citedByCount openAccessCount } } }"""


@pytest.mark.parametrize("facet", FACETS)
async def test_each_work_facet_counts_what_the_records_say(
    sample_db: AsyncDriver, http: httpx.AsyncClient, facet: str
) -> None:
    truth = sample_truth()
    everything = await data(http, GROUP_BY, by=facet, where=None, order="COUNT_DESC", unknown=True, first=200)
    want = groups(truth, facet, truth.works, unknown=True)
    assert everything["worksGroupBy"]["totalCount"] == len(want)
    assert everything["worksGroupBy"]["groups"] == want[:200]
    # with a typical filter, by key, the works with no key left out (as OpenAlex does unless asked)
    where = {"yearFrom": 2015, "type": ["article"]}
    kept = [w for w, r in truth.works.items() if (r["publication_year"] or 0) >= 2015 and r["type"] == "article"]
    filtered = await data(http, GROUP_BY, by=facet, where=where, order="KEY_ASC", unknown=False, first=10)
    want = groups(truth, facet, kept, by_key=True)
    assert filtered["worksGroupBy"]["totalCount"] == len(want)
    assert filtered["worksGroupBy"]["groups"] == want[:10]


async def test_a_facet_of_no_works_is_empty(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    got = await data(http, GROUP_BY, by="TOPIC", where={"ids": ["W1"]}, order="COUNT_DESC", unknown=True, first=5)
    assert got["worksGroupBy"] == {"totalCount": 0, "groups": []}


async def test_authors_and_institutions_by_facet(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    truth = sample_truth()
    query = """{ country: authorsGroupBy(by: COUNTRY, includeUnknown: true, first: 200) {
        totalCount groups { key count citedByCount } }
      orcid: authorsGroupBy(by: HAS_ORCID, where: {citedByMin: 1}) { groups { key count } }
      byInstitution: authorsGroupBy(by: INSTITUTION, first: 5) { totalCount groups { key label count } }
      institutions: institutionsGroupBy(by: COUNTRY, first: 200, orderBy: KEY_ASC) {
        totalCount groups { key count } } }"""
    got = await data(http, query)
    authors = list(truth.author_name)
    cited = {a: (truth.author_record.get(a) or {}).get("cited_by_count") for a in authors}
    country = {
        a: truth.institution[truth.last_known[a]]["countryCode"] if a in truth.last_known else None for a in authors
    }
    counts = Counter(country.values())
    want = sorted(counts, key=lambda c: (-counts[c], c is None, c or ""))
    assert got["country"]["totalCount"] == len(want)
    assert [(g["key"], g["count"]) for g in got["country"]["groups"]] == [(c, counts[c]) for c in want]
    assert [g["citedByCount"] for g in got["country"]["groups"]] == [
        sum(cited[a] or 0 for a in authors if country[a] == c) for c in want
    ]
    with_citations = [a for a in authors if (cited[a] or 0) >= 1]
    orcid = Counter(str(bool(truth.author_orcid.get(a))).lower() for a in with_citations)
    assert {g["key"]: g["count"] for g in got["orcid"]["groups"]} == dict(orcid)
    at = Counter(truth.last_known.values())
    assert got["byInstitution"]["totalCount"] == len(at)
    want_at = sorted(at, key=lambda i: (-at[i], i))[:5]
    assert [(g["key"], g["label"], g["count"]) for g in got["byInstitution"]["groups"]] == [
        (i, truth.institution[i]["name"], at[i]) for i in want_at
    ]
    inst = Counter(r["countryCode"] for r in truth.institution.values() if r["countryCode"])
    assert [(g["key"], g["count"]) for g in got["institutions"]["groups"]] == sorted(inst.items())
    assert got["institutions"]["totalCount"] == len(inst)


COLLABORATIONS = """query($between: CollaborationParty!, $where: WorkFilter, $first: Int!) {
  collaborations(between: $between, where: $where, first: $first) {
    totalCount skippedWorks pairs { a { key label } b { key label } works citedByCount } } }"""


@pytest.mark.parametrize("party", ["INSTITUTION", "COUNTRY", "AUTHOR"])
async def test_collaborations_rank_pairs_by_shared_works(
    sample_db: AsyncDriver, http: httpx.AsyncClient, party: str
) -> None:
    truth = sample_truth()
    names = party_names(truth, party)

    def label(key: str) -> str | None:
        return names.get(key, key)

    for where, works in (
        (None, list(truth.works)),
        ({"yearFrom": 2010}, [w for w, r in truth.works.items() if (r["publication_year"] or 0) >= 2010]),
    ):
        got = (await data(http, COLLABORATIONS, between=party, where=where, first=25))["collaborations"]
        pairs, skipped = collaborations(truth, party, works)
        assert got["totalCount"] == len(pairs)
        assert got["skippedWorks"] == skipped
        want: list[dict[str, Any]] = [
            {
                "a": {"key": p["a"], "label": label(p["a"])},
                "b": {"key": p["b"], "label": label(p["b"])},
                "works": p["works"],
                "citedByCount": p["citedByCount"],
            }
            for p in pairs[:25]
        ]
        assert got["pairs"] == want
    assert skipped == (1 if party == "AUTHOR" else 0)  # the 5,103-author work: 13 million pairs, left out


async def test_a_facets_cost_is_its_first(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    from tests.api._ops import call

    body = await call(http, "{ worksGroupBy(by: TOPIC, first: 150) { totalCount groups { key count } } }", None)
    assert body["extensions"]["cost"]["estimated"] == 1 + 150
    body = await call(http, "{ worksGroupBy(by: TOPIC, first: 201) { totalCount } }", None)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
