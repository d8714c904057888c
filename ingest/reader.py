"""Find the input files of an import and read their lines: plain or gzip JSON lines, Parquet, files or directories.

A folder that is an OpenAlex snapshot (either layout, ingest/snapshot.py) gives its manifest's parts in
dependency order and its merged-id files; a `.csv` or `.csv.gz` file given by name is a merged-id file; any
other folder gives every record file under it.

Gzip is recognized by its magic bytes, so a file named `.gz` that is not gzip gets a clear message instead of
a decoder traceback. Lines are split on "\\n" only (U+2028 inside strings is data). A UTF-8 byte-order mark at
the start of a file is dropped (editors on Windows write one); a UTF-16 or UTF-32 one makes the file unreadable,
said so. A line longer than the bound it is read with is not held whole: its first `KEEP_BYTES` are kept for the
rejects file and the rest is skipped in `SKIP_BYTES` pieces. Progress is measured in bytes of the file on disk
(compressed bytes for gzip), which is what the ETA is driven by.

A problem with one file (not gzip, truncated, unreadable) is that file's: it is reported and the other files
are still imported (`Discovery.broken`, `InputError` while reading). Problems with what was asked for (a path
that does not exist, a directory without records, a snapshot's manifest or missing parts) stop the run before
anything is written (`Discovery.errors`).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.parquet import MAGIC as PARQUET_MAGIC
from ingest.parquet import ParquetError, read_records
from ingest.snapshot import find_snapshot

GZIP_MAGIC = b"\x1f\x8b"
SUFFIXES = (".jsonl", ".json", ".ndjson", ".gz", ".parquet", ".csv")
MERGED_SUFFIXES = (".csv", ".csv.gz")
# Referenced entities first, so full records are in place before works name them (the result is the same in
# any order; this order writes fewer stubs).
KIND_ORDER = ("institution", "source", "topic", "concept", "author", "work")
PROGRESS_EVERY = 256
UTF8_BOM = b"\xef\xbb\xbf"
# UTF-32 first: its little-endian mark starts with UTF-16's.
OTHER_BOMS = {
    b"\xff\xfe\x00\x00": "UTF-32",
    b"\x00\x00\xfe\xff": "UTF-32",
    b"\xff\xfe": "UTF-16",
    b"\xfe\xff": "UTF-16",
}
KEEP_BYTES = 64 * 1024  # of a rejected line, in the rejects file
SKIP_BYTES = 1024 * 1024


_Stream = gzip.GzipFile | io.BufferedReader


class InputError(Exception):
    """A problem with a whole input file (not one record): the message says which file and what is wrong."""


@dataclass(frozen=True)
class InputFile:
    path: Path
    size: int
    is_gzip: bool
    identity: str  # path, size and mtime: the ledger's notion of "the same file"
    expected_records: int | None = None  # from a snapshot manifest
    format: str = "jsonl"  # or "parquet"

    @property
    def label(self) -> str:
        return str(self.path)


@dataclass
class Discovery:
    files: list[InputFile] = field(default_factory=list)
    merged: list[Path] = field(default_factory=list)  # merged-id CSV files, applied after the records
    errors: list[str] = field(default_factory=list)  # the run stops before writing
    broken: list[str] = field(default_factory=list)  # a file that cannot be imported; the others are
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    raw: bytes | bytearray  # the whole line, or its first KEEP_BYTES when it is longer than the bound
    length: int  # the line's length in bytes, without its newline
    position: int  # bytes of the file read so far, -1 when not measured at this line
    too_long: bool = False
    record: dict[str, Any] | None = None  # a Parquet row, already decoded (`raw` is then empty)


def _rank(path: Path) -> tuple[int, str]:
    text = str(path).lower()
    for index, kind in enumerate(KIND_ORDER):
        if kind in text:
            return index, str(path)
    return len(KIND_ORDER), str(path)


def input_file(path: Path, expected_records: int | None = None) -> InputFile:
    """Describe one file; raises InputError for a `.gz` that is not gzip, or a file that cannot be read."""
    try:
        stat = path.stat()
        with path.open("rb") as handle:
            head = handle.read(2)
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror or exc}") from exc
    is_gzip = head == GZIP_MAGIC
    if path.suffix == ".gz" and not is_gzip and stat.st_size > 0:
        raise InputError(f"{path} is named .gz but is not gzip (it starts with {head!r}); rename or recompress it")
    is_parquet = head == PARQUET_MAGIC[:2] and path.suffix == ".parquet"
    if path.suffix == ".parquet" and not is_parquet and stat.st_size > 0:
        raise InputError(f"{path} is named .parquet but is not Parquet (it starts with {head!r})")
    raw = f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    identity = hashlib.blake2b(raw.encode(), digest_size=12).hexdigest()
    return InputFile(path, stat.st_size, is_gzip, identity, expected_records, "parquet" if is_parquet else "jsonl")


def discover(
    paths: Sequence[Path], *, allow_missing_parts: bool = False, preferred_format: str | None = None
) -> Discovery:
    """The files to import under `paths`, in import order, with the problems found before reading them."""
    found = Discovery()
    for path in paths:
        if not path.exists():
            found.errors.append(f"{path} does not exist")
        elif path.is_file() and path.name.endswith(MERGED_SUFFIXES):
            found.merged.append(path)
        elif path.is_dir() and (snapshot := find_snapshot(path, preferred_format)) is not None:
            found.errors.extend(snapshot.errors)
            (found.warnings if allow_missing_parts else found.errors).extend(snapshot.missing)
            found.warnings.extend(snapshot.warnings)
            for part in sorted(snapshot.parts, key=lambda p: (_kind_rank(p.kind), str(p.path))):
                _add(found, part.path, part.records)
            found.merged += snapshot.merged
        elif path.is_dir():
            # A dangling symbolic link is listed (and reported as unreadable), not silently left out.
            listed = (p for p in path.rglob("*") if p.suffix in SUFFIXES and (p.is_file() or not p.exists()))
            files = sorted(listed, key=_rank)
            merged = [p for p in files if p.name.endswith(MERGED_SUFFIXES)]
            if not files:
                found.errors.append(f"directory {path} holds no records (no {', '.join(SUFFIXES)} files)")
            for file in files:
                if file in merged:
                    found.merged.append(file)
                else:
                    _add(found, file, None)
        else:
            _add(found, path, None)
    return found


def _kind_rank(kind: str) -> int:
    return KIND_ORDER.index(kind) if kind in KIND_ORDER else len(KIND_ORDER)


def _add(found: Discovery, path: Path, expected: int | None) -> None:
    try:
        file = input_file(path, expected)
    except InputError as exc:
        found.broken.append(str(exc))
        return
    if file.size == 0:
        found.warnings.append(f"{path} is empty (0 bytes): nothing to import from it")
        return
    found.files.append(file)


def read_rows(file: InputFile, max_line_bytes: int) -> Iterator[Line]:
    """Each record of a file: its lines (read_lines), or a Parquet file's rows as decoded records."""
    if file.format != "parquet":
        yield from read_lines(file, max_line_bytes)
        return
    try:
        for number, fraction, record in read_records(file.path):
            position = int(fraction * file.size) if number % PROGRESS_EVERY == 0 else -1
            yield Line(number, b"", 0, position, record=record)
    except ParquetError as exc:
        raise InputError(str(exc)) from exc


def read_lines(file: InputFile, max_line_bytes: int) -> Iterator[Line]:
    """Each non-blank line of a file, lines longer than `max_line_bytes` marked `too_long` (and not held whole).

    Raises InputError when the file cannot be opened or read, or a gzip stream is truncated or corrupt, naming
    the last good line.
    """
    number = 0
    try:
        with file.path.open("rb") as raw:
            stream = gzip.GzipFile(fileobj=raw, mode="rb") if file.is_gzip else raw
            while line := _read_line(stream, max_line_bytes):
                number += 1
                if line.too_long:
                    yield Line(number, line.raw, line.length, -1, too_long=True)
                    continue
                text = _without_bom(file, line.raw) if number == 1 else line.raw
                if text.strip():
                    position = raw.tell() if number % PROGRESS_EVERY == 0 else -1
                    yield Line(number, text, line.length, position)
    except (EOFError, OSError, zlib.error) as exc:
        where = f"after line {number}" if number else "from its start"
        raise InputError(f"{file.path}: unreadable {where}: {getattr(exc, 'strerror', None) or exc}") from exc


def _read_line(stream: _Stream, max_bytes: int) -> Line | None:
    """The next line (None at the end of the file) as a `Line` without number and position.

    A line that fits in one `SKIP_BYTES` read (nearly all of them) is that read; a longer one grows in a bytearray
    (orjson parses it as it is: no copy), so a line costs about its own size in memory. Past `max_bytes` the
    rest is read and dropped, and only its first KEEP_BYTES are kept.
    """
    piece = stream.readline(SKIP_BYTES)
    if not piece:
        return None
    if piece.endswith(b"\n") or len(piece) < SKIP_BYTES:
        length = len(piece) - piece.endswith(b"\n")
        if length <= max_bytes:
            return Line(0, piece, length, -1)
        return Line(0, piece[:KEEP_BYTES], length, -1, too_long=True)
    line = bytearray(piece)
    while not piece.endswith(b"\n") and len(line) <= max_bytes:
        piece = stream.readline(SKIP_BYTES)
        line += piece
        if not piece:
            break
    length = len(line) - line.endswith(b"\n")
    if length <= max_bytes:
        return Line(0, line, length, -1)
    kept = bytes(line[:KEEP_BYTES])
    del line
    while piece and not piece.endswith(b"\n"):  # the rest of an over-long line, read and dropped
        piece = stream.readline(SKIP_BYTES)
        length += len(piece) - piece.endswith(b"\n")
    return Line(0, kept, length, -1, too_long=True)


def _without_bom(file: InputFile, line: bytes | bytearray) -> bytes | bytearray:
    if line.startswith(UTF8_BOM):
        return line[len(UTF8_BOM) :]
    for mark, encoding in OTHER_BOMS.items():
        if line.startswith(mark):
            raise InputError(
                f"{file.path} is {encoding} text (it starts with a {encoding} byte-order mark); "
                "OpenAlex records are UTF-8: convert it (e.g. iconv -t UTF-8)"
            )
    return line
