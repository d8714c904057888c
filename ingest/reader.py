"""Find the input files of an import and read their lines: plain or gzip JSON lines, files or directories.

Gzip is recognized by its magic bytes, so a file named `.gz` that is not gzip gets a clear message instead of
a decoder traceback. Lines are split on "\\n" only (U+2028 inside strings is data). Progress is measured in
bytes of the file on disk (compressed bytes for gzip), which is what the ETA is driven by.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ingest.snapshot import MANIFEST, scan_snapshot

GZIP_MAGIC = b"\x1f\x8b"
SUFFIXES = (".jsonl", ".json", ".ndjson", ".gz")
# Referenced entities first, so full records are in place before works name them (the result is the same in
# any order; this order writes fewer stubs).
KIND_ORDER = ("institution", "source", "topic", "concept", "author", "work")
PROGRESS_EVERY = 256


class InputError(Exception):
    """A problem with a whole input file (not one record): the message says which file and what is wrong."""


@dataclass(frozen=True)
class InputFile:
    path: Path
    size: int
    is_gzip: bool
    identity: str  # path, size and mtime: the ledger's notion of "the same file"
    expected_records: int | None = None  # from a snapshot manifest

    @property
    def label(self) -> str:
        return str(self.path)


@dataclass
class Discovery:
    files: list[InputFile] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _rank(path: Path) -> tuple[int, str]:
    text = str(path).lower()
    for index, kind in enumerate(KIND_ORDER):
        if kind in text:
            return index, str(path)
    return len(KIND_ORDER), str(path)


def input_file(path: Path, expected_records: int | None = None) -> InputFile:
    """Describe one file; raises InputError for a `.gz` that is not gzip."""
    stat = path.stat()
    with path.open("rb") as handle:
        head = handle.read(2)
    is_gzip = head == GZIP_MAGIC
    if path.suffix == ".gz" and not is_gzip and stat.st_size > 0:
        raise InputError(f"{path} is named .gz but is not gzip (it starts with {head!r}); rename or recompress it")
    raw = f"{path.resolve()}:{stat.st_size}:{stat.st_mtime_ns}"
    identity = hashlib.blake2b(raw.encode(), digest_size=12).hexdigest()
    return InputFile(path, stat.st_size, is_gzip, identity, expected_records)


def discover(paths: Sequence[Path], *, allow_missing_parts: bool = False) -> Discovery:
    """The files to import under `paths`, in import order, with the problems found before reading them."""
    found = Discovery()
    for path in paths:
        if not path.exists():
            found.errors.append(f"{path} does not exist")
        elif path.is_dir() and (path / MANIFEST).is_file():
            snapshot = scan_snapshot(path)
            found.errors.extend(snapshot.errors)
            (found.warnings if allow_missing_parts else found.errors).extend(snapshot.missing)
            found.warnings.extend(snapshot.warnings)
            for part, expected in snapshot.parts:
                _add(found, part, expected)
        elif path.is_dir():
            files = sorted((p for p in path.rglob("*") if p.is_file() and p.suffix in SUFFIXES), key=_rank)
            if not files:
                found.errors.append(f"directory {path} holds no records (no {', '.join(SUFFIXES)} files)")
            for file in files:
                _add(found, file, None)
        else:
            _add(found, path, None)
    return found


def _add(found: Discovery, path: Path, expected: int | None) -> None:
    try:
        file = input_file(path, expected)
    except InputError as exc:
        found.errors.append(str(exc))
        return
    if file.size == 0:
        found.warnings.append(f"{path} is empty (0 bytes): nothing to import from it")
        return
    found.files.append(file)


def read_lines(file: InputFile) -> Iterator[tuple[int, bytes, int]]:
    """(line number, raw line, bytes of the file read so far) for each non-blank line.

    Raises InputError when a gzip stream is truncated or corrupt, naming the last good line.
    """
    number = 0
    with file.path.open("rb") as raw:
        stream = gzip.GzipFile(fileobj=raw, mode="rb") if file.is_gzip else raw
        try:
            for number, line in enumerate(stream, start=1):
                if line.strip():
                    yield number, line, raw.tell() if number % PROGRESS_EVERY == 0 else -1
        except (EOFError, OSError, zlib.error) as exc:
            raise InputError(f"{file.path}: unreadable after line {number}: {exc}") from exc
