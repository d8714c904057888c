"""The compiled `graphSlice` (schema/compiled.py) answers exactly as the general executor does.

Two servers as in tests/api/test_compiled.py (compiled documents on; only the general executor), body for body,
with the round trips exposed: one statement either way, so which path answered is read from `Counts`. The centers are
chosen from the input records (each kind, the 5,103-author work, the most connected author), at the contract's depth
and limit and at the boundaries the resolver checks; the documents are the contract's GraphSlice and variants
(aliases, fragments, @include, __typename, default arguments, two slices in one document), the
bad arguments (each refused with the resolver's own error by the general path) and a claimant who hides every field:
what the statement leaves out for an anonymous viewer is left out of the compiled answer too. The claimant's and an
admin's views of a slice are the privacy probes' (tests/accounts/test_privacy.py), answered by the default server,
compiled.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio
from neo4j import AsyncDriver

from loaders.privacy import HIDEABLE
from peergraph.settings import Settings
from schema.compiled import Counts
from tests.api.sample_truth import Truth, sample_truth
from tests.api.test_compiled import BIG_WORK, both
from tests.support import ApiServer

Clients = tuple[httpx.AsyncClient, httpx.AsyncClient]


@pytest.fixture(scope="module")
def truth() -> Truth:
    return sample_truth()


@pytest_asyncio.fixture(loop_scope="session")
async def clients(settings: Settings, driver: AsyncDriver) -> AsyncIterator[Clients]:
    """A server with compiled documents (the default) and one with only the general executor, as test_compiled's."""
    general = {"compiled_documents": False, "plain_fields_shortcut": False, "expose_round_trips": True}
    with (
        ApiServer(settings.model_copy(update={"expose_round_trips": True})) as compiled_server,
        ApiServer(settings.model_copy(update=general)) as general_server,
    ):
        async with compiled_server.client() as compiled, general_server.client() as reference:
            yield compiled, reference


VARIANTS = {
    "aliases, fragments and typename": """query V($c: ID!, $yes: Boolean = true, $no: Boolean = false) {
        s: graphSlice(center: $c, limit: 7) { __typename t: truncated ...N
          e: edges { __typename key: id source target type weight @include(if: $yes) }
          again: nodes { id @skip(if: $no) } } }
        fragment N on GraphSlice { nodes { ... on GraphNode { id kind label distance } } }""",
    "default depth and limit": "query V($c: ID!) { graphSlice(center: $c) { truncated nodes { id } } }",
    "two slices (each compiled)": """query V($c: ID!) { a: graphSlice(center: $c, depth: 1, limit: 3) { nodes { id } }
        b: graphSlice(center: $c, depth: 2, limit: 9) { truncated edges { id } } }""",
}


def chosen_centers(truth: Truth) -> list[str]:
    """An entity of each kind from the records, the most connected author and the 5,103-author work."""
    author = max(truth.author_works, key=lambda a: (len(truth.author_works[a]), a))
    topic = max(truth.topic_name, key=lambda t: (sum(t in ts for ts in truth.work_topics.values()), t))
    source = max(set(truth.venue.values()), key=lambda s: (list(truth.venue.values()).count(s), s))
    institution = next(iter(sorted(i for ids in truth.affiliated.values() for i in ids)))
    works = itertools.islice(sorted(truth.works), 6)
    authors = itertools.islice(sorted(truth.author_works), 6)
    return list(dict.fromkeys([BIG_WORK, author, topic, source, institution, *works, *authors]))


async def test_slice_compiled_equals_general(
    sample_db: AsyncDriver, clients: Clients, contract: str, truth: Truth
) -> None:
    for center in chosen_centers(truth):
        for depth, limit in ((1, 100), (2, 100), (1, 1), (2, 500)):
            variables = {"center": center, "depth": depth, "limit": limit}
            before = Counts.answered
            body, trips = await both(
                clients, {"query": contract, "operationName": "GraphSlice", "variables": variables}
            )
            assert (trips, Counts.answered - before) == (1, 1), variables  # one statement, compiled
            nodes = body["data"]["graphSlice"]["nodes"]
            assert nodes[0]["id"] == center, variables
            assert len(nodes) <= limit, variables
    url = {"center": f"https://openalex.org/{BIG_WORK}", "depth": 1, "limit": 100}
    body, _ = await both(clients, {"query": contract, "operationName": "GraphSlice", "variables": url})
    assert body["data"]["graphSlice"]["truncated"] is True  # 5,103 authors within one hop


async def test_slice_variants_compile_or_go_the_general_way(
    sample_db: AsyncDriver, clients: Clients, truth: Truth
) -> None:
    center = chosen_centers(truth)[1]
    compiled = {"aliases, fragments and typename": 1, "default depth and limit": 1, "two slices (each compiled)": 2}
    for name, document in VARIANTS.items():
        before = Counts.answered
        body, _ = await both(clients, {"query": document, "variables": {"c": center}})
        assert "errors" not in body, (name, body)
        assert Counts.answered - before == compiled[name], name
    # A plan is kept per selection and Boolean variables: the same text with the switches turned, and back.
    document = VARIANTS["aliases, fragments and typename"]
    for switches in ({"yes": False, "no": True}, {}, {"yes": False}):
        body, _ = await both(clients, {"query": document, "variables": {"c": center, **switches}})
        edge, node = body["data"]["s"]["e"][0], body["data"]["s"]["again"][0]
        assert ("weight" in edge, "id" in node) == (switches.get("yes", True), not switches.get("no", False))


async def test_slice_errors_answer_as_the_general_executor(
    sample_db: AsyncDriver, clients: Clients, contract: str, truth: Truth
) -> None:
    center = chosen_centers(truth)[1]
    refused = [
        {"center": center, "depth": 3, "limit": 10},
        {"center": center, "depth": 0, "limit": 10},
        {"center": center, "depth": 1, "limit": 0},
        {"center": center, "depth": 1, "limit": 501},
        {"center": "not an id", "depth": 1, "limit": 10},
        {"center": "C2778407487", "depth": 1, "limit": 10},  # a concept: not a kind a slice has
    ]
    before = Counts.answered
    for variables in refused:
        body, _ = await both(clients, {"query": contract, "operationName": "GraphSlice", "variables": variables})
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", (variables, body)
    assert Counts.answered == before  # each refused before any statement was compiled
    unknown = {"center": "A9999999999", "depth": 1, "limit": 10}  # no row: the general path says null
    body, _ = await both(clients, {"query": contract, "operationName": "GraphSlice", "variables": unknown})
    assert body["data"] == {"graphSlice": None}
    body, _ = await both(clients, {"query": contract, "operationName": "GraphSlice", "variables": {"center": 5}})
    assert body.get("errors"), body


@pytest_asyncio.fixture(loop_scope="session")
async def hiding_author(sample_db: AsyncDriver, truth: Truth) -> AsyncIterator[str]:
    """The most connected author of the records, whose claimant hides every hideable field (affiliation,
    collaborators, topics: what a slice around them leaves out). The claim is removed afterwards (the sample is
    shared)."""
    author = chosen_centers(truth)[1]
    await sample_db.execute_query(
        "CREATE (:Claim {authorId: $author, userId: 'compiled-slice-probe', method: 'EMAIL', hiddenFields: $hidden})",
        author=author,
        hidden=list(HIDEABLE),
    )
    try:
        yield author
    finally:
        await sample_db.execute_query("MATCH (c:Claim {userId: 'compiled-slice-probe'}) DELETE c")


async def test_slice_hidden_fields_stay_hidden(
    hiding_author: str, clients: Clients, contract: str, truth: Truth
) -> None:
    variables = {"center": hiding_author, "depth": 2, "limit": 500}
    before = Counts.answered
    body, _ = await both(clients, {"query": contract, "operationName": "GraphSlice", "variables": variables})
    assert Counts.answered - before == 1
    kinds = {n["kind"] for n in body["data"]["graphSlice"]["nodes"]}
    # only the center and its works (and their venues) remain: no coauthor, topic or institution around the hider
    assert kinds <= {"AUTHOR", "WORK", "SOURCE"}, kinds
    authors = [n["id"] for n in body["data"]["graphSlice"]["nodes"] if n["kind"] == "AUTHOR"]
    assert authors == [hiding_author]
    works = {n["id"] for n in body["data"]["graphSlice"]["nodes"] if n["kind"] == "WORK"}
    assert truth.author_works[hiding_author] <= works  # under the limit: every work of theirs is there
