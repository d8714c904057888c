"""`peergraph import` as a scheduler drives it: run as its own process, each documented exit code, the `--json`
summary object (its counts computed from the input records), the reasons on the terminal, the dry run's words."""

from __future__ import annotations

import asyncio
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
from neo4j import AsyncDriver

from peergraph.db.launcher import free_port
from peergraph.settings import Settings
from tests.ingest.cli_support import cli_fingerprint, peergraph_process
from tests.ingest.records import work, write_jsonl

# Bad lines and the reason code each must be counted under.
BAD: list[tuple[bytes, str]] = [
    (b"{not json", "malformed_json"),
    (b'{"display_name": "no id"}', "missing_id"),
    (b'{"id": "W-abc", "display_name": "bad id"}', "invalid_id"),
    (b'{"id": "https://openalex.org/W7", "publication_year": "2020"}', "invalid_record"),
    (b'{"id": "https://openalex.org/K1", "display_name": "A keyword"}', "unknown_kind"),
    (b"[1, 2]", "not_an_object"),
    (b"{also not json", "malformed_json"),
]
GOOD = [work(1, authors=(1, 2)), work(2, authors=(2,)), work(3, authors=(3,), refs=(1,))]


def _mixed(path: Path) -> Path:
    lines = [orjson.dumps(GOOD[0]), *(raw for raw, _ in BAD), orjson.dumps(GOOD[1]), orjson.dumps(GOOD[2])]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _summary(stdout: str) -> dict[str, Any]:
    [line] = stdout.splitlines()  # one object, alone on stdout
    document: dict[str, Any] = orjson.loads(line)
    return document


def _authors(records: list[dict[str, Any]]) -> set[str]:
    return {str(ship["author"]["id"]).rsplit("/", 1)[-1] for r in records for ship in r["authorships"]}


async def test_a_clean_import_exits_0_with_its_summary(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    source = write_jsonl(tmp_path / "works.jsonl", GOOD)
    args = ("import", str(source), "--json", "--rejects", str(tmp_path / "r.jsonl"))
    done = await asyncio.to_thread(peergraph_process, settings, *args)
    assert done.returncode == 0, done.stderr
    summary = _summary(done.stdout)
    assert summary["status"] == "clean"
    assert summary["exitCode"] == 0
    assert summary["written"] is True
    assert summary["dryRun"] is False
    assert summary["entities"] == {"work": {"created": len(GOOD), "updated": 0, "unchanged": 0, "older": 0}}
    assert summary["rejects"] == {"total": 0, "byReason": {}, "file": None}
    assert summary["files"] == 1
    assert summary["records"] == len(GOOD)
    assert summary["retries"] == 0
    assert summary["durationSeconds"] > 0
    assert (await asyncio.to_thread(cli_fingerprint, settings))["nodes"] == {
        "Author": len(_authors(GOOD)),
        "Work": len(GOOD),
    }

    again = await asyncio.to_thread(peergraph_process, settings, *args)
    assert again.returncode == 0, again.stderr
    assert _summary(again.stdout)["entities"]["work"] == {
        "created": 0,
        "updated": 0,
        "unchanged": len(GOOD),
        "older": 0,
    }


async def test_rejects_within_max_bad_exit_2_counted_by_reason(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    source = _mixed(tmp_path / "mixed.jsonl")
    rejects = tmp_path / "rejects.jsonl"
    done = await asyncio.to_thread(
        peergraph_process, settings, "import", str(source), "--json", "--rejects", str(rejects)
    )
    assert done.returncode == 2, done.stderr
    summary = _summary(done.stdout)
    assert summary["status"] == "rejects"
    assert summary["rejects"]["total"] == len(BAD)
    assert summary["rejects"]["byReason"] == dict(Counter(code for _, code in BAD))
    assert summary["rejects"]["file"] == str(rejects)
    assert summary["entities"]["work"]["created"] == len(GOOD)
    assert [orjson.loads(line)["code"] for line in rejects.read_bytes().splitlines()] == [code for _, code in BAD]

    # On the terminal (no --json) the reasons are summarized too, with where each was first seen.
    told = await asyncio.to_thread(
        peergraph_process, settings, "import", str(source), "--no-progress", "--rejects", str(rejects)
    )
    assert told.returncode == 2
    assert "Rejected lines by reason" in told.stdout
    for code, count in Counter(code for _, code in BAD).items():
        assert any(code in line and f" {count} " in line for line in told.stdout.splitlines()), (code, told.stdout)
    assert f"{source}:2: malformed JSON" in told.stdout  # the first line with that reason


async def test_more_rejects_than_max_bad_exit_3(empty_db: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    source = _mixed(tmp_path / "mixed.jsonl")
    done = await asyncio.to_thread(
        peergraph_process,
        settings,
        "import",
        str(source),
        "--max-bad",
        "2",
        "--json",
        "--rejects",
        str(tmp_path / "r.jsonl"),
    )
    assert done.returncode == 3, done.stderr
    summary = _summary(done.stdout)
    assert summary["status"] == "over_max_bad"
    assert summary["rejects"]["total"] == 3  # the third reject is the one over the limit, and the run stops there
    assert "--max-bad 2" in summary["errors"][0]
    assert f"{source}:4" in done.stderr


async def test_usage_and_fatal_errors_exit_1(empty_db: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    usage = await asyncio.to_thread(peergraph_process, settings, "import", "--max-bad", "many", str(tmp_path))
    assert usage.returncode == 1
    assert "--max-bad" in usage.stderr
    no_paths = await asyncio.to_thread(peergraph_process, settings, "import")
    assert no_paths.returncode == 1

    missing = tmp_path / "nowhere.jsonl"
    done = await asyncio.to_thread(peergraph_process, settings, "import", str(missing), "--json")
    assert done.returncode == 1
    summary = _summary(done.stdout)
    assert summary["status"] == "failed"
    assert summary["errors"] == [f"{missing} does not exist"]

    source = write_jsonl(tmp_path / "works.jsonl", GOOD)
    closed = f"bolt://127.0.0.1:{free_port()}"  # nothing listens there
    down = await asyncio.to_thread(
        peergraph_process, settings, "import", str(source), "--json", env={"NEO4J_URI": closed}
    )
    assert down.returncode == 1
    summary = _summary(down.stdout)
    assert summary["status"] == "failed"
    assert summary["written"] is False
    assert f"cannot reach Neo4j at {closed}" in summary["errors"][0]
    assert (await asyncio.to_thread(cli_fingerprint, settings))["nodes"] == {}


async def test_a_dry_run_says_nothing_was_written_and_exits_as_the_import_would(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    source = _mixed(tmp_path / "mixed.jsonl")
    args = ("import", str(source), "--dry-run", "--rejects", str(tmp_path / "r.jsonl"))
    told = await asyncio.to_thread(peergraph_process, settings, *args, "--no-progress")
    assert told.returncode == 2
    assert "Dry run: nothing was written to the graph" in told.stdout
    assert "batches checked and rolled back" in told.stdout
    done = await asyncio.to_thread(peergraph_process, settings, *args, "--json")
    summary = _summary(done.stdout)
    assert summary["dryRun"] is True
    assert summary["written"] is False
    assert summary["entities"]["work"]["created"] == len(GOOD)  # what the import would do
    assert (await asyncio.to_thread(cli_fingerprint, settings))["nodes"] == {}
