"""Filters and orders of the root listings (each order maps to a prewritten query in resolvers/listing.py)."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from resolvers.listing import filter_id


@strawberry.enum(description="Orders of the works listing.")
class WorkOrder(Enum):
    YEAR_DESC = "YEAR_DESC"
    CITED_BY_DESC = "CITED_BY_DESC"
    TITLE_ASC = "TITLE_ASC"


@strawberry.enum(description="Orders of the authors listing.")
class AuthorOrder(Enum):
    NAME_ASC = "NAME_ASC"
    CITED_BY_DESC = "CITED_BY_DESC"
    WORKS_COUNT_DESC = "WORKS_COUNT_DESC"


@strawberry.enum(description="Orders of the topics and institutions listings.")
class NamedOrder(Enum):
    NAME_ASC = "NAME_ASC"
    WORKS_COUNT_DESC = "WORKS_COUNT_DESC"


@strawberry.input(description="Filters on works; every given filter must hold.")
class WorkFilter:
    title_contains: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    type: str | None = None
    topic: strawberry.ID | None = strawberry.field(default=None, description="A topic id the work carries.")
    institution: strawberry.ID | None = strawberry.field(default=None, description="An institution of an authorship.")
    cited_by_min: int | None = None
    cited_by_max: int | None = None

    def params(self) -> dict[str, Any]:
        return {
            "titleContains": self.title_contains,
            "yearFrom": self.year_from,
            "yearTo": self.year_to,
            "type": self.type,
            "topic": filter_id(self.topic, "topic", "where.topic"),
            "institution": filter_id(self.institution, "institution", "where.institution"),
            "citedByMin": self.cited_by_min,
            "citedByMax": self.cited_by_max,
        }


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
