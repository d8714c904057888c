"""Graph slice, search, and the coauthorship path between two authors or two institutions' researchers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypedDict

from cypher import analytics as analytics_queries
from ingest.records import parse_id
from loaders import graph as reads
from loaders.gateway import ReadGateway
from peergraph.context import Info
from peergraph.errors import bad_input, path_search_exhausted
from peergraph.settings import Settings
from resolvers.entity import author_by_orcid
from resolvers.ids import entity_id

if TYPE_CHECKING:
    from schema.graph import SearchHitRow, SliceRow
    from schema.listing import PathRow


class ReachedRow(TypedDict):
    id: str
    via: str


class StepRow(TypedDict):
    """One step of the path search (cypher/graph/coauthor_frontier.cypher): the works read, the authors reached."""

    works: list[str]
    authors: list[ReachedRow]


MAX_SLICE_LIMIT = 500
MAX_SEARCH_FIRST = 100
MAX_HOPS = 6
SLICE_KINDS = {"author", "work", "topic", "institution", "source"}
# Lucene's query syntax characters: user text is searched as plain words, never parsed as a query.
_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/]|&&|\|\|)')
_LUCENE_OPERATORS = re.compile(r"\b(AND|OR|NOT|TO)\b")
_TERM = re.compile(r"\w+")
_ORCID_TEXT = re.compile(r"(?:https?://orcid\.org/)?(\d{4}-\d{4}-\d{4}-\d{3}[\dX])", re.IGNORECASE)
ORCID_HIT_SCORE = 1.0  # an exact identifier match; the full-text scores of other texts are not comparable


async def slice_around(info: Info, *, center: str, depth: int, limit: int) -> SliceRow | None:
    parsed = parse_id(center)
    if parsed is None or parsed[0] not in SLICE_KINDS:
        raise bad_input(f"`center` is not an author, work, topic, institution or source id: {center[:80]!r}")
    if depth not in (1, 2):
        raise bad_input(f"`depth` must be 1 or 2, got {depth}", argument="depth")
    if not 1 <= limit <= MAX_SLICE_LIMIT:
        raise bad_input(f"`limit` must be between 1 and {MAX_SLICE_LIMIT}, got {limit}", argument="limit")
    return await reads.graph_slice(info.context.loaders.db, center=parsed[1], depth=depth, limit=limit)


def lucene_words(text: str) -> str:
    """User text as a Lucene query of plain terms (special characters escaped, operators lower-cased)."""
    escaped = _LUCENE_SPECIAL.sub(r"\\\1", text.strip())
    return _LUCENE_OPERATORS.sub(lambda m: m.group(1).lower(), escaped)


def search_text(text: str, settings: Settings, argument: str) -> str:
    """`lucene_words` of a search text within the settings' bounds, else BAD_USER_INPUT. The length bound is what
    keeps Lucene under its 1,024 clauses (each clause takes at least one character); ~700 words passed it."""
    if len(text) > settings.search_max_chars:
        raise bad_input(
            f"`{argument}` is {len(text):,} characters long; at most {settings.search_max_chars:,} are searched",
            argument=argument,
        )
    terms = len(_TERM.findall(text))
    if terms > settings.search_max_terms:
        raise bad_input(
            f"`{argument}` has {terms:,} words; at most {settings.search_max_terms:,} are searched", argument=argument
        )
    return lucene_words(text)


def orcid_text(text: str) -> str | None:
    """The bare ORCID iD a search text is, whole (bare or as an orcid.org URL); None for any other text."""
    match = _ORCID_TEXT.fullmatch(text.strip())
    return None if match is None else match.group(1).upper()


async def orcid_hits(info: Info, *, orcid: str) -> list[SearchHitRow]:
    """The author with this ORCID iD as a search hit, through the lookup `author(orcid:)` uses: an iD its claimant
    hides from the viewer finds nobody (docs/privacy.md)."""
    row = await author_by_orcid(info, orcid=orcid)
    return [] if row is None else [{"score": ORCID_HIT_SCORE, "kind": "Author", "entity": row}]


async def search(info: Info, *, query: str, first: int) -> list[SearchHitRow]:
    """Full-text hits; a text that is an ORCID iD finds the author with it instead (its digits are no words)."""
    if not 0 <= first <= MAX_SEARCH_FIRST:
        raise bad_input(f"`first` must be between 0 and {MAX_SEARCH_FIRST}, got {first}", argument="first")
    words = search_text(query, info.context.settings, "query")
    orcid = orcid_text(query)
    if orcid is not None:
        return (await orcid_hits(info, orcid=orcid))[:first]
    if not words or first == 0:
        return []
    return await reads.search_entities(info.context.loaders.db, query=words, limit=first)


# --- the coauthorship path ------------------------------------------------------------------------------------


async def coauthor_path(info: Info, *, source: str, target: str, max_hops: int) -> PathRow | None:
    """The shortest coauthorship path of at most `max_hops` hops (None: there is none), searched within the node
    budget: a search that runs out of it says how far it got (QUERY_TOO_COSTLY) instead of answering None."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise bad_input(f"`maxHops` must be between 1 and {MAX_HOPS}, got {max_hops}", argument="maxHops")
    db = info.context.loaders.db
    starts = await _researchers(db, source, "from")
    ends = await _researchers(db, target, "to")
    both = sorted(set(starts) & set(ends))
    if both:  # one author at both ends: a path of no hops
        row = await info.context.loaders.author.load(both[0])
        return None if row is None else {"authors": [row], "links": []}
    budget = info.context.settings.connection_node_budget
    search = await PathSearch.run(db, starts, ends, max_hops=max_hops, budget=budget)
    if search.exhausted:
        raise path_search_exhausted(
            hops_searched=search.hops_searched, visited=search.visited, budget=budget, max_hops=max_hops
        )
    return None if search.path is None else await reads.coauthor_path(db, ids=search.path)


async def _researchers(db: ReadGateway, value: str, argument: str) -> list[str]:
    """One end of a path: an author, or the researchers of an institution (the authors of its authorships)."""
    parsed = parse_id(value)
    if parsed is not None and parsed[0] == "institution":
        rows = await db.rows(analytics_queries.INSTITUTION_RESEARCHERS, id=parsed[1])
        return list(rows[0]["ids"]) if rows else []
    return [entity_id(value, "author", argument)]


@dataclass
class _End:
    """One end of the search: the authors it reached (with the author each was reached through, and how many
    hops away it is) and the works it read. It starts from one author, or from every researcher of an institution."""

    starts: list[str]
    via: dict[str, str | None] = field(default_factory=dict)
    hops_to: dict[str, int] = field(default_factory=dict)
    works: set[str] = field(default_factory=set)
    frontier: list[str] = field(default_factory=list)
    hops: int = 0

    def __post_init__(self) -> None:
        for start in self.starts:
            self.via[start] = None
            self.hops_to[start] = 0
        self.frontier = list(self.starts)

    def path_to(self, author: str) -> list[str]:
        """From this end's start to `author`."""
        path = [author]
        while (previous := self.via[path[-1]]) is not None:
            path.append(previous)
        return path[::-1]


@dataclass
class PathSearch:
    """A breadth-first search from both ends at once, a step at a time from the end with the smaller frontier,
    each step one query (cypher/graph/coauthor_frontier.cypher). The first step where the ends meet gives a
    shortest path; when the hops of both ends add up to `max_hops` without meeting, there is none that short.
    Every author and work read counts against the budget: past it the search stops (exhausted), and the hops
    it covered completely are the ones it can speak for."""

    path: list[str] | None = None
    exhausted: bool = False
    visited: int = 2
    hops_searched: int = 0

    @classmethod
    async def run(
        cls, db: ReadGateway, sources: list[str], targets: list[str], *, max_hops: int, budget: int
    ) -> PathSearch:
        search = cls(visited=len(sources) + len(targets))
        ends = (_End(sources), _End(targets))
        while ends[0].hops + ends[1].hops < max_hops:
            near, far = sorted(ends, key=lambda end: len(end.frontier))
            if not near.frontier:  # everything connected to one end was read: no path at all
                return search
            left = budget - search.visited
            step = await reads.coauthor_step(
                db, frontier=near.frontier, seen_works=near.works, seen_authors=near.via, limit=left + 1
            )
            cut_short = len(step["works"]) > left or len(step["authors"]) > left
            search.visited += len(step["works"]) + len(step["authors"])
            near.works.update(step["works"])
            near.hops += 1
            near.frontier = []
            for reached in step["authors"]:
                near.via[reached["id"]] = reached["via"]
                near.hops_to[reached["id"]] = near.hops
                near.frontier.append(reached["id"])
            meetings = [author for author in near.frontier if author in far.via]
            if meetings:  # every earlier step was whole, so any meeting is a shortest path (ties: the lowest id)
                meet = min(meetings, key=lambda author: (far.hops_to[author], author))
                halves = {id(near): near.path_to(meet), id(far): far.path_to(meet)}
                search.path = halves[id(ends[0])] + halves[id(ends[1])][::-1][1:]
                return search
            search.hops_searched = ends[0].hops + ends[1].hops - (1 if cut_short else 0)
            if search.visited > budget:
                search.exhausted = True
                return search
        return search
