"""The analyst queries: the pieces a WorkFilter compiles to, the facets, the orders, and the templates they fill.

A pieces file holds named sections ("// piece: <name>" then its text); `pieces("analytics/x")` maps each name to
its text, so a missing piece fails at import where it is named. The templates mark where a piece goes with a
comment (`/*FILTER*/`, `/*FACET*/`, `/*ORDER*/`, `/*PARTY*/`): only pieces from these files are put there.
"""

from __future__ import annotations

from typing import LiteralString

from cypher import load

_MARK: LiteralString = "// piece: "


def fill(template: LiteralString, **marks: LiteralString) -> LiteralString:
    """`template` with each `/*NAME*/` mark outside its comments replaced by the piece given for NAME."""
    lines: list[LiteralString] = []
    for line in template.splitlines():
        if not line.lstrip().startswith("//"):
            for name, piece in marks.items():
                line = line.replace(f"/*{name}*/", piece)
        lines.append(line)
    return "\n".join(lines)


def pieces(name: str, required: tuple[str, ...]) -> dict[str, LiteralString]:
    """The named pieces of `cypher/<name>.cypher`; KeyError at import when one of `required` is missing."""
    found: dict[str, LiteralString] = {}
    current: str | None = None
    for line in load(name).splitlines():
        if line.startswith(_MARK):
            current = line[len(_MARK) :].strip()
            found[current] = ""
        elif current is not None and line.strip() and not line.lstrip().startswith("//"):
            found[current] = (found[current] + "\n" + line).strip()
    missing = [r for r in required if r not in found]
    if missing:
        raise KeyError(f"cypher/{name}.cypher lacks the pieces {missing}")
    return found


WORK_PREDICATES = pieces(
    "analytics/work_predicates",
    (
        "ids", "search", "title_contains", "year_from", "year_to", "published_from", "published_to", "type",
        "language", "is_oa", "oa_status", "is_retracted", "has_doi", "cited_by_min", "cited_by_max", "author",
        "institution", "country", "topic", "subfield", "field", "domain", "source", "publisher", "funder", "cites",
        "cited_by", "true",
    ),
)  # fmt: skip
WORK_ANCHORS = pieces(
    "analytics/work_anchors",
    ("all", "ids", "search", "cites", "cited_by", "author", "funder", "source", "topic", "publisher"),
)
WORK_FACETS = pieces(
    "analytics/work_facets",
    (
        "YEAR", "TYPE", "LANGUAGE", "OA_STATUS", "IS_OA", "TOPIC", "SUBFIELD", "FIELD", "DOMAIN", "SOURCE",
        "PUBLISHER", "INSTITUTION", "COUNTRY", "AUTHOR", "FUNDER", "LABEL", "INSTITUTION_LABEL",
    ),
)  # fmt: skip
FACET_LABELS = pieces(
    "analytics/facet_labels", ("KEY", "TOPIC", "SOURCE", "PUBLISHER", "INSTITUTION", "AUTHOR", "FUNDER")
)
WORK_ORDERS = pieces("analytics/work_orders", ("YEAR_DESC", "CITED_BY_DESC", "TITLE_ASC", "PUBLICATION_DATE_DESC"))
LISTING_ORDERS = pieces("analytics/listing_orders", ("NAME_ASC", "WORKS_COUNT_DESC", "CITED_BY_DESC"))
PARTIES = pieces("analytics/parties", ("INSTITUTION", "COUNTRY", "AUTHOR"))
KEPT_PAIRS = pieces("analytics/kept_pairs", ("INSTITUTION", "COUNTRY", "AUTHOR"))

AUTHOR_FACETS = pieces("analytics/author_facets", ("COUNTRY", "INSTITUTION", "TOPIC", "HAS_ORCID"))
INSTITUTION_FACETS = pieces("analytics/institution_facets", ("COUNTRY", "TYPE"))

WORKS_GROUP_BY = load("analytics/works_group_by")
AUTHORS_GROUP_BY = load("analytics/authors_group_by")
INSTITUTIONS_GROUP_BY = load("analytics/institutions_group_by")
WORKS_GROUP_BY_COUNTS = load("analytics/works_group_by_counts")
WORKS_COUNT = load("analytics/works_count")
WORKS_PAGE = load("analytics/works_page")
SEARCH_WORKS = load("analytics/search_works")
SEARCH_ORGANIZATIONS = load("analytics/search_organizations")
COLLABORATIONS = load("analytics/collaborations")
COLLABORATIONS_COUNTS = load("analytics/collaborations_counts")
INSTITUTION_RESEARCHERS = load("analytics/institution_researchers")
