"""The plain-fields shortcut (schema/execution.py) answers exactly as the general executor does.

Over HTTP: the contract's operations for many sample authors and works (the big ones included) on a server with
the shortcut and one without, body for body (data, errors and the cost extension). In process: a small schema
with the cases where the shortcut must hand over to the general executor (a null in a non-null field, an Int out
of range, a wrong runtime type), aliases, fragments, __typename and @skip/@include with variables.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
import pytest_asyncio
import strawberry
from neo4j import AsyncDriver

from peergraph.settings import Settings
from schema.execution import PlainFieldsExecutionContext
from tests.api.sample_truth import records, short
from tests.support import ApiServer

BIG_WORK = "W1694905212"  # 5,103 authorships
BIG_AUTHOR = "A5083650721"  # about 5,090 coauthors
AUTHORS = [BIG_AUTHOR, *itertools.islice((short(r["id"]) for r in records("authors")), 12)]
WORKS = [BIG_WORK, *itertools.islice((short(r["id"]) for r in records("works")), 12)]


@pytest.fixture(scope="module")
def general_server(settings: Settings, driver: AsyncDriver) -> Iterator[ApiServer]:
    with ApiServer(settings.model_copy(update={"plain_fields_shortcut": False})) as server:
        yield server


@pytest_asyncio.fixture(loop_scope="session")
async def general_http(general_server: ApiServer) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=general_server.url, timeout=60) as client:
        yield client


def cases() -> Iterator[tuple[str, dict[str, Any]]]:
    for author in AUTHORS:
        yield "ResearcherProfile", {"id": author}
        yield "Coauthors", {"id": author, "first": 50}
        yield "GraphSlice", {"center": author, "depth": 1, "limit": 100}
    for work in WORKS:
        yield "WorkDetail", {"id": work}
        yield "GraphSlice", {"center": work, "depth": 2, "limit": 60}
    yield "Coauthors", {"id": BIG_AUTHOR, "first": 200, "after": "bm90IGEgY3Vyc29y"}  # a bad cursor: the error


async def test_contract_answers_equal_the_general_executor(
    sample_db: AsyncDriver, http: httpx.AsyncClient, general_http: httpx.AsyncClient, contract: str
) -> None:
    answered = 0
    for name, variables in cases():
        payload = {"query": contract, "operationName": name, "variables": variables}
        fast, general = await http.post("/graphql", json=payload), await general_http.post("/graphql", json=payload)
        assert (fast.status_code, fast.json()) == (general.status_code, general.json()), (name, variables)
        answered += "data" in fast.json() and fast.json()["data"] is not None
    assert answered >= len(AUTHORS) * 3 + len(WORKS) * 2  # every lookup found its entity


@strawberry.type
class Leaf:
    name: str
    size: int | None
    tags: list[str]


@strawberry.type
class Other:
    name: str


@strawberry.type
class Box:
    label: str
    leaf: Leaf | None
    leaves: list[Leaf]


@strawberry.type
class Probe:
    @strawberry.field
    def boxes(self, bad: str = "") -> list[Box]:
        leaf = Leaf(name="x", size=2**40 if bad == "int" else 3, tags=["a", "b"])
        if bad == "null":
            leaf.name = None  # type: ignore[assignment]  # a null where the schema promises none
        if bad == "type":
            leaf = Other(name="o")  # type: ignore[assignment]  # not a Leaf: the plain path may not guess
        return [Box(label=f"b{i}", leaf=leaf if i != 1 else None, leaves=[leaf, leaf]) for i in range(4)]


PROBES = [
    ("{ boxes { label leaf { name size tags } leaves { name } } }", {}),
    ('{ boxes(bad: "null") { label leaf { name } leaves { name size } } }', {}),
    ('{ boxes(bad: "int") { leaf { size } leaves { size tags } } }', {}),
    ('{ boxes(bad: "type") { leaf { name } } }', {}),
    (
        "query Q($s: Boolean!) { boxes { __typename x: label ...F leaf @skip(if: $s) { name } } }"
        " fragment F on Box { leaves { ... on Leaf { n: name __typename } size @include(if: $s) } }",
        {"s": True},
    ),
]


@pytest.mark.parametrize(("document", "variables"), PROBES)
async def test_shortcut_hands_errors_to_the_general_executor(document: str, variables: dict[str, Any]) -> None:
    general = strawberry.Schema(query=Probe, types=[Other])
    fast = strawberry.Schema(query=Probe, types=[Other], execution_context_class=PlainFieldsExecutionContext)
    expected, answer = await general.execute(document, variables), await fast.execute(document, variables)
    assert answer.data == expected.data
    assert [(e.message, e.path) for e in answer.errors or []] == [(e.message, e.path) for e in expected.errors or []]


async def test_shortcut_completes_plain_lists() -> None:
    planned: list[str] = []

    class Recording(PlainFieldsExecutionContext):
        def _object_plan(self, object_type: Any, field_details_list: Any) -> Any:
            plan = super()._object_plan(object_type, field_details_list)
            planned.append(f"{object_type.name}:{plan is not None}")
            return plan

    fast = strawberry.Schema(query=Probe, execution_context_class=Recording)
    answer = await fast.execute(PROBES[0][0])
    assert answer.errors is None
    assert "Box:True" in planned
