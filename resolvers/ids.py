"""Parsing id arguments: short ids or OpenAlex URLs, of the kind the field expects."""

from __future__ import annotations

from ingest.records import parse_id
from peergraph.errors import bad_input


def entity_id(value: str, kind: str, argument: str = "id") -> str:
    parsed = parse_id(value)
    if parsed is None:
        raise bad_input(f"`{argument}` is not an OpenAlex id: {value[:80]!r}", argument=argument)
    found_kind, short = parsed
    if found_kind != kind:
        raise bad_input(f"`{argument}` must be a {kind} id, got a {found_kind} id: {short}", argument=argument)
    return short
