"""WorkFilter: the filters on works (the works listing, worksGroupBy, collaborations), as OpenAlex's `filter`.

Every given filter must hold; a list means "any of"; AND / OR / NOT combine filters. resolvers/work_filter.py
compiles it to Cypher pieces.
"""

from __future__ import annotations

from typing import Optional

import strawberry

IDs = Optional[list[strawberry.ID]]  # noqa: UP045 - strawberry reads the annotation at runtime
Texts = Optional[list[str]]  # noqa: UP045


@strawberry.input(description="Filters on works; every given filter must hold, a list means any of its values.")
class WorkFilter:
    ids: IDs = strawberry.field(default=None, description="Work ids.")
    search: str | None = strawberry.field(
        default=None, description="Full-text words in the title or abstract (a title match counts three times)."
    )
    title_contains: str | None = strawberry.field(default=None, description="Text the title contains (any case).")
    year_from: int | None = strawberry.field(default=None, description="Publication year at least.")
    year_to: int | None = strawberry.field(default=None, description="Publication year at most.")
    published_from: str | None = strawberry.field(default=None, description='Publication date at least ("2020-01-31").')
    published_to: str | None = strawberry.field(default=None, description="Publication date at most.")
    type: Texts = strawberry.field(default=None, description="OpenAlex work types: article, book-chapter ...")
    language: Texts = strawberry.field(default=None, description='ISO 639-1 codes, e.g. "en".')
    is_oa: bool | None = strawberry.field(default=None, description="Whether a free copy exists (unknown: false).")
    oa_status: Texts = strawberry.field(default=None, description="gold, green, hybrid, bronze, diamond, closed.")
    is_retracted: bool | None = strawberry.field(default=None, description="Retracted (unknown: false).")
    has_doi: bool | None = strawberry.field(default=None, description="Whether the work has a DOI.")
    cited_by_min: int | None = strawberry.field(default=None, description="Citation count at least.")
    cited_by_max: int | None = strawberry.field(default=None, description="Citation count at most.")
    author: IDs = strawberry.field(default=None, description="Author ids: one of them authored the work.")
    institution: IDs = strawberry.field(default=None, description="Institution ids of an authorship.")
    country: Texts = strawberry.field(
        default=None, description="Country codes of the institutions of an authorship (any case)."
    )
    topic: IDs = strawberry.field(default=None, description="Topic ids the work carries.")
    subfield: Texts = strawberry.field(default=None, description="Subfield names of the work's topics.")
    field: Texts = strawberry.field(default=None, description="Field names of the work's topics.")
    domain: Texts = strawberry.field(default=None, description="Domain names of the work's topics.")
    source: IDs = strawberry.field(default=None, description="Source ids of the primary location.")
    publisher: IDs = strawberry.field(
        default=None, description="Publisher ids: the source's publisher or one above it in its lineage."
    )
    funder: IDs = strawberry.field(default=None, description="Funder ids (the work's funders and grants).")
    cites: IDs = strawberry.field(default=None, description="Work ids the work cites.")
    cited_by: IDs = strawberry.field(default=None, description="Work ids citing the work.")
    and_: list[WorkFilter] | None = strawberry.field(
        default=None, name="AND", description="Filters that must all hold."
    )
    or_: list[WorkFilter] | None = strawberry.field(
        default=None, name="OR", description="Filters of which one must hold (an empty list: none does)."
    )
    not_: WorkFilter | None = strawberry.field(default=None, name="NOT", description="A filter that must not hold.")
