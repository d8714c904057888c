"""A killed import (kill -9), re-run with the same command, ends with exactly the graph a clean import gives."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

from neo4j import AsyncDriver

from ingest.fingerprint import fingerprint
from ingest.importer import ImportOptions, run_import
from ingest.sample import sample_files
from peergraph.settings import PROJECT_ROOT, Settings
from tests.ingest.cli_support import cli_env
from tests.support import wipe

BATCH = "40"  # small batches: many transactions, so the kill lands between some of them


def _command(rejects: Path) -> list[str]:
    files = [str(p) for p in sample_files()]
    args = ["import", *files, "--batch-size", BATCH, "--rejects", str(rejects), "--no-progress"]
    return [sys.executable, "-c", "from peergraph.cli import main; main()", *args]


async def _run(command: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    proc = await asyncio.create_subprocess_exec(
        *command, env=env, cwd=PROJECT_ROOT, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await proc.communicate()
    assert proc.returncode is not None
    return proc.returncode, out, err


async def _ledger_batches(driver: AsyncDriver, db: str) -> int:
    records, _, _ = await driver.execute_query("MATCH (b:_ImportBatch) RETURN count(b) AS n", database_=db)
    return int(records[0]["n"])


async def test_an_import_killed_midway_and_rerun_equals_a_clean_import(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    db = settings.neo4j_database
    env = {**os.environ, **cli_env(settings)}
    command = _command(tmp_path / "rejects.jsonl")

    code, _, err = await _run(command, env)
    assert code == 0, err.decode()
    expected = await fingerprint(empty_db, db)
    assert await _ledger_batches(empty_db, db) == 0  # a finished run leaves no ledger behind

    await wipe(empty_db)
    proc = await asyncio.create_subprocess_exec(
        *command, env=env, cwd=PROJECT_ROOT, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
    )
    deadline = time.monotonic() + 120
    landed = 0
    while landed < 4:
        assert time.monotonic() < deadline, "no batches landed within 120 s"
        assert proc.returncode is None, "the import finished before it could be killed"
        landed = await _ledger_batches(empty_db, db)
        await asyncio.sleep(0.02)  # a poll interval, not a wait for an outcome
    proc.send_signal(signal.SIGKILL)
    await proc.wait()
    assert proc.returncode == -signal.SIGKILL
    interrupted = await fingerprint(empty_db, db)
    assert interrupted != expected  # the kill really left the import unfinished

    code, out, err = await _run(command, env)
    assert code == 0, err.decode()
    assert b"already done by an interrupted run" in out
    assert await fingerprint(empty_db, db) == expected
    assert await _ledger_batches(empty_db, db) == 0


async def test_a_finished_run_deletes_the_ledger_of_runs_abandoned_long_ago(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    db = settings.neo4j_database
    # Two runs killed and never resumed: one 30 days ago, one an hour ago (it may still be resumed).
    await empty_db.execute_query(
        "UNWIND range(1, 3) AS n "
        "CREATE (:_ImportBatch {run: 'old', key: 'k' + n, at: datetime() - duration({days: 30})}), "
        "(:_ImportBatch {run: 'recent', key: 'k' + n, at: datetime() - duration({hours: 1})})",
        database_=db,
    )
    options = ImportOptions(rejects_path=tmp_path / "rejects.jsonl", ledger_days=7)
    report = await run_import(empty_db, db, sample_files()[:1], options)
    assert report.ok
    records, _, _ = await empty_db.execute_query(
        "MATCH (b:_ImportBatch) RETURN b.run AS run, count(*) AS n ORDER BY run", database_=db
    )
    assert [(r["run"], r["n"]) for r in records] == [("recent", 3)]
