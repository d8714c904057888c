"""The compiled `work(id:)` path (schema/compiled.py) answers exactly as the general executor does.

Over HTTP, a server with it (the default settings) and one with only the general executor (compiled documents and the
plain-fields shortcut off), body for body (data, errors and the cost extension), with the round trips exposed: one
for a compiled answer, so each case also says which path answered. The works are chosen from the input records to
cover every shape of authorship (unlinked, an author listed twice, institutions, the 5,103-author work); the
documents are the contract's WorkDetail and variants (aliases, fragments, @include, __typename, fields the compiler
does not know, which must go the general way), the error paths (a bad id, an unknown one, a merged one, doi and id
together) and the privacy rule: a claimant who hides every field is hidden on the general path the variant takes,
and the compiled answer of a work of theirs is the general one.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest_asyncio
from neo4j import AsyncDriver

from loaders.privacy import HIDEABLE
from schema.compiled import Counts
from tests.api.sample_truth import Truth, records, short

BIG_WORK = "W1694905212"  # 5,103 authorships

VARIANTS = {
    "aliases and typename": """query V($id: ID!) { w: work(id: $id) { __typename key: id title
        a: authorships { __typename p: position author { n: name id } institutions { id } }
        b: authorships { isCorresponding } topics { topic { name } score } venue { __typename name } } }""",
    "fragments and include": """query V($id: ID!, $yes: Boolean = true, $no: Boolean = false) {
        work(id: $id) { ...W year @include(if: $yes) doi @include(if: $no) } }
        fragment W on Work { id abstract publicationDate language citedByCount
          authorships { ... on Authorship { position positionLabel rawAuthorName } institutions { ...I } } }
        fragment I on Institution { id name countryCode ror type }""",
    "a hideable field (general)": """query V($id: ID!) { work(id: $id) { id
        authorships { position author { id name orcid } } } }""",
    "an unknown field (general)": "query V($id: ID!) { work(id: $id) { id mergedIds openAccess { isOa } } }",
    "an author field with a resolver (general)": """query V($id: ID!) { work(id: $id) {
        authorships { author { id counts { works } } } } }""",
    "doi and id together": 'query V($id: ID!) { work(id: $id, doi: "10.1/x") { id } }',
    "by doi (general)": "query V($doi: String) { work(doi: $doi) { id title authorships { position } } }",
}
COMPILED_VARIANTS = {"aliases and typename", "fragments and include"}


def chosen_works(truth: Truth) -> dict[str, str]:
    """Works of every authorship shape, found in the input records (the test fails if a shape has none)."""
    chosen: dict[str, str] = {"big": BIG_WORK}
    for work in truth.works:
        ships = truth.ships.get(work, [])
        authors = [s.author for s in ships if s.author is not None]
        shapes = {
            "unlinked": any(s.author is None for s in ships),
            "listed twice": len(authors) != len(set(authors)),
            "institutions": any(s.institutions for s in ships),
            "topics": bool(truth.work_topics.get(work)),
        }
        for shape, has in shapes.items():
            if has and shape not in chosen:
                chosen[shape] = work
    return chosen


async def both(
    clients: tuple[httpx.AsyncClient, httpx.AsyncClient], payload: dict[str, Any]
) -> tuple[dict[str, Any], int]:
    """The compiled server's answer (asserted equal to the general one, but for the round trips) and its trips."""
    compiled, general = clients
    fast, slow = await compiled.post("/graphql", json=payload), await general.post("/graphql", json=payload)
    answers = []
    trips = []
    for response in (fast, slow):
        body = response.json()
        trips.append(body.get("extensions", {}).pop("neo4jRoundTrips", None))
        for error in body.get("errors", []):  # an internal error's ids are its own: the rest must be equal
            extensions = error.get("extensions", {})
            if extensions.get("code") == "INTERNAL":
                error["message"] = extensions.pop("errorId") and extensions.pop("requestId", None) and "internal"
        answers.append((response.status_code, body))
    assert answers[0] == answers[1], payload
    return answers[0][1], trips[0]


async def test_workdetail_compiled_equals_general(
    sample_db: AsyncDriver,
    clients: tuple[httpx.AsyncClient, httpx.AsyncClient],
    contract: str,
    truth: Truth,
) -> None:
    chosen = chosen_works(truth)
    assert set(chosen) == {"big", "unlinked", "listed twice", "institutions", "topics"}, chosen
    works = [*chosen.values(), *itertools.islice((short(r["id"]) for r in records("works")), 30)]
    for work in dict.fromkeys(works):
        body, trips = await both(clients, {"query": contract, "operationName": "WorkDetail", "variables": {"id": work}})
        assert body["data"]["work"]["id"] == work
        assert trips == 1, work  # the compiled path answered: one statement
    big, _ = await both(
        clients,
        {"query": contract, "operationName": "WorkDetail", "variables": {"id": f"https://openalex.org/{BIG_WORK}"}},
    )
    assert len(big["data"]["work"]["authorships"]) == len(truth.ships[BIG_WORK]) == 5103


async def test_variants_compile_or_go_the_general_way(
    sample_db: AsyncDriver, clients: tuple[httpx.AsyncClient, httpx.AsyncClient], truth: Truth
) -> None:
    chosen = chosen_works(truth)
    assert all(truth.works[w]["doi"] for w in (chosen["listed twice"], chosen["institutions"], chosen["unlinked"]))
    for name, document in VARIANTS.items():
        for work in (chosen["listed twice"], chosen["institutions"], chosen["unlinked"]):
            doi = truth.works[work]["doi"]
            before = Counts.answered
            body, trips = await both(clients, {"query": document, "variables": {"id": work, "doi": doi}})
            if name in COMPILED_VARIANTS:
                assert "errors" not in body, (name, body)
                assert (trips, Counts.answered - before) == (1, 1), name
            else:
                assert Counts.answered == before, name


async def test_error_paths_answer_as_the_general_executor(
    sample_db: AsyncDriver, clients: tuple[httpx.AsyncClient, httpx.AsyncClient], contract: str
) -> None:
    ids = ["W9999999999", "A5083650721", "not an id", "https://openalex.org/T10102"]
    for work in ids:
        body, _ = await both(clients, {"query": contract, "operationName": "WorkDetail", "variables": {"id": work}})
        if work.startswith("W9"):
            assert body["data"] == {"work": None}
        elif work in ("A5083650721", "not an id", "https://openalex.org/T10102"):
            assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", body
    bad_variable = {"query": contract, "operationName": "WorkDetail", "variables": {"id": 5}}
    body, _ = await both(clients, bad_variable)
    assert body.get("errors"), body


@pytest_asyncio.fixture(loop_scope="session")
async def broken_work(sample_db: AsyncDriver) -> AsyncIterator[str]:
    """A work whose authorship has no order (position is non-null): the compiled plan refuses it, and the general
    executor reports the null at its path. Removed afterwards (the sample is shared)."""
    await sample_db.execute_query(
        "CREATE (:Author {id: 'A90000000001', name: 'Probe'})-[:AUTHORED {isCorresponding: true}]->"
        "(:Work {id: 'W90000000001', title: 'probe'})"
    )
    try:
        yield "W90000000001"
    finally:
        await sample_db.execute_query("MATCH (n) WHERE n.id IN ['A90000000001', 'W90000000001'] DETACH DELETE n")


async def test_a_value_the_plan_refuses_goes_the_general_way(
    broken_work: str, clients: tuple[httpx.AsyncClient, httpx.AsyncClient], contract: str
) -> None:
    before = Counts.handed_over
    body, trips = await both(
        clients, {"query": contract, "operationName": "WorkDetail", "variables": {"id": broken_work}}
    )
    assert body["data"] == {"work": None}
    assert body["errors"][0]["path"][:2] == ["work", "authorships"], body
    assert trips > 1  # the compiled statement, then the general path's reads
    assert Counts.handed_over == before + 1


@pytest_asyncio.fixture(loop_scope="session")
async def hiding_claimant(sample_db: AsyncDriver, truth: Truth) -> AsyncIterator[tuple[str, str]]:
    """(work, author): an author with an ORCID iD in the records, on a sample work, whose claimant hides every
    hideable field. The claim is removed afterwards (the sample is shared)."""
    work, author = next(
        (w, s.author)
        for w, ships in truth.ships.items()
        if w != BIG_WORK
        for s in ships
        if s.author is not None and truth.author_orcid.get(s.author)
    )
    await sample_db.execute_query(
        "CREATE (:Claim {authorId: $author, userId: 'compiled-probe', method: 'EMAIL', hiddenFields: $hidden})",
        author=author,
        hidden=list(HIDEABLE),
    )
    try:
        yield work, author
    finally:
        await sample_db.execute_query("MATCH (c:Claim {userId: 'compiled-probe'}) DELETE c")


async def test_hidden_fields_stay_hidden(
    hiding_claimant: tuple[str, str], clients: tuple[httpx.AsyncClient, httpx.AsyncClient], contract: str
) -> None:
    work, author = hiding_claimant
    body, trips = await both(clients, {"query": contract, "operationName": "WorkDetail", "variables": {"id": work}})
    assert trips == 1
    assert author in {s["author"]["id"] for s in body["data"]["work"]["authorships"] if s["author"]}
    before = Counts.answered
    variant, _ = await both(clients, {"query": VARIANTS["a hideable field (general)"], "variables": {"id": work}})
    assert Counts.answered == before
    orcids = {s["author"]["id"]: s["author"]["orcid"] for s in variant["data"]["work"]["authorships"] if s["author"]}
    assert orcids[author] is None  # the records give one: hidden from an anonymous viewer


BIG_AUTHOR = "A5083650721"  # 5,090 coauthors: a ranking the general path keeps
COAUTHOR_VARIANTS = {
    "aliases, fragments and typename": """query V($id: ID!, $first: Int!, $no: Boolean = false) {
        a: author(id: $id) { __typename key: id ...C }
        }
        fragment C on Author { c: coauthors(first: $first) { __typename totalCount
          pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
          nodes { id name citedByCount hIndex isStub }
          edges { cursor n: node { id name } sharedTopics { id name subfield field domain }
            sharedWorkCount @skip(if: $no) } }
          again: coauthors(first: $first) { totalCount } }""",
    # the profile's plan (the profile statement, schema/compiled.py) answers these three
    "a hideable field (profile)": """query V($id: ID!, $first: Int!) { author(id: $id) { id
        coauthors(first: $first) { edges { node { id orcid } } } } }""",
    "another author field (profile)": """query V($id: ID!, $first: Int!) { author(id: $id) { id name
        coauthors(first: $first) { totalCount } } }""",
    "no page (profile)": "query V($id: ID!) { author(id: $id) { id } }",
    "two pages (general)": """query V($id: ID!, $first: Int!) { author(id: $id) { id
        a: coauthors(first: $first) { totalCount } b: coauthors(first: 1) { totalCount } } }""",
    "a coauthor's field with a resolver (general)": """query V($id: ID!, $first: Int!) { author(id: $id) { id
        coauthors(first: $first) { edges { node { id trust { score } } } } } }""",
}
COMPILED_COAUTHOR_VARIANTS = {
    "aliases, fragments and typename",
    "a hideable field (profile)",
    "another author field (profile)",
    "no page (profile)",
}


def coauthor_rows(edges: list[dict[str, Any]]) -> list[tuple[str, int, set[str]]]:
    return [(e["node"]["id"], e["sharedWorkCount"], {t["id"] for t in e["sharedTopics"]}) for e in edges]


_CHOSEN: dict[int, list[str]] = {}


def chosen_authors(truth: Truth) -> list[str]:
    """Authors of the records with coauthors (fewer than a kept ranking's 1,000), the most varied rankings first, and
    one without any (found once: ranking every author of the records takes a while)."""
    if id(truth) not in _CHOSEN:
        _CHOSEN[id(truth)] = _chosen_authors(truth)
    return _CHOSEN[id(truth)]


def _chosen_authors(truth: Truth) -> list[str]:
    # Counted before ranked: ranking the ~5,100 authors of the big work (5,000 coauthors each) took ~85 s.
    def coauthor_count(author: str) -> int:
        return len({s.author for w in truth.author_works[author] for s in truth.ships[w] if s.author} - {author})

    rankings = {a: truth.coauthors(a) for a in sorted(truth.author_works) if coauthor_count(a) < 1000}
    varied = sorted(rankings, key=lambda a: (-len({(n, len(s)) for _, n, s in rankings[a]}), a))
    alone = next(a for a, ranking in rankings.items() if not ranking)
    return [*varied[:25], alone]


async def test_coauthors_compiled_equals_general_and_the_records(
    sample_db: AsyncDriver, clients: tuple[httpx.AsyncClient, httpx.AsyncClient], contract: str, truth: Truth
) -> None:
    for author in chosen_authors(truth):
        want = truth.coauthors(author)
        edges: list[dict[str, Any]] = []
        after = None
        for first in (50, 3) if len(want) > 3 else (50,):  # the first page, then pages of 3 from the cursor on
            while True:
                variables = {"id": author, "first": first, "after": after}
                before = Counts.answered
                body, trips = await both(
                    clients, {"query": contract, "operationName": "Coauthors", "variables": variables}
                )
                assert (trips, Counts.answered - before) == (1, 1), variables  # the compiled path answered
                page = body["data"]["author"]["coauthors"]
                assert page["totalCount"] == len(want)
                if first == 50:
                    assert coauthor_rows(page["edges"]) == want[:50]
                    break
                edges += page["edges"]
                if not page["pageInfo"]["hasNextPage"]:
                    break
                after = page["pageInfo"]["endCursor"]
        if len(want) > 3:
            assert coauthor_rows(edges) == want


async def test_coauthors_variants_and_errors(
    sample_db: AsyncDriver, clients: tuple[httpx.AsyncClient, httpx.AsyncClient], contract: str, truth: Truth
) -> None:
    author = chosen_authors(truth)[0]
    for name, document in COAUTHOR_VARIANTS.items():
        before = Counts.answered
        body, trips = await both(clients, {"query": document, "variables": {"id": author, "first": 4}})
        assert "errors" not in body, (name, body)
        if name in COMPILED_COAUTHOR_VARIANTS:
            assert (trips, Counts.answered - before) == (1, 1), name
        else:
            assert Counts.answered == before, name
        if name == "aliases, fragments and typename":
            assert body["data"]["a"]["c"]["totalCount"] == len(truth.coauthors(author))
    errors = [
        {"id": author, "first": 101},  # over the bound
        {"id": author, "first": 2, "after": "not a cursor"},
        {"id": "W1694905212", "first": 2},  # another kind of id
        {"id": "A9999999999", "first": 2},  # unknown: the compiled statement finds no row, the general path says null
    ]
    for variables in errors:
        body, _ = await both(clients, {"query": contract, "operationName": "Coauthors", "variables": variables})
        assert body.get("errors") or body["data"] == {"author": None}, variables
    # walked and kept by the general path (the Coauthors statement hands a ranking to keep over), then read from the
    # kept ranking by the profile's plan
    for answered, handed_over in ((0, 1), (1, 0)):
        counted = Counts.answered, Counts.handed_over
        variables = {"id": BIG_AUTHOR, "first": 50}
        body, _ = await both(clients, {"query": contract, "operationName": "Coauthors", "variables": variables})
        assert (Counts.answered - counted[0], Counts.handed_over - counted[1]) == (answered, handed_over)
        assert body["data"]["author"]["coauthors"]["totalCount"] == len(truth.coauthors(BIG_AUTHOR))


@pytest_asyncio.fixture(loop_scope="session")
async def hiding_coauthors(sample_db: AsyncDriver, truth: Truth) -> AsyncIterator[tuple[str, str, str]]:
    """(author, coauthor, hider): an author of the records whose coauthor shares topics with it and hides its topics,
    and another author whose claimant hides every hideable field (the collaborators among them). Removed afterwards
    (the sample is shared)."""
    author, coauthor = next((a, b) for a in chosen_authors(truth) for b, _, shared in truth.coauthors(a) if shared)
    hider = next(c for c in chosen_authors(truth) if c not in (author, coauthor) and truth.coauthors(c))
    for claimed, hidden in ((coauthor, ["TOPICS"]), (hider, list(HIDEABLE))):
        await sample_db.execute_query(
            "CREATE (:Claim {authorId: $author, userId: 'compiled-coauthors-probe', method: 'EMAIL', "
            "hiddenFields: $hidden})",
            author=claimed,
            hidden=hidden,
        )
    try:
        yield author, coauthor, hider
    finally:
        await sample_db.execute_query("MATCH (c:Claim {userId: 'compiled-coauthors-probe'}) DELETE c")


async def test_coauthors_hidden_fields_stay_hidden(
    hiding_coauthors: tuple[str, str, str],
    clients: tuple[httpx.AsyncClient, httpx.AsyncClient],
    contract: str,
    truth: Truth,
) -> None:
    author, coauthor, hider = hiding_coauthors

    async def page(of: str) -> dict[str, Any]:
        payload = {"query": contract, "operationName": "Coauthors", "variables": {"id": of, "first": 100}}
        body, trips = await both(clients, payload)
        assert trips == 1, of  # compiled, and equal to the general answer
        coauthors: dict[str, Any] = body["data"]["author"]["coauthors"]
        return coauthors

    assert await page(hider) == {"totalCount": 0, "pageInfo": {"hasNextPage": False, "endCursor": None}, "edges": []}
    # ranked on the topics all the same; the hider hides its topics too
    want = [(b, n, set() if b in (coauthor, hider) else shared) for b, n, shared in truth.coauthors(author)]
    assert coauthor_rows((await page(author))["edges"]) == want
    assert all(edge["sharedTopics"] == [] for edge in (await page(coauthor))["edges"])
