"""The full-text `search` filter of the sources, funders and publishers listings (index `organization_text`),
against the names in the sample's records: every name with the word is found, in the listing's order, paged, with
the other filters; a text past the search bounds is the client's mistake. The sources listing itself."""

from __future__ import annotations

import re

import httpx
import pytest
from neo4j import AsyncDriver

from peergraph.settings import Settings
from tests.api._ops import call
from tests.api.sample_truth import records, sample_truth
from tests.api.test_analyst_filters import data

LISTING = """query($where: OrganizationFilter, $after: String) {{
  {field}(where: $where, orderBy: NAME_ASC, first: 10, after: $after) {{
    totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ id name }} }} }}"""


def _having(names: dict[str, str | None], word: str) -> set[str]:
    """The ids whose name has `word` as a token of Lucene's standard tokenizer: letters not joined to an
    apostrophe, hyphen, dot or digit (names where it is so joined are refused: the word would be ambiguous)."""
    plain = re.compile(rf"(?<![\w'\u2019\-.]){word}(?![\w'\u2019\-.])", re.IGNORECASE)
    loose = re.compile(rf"\b{word}\b", re.IGNORECASE)
    for name in filter(None, names.values()):
        assert len(plain.findall(name)) == len(loose.findall(name)), (word, name)
    return {i for i, n in names.items() if n and plain.search(n)}


async def _listed(http: httpx.AsyncClient, field: str, where: dict[str, object]) -> list[str]:
    seen: list[str] = []
    after = None
    while True:
        page = (await data(http, LISTING.format(field=field), where=where, after=after))[field]
        seen += [n["id"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            assert page["totalCount"] == len(seen)
            return seen
        after = page["pageInfo"]["endCursor"]


@pytest.mark.parametrize(
    ("field", "word", "other"),
    [("funders", "foundation", "research"), ("publishers", "university", "press"), ("sources", "journal", "machine")],
)
async def test_search_finds_the_names_with_the_words(
    sample_db: AsyncDriver, http: httpx.AsyncClient, field: str, word: str, other: str
) -> None:
    truth = sample_truth()
    names = {"funders": truth.funder_name, "publishers": truth.publisher_name, "sources": truth.source_name}[field]
    want = _having(names, word)
    assert 5 <= len(want) < len(names)  # a test that could fail: some names have it, most do not
    order = sorted(want, key=lambda i: (names[i] is None, names[i] or "", i))
    ids = await _listed(http, field, {"search": word.upper()})
    assert sorted(ids) == sorted(want)
    assert [names[i] or "" for i in ids] == [names[i] or "" for i in order]  # the listing's order (ties: by id)
    # several words: any of them (Lucene's default OR), and with another filter: both hold
    assert sorted(await _listed(http, field, {"search": f"{word} {other}"})) == sorted(want | _having(names, other))
    both = await _listed(http, field, {"search": word, "nameContains": other})
    assert sorted(both) == sorted(i for i in want if other in (names[i] or "").lower())
    assert await _listed(http, field, {"search": "zzqxnotaword"}) == []


async def test_bad_search_texts_are_the_clients_mistake(
    sample_db: AsyncDriver, http: httpx.AsyncClient, settings: Settings
) -> None:
    texts = ["   ", "x" * (settings.search_max_chars + 1), " ".join(["a"] * (settings.search_max_terms + 1))]
    for field in ("funders", "publishers", "sources"):
        for text in texts:
            body = await call(http, LISTING.format(field=field), None, where={"search": text})
            assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", (field, text[:20])
            assert body["errors"][0]["extensions"]["argument"] == "where.search"


async def test_the_sources_listing_is_every_source_by_name(sample_db: AsyncDriver, http: httpx.AsyncClient) -> None:
    names = sample_truth().source_name
    country = {s["id"].rsplit("/", 1)[-1]: s.get("country_code") for s in records("sources")}
    everyone = await _listed(http, "sources", {})
    assert everyone == sorted(names, key=lambda i: (names[i] is None, names[i] or "", i))
    code = max(sorted(c for c in country.values() if c), key=list(country.values()).count)
    assert sorted(await _listed(http, "sources", {"country": code.lower()})) == sorted(
        i for i, c in country.items() if c == code
    )
