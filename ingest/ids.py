"""OpenAlex identifiers and external ids: short ids ("W2741809807"), entity kinds, bare ORCID/DOI/ROR.

Pure functions; `RecordError` is the importer's reject reason (re-exported by ingest.records).
"""

from __future__ import annotations

import re
from typing import Any

KINDS = {"W": "work", "A": "author", "I": "institution", "S": "source", "T": "topic", "C": "concept"}
_ID = re.compile(r"^(?:https?://openalex\.org/)?([WAISTC])(\d+)$", re.IGNORECASE)
_ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])$", re.IGNORECASE)
_DOI = re.compile(r"(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_ROR = re.compile(r"(0[a-z0-9]{6}\d{2})$", re.IGNORECASE)


class RecordError(ValueError):
    """A record that cannot go into the graph; the message is the reject reason, `code` its kind (the import
    summary counts rejects by code: ingest/summary.py)."""

    def __init__(self, message: str, code: str = "invalid_record") -> None:
        super().__init__(message)
        self.code = code


_URL = "https://openalex.org/"


def short_id(value: object, expected: str | None = None) -> str:
    """'https://openalex.org/W123' or 'w123' → 'W123'; raises RecordError for anything else."""
    if isinstance(value, str) and value.startswith(_URL):  # the common case, without the regex
        letter, digits = value[len(_URL) : len(_URL) + 1], value[len(_URL) + 1 :]
        if letter in KINDS and (expected is None or letter == expected) and digits.isascii() and digits.isdigit():
            return letter + digits
    if not isinstance(value, str):
        raise RecordError(f"id must be a string, got {type(value).__name__}", "invalid_id")
    match = _ID.match(value.strip())
    if match is None:
        raise RecordError(f"not an OpenAlex id: {value[:80]!r}", "invalid_id")
    letter = match.group(1).upper()
    if expected is not None and letter != expected:
        raise RecordError(f"expected a {KINDS[expected]} id ({expected}...), got {value[:80]!r}", "invalid_id")
    return letter + match.group(2)


def parse_id(value: str) -> tuple[str, str] | None:
    """An id argument ('A5082727236' or its URL) → (kind, short id), or None if it is not one."""
    try:
        sid = short_id(value)
    except RecordError:
        return None
    return KINDS[sid[0]], sid


_ANY_ID = re.compile(r"^(?:https?://openalex\.org/)?([A-Z])\d+$", re.IGNORECASE)
OTHER_KINDS = {"F": "funder", "P": "publisher", "K": "keyword"}


def kind_of(record: dict[str, Any]) -> str:
    """The entity kind of a record, from its id; RecordError for a missing id or a kind the graph does not hold."""
    value = record.get("id")
    if value is None:
        raise RecordError("the record has no id", "missing_id")
    match = _ANY_ID.match(value.strip()) if isinstance(value, str) else None
    if match is not None and match.group(1).upper() not in KINDS:
        letter = match.group(1).upper()
        kind = OTHER_KINDS.get(letter, letter)
        raise RecordError(f"unknown entity kind {kind!r} (id {value[:80]!r})", "unknown_kind")
    return KINDS[short_id(value)[0]]


def optional_short_id(value: object, expected: str) -> str | None:
    if value is None:
        return None
    try:
        return short_id(value, expected)
    except RecordError:
        return None


def bare_orcid(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    match = _ORCID.search(value.strip())
    return match.group(1).upper() if match else None


def bare_doi(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    match = _DOI.search(value.strip())
    return match.group(1).lower() if match else None


def bare_ror(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    match = _ROR.search(value.strip())
    return match.group(1).lower() if match else None
