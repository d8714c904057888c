"""The CSV files neo4j-admin reads: one per node label and one per relationship type, rows streamed to disk.

A row is rendered as it comes (tab-separated, every string quoted, arrays joined by U+001F) into a part file,
with its length and its owner (the record that wrote it) kept beside it; the header and the final file are
written at the end, when every column and its type is known and the owners that a newer record superseded
are known too (their rows are left out while the part file is copied, as the online importer deletes what an
updated record owned). Two lists neo4j-admin cannot say are named per row for after the load: an empty list
(it stores none: neo4j/neo4j#13566) in `_emptyLists`, a list of one empty string (its field is empty too) in
`_blankLists`; other empty strings in a list survive (the field "\x1fa" reads back as ["", "a"]). The ends (id,
or start and end ids) of the written rows with a marker are kept (`marked_ends`): the load finds them by id.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ARRAY_DELIMITER = "\x1f"
EMPTY_LISTS = "_emptyLists"  # the properties of a row that are empty lists, set after the load
BLANK_LISTS = "_blankLists"  # those that are [""]
ALWAYS = -1  # the owner of a row no record can supersede (stubs, citations: written at the end)
_COPY_BLOCK = 1 << 20
_BUFFERED_ROWS = 2000


class BulkInputError(ValueError):
    """Input the CSV files cannot carry as the online importer stores it."""


def _scalar_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    raise BulkInputError(f"cannot store a {type(value).__name__} property")


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass
class _Column:
    name: str
    type: str | None = None  # None until a value is seen (an all-null column is declared a string)

    def check(self, value_type: str) -> None:
        if self.type is None:
            self.type = value_type
        elif self.type != value_type:
            raise BulkInputError(f"property {self.name!r} holds both {self.type} and {value_type} values")


class Table:
    """One node label's or relationship type's CSV file, built in two steps: `add` rows, then `finish`."""

    def __init__(self, folder: Path, name: str, ends: Sequence[str]) -> None:
        self.name = name
        self.ends = list(ends)  # the leading header fields: "id:ID(Work)", or ":START_ID(A)", ":END_ID(B)"
        self.columns: dict[str, _Column] = {}
        self._index: dict[str, int] = {}  # column → its position after the ends
        self._buffer: list[bytes] = []
        self.header_path = folder / f"{name}.header.tsv"
        self.data_path = folder / f"{name}.tsv"
        self._part_path = folder / f"{name}.part"
        self._part = self._part_path.open("wb")
        self.lengths = array("Q")
        self.owners = array("q")
        self.widths = array("H")
        self.multiline = False  # a value holds a line break: neo4j-admin must read multiline fields
        self._marked: list[tuple[int, tuple[str, ...]]] = []  # (row index, ends) of the rows with a marker
        self.marked_ends: list[tuple[str, ...]] = []  # those written (by `finish`): where the load sets the lists
        self.rows = 0

    def _column(self, key: str, row: list[str]) -> int:
        self.columns[key] = _Column(key)
        self._index[key] = len(row)
        row.append("")
        return len(row) - 1

    def _render(self, column: _Column, value: Any, empties: list[str], blanks: list[str]) -> str:
        kind = type(value)
        if kind is str:
            if column.type != "string":
                column.check("string")
            text: str = value
        elif kind is int or kind is float or kind is bool:
            column.check(_scalar_type(value))
            return ("true" if value else "false") if kind is bool else repr(value)
        elif kind is list:
            if not value:
                empties.append(column.name)
                return ""
            if all(type(v) is str for v in value):  # ids, award ids, names: no per-item type or str() needed
                if column.type != "string[]":
                    column.check("string[]")
                items = value
            else:
                types = {_scalar_type(v) for v in value}
                if len(types) != 1:
                    raise BulkInputError(f"list property {column.name!r} mixes {sorted(types)}")
                column.check(f"{types.pop()}[]")
                items = [("true" if v else "false") if isinstance(v, bool) else str(v) for v in value]
            if items == [""]:
                blanks.append(column.name)
                return ""
            text = ARRAY_DELIMITER.join(items)
            if text.count(ARRAY_DELIMITER) != len(items) - 1:  # an item holds one
                raise BulkInputError(f"{column.name!r} holds {items[:3]!r}, which neo4j-admin cannot read back")
        else:
            raise BulkInputError(f"cannot store a {kind.__name__} property ({column.name!r})")
        if "\n" in text or "\r" in text:
            self.multiline = True
        return _quote(text) if '"' in text else f'"{text}"'

    def add(self, ends: Sequence[str], props: Mapping[str, Any], owner: int = ALWAYS) -> int:
        """Write one row (`ends`: its id, or its start and end ids: OpenAlex short ids, nothing to escape);
        returns its index."""
        empties: list[str] = []
        blanks: list[str] = []
        index, columns = self._index, self.columns
        row = [""] * len(index)
        for key, value in props.items():
            at = index.get(key)
            if at is None:
                at = self._column(key, row)
            if value is None:
                continue
            if type(value) is str:  # most values (AUTHORED's 5 per row): rendered here, without a call
                column = columns[key]
                if column.type != "string":
                    column.check("string")
                if '"' in value:
                    value = value.replace('"', '""')
                if not self.multiline and ("\n" in value or "\r" in value):
                    self.multiline = True
                row[at] = f'"{value}"'
            else:
                row[at] = self._render(columns[key], value, empties, blanks)
        if empties or blanks:
            for marker, names in ((EMPTY_LISTS, empties), (BLANK_LISTS, blanks)):
                if names:
                    at = index.get(marker)
                    if at is None:
                        at = self._column(marker, row)
                    row[at] = self._render(columns[marker], names, [], [])
            self._marked.append((self.rows, tuple(ends)))
        text = '"' + '"\t"'.join(ends) + '"'
        data = (text + "\t" + "\t".join(row) if row else text).encode()
        buffer = self._buffer
        buffer.append(data)
        if len(buffer) >= _BUFFERED_ROWS:
            self._flush()
        self.lengths.append(len(data))
        self.owners.append(owner)
        self.widths.append(len(ends) + len(row))
        self.rows += 1
        return self.rows - 1

    def close(self) -> None:
        """Close the part file of a table that will not be finished (a refused load)."""
        self._part.close()

    def _flush(self) -> None:
        self._part.write(b"".join(self._buffer))
        self._buffer.clear()

    def finish(
        self, alive: bytearray, tail: tuple[str, str, Callable[[int, int], str]] | None = None
    ) -> tuple[Path, Path, int]:
        """Write the header and the data file (rows of superseded owners left out, short rows padded, `tail`:
        (column, type, value of row index and owner) appended); returns (header, data, rows written)."""
        self._flush()
        self._part.close()
        header = [*self.ends, *(f"{c.name}:{c.type or 'string'}" for c in self.columns.values())]
        if tail is not None:
            header.append(f"{tail[0]}:{tail[1]}")
        width = len(self.ends) + len(self.columns)
        self.header_path.write_text("\t".join(header) + "\n", encoding="utf-8")
        written = 0
        with self._part_path.open("rb") as part, self.data_path.open("wb", buffering=_COPY_BLOCK) as out:
            for index, (length, owner, fields) in enumerate(zip(self.lengths, self.owners, self.widths, strict=True)):
                data = part.read(length)
                if owner != ALWAYS and not alive[owner]:
                    continue
                out.write(data)
                if fields < width:
                    out.write(b"\t" * (width - fields))
                if tail is not None:
                    out.write(b"\t" + tail[2](index, owner).encode())
                out.write(b"\n")
                written += 1
        self._part_path.unlink()
        owners = self.owners
        self.marked_ends = [ends for index, ends in self._marked if owners[index] == ALWAYS or alive[owners[index]]]
        self._marked = []
        return self.header_path, self.data_path, written
