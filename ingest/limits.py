"""How much one imported record may carry: a bound on the raw line and on every text the graph stores.

A record over a bound is rejected with a reason that names the field, its size and the setting to raise; it is
never stored truncated. The line bound is checked while reading, before parsing, so a 50 MB line costs at most
the bound in memory and is skipped unparsed. Every string of a row is checked, so a text field added to
`ingest/records.py` is bounded without a change here (by `text` unless it is listed in `_KIND_OF_FIELD`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ingest.ids import RecordError
from peergraph.settings import Settings, setting_default

# A row's field → which bound applies; any other string is "text".
_KIND_OF_FIELD = {
    "title": "title",
    "abstract": "abstract",
    "name": "name",
    "rawAuthorName": "name",
    "moreRawAuthorNames": "name",
    "unlinkedAuthorNames": "name",
    "subfield": "name",
    "field": "name",
    "domain": "name",
}
TEXT_KINDS = ("title", "abstract", "name", "text")
# Each kind's bound is the setting import_max_<kind>_chars (PEERGRAPH_IMPORT_MAX_<KIND>_CHARS).
_SETTING = {kind: f"PEERGRAPH_IMPORT_MAX_{kind.upper()}_CHARS" for kind in TEXT_KINDS}


@dataclass(frozen=True)
class RecordLimits:
    line_bytes: int
    chars: dict[str, int]  # the longest text of each kind

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> RecordLimits:
        """The bounds of `settings`, or the defaults for callers that are handed none."""
        read = (lambda name: getattr(settings, name)) if settings is not None else setting_default
        return cls(read("import_max_line_bytes"), {kind: read(f"import_max_{kind}_chars") for kind in TEXT_KINDS})

    def line_reason(self, length: int) -> str:
        return (
            f"the line is {length:,} bytes, over the {self.line_bytes:,} allowed (PEERGRAPH_IMPORT_MAX_LINE_BYTES); "
            "skipped unparsed"
        )


def _strings(value: object, path: str, key: str) -> Iterator[tuple[str, str, str]]:
    """(path, field name, text) of every string inside a row."""
    if isinstance(value, str):
        yield path, key, value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _strings(item, name if path in ("", "props") else f"{path}.{name}", name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]", key)


def _fits(row: dict[str, Any], bounds: dict[str, int], text: int) -> bool:
    """Whether every string in the row is within its bound: the fast walk that every record takes (it costs ~10%
    of parsing a record; the walk that names the offending field runs only for a record that does not fit)."""
    for key, value in row.items():
        kind = type(value)
        if kind is str:
            if len(value) > bounds.get(key, text):
                return False
        elif kind is dict:
            if not _fits(value, bounds, text):
                return False
        elif kind is list:
            limit = bounds.get(key, text)
            for item in value:
                kind = type(item)
                if kind is str:
                    if len(item) > limit:
                        return False
                elif (kind is dict and not _fits(item, bounds, text)) or (
                    kind is list and not _fits({key: item}, bounds, text)
                ):
                    return False
    return True


def check_row(kind: str, row: dict[str, Any], limits: RecordLimits) -> None:
    """Raise RecordError when a text of the row is longer than its bound."""
    bounds = {key: limits.chars[bound] for key, bound in _KIND_OF_FIELD.items()}
    if _fits(row, bounds, limits.chars["text"]):
        return
    for path, key, value in _strings(row, "", ""):
        bound = _KIND_OF_FIELD.get(key, "text")
        allowed = limits.chars[bound]
        if len(value) > allowed:
            raise RecordError(
                f"{kind} {row['id']}: {path} is {len(value):,} characters, over the {allowed:,} allowed "
                f"({_SETTING[bound]}); the record is not imported",
                "text_too_long",
            )
