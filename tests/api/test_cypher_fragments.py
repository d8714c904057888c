"""Cypher fragments (cypher/__init__.py): one projection per entity and one coauthor ranking, expanded when the
named queries load; a piece that is missing or misused fails at import."""

from __future__ import annotations

import re

import pytest

import cypher
from cypher import author as author_q
from peergraph.settings import PROJECT_ROOT

QUERIES = [
    p.relative_to(PROJECT_ROOT / "cypher").as_posix().removesuffix(".cypher")
    for p in (PROJECT_ROOT / "cypher").rglob("*.cypher")
    if p.parent.name not in ("fragments", "migrations")
]


def test_every_query_loads_with_its_fragments_expanded() -> None:
    assert len(QUERIES) > 60
    for name in QUERIES:
        assert "{{" not in cypher.load(name), name


def test_the_author_projection_and_the_ranking_are_written_once() -> None:
    projection = re.compile(r"\{\.id, \.name, \.worksCount, \.citedByCount, \.hIndex, \.isStub")
    ranking = "ORDER BY shared DESC, sharedTopicCount DESC, name ASC, bid ASC"
    raw = {name: (PROJECT_ROOT / "cypher" / f"{name}.cypher").read_text(encoding="utf-8") for name in QUERIES}
    assert [name for name, text in raw.items() if projection.search(text) or ranking in text] == []
    # ... and stand where they are used: the coauthor page and the profile rank alike (the profile twice: a top-k
    # and the whole ranking it keeps).
    assert author_q.COAUTHORS_PAGE.count(ranking) == 1
    assert author_q.PROFILE.count(ranking) == 2
    assert len(projection.findall(author_q.PROFILE)) == 2  # the author and the page's coauthors


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("RETURN {{no_such_fragment(a)}} AS x", "no_such_fragment"),
        ("RETURN {{author(a)}} AS x", "takes (node, orcidHidden), got 1"),
        ("RETURN {{author(a, true AS x", "unclosed"),
        ("RETURN {{ author(a, true)}} AS x", "not `{{name(args)}}`"),
    ],
)
def test_a_missing_or_misused_fragment_fails(text: str, says: str) -> None:
    with pytest.raises((ValueError, FileNotFoundError), match=re.escape(says)):
        cypher.expand(text, "test")


def test_arguments_are_the_query_files_own_expressions() -> None:
    expanded = cypher.expand("RETURN {{author(b, {{hides(b, 'ORCID')}})}} AS author", "test")
    assert expanded.startswith("RETURN b {.id, .name")
    assert (
        "orcid: CASE WHEN EXISTS { MATCH (claim:Claim {authorId: b.id}) WHERE 'ORCID' IN claim.hiddenFields" in expanded
    )
    assert expanded.endswith("ELSE b.orcid END} AS author")
