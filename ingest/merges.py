"""Merged ids: OpenAlex's `merged_ids/<entity>/<date>.csv.gz` (`merge_date,id,merge_into_id`), applied to the graph.

A merge is recorded (`MergedId {id, kind, intoId, mergeDate}`, kept flat: one hop to the surviving node, however
long the chain of merges) and the old node, if the graph has it, is folded into its survivor
(cypher/ingest/merge_fold_*.cypher: what moves and what goes). The read API answers an old id with the survivor,
which lists it in `mergedIds`. Authors and works are merged; merged ids of other kinds are counted as skipped.

Applying is idempotent and resumable: merges go `BATCH` to a transaction; a merge already applied changes nothing
(`unchanged`), so a killed run re-run with the same command ends where a whole one does. At the end of every
import the merged ids that are nodes again (a record or an authorship read after the merge still naming the old
id) are folded once more. A bad line (not three fields, an id that is not one, an id merged into itself, two
kinds) is rejected like a bad record: file, line number, reason.
"""

from __future__ import annotations

import csv
import datetime
import gzip
import io
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any, LiteralString

from neo4j import AsyncDriver, AsyncManagedTransaction, Query, unit_of_work

from cypher import ingest as q
from ingest import facet_counts
from ingest.ids import KINDS, RecordError, short_id

BATCH = 1000
FLATTEN_STEPS = 32  # a chain of merges longer than this inside one batch is not expected (OpenAlex's are 1-2)
HEADER = ["merge_date", "id", "merge_into_id"]
FOLDS: dict[str, LiteralString] = {"author": q.MERGE_FOLD_AUTHORS, "work": q.MERGE_FOLD_WORKS}


@dataclass
class MergeResult:
    rows: int = 0  # merge lines read
    applied: int = 0  # merges that changed the graph (recorded or re-pointed, an old node folded in)
    folded: int = 0  # old nodes that were in the graph and were merged into their survivor
    unchanged: int = 0  # already applied
    skipped: int = 0  # of a kind the graph does not merge (institutions, sources, …)

    def add(self, other: MergeResult) -> None:
        for name, value in asdict(other).items():
            setattr(self, name, getattr(self, name) + value)

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(frozen=True)
class Merge:
    kind: str
    old: str
    new: str
    date: str


def read_merges(path: Path) -> Iterator[tuple[int, Merge | RecordError, str]]:
    """(line number, the merge or why the line is rejected, the raw line) for each line after the header, read as
    it goes (gzip by its magic bytes)."""
    with path.open("rb") as raw:
        compressed = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
        binary: IO[bytes] = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw  # type: ignore[assignment]  # both are binary streams; typeshed names no common type
        with io.TextIOWrapper(binary, encoding="utf-8-sig", newline="") as text:
            for number, fields in enumerate(csv.reader(text), start=1):
                raw_line = ",".join(fields)
                if number == 1 and [f.strip().lower() for f in fields] == HEADER:
                    continue
                if not fields or not "".join(fields).strip():
                    continue
                yield number, _merge(fields), raw_line


def _merge(fields: Sequence[str]) -> Merge | RecordError:
    if len(fields) != len(HEADER):
        return RecordError(f"a merge line has {len(fields)} fields, not 3 ({', '.join(HEADER)})", "invalid_merge")
    date, old, new = (f.strip() for f in fields)
    try:
        old_id, new_id = short_id(old), short_id(new)
    except RecordError as exc:
        return exc
    if old_id[0] != new_id[0]:
        return RecordError(f"{old_id} and {new_id} are not of one kind", "invalid_merge")
    if old_id == new_id:
        return RecordError(f"{old_id} is merged into itself", "invalid_merge")
    return Merge(KINDS[old_id[0]], old_id, new_id, date)


async def _apply(tx: AsyncManagedTransaction, /, kind: str, batch: Sequence[Merge], now: str) -> MergeResult:
    rows = [{"old": m.old, "new": m.new, "date": m.date} for m in batch]
    result = await tx.run(q.MERGE_RESOLVE, rows=rows, kind=kind)
    found = [record.data() async for record in result]
    dates = {m.old: m.date for m in batch}
    done = MergeResult()
    # New information is recorded (a refold's rows are recorded already: their merge date stays); an old id that
    # is a node is folded; anything else was applied before.
    recorded = [r for r in found if r["into"] != r["old"] and r["recorded"] != r["into"]]
    present = [r["old"] for r in found if r["into"] != r["old"] and r["present"]]
    done.unchanged = sum(1 for r in found if r["into"] == r["old"] or (r["recorded"] == r["into"] and not r["present"]))
    if recorded:
        olds = [r["old"] for r in recorded]
        await _run(tx, q.MERGE_RECORD, rows=[{**r, "date": dates[r["old"]]} for r in recorded], kind=kind)
        for _ in range(FLATTEN_STEPS):
            flattened = await tx.run(q.MERGE_FLATTEN, ids=olds)
            if (await flattened.single(strict=True))["changed"] == 0:
                break
    before, works = facet_counts.Counts(), list[str]()
    if present:  # what the folded works counted under, and which works to count again after the fold
        into = {r["old"]: r["into"] async for r in await tx.run(q.MERGED_INTO, ids=present)}
        before, works = await facet_counts.before_fold(tx, kind, present, sorted(set(into.values())))
        for ids in _rounds(present, into) if kind == "work" else [present]:
            await _run(tx, FOLDS[kind], ids=ids, now=now)
    if recorded or present:
        await facet_counts.add_unlocked(tx, before, works)
        await _run(tx, q.BUMP_GRAPH_VERSION)
        await facet_counts.add_locked(tx, before, works)
    done.applied = len(found) - done.unchanged
    done.folded = len(present)
    return done


def _rounds(olds: Sequence[str], into: dict[str, str]) -> list[list[str]]:
    """The old ids in fold rounds, each naming a survivor once: a work folded into a survivor the graph lacks
    becomes it (merge_fold_works.cypher), and a second old work folded into that survivor in the same statement
    does not see it (its rename is not read back by the statement) and was renamed too, a uniqueness violation
    (two works merged into one absent work, or a chain a → b → c without c). In batch order within a round."""
    rounds: list[list[str]] = []
    seen: dict[str, int] = {}
    for old in olds:
        n = seen.get(into[old], 0)
        seen[into[old]] = n + 1
        if n == len(rounds):
            rounds.append([])
        rounds[n].append(old)
    return rounds


async def _run(tx: AsyncManagedTransaction, /, query: LiteralString, **params: Any) -> None:
    await (await tx.run(query, params)).consume()


class MergeFileError(Exception):
    """A merged-id file that cannot be read; the message names it."""


Rejected = Callable[[Path, int, RecordError, str], bool]  # (file, line, why, raw line) → stop the run?


async def apply_merge_files(
    driver: AsyncDriver,
    database: str,
    files: Sequence[Path],
    reject: Rejected,
    *,
    dry_run: bool = False,
    tx_timeout: float | None = None,
) -> MergeResult:
    """Read the merged-id files in order and apply their merges BATCH at a time per kind (a dry run only reads
    and checks them): the files are streamed, never held whole. Stops when `reject` says so; MergeFileError for a
    file that cannot be read."""
    total = MergeResult()
    pending: dict[str, list[Merge]] = {kind: [] for kind in FOLDS}
    now = datetime.datetime.now(datetime.UTC).isoformat()
    apply: Callable[..., Any] = unit_of_work(timeout=tx_timeout)(_apply)
    async with driver.session(database=database) as session:

        async def flush(kind: str) -> None:
            batch, pending[kind] = pending[kind], []
            if batch and not dry_run:
                total.add(await session.execute_write(apply, kind, batch, now))

        for path in files:
            try:
                for number, merge, raw in read_merges(path):
                    if isinstance(merge, RecordError):
                        if reject(path, number, merge, raw):
                            return total
                        continue
                    total.rows += 1
                    if merge.kind not in FOLDS:
                        total.skipped += 1
                        continue
                    pending[merge.kind].append(merge)
                    if len(pending[merge.kind]) >= BATCH:
                        await flush(merge.kind)
            except (OSError, EOFError, UnicodeDecodeError, zlib.error, csv.Error) as exc:
                raise MergeFileError(f"{path}: unreadable merged-id file: {exc}") from exc
        for kind in FOLDS:
            await flush(kind)
    return total


async def _apply_all(driver: AsyncDriver, database: str, merges: Sequence[Merge], tx_timeout: float | None) -> int:
    """Apply merges known to be valid (refold's); returns how many old nodes were folded."""
    folded = 0
    now = datetime.datetime.now(datetime.UTC).isoformat()
    apply: Callable[..., Any] = unit_of_work(timeout=tx_timeout)(_apply)
    async with driver.session(database=database) as session:
        for kind in FOLDS:
            mine = [m for m in merges if m.kind == kind]
            for start in range(0, len(mine), BATCH):
                folded += (await session.execute_write(apply, kind, mine[start : start + BATCH], now)).folded
    return folded


async def refold(driver: AsyncDriver, database: str, tx_timeout: float | None = None) -> int:
    """Fold the merged ids that are nodes again into their survivors; returns how many were."""
    folded = 0
    for kind in FOLDS:
        query = Query(q.MERGED_PRESENT, timeout=tx_timeout)
        records, _, _ = await driver.execute_query(query, {"kind": kind}, database_=database)
        back = [Merge(kind, r["old"], r["into"], "") for r in records]
        if back:
            folded += await _apply_all(driver, database, back, tx_timeout)
    return folded
