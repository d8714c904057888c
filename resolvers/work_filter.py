"""A WorkFilter → a Cypher predicate over `w` and its parameters.

The predicate is put together from the pieces of cypher/analytics/work_predicates.cypher only, chosen by which
filters are given and how AND / OR / NOT nest them; each value becomes a parameter of its own ($f0, $f1 ...), never
text. A full-text `search` is run first (one query per search) and stands in the predicate as the list of the
works it found.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, LiteralString

from cypher import analytics as q
from peergraph.context import Info
from peergraph.errors import bad_input
from resolvers.graph import search_text
from resolvers.listing import filter_id

if TYPE_CHECKING:
    from schema.work_filter import WorkFilter

# How far AND / OR / NOT may nest and how many filters one WorkFilter may hold in all: enough for any question
# asked by hand (the README's ten use at most 4 filters, 1 level), small enough that a compiled predicate stays
# a few kilobytes.
MAX_DEPTH = 4
MAX_LEAVES = 64
# Each id filter: the kind its ids must be of.
ID_FILTERS = {
    "ids": "work",
    "author": "author",
    "institution": "institution",
    "topic": "topic",
    "source": "source",
    "publisher": "publisher",
    "funder": "funder",
    "cites": "work",
    "cited_by": "work",
}
# The other filters, in the order they are compiled: their values are passed as given (lists mean "any of").
VALUE_FILTERS = (
    "title_contains", "year_from", "year_to", "published_from", "published_to", "type", "language", "is_oa",
    "oa_status", "is_retracted", "has_doi", "cited_by_min", "cited_by_max", "subfield", "field", "domain",
)  # fmt: skip
_CAMEL = {
    "ids": "ids", "author": "author", "institution": "institution", "topic": "topic", "source": "source",
    "publisher": "publisher", "funder": "funder", "cites": "cites", "cited_by": "citedBy", "country": "country",
}  # fmt: skip


# The top-level id filters a compiled filter may start reading from (work_anchors.cypher), most selective first: the
# first one given is the anchor (what it names is few works, where a scan reads them all).
ANCHORS = ("ids", "search", "cites", "cited_by", "author", "funder", "source", "topic", "publisher")


@dataclass
class CompiledFilter:
    """A predicate over the work `w` (pieces only), where the reading starts, and the parameters they name."""

    text: LiteralString
    params: dict[str, Any] = field(default_factory=dict)
    start: LiteralString = q.WORK_ANCHORS["all"]

    def into(self, template: LiteralString, **more: LiteralString) -> LiteralString:
        """`template` with its `/*MATCH*/`, `/*FILTER*/` (and any other `/*NAME*/` given) replaced by the pieces."""
        return q.fill(template, MATCH=self.start, FILTER=f"({self.text})", **more)


@dataclass
class _Compiler:
    info: Info
    params: dict[str, Any] = field(default_factory=dict)
    leaves: int = 0
    anchored: dict[str, str] = field(default_factory=dict)  # top-level id filter -> the parameter of its value

    def leaf(self, piece: str, value: object, pieces: dict[str, LiteralString] = q.WORK_PREDICATES) -> LiteralString:
        self.leaves += 1
        if self.leaves > MAX_LEAVES:
            raise bad_input(f"`where` holds more than {MAX_LEAVES} filters", argument="where")
        name = f"f{len(self.params)}"
        self.params[name] = value
        # The piece's one value token `$v` becomes this filter's own parameter: a generated name, never input.
        return pieces[piece].replace("$v", "$" + name)

    async def compile(self, where: WorkFilter, depth: int, path: str) -> LiteralString:
        if depth > MAX_DEPTH:
            raise bad_input(f"`{path}` nests AND / OR / NOT more than {MAX_DEPTH} deep", argument="where")
        parts: list[LiteralString] = []
        for name, kind in ID_FILTERS.items():
            values = getattr(where, name)
            if values is not None:
                argument = f"{path}.{_CAMEL[name]}"
                parts.append(self.leaf(name, [filter_id(str(v), kind, argument) for v in values]))
                if depth == 0:
                    self.anchored[name] = f"f{len(self.params) - 1}"
        if where.country is not None:
            parts.append(self.leaf("country", [c.upper() for c in where.country]))
        for name in VALUE_FILTERS:
            value = getattr(where, name)
            if value is not None:
                parts.append(self.leaf(name, value))
        if where.search is not None:
            parts.append(self.leaf("search", await self.search(where.search, f"{path}.search")))
            if depth == 0:
                self.anchored["search"] = f"f{len(self.params) - 1}"
        for k, inner in enumerate(where.and_ or []):
            parts.append(f"({await self.compile(inner, depth + 1, f'{path}.AND[{k}]')})")
        if where.or_ is not None:
            ors = [await self.compile(inner, depth + 1, f"{path}.OR[{k}]") for k, inner in enumerate(where.or_)]
            parts.append("(" + " OR ".join(f"({o})" for o in ors) + ")" if ors else "false")
        if where.not_ is not None:
            parts.append(f"NOT ({await self.compile(where.not_, depth + 1, f'{path}.NOT')})")
        return " AND ".join(parts) if parts else q.WORK_PREDICATES["true"]

    async def search(self, text: str, argument: str) -> list[str]:
        """The works whose title or abstract has the words (the title counts three times as much)."""
        words = search_text(text, self.info.context.settings, argument)
        if not words.strip():
            raise bad_input(f"`{argument}` has no words to search", argument=argument)
        lucene = f"title:({words})^3 OR abstract:({words})"
        rows = await self.info.context.loaders.db.rows(q.SEARCH_WORKS, text=lucene)
        return list(rows[0]["ids"]) if rows else []


async def compile_filter(info: Info, where: WorkFilter | None) -> CompiledFilter:
    if where is None:
        return CompiledFilter(q.WORK_PREDICATES["true"])
    compiler = _Compiler(info)
    text = await compiler.compile(where, 0, "where")
    start = q.WORK_ANCHORS["all"]
    anchor = next((name for name in ANCHORS if getattr(where, name) is not None), None)
    if anchor is not None:  # the filter's own value, a second time: the predicate stays, the start narrows
        value = compiler.params[compiler.anchored[anchor]]
        start = compiler.leaf(anchor, value, q.WORK_ANCHORS)
    return CompiledFilter(text, compiler.params, start)
