"""The Institution type."""

from __future__ import annotations

import strawberry

from schema.connection import connection_field
from schema.node import FromRow, NamedNode, NamedRow


class InstitutionRow(NamedRow, total=False):
    """An institution as the reads return it (cypher/fragments/institution.cypher)."""

    countryCode: str | None
    ror: str | None
    type: str | None


@strawberry.type(description="A research institution (stubs are known only from authorships and affiliations).")
class Institution(NamedNode, FromRow):
    country_code: str | None = strawberry.field(description='ISO 3166-1 alpha-2 country code, e.g. "DK".')
    ror: str | None = strawberry.field(description='Bare ROR id, e.g. "02tvcev59".')
    type: str | None = strawberry.field(description="education, healthcare, company ...")
    works_count: int | None = strawberry.field(
        description="OpenAlex's count of the institution's works (all data; null for a stub): what "
        "WORKS_COUNT_DESC orders by."
    )

    authors = connection_field(
        "institution_authors",
        "schema.author.Author",
        description="Authors last known at or affiliated with this institution, by name.",
    )
    works = connection_field(
        "institution_works",
        "schema.work.Work",
        description="Works with an authorship at this institution, newest first.",
    )
