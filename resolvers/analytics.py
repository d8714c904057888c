"""The analyst's reads: counts by facet, collaborations, the compiled works listing, funders and publishers."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, LiteralString

from cypher import analytics as q
from cypher import funder as fq
from cypher import publisher as pq
from cypher import source as sq
from peergraph.context import Info
from peergraph.errors import bad_input
from resolvers.graph import search_text
from resolvers.listing import filter_id
from resolvers.work_filter import compile_filter

if TYPE_CHECKING:
    from schema.funder import FunderRow, PublisherRow
    from schema.work_filter import WorkFilter

Row = dict[str, Any]
MAX_GROUPS = 200  # as OpenAlex's group_by: at most 200 groups a page
MAX_PAIRS = 200
MAX_LINEAGE = 6
# A work with more parties than this gives no collaboration pairs (it is counted in `skippedWorks`): a work's n
# parties make n(n-1)/2 pairs, and the sample's 5,103-author work alone would make 13 million author pairs.
MAX_PARTIES = 200
# The key the precomputed counts keep a facet's unknown group under (ingest/facet_counts.py: the importer's side,
# which the read API does not import; tests/api/test_analyst_counts.py keeps the two equal).
UNKNOWN_KEY = "\x00"
# The parties whose pairs over all works the importer keeps as a facet's counts, and how it keys them (the same copy).
KEPT_PAIRS = {"COUNTRY": "COUNTRY_PAIR", "INSTITUTION": "INSTITUTION_PAIR", "AUTHOR": "AUTHOR_PAIR"}
# The parties a claimant can take out of collaborations by hiding COLLABORATORS (parties.cypher: `unlinked`).
HIDEABLE_PARTIES = frozenset({"AUTHOR"})
PAIR_KEY, SKIPPED_KEY = "\x01", "\x02"


def _first(first: int, most: int) -> int:
    if not 0 <= first <= most:
        raise bad_input(f"`first` must be between 0 and {most}, got {first}", argument="first")
    return first


async def works_group_by(
    info: Info, *, where: WorkFilter | None, facet: str, first: int, by_key: bool, include_unknown: bool
) -> Row:
    compiled = await compile_filter(info, where)
    if compiled.text == q.WORK_PREDICATES["true"]:  # over all works: the precomputed counts, when kept
        query = q.fill(q.WORKS_GROUP_BY_COUNTS, LABEL=q.FACET_LABELS.get(facet, q.FACET_LABELS["KEY"]))
        params = {"facet": facet, "unknown": UNKNOWN_KEY, "first": _first(first, MAX_GROUPS), "byKey": by_key}
        rows = await info.context.loaders.db.rows(query, **params, includeUnknown=include_unknown)
        if rows and rows[0]["kept"]:
            return rows[0]
    label = q.WORK_FACETS.get(f"{facet}_LABEL", q.WORK_FACETS["LABEL"])
    query = compiled.into(q.WORKS_GROUP_BY, FACET=q.WORK_FACETS[facet], LABEL=label)
    params = {**compiled.params, "first": _first(first, MAX_GROUPS), "byKey": by_key, "includeUnknown": include_unknown}
    rows = await info.context.loaders.db.rows(query, **params)
    return rows[0] if rows else {"totalCount": 0, "groups": []}


async def count_works(info: Info, *, where: WorkFilter | None) -> int:
    compiled = await compile_filter(info, where)
    rows = await info.context.loaders.db.rows(compiled.into(q.WORKS_COUNT), **compiled.params)
    return int(rows[0]["total"]) if rows else 0


# The orders whose sort key runs highest first (the others: lowest first); unknown keys come last either way.
DESCENDING = frozenset({"YEAR_DESC", "CITED_BY_DESC", "PUBLICATION_DATE_DESC", "WORKS_COUNT_DESC"})


async def works_page(
    info: Info, *, where: WorkFilter | None, order: str, after: dict[str, Any], limit: int
) -> list[Row]:
    compiled = await compile_filter(info, where)
    query = compiled.into(q.WORKS_PAGE, KEY=q.WORK_ORDERS[order])
    params = {**compiled.params, **after, "desc": order in DESCENDING, "limit": limit}
    rows = await info.context.loaders.db.rows(query, **params)
    return [row["work"] for row in rows]


async def collaborations(info: Info, *, where: WorkFilter | None, party: str, first: int) -> Row:
    compiled = await compile_filter(info, where)
    if compiled.text == q.WORK_PREDICATES["true"] and party in KEPT_PAIRS:  # over all works: the kept pair counts
        label = q.FACET_LABELS.get(party, q.FACET_LABELS["KEY"])
        query = q.fill(q.COLLABORATIONS_COUNTS, LABEL=label, PAIRS_IN_ALL=q.KEPT_PAIRS[party])
        keys = {"facet": KEPT_PAIRS[party], "pair": PAIR_KEY, "skipped": SKIPPED_KEY, "unknown": UNKNOWN_KEY}
        params = {**keys, "first": _first(first, MAX_PAIRS), "maxParties": MAX_PARTIES}
        rows = await info.context.loaders.db.rows(query, **params, hideable=party in HIDEABLE_PARTIES)
        if rows and rows[0]["kept"]:
            return rows[0]
    query = compiled.into(q.COLLABORATIONS, PARTY=q.PARTIES[party])
    params = {**compiled.params, "first": _first(first, MAX_PAIRS), "maxParties": MAX_PARTIES}
    rows = await info.context.loaders.db.rows(query, **params)
    return rows[0]


async def funder_row(info: Info, *, funder_id: str) -> FunderRow | None:
    row: FunderRow | None = await info.context.loaders.funder.load(funder_id)
    return row


async def publisher_row(info: Info, *, publisher_id: str) -> PublisherRow | None:
    row: PublisherRow | None = await info.context.loaders.publisher.load(publisher_id)
    return row


async def funder_by_id(info: Info, *, id: str) -> FunderRow | None:
    return await funder_row(info, funder_id=filter_id(id, "funder", "id") or "")


async def publisher_by_id(info: Info, *, id: str) -> PublisherRow | None:
    return await publisher_row(info, publisher_id=filter_id(id, "publisher", "id") or "")


async def work_funders(info: Info, *, work_id: str) -> list[Row]:
    return await info.context.loaders.work_funders.load(work_id)


async def source_publisher(info: Info, *, source_id: str) -> PublisherRow | None:
    found = await info.context.loaders.source_publisher.load(source_id)
    return None if found is None else await publisher_row(info, publisher_id=found)


LISTINGS: dict[str, tuple[LiteralString, LiteralString, str]] = {
    "funder": (fq.PAGE, fq.COUNT, "funder"),
    "publisher": (pq.PAGE, pq.COUNT, "publisher"),
    "source": (sq.PAGE, sq.COUNT, "source"),
}


async def organization_filters(info: Info, *, kind: str, filters: Row) -> Row:
    """A funder or publisher listing's filters with its full-text `search` run first, as the works filter's (one
    query; the listing keeps the ids found): bounded as every search text is, words or BAD_USER_INPUT."""
    text = filters.pop("search", None)
    if text is None:
        return {**filters, "searchIds": None}
    words = search_text(text, info.context.settings, "where.search")
    if not words.strip():
        raise bad_input("`where.search` has no words to search", argument="where.search")
    rows = await info.context.loaders.db.rows(q.SEARCH_ORGANIZATIONS, text=words, label=LISTINGS[kind][2].title())
    return {**filters, "searchIds": list(rows[0]["ids"]) if rows else []}


async def entity_page(
    info: Info, *, kind: str, filters: Row, order: str, after: dict[str, Any], limit: int
) -> list[Row]:
    page, _, column = LISTINGS[kind]
    query = q.fill(page, KEY=q.LISTING_ORDERS[order])
    params = {**filters, **after, "desc": order in DESCENDING or order == "CITED_BY_DESC", "limit": limit}
    rows = await info.context.loaders.db.rows(query, **params)
    return [row[column] for row in rows]


async def entity_count(info: Info, *, kind: str, filters: Row) -> int:
    rows = await info.context.loaders.db.rows(LISTINGS[kind][1], **filters)
    return int(rows[0]["total"]) if rows else 0


GROUP_BY: dict[str, tuple[LiteralString, dict[str, LiteralString]]] = {
    "author": (q.AUTHORS_GROUP_BY, q.AUTHOR_FACETS),
    "institution": (q.INSTITUTIONS_GROUP_BY, q.INSTITUTION_FACETS),
}


async def entity_group_by(
    info: Info, *, kind: str, filters: Row, facet: str, first: int, by_key: bool, include_unknown: bool
) -> Row:
    template, facets = GROUP_BY[kind]
    query = q.fill(template, FACET=facets[facet])
    params = {**filters, "first": _first(first, MAX_GROUPS), "byKey": by_key, "includeUnknown": include_unknown}
    rows = await info.context.loaders.db.rows(query, **params)
    return rows[0] if rows else {"totalCount": 0, "groups": []}
