"""One input line or record → (kind, row), or a reject reason. Shared by the CLI importer and the mutation."""

from __future__ import annotations

import orjson

from ingest.limits import RecordLimits, check_row
from ingest.records import KINDS, RecordError, Row, build_row, kind_of

KIND_NAMES = tuple(KINDS.values())


def parse_record(record: object, limits: RecordLimits, forced_kind: str | None = None) -> tuple[str, Row]:
    """Validate a decoded record and build its row; raises RecordError with the reject reason."""
    if not isinstance(record, dict):
        raise RecordError(f"a record must be a JSON object, got {type(record).__name__}", "not_an_object")
    kind = kind_of(record)
    if forced_kind is not None and kind != forced_kind:
        raise RecordError(
            f"expected a {forced_kind} record (--kind), got a {kind} id {str(record.get('id'))[:80]!r}", "wrong_kind"
        )
    try:
        row = build_row(kind, record)
    except (TypeError, AttributeError, ValueError) as exc:
        if isinstance(exc, RecordError):
            raise
        raise RecordError(f"invalid {kind} record: {exc}") from exc
    check_row(kind, row, limits)
    return kind, row


def parse_line(raw: bytes | bytearray, limits: RecordLimits, forced_kind: str | None = None) -> tuple[str, Row]:
    try:
        record = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise RecordError(f"malformed JSON: {exc}", "malformed_json") from exc
    return parse_record(record, limits, forced_kind)
