"""The import ledger: which batches of an import run are already in the graph.

A run is identified by what it imports (each file's path, size and mtime) and how (batch size, forced kind),
so re-running the same command after a kill resumes the same run. Each batch writes its ledger entry
(`:_ImportBatch {run, key}`) in its own transaction, so an entry exists exactly when the batch's data does.
A finished run deletes its entries: the next run of the same command imports again (and finds every record
unchanged). It also deletes the entries of runs abandoned long ago (killed and never re-run, e.g. because the
files changed since), so the ledger does not grow forever. Internal labels start with "_" and are not part
of the data graph (see `ingest/fingerprint.py`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from neo4j import AsyncDriver, Query, RoutingControl

from cypher import ingest as q
from ingest.reader import InputFile
from ingest.writer import BatchMark


def run_id(files: Sequence[InputFile], batch_size: int, kind: str | None) -> str:
    text = "|".join([*(f.identity for f in files), f"batch={batch_size}", f"kind={kind}"])
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


def batch_key(file: InputFile, kind: str, first_line: int) -> str:
    return f"{file.identity}:{kind}:{first_line}"


@dataclass
class Ledger:
    run: str
    done: set[str]

    @classmethod
    async def open(cls, driver: AsyncDriver, database: str, run: str, tx_timeout: float | None = None) -> Ledger:
        records, _, _ = await driver.execute_query(
            Query(q.LEDGER_DONE_BATCHES, timeout=tx_timeout),
            {"run": run},
            database_=database,
            routing_=RoutingControl.READ,
        )
        return cls(run, {r["key"] for r in records})

    def mark(self, key: str) -> BatchMark:
        return BatchMark(self.run, key)

    async def finish(
        self, driver: AsyncDriver, database: str, stale_days: int, tx_timeout: float | None = None
    ) -> None:
        """Delete this run's entries, and those of runs abandoned more than `stale_days` ago."""
        await driver.execute_query(
            Query(q.LEDGER_FINISH_RUN, timeout=tx_timeout),
            {"run": self.run, "staleDays": stale_days},
            database_=database,
        )
