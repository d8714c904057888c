"""Search (the contract's operation): full-text hits across authors, works, topics and institutions."""

from __future__ import annotations

import re
from collections import defaultdict

import httpx
from neo4j import AsyncDriver

from tests.api._ops import run
from tests.api.sample_truth import sample_truth

WORD = re.compile(r"[^\W_]+")


def texts() -> dict[str, tuple[str, str]]:
    """id -> (typename, searchable text): author and institution names, work titles, topic names."""
    truth = sample_truth()
    found: dict[str, tuple[str, str]] = {}
    for author, name in truth.author_name.items():
        if name:
            found[author] = ("Author", name)
    for work, rec in truth.works.items():
        if rec.get("display_name"):
            found[work] = ("Work", rec["display_name"])
    for topic, name in truth.topic_name.items():
        if name:
            found[topic] = ("Topic", name)
    for inst, rec in truth.institution.items():
        if rec["name"]:
            found[inst] = ("Institution", rec["name"])
    return found


def words_index() -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for entity, (_, text) in texts().items():
        if "<" in text:  # markup in titles tokenizes differently; never pick a word from such a title
            continue
        for word in WORD.findall(text.lower()):
            index[word].add(entity)
    return index


async def test_search_finds_exactly_the_entities_naming_a_word(
    sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str
) -> None:
    index = words_index()
    all_texts = texts()
    # words carried by several entities of at least two kinds (ASCII letters only)
    picked = [
        w
        for w in sorted(index)
        if w.isascii()
        and w.isalpha()
        and len(w) > 5
        and 3 <= len(index[w]) <= 40
        and len({all_texts[e][0] for e in index[w]}) >= 2
        and all("<" not in all_texts[e][1] for e in index[w])
    ][:3]
    assert picked
    for word in picked:
        data = await run(http, contract, "Search", q=word.upper(), first=100)
        hits = data["search"]
        assert {h["node"]["id"] for h in hits} == index[word], word
        assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
        for hit in hits:
            kind, text = all_texts[hit["node"]["id"]]
            assert hit["node"]["__typename"] == kind
            assert hit["node"].get("name", hit["node"].get("title")) == text


async def test_search_takes_user_text_literally(sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str) -> None:
    for text in ('title:"x" AND (', "*", "a/b\\", "   ", "OR"):
        data = await run(http, contract, "Search", q=text, first=5)
        assert isinstance(data["search"], list)
    data = await run(http, contract, "Search", q="ontology", first=1)
    assert len(data["search"]) <= 1
