"""Filters and orders of the root listings (each order maps to a prewritten query or order piece)."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from resolvers.listing import filter_id
from schema.work_filter import WorkFilter

__all__ = ["AuthorFilter", "AuthorOrder", "InstitutionFilter", "NamedOrder", "TopicFilter", "WorkFilter", "WorkOrder"]

# Declared by their names as the enums of schema/analytics.py (the resolvers read `.name`).
WorkOrder = Enum("WorkOrder", "YEAR_DESC CITED_BY_DESC TITLE_ASC PUBLICATION_DATE_DESC")
strawberry.enum(WorkOrder, description="Orders of the works listing.")


@strawberry.enum(description="Orders of the authors listing.")
class AuthorOrder(Enum):
    NAME_ASC = "NAME_ASC"
    CITED_BY_DESC = "CITED_BY_DESC"
    WORKS_COUNT_DESC = "WORKS_COUNT_DESC"
    COAUTHORS_DESC = strawberry.enum_value("COAUTHORS_DESC", description="Most distinct coauthors first.")


NamedOrder = Enum("NamedOrder", "NAME_ASC WORKS_COUNT_DESC")
strawberry.enum(NamedOrder, description="Orders of the topics and institutions listings.")


@strawberry.input(description="Filters on authors; every given filter must hold.")
class AuthorFilter:
    name_contains: str | None = None
    has_orcid: bool | None = None
    institution: strawberry.ID | None = strawberry.field(default=None, description="Last known at or affiliated.")
    country: str | None = strawberry.field(default=None, description="Country code of the last known institution.")
    topic: strawberry.ID | None = strawberry.field(default=None, description="A topic of the author's works.")
    cited_by_min: int | None = None
    cited_by_max: int | None = None

    def params(self) -> dict[str, Any]:
        return {
            "nameContains": self.name_contains,
            "hasOrcid": self.has_orcid,
            "institution": filter_id(self.institution, "institution", "where.institution"),
            "country": self.country.upper() if self.country else None,
            "topic": filter_id(self.topic, "topic", "where.topic"),
            "citedByMin": self.cited_by_min,
            "citedByMax": self.cited_by_max,
        }


@strawberry.input(description="Filters on topics.")
class TopicFilter:
    name_contains: str | None = None

    def params(self) -> dict[str, Any]:
        return {"nameContains": self.name_contains}


@strawberry.input(description="Filters on institutions; every given filter must hold.")
class InstitutionFilter:
    name_contains: str | None = None
    country: str | None = None

    def params(self) -> dict[str, Any]:
        return {"nameContains": self.name_contains, "country": self.country.upper() if self.country else None}
