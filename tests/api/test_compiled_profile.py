"""The compiled `author(id:)` profile (schema/compiled.py: the profile loader's row, answered without Strawberry
objects) answers exactly as the general executor does, and as the input records say.

Over HTTP, the servers of tests/api/test_compiled.py (the default settings; compiled documents and the plain-fields
shortcut off), body for body, with `Counts` telling which path answered. Authors are chosen from the input records:
varied coauthor rankings, one with none, the 5,090-coauthor one (a kept ranking), with and without an ORCID iD and a
last known institution. The documents are the contract's ResearcherProfile and variants (aliases, fragments,
variables, @include / @skip, __typename, every compiled field, fields the compiler does not know, which must go the
general way), the error paths (bad pages, an unknown id, a merged one, another kind of id) and the privacy rule: a
claimant hiding each field, and one showing an institution of their choice (handed to the general path).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest_asyncio
from neo4j import AsyncDriver

from loaders.privacy import HIDEABLE
from schema.compiled import Counts
from schema.connection import encode_cursor
from tests.api.sample_truth import Truth, name_key
from tests.api.test_compiled import BIG_AUTHOR, both, chosen_authors

Clients = tuple[httpx.AsyncClient, httpx.AsyncClient]

EVERY_FIELD = """query P($id: ID!, $first: Int, $after: String, $yes: Boolean = true, $no: Boolean = false) {
  p: author(id: $id) {
    __typename ...Plain
    affiliation { __typename id name countryCode ror type }
    affiliationStatus openToCollaborate claimed @include(if: $yes) viewerIsFollowing @skip(if: $no)
    trust { score label verificationLevel factors { name points detail } }
    counts { works followers topics closeCollaborators }
    topics(first: $first) { workCount topic { id name subfield field domain } }
    closeCollaborators(first: 3) { sharedWorkCount sharedTopics { id } author { id name orcid isStub hIndex } }
    coauthors(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor sharedWorkCount sharedTopics { name } node { id name } } nodes { id }
    }
    works(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id title type year doi citedByCount language venue { id name issnL type } } }
      nodes { id }
    }
    doi: orcid @include(if: $no)
  }
}
fragment Plain on Author { id name orcid citedByCount hIndex isStub worksCount mergedIds }"""
PROFILE_VARIANTS = {"every field": EVERY_FIELD}
GENERAL_VARIANTS = {  # each must go the general way (and still answer as it does)
    "institutions": "query V($id: ID!) { author(id: $id) { id institutions { years institution { id } } } }",
    "works by year": "query V($id: ID!) { author(id: $id) { id worksByYear { year works } } }",
    "a collaborator's field with a resolver": """query V($id: ID!) { author(id: $id) { id
        closeCollaborators(first: 2) { author { id counts { works } } } } }""",
    "a work's field with a resolver": """query V($id: ID!) { author(id: $id) { id
        works(first: 2) { edges { node { id abstract } } } } }""",
    "two pages of one field": """query V($id: ID!) { author(id: $id) { id
        a: works(first: 2) { totalCount } b: works(first: 3) { totalCount } } }""",
    "by ORCID iD": 'query V { author(orcid: "0000-0002-1825-0097") { id name trust { score } } }',
}


def researcher_profile(contract: str) -> str:
    match = re.search(r"query ResearcherProfile\(.*?\n}\n", contract, flags=re.S)
    assert match is not None
    return match.group(0)


def profile_authors(truth: Truth) -> list[str]:
    """Varied rankings (and one without coauthors), the kept ranking's author, and authors with and without an ORCID iD
    and a last known institution (the test fails if a kind has none)."""
    chosen = [*chosen_authors(truth), BIG_AUTHOR]
    kinds: dict[str, Callable[[str], bool]] = {
        "orcid, institution": lambda a: bool(truth.author_orcid.get(a)) and a in truth.last_known,
        "no orcid": lambda a: not truth.author_orcid.get(a),
        "no institution": lambda a: a in truth.author_record and a not in truth.last_known,
    }
    for kind, has in kinds.items():
        found = next((a for a in sorted(truth.author_works) if has(a)), None)
        assert found is not None, kind
        chosen.append(found)
    return list(dict.fromkeys(chosen))


async def answered(clients: Clients, payload: dict[str, Any]) -> tuple[dict[str, Any], int, int]:
    """The answer (equal on both servers), and how many root fields the compiled server answered compiled and handed
    over while answering it."""
    before = Counts.answered, Counts.handed_over
    body, _ = await both(clients, payload)
    return body, Counts.answered - before[0], Counts.handed_over - before[1]


async def test_profile_compiled_equals_general_and_the_records(
    sample_db: AsyncDriver, clients: Clients, contract: str, truth: Truth
) -> None:
    document = researcher_profile(contract)
    for author in profile_authors(truth):
        for _ in range(2 if author == BIG_AUTHOR else 1):  # walked and kept, then read from the kept ranking
            body, compiled, handed_over = await answered(clients, {"query": document, "variables": {"id": author}})
            assert (compiled, handed_over) == (1, 0), author
        profile = body["data"]["author"]
        assert profile["id"] == author
        assert profile["orcid"] == truth.author_orcid.get(author)
        affiliation = profile["affiliation"]
        assert (affiliation and affiliation["id"]) == truth.last_known.get(author)
        assert profile["affiliationStatus"] == ("KNOWN" if affiliation else "NOT_IMPORTED")
        ranking = truth.coauthors(author)
        topics = truth.topics_of(author)
        assert profile["counts"] == {
            "works": len(truth.author_works[author]),
            "followers": 0,
            "topics": len(topics),
            "closeCollaborators": len(ranking),
        }
        got = [(c["author"]["id"], c["sharedWorkCount"]) for c in profile["closeCollaborators"]]
        assert got == [(b, n) for b, n, _ in ranking[:4]]
        top = sorted(topics, key=lambda t: (-topics[t], *name_key(truth.topic_name.get(t)), t))[:10]
        assert [(t["topic"]["id"], t["workCount"]) for t in profile["topics"]] == [(t, topics[t]) for t in top]
        works = profile["works"]
        assert works["totalCount"] == len(truth.author_works[author])
        assert works["pageInfo"]["hasNextPage"] == (len(truth.author_works[author]) > 10)
        assert {e["node"]["id"] for e in works["edges"]} <= truth.author_works[author]
        trust = profile["trust"]
        assert trust["score"] == sum(f["points"] for f in trust["factors"])
        assert trust["verificationLevel"] == "L1"  # imported, nobody claimed it
        assert (profile["claimed"], profile["viewerIsFollowing"], profile["openToCollaborate"]) == (False,) * 3


async def test_variants_compile_or_go_the_general_way(sample_db: AsyncDriver, clients: Clients, truth: Truth) -> None:
    authors = profile_authors(truth)
    for author in (authors[0], authors[-3], authors[-1]):
        for name, document in PROFILE_VARIANTS.items():
            for variables in ({"first": 2}, {"first": 2, "after": encode_cursor(1)}, {"first": 0}, {"no": True}):
                payload = {"query": document, "variables": {"id": author, **variables}}
                body, compiled, handed_over = await answered(clients, payload)
                assert "errors" not in body, (name, body)
                assert (compiled, handed_over) == (1, 0), (name, variables)
                assert body["data"]["p"]["id"] == author
        for name, document in GENERAL_VARIANTS.items():
            body, compiled, _ = await answered(clients, {"query": document, "variables": {"id": author}})
            assert "errors" not in body, (name, body)
            assert compiled == 0, name
    body, _, _ = await answered(clients, {"query": EVERY_FIELD, "variables": {"id": authors[0], "first": 2}})
    page = body["data"]["p"]["coauthors"]
    assert (page["totalCount"], len(page["edges"])) == (len(truth.coauthors(authors[0])), 2)


@pytest_asyncio.fixture(loop_scope="session")
async def merged_author(sample_db: AsyncDriver, truth: Truth) -> AsyncIterator[tuple[str, str]]:
    """(merged id, survivor): an id OpenAlex merged into an author of the records. Removed afterwards."""
    survivor = chosen_authors(truth)[0]
    await sample_db.execute_query("CREATE (:MergedId {id: 'A90000000002', intoId: $into})", into=survivor)
    try:
        yield "A90000000002", survivor
    finally:
        await sample_db.execute_query("MATCH (m:MergedId {id: 'A90000000002'}) DELETE m")


async def test_error_paths_answer_as_the_general_executor(
    merged_author: tuple[str, str], clients: Clients, contract: str
) -> None:
    document = researcher_profile(contract)
    merged, survivor = merged_author
    body, compiled, handed_over = await answered(clients, {"query": document, "variables": {"id": merged}})
    assert (compiled, handed_over) == (0, 1)  # no row for the merged id: the general path finds the survivor
    assert body["data"]["author"]["id"] == survivor
    body, compiled, handed_over = await answered(clients, {"query": document, "variables": {"id": "A9999999999"}})
    assert body["data"] == {"author": None}
    assert (compiled, handed_over) == (0, 1)
    for variables in ({"id": "W1694905212"}, {"id": "not an id"}):
        body, compiled, _ = await answered(clients, {"query": document, "variables": variables})
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", body
        assert compiled == 0
    for bad in ({"first": 101}, {"first": -1}, {"first": 2, "after": "not a cursor"}):
        body, compiled, _ = await answered(clients, {"query": EVERY_FIELD, "variables": {"id": survivor, **bad}})
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", body
        assert compiled == 0


CLAIMS = "compiled-profile-probe"


@pytest_asyncio.fixture(loop_scope="session")
async def claimed_authors(sample_db: AsyncDriver, truth: Truth) -> AsyncIterator[dict[str, str]]:
    """Claims on authors of the records (with an ORCID iD, a last known institution, coauthors and topics): one per
    hideable field hidden, one hiding all, one open to collaborate by ORCID, one showing an institution of the
    claimant's choice. Removed afterwards (the sample is shared)."""
    full = [
        a
        for a in chosen_authors(truth)
        if truth.author_orcid.get(a) and a in truth.last_known and truth.coauthors(a) and truth.topics_of(a)
    ]
    other = [a for a in sorted(truth.author_works) if truth.author_orcid.get(a) and a in truth.last_known]
    candidates = list(dict.fromkeys([*full, *other]))
    claims: dict[str, tuple[list[str], dict[str, Any]]] = {
        **{field: ([field], {}) for field in sorted(HIDEABLE)},
        "ALL": (sorted(HIDEABLE), {}),
        "OPEN BY ORCID": ([], {"method": "ORCID", "openToCollaborate": True}),
        "SHOWN": ([], {"shownAffiliationId": next(iter(truth.institution))}),
    }
    assert len(candidates) >= len(claims)
    chosen = dict(zip(claims, candidates, strict=False))
    for kind, (hidden, more) in claims.items():
        await sample_db.execute_query(
            "CREATE (c:Claim {authorId: $author, userId: $user, method: 'EMAIL', hiddenFields: $hidden}) "
            "SET c += $more",
            author=chosen[kind],
            user=CLAIMS,
            hidden=hidden,
            more=more,
        )
    try:
        yield chosen
    finally:
        await sample_db.execute_query("MATCH (c:Claim {userId: $user}) DELETE c", user=CLAIMS)


async def test_claimed_and_hidden_fields_answer_as_the_general_path(
    claimed_authors: dict[str, str], clients: Clients, contract: str, truth: Truth
) -> None:
    document = researcher_profile(contract)
    profiles: dict[str, dict[str, Any]] = {}
    for kind, author in claimed_authors.items():
        body, compiled, handed_over = await answered(clients, {"query": document, "variables": {"id": author}})
        want = (0, 1) if kind == "SHOWN" else (1, 0)  # the chosen institution: read by the general path
        assert (compiled, handed_over) == want, kind
        profiles[kind] = body["data"]["author"]
        assert profiles[kind]["claimed"] is True
        for variables in ({"first": 3}, {"first": 3, "after": encode_cursor(0)}):
            await answered(clients, {"query": EVERY_FIELD, "variables": {"id": author, **variables}})  # equal
    everything = profiles["ALL"]
    assert everything["orcid"] is None
    assert everything["affiliation"] is None
    assert everything["affiliationStatus"] == "HIDDEN"
    assert (everything["topics"], everything["closeCollaborators"]) == ([], [])
    assert everything["counts"]["topics"] == everything["counts"]["closeCollaborators"] == 0
    factors = {f["name"]: f for f in everything["trust"]["factors"]}
    assert all(
        factors[f]["detail"] == "hidden by the claimant" for f in ("orcid", "affiliation", "topics", "coauthors")
    )
    assert profiles["ORCID"]["orcid"] is None
    assert profiles["AFFILIATION"]["affiliationStatus"] == "HIDDEN"
    assert profiles["TOPICS"]["topics"] == []
    assert profiles["COLLABORATORS"]["closeCollaborators"] == []
    assert profiles["OPEN BY ORCID"]["openToCollaborate"] is True
    assert profiles["OPEN BY ORCID"]["orcid"] == truth.author_orcid[claimed_authors["OPEN BY ORCID"]]
    shown = next(iter(truth.institution))
    assert profiles["SHOWN"]["affiliation"]["id"] == shown
