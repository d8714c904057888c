"""The batches the online importer would write, read and parsed in a second process while this one renders them.

The CSV phase is two halves of about the same cost on one core (20,000 generated works, cProfile: reading and
parsing the records with the importer's own `parse_input` 7.4 s, the graph's rows and their rendering 8.1 s), so
a second process parses while the first builds: the parsing process sends each batch pickled through a pipe (on
those 20,000 works, pickling 0.24 s and unpickling 0.63 s against 3.9 s of parsing), in the input's order, so
the graph and its files are the same as when parsed in place. A pipe holds about one batch (1,000 rows): the
parsing process runs at most a batch or two ahead, and memory stays one entry per id in the building process.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import IO

from ingest.bulk.child import Child, failure, send
from ingest.importer import ImportOptions, Reject, parse_input
from ingest.reader import InputError, InputFile, read_rows
from ingest.records import RecordError, Row


class FeedRefused(Exception):
    """The input cannot be loaded (too many rejected lines, a broken file); nothing was loaded."""


@dataclass
class Tally:
    """What reading the input counted: records read, files finished, the rejected lines, the rejects file."""

    records: int = 0
    files: int = 0
    rejected: list[Reject] = field(default_factory=list)
    rejects_path: Path | None = None


class _Rejects:
    """The rejects file, created on the first reject (a clean run leaves none behind)."""

    def __init__(self, path: Path, tally: Tally) -> None:
        self.path, self.tally = path, tally
        self.handle: IO[bytes] | None = None

    def write(self, reject: Reject) -> None:
        if self.handle is None:
            self.handle = self.path.open("wb")
            self.tally.rejects_path = self.path
        self.handle.write(reject.as_json() + b"\n")

    def close(self) -> None:
        if self.handle is not None:
            self.handle.close()


def _batches(
    files: Sequence[InputFile], options: ImportOptions, tally: Tally, rejects: _Rejects
) -> Iterator[tuple[str, list[Row]]]:
    """The batches in the online importer's order (ingest/importer.py `_chunks`): per file, rows of a kind
    gathered until `batch_size`, the rest at the file's end."""
    for file in files:
        pending: dict[str, list[Row]] = {}
        try:
            for line in read_rows(file, options.limits.line_bytes):
                tally.records += 1
                try:
                    kind, row = parse_input(line, options)
                except RecordError as exc:
                    raw = line.raw if line.record is None else b""
                    reject = Reject.of(file.label, line.number, exc, raw, line.length or None)
                    tally.rejected.append(reject)
                    rejects.write(reject)
                    if len(tally.rejected) > options.max_bad:
                        raise FeedRefused(
                            f"more than --max-bad {options.max_bad} rejected lines (the last: {file.label}:"
                            f"{line.number}: {exc}); nothing was loaded"
                        ) from exc
                    continue
                rows = pending.setdefault(kind, [])
                rows.append(row)
                if len(rows) >= options.batch_size:
                    del pending[kind]
                    yield kind, rows
        except InputError as exc:
            raise FeedRefused(f"{exc}; nothing was loaded") from exc
        yield from pending.items()
        tally.files += 1


def _parse(files: Sequence[InputFile], options: ImportOptions, rejects_path: Path, connection: Connection) -> None:
    """The parsing process: ("batch", kind, rows) per batch, then ("end", tally), ("refused", message, tally) or
    ("failed", traceback)."""
    tally = Tally()
    rejects = _Rejects(rejects_path, tally)
    try:
        for kind, rows in _batches(files, options, tally, rejects):
            send(connection, ("batch", kind, rows))
        message: tuple[object, ...] = ("end", tally)
    except FeedRefused as exc:
        message = ("refused", str(exc), tally)
    except BaseException:  # any failure is told to the building process, which raises it
        message = failure()
    finally:
        rejects.close()
    send(connection, message)
    connection.close()


def batches(
    files: Sequence[InputFile], options: ImportOptions, tally: Tally, rejects_path: Path, *, in_process: bool = False
) -> Iterator[tuple[str, list[Row]]]:
    """The input's batches, parsed in a second process (or here, `in_process`); `tally` is filled once they are
    all read. Raises FeedRefused as the input's problems refuse the load."""
    if in_process:
        rejects = _Rejects(rejects_path, tally)
        try:
            yield from _batches(files, options, tally, rejects)
        finally:
            rejects.close()
        return
    child = Child("parsing", _parse, list(files), options, rejects_path)
    try:
        while True:
            message = child.receive()
            if message[0] == "batch":
                yield message[1], message[2]
                continue
            done: Tally = message[-1]
            tally.records, tally.files, tally.rejected = done.records, done.files, done.rejected
            tally.rejects_path = done.rejects_path
            if message[0] == "refused":
                raise FeedRefused(message[1])
            return
    finally:
        child.close()
