"""Root listings with filters and orders, and autocomplete."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, LiteralString

from cypher import authors as aq
from cypher import institutions as iq
from cypher import topics as tq
from ingest.records import parse_id
from loaders import listing
from peergraph.context import Info
from peergraph.errors import bad_input
from resolvers.graph import orcid_hits, orcid_text, search_text

if TYPE_CHECKING:
    from schema.graph import SearchHitRow

MAX_AUTOCOMPLETE_FIRST = 50

# Each order the API offers, by entity: the prewritten page query (never a formatted ORDER BY). The works listing
# is compiled from its filter's pieces (resolvers/analytics.py).
PAGES: dict[str, dict[str, LiteralString]] = {
    "author": {
        "NAME_ASC": aq.PAGE_NAME_ASC,
        "CITED_BY_DESC": aq.PAGE_CITED_BY_DESC,
        "WORKS_COUNT_DESC": aq.PAGE_WORKS_COUNT_DESC,
        "COAUTHORS_DESC": aq.PAGE_COAUTHORS_DESC,
    },
    "topic": {"NAME_ASC": tq.PAGE_NAME_ASC, "WORKS_COUNT_DESC": tq.PAGE_WORKS_COUNT_DESC},
    "institution": {"NAME_ASC": iq.PAGE_NAME_ASC, "WORKS_COUNT_DESC": iq.PAGE_WORKS_COUNT_DESC},
}
COUNTS: dict[str, LiteralString] = {"author": aq.COUNT, "topic": tq.COUNT, "institution": iq.COUNT}


def filter_id(value: str | None, kind: str, argument: str) -> str | None:
    if value is None:
        return None
    parsed = parse_id(value)
    if parsed is None or parsed[0] != kind:
        raise bad_input(f"`{argument}` is not a{'n' if kind[0] in 'aeiou' else ''} {kind} id: {value[:80]!r}")
    return parsed[1]


async def list_page(
    info: Info, *, kind: str, order: str, filters: dict[str, Any], after: dict[str, Any], limit: int
) -> list[Any]:
    """A page of entity rows of `kind` (keyset: after the row `after` names)."""
    return await listing.page(info.context.loaders.db, PAGES[kind][order], kind, filters, after, limit)


async def list_count(info: Info, *, kind: str, filters: dict[str, Any]) -> int:
    return await listing.count(info.context.loaders.db, COUNTS[kind], filters)


async def autocomplete(info: Info, *, prefix: str, kinds: list[str], first: int) -> list[SearchHitRow]:
    if not 0 <= first <= MAX_AUTOCOMPLETE_FIRST:
        raise bad_input(f"`first` must be between 0 and {MAX_AUTOCOMPLETE_FIRST}, got {first}", argument="first")
    words = search_text(prefix, info.context.settings, "prefix").split()
    orcid = orcid_text(prefix)
    if orcid is not None:  # a whole ORCID iD finds its author, as search does
        return (await orcid_hits(info, orcid=orcid))[:first] if "Author" in kinds else []
    if not words or not kinds or first == 0:
        return []
    text = " AND ".join([*words[:-1], words[-1] + "*"])
    return await listing.autocomplete(info.context.loaders.db, text=text, kinds=kinds, limit=first)
