"""Graph slice and search resolvers."""

from __future__ import annotations

import re
from typing import Any

from ingest.records import parse_id
from loaders.graph import graph_slice, search_entities
from peergraph.context import Info
from peergraph.errors import bad_input
from resolvers.entity import author_by_orcid

Row = dict[str, Any]
MAX_SLICE_LIMIT = 500
MAX_SEARCH_FIRST = 100
SLICE_KINDS = {"author", "work", "topic", "institution", "source"}
# Lucene's query syntax characters: user text is searched as plain words, never parsed as a query.
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/]|&&|\|\|)')
_LUCENE_OPERATORS = re.compile(r"\b(AND|OR|NOT|TO)\b")
_ORCID_TEXT = re.compile(r"(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.IGNORECASE)
ORCID_HIT_SCORE = 1.0  # an exact identifier match; the full-text scores of other texts are not comparable


async def slice_around(info: Info, *, center: str, depth: int, limit: int) -> Row | None:
    parsed = parse_id(center)
    if parsed is None or parsed[0] not in SLICE_KINDS:
        raise bad_input(f"`center` is not an author, work, topic, institution or source id: {center[:80]!r}")
    if depth not in (1, 2):
        raise bad_input(f"`depth` must be 1 or 2, got {depth}", argument="depth")
    if not 1 <= limit <= MAX_SLICE_LIMIT:
        raise bad_input(f"`limit` must be between 1 and {MAX_SLICE_LIMIT}, got {limit}", argument="limit")
    return await graph_slice(info.context.loaders.db, center=parsed[1], depth=depth, limit=limit)


def lucene_words(text: str) -> str:
    """User text as a Lucene query of plain terms (special characters escaped, operators lower-cased)."""
    escaped = _LUCENE_SPECIAL.sub(r"\\\1", text.strip())
    return _LUCENE_OPERATORS.sub(lambda m: m.group(1).lower(), escaped)


def orcid_text(text: str) -> str | None:
    """The bare ORCID iD a search text is, whole (bare or as an orcid.org URL); None for any other text."""
    match = _ORCID_TEXT.fullmatch(text.strip())
    return None if match is None else match.group(1).upper()


async def orcid_hits(info: Info, *, orcid: str) -> list[Row]:
    """The author with this ORCID iD as a search hit, through the lookup `author(orcid:)` uses: an iD its claimant
    hides from the viewer finds nobody (docs/privacy.md)."""
    row = await author_by_orcid(info, orcid=orcid)
    return [] if row is None else [{"score": ORCID_HIT_SCORE, "kind": "Author", "entity": row}]


async def search(info: Info, *, query: str, first: int) -> list[Row]:
    """Full-text hits; a text that is an ORCID iD finds the author with it instead (its digits are no words)."""
    if not 0 <= first <= MAX_SEARCH_FIRST:
        raise bad_input(f"`first` must be between 0 and {MAX_SEARCH_FIRST}, got {first}", argument="first")
    orcid = orcid_text(query)
    if orcid is not None:
        return (await orcid_hits(info, orcid=orcid))[:first]
    words = lucene_words(query)
    if not words or first == 0:
        return []
    return await search_entities(info.context.loaders.db, query=words, limit=first)
