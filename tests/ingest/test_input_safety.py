"""Hostile or unlucky input through the real `peergraph import`: size bounds, byte-order marks, broken files.

Expected graphs are counted from the input records; the size bounds are the settings' defaults.
"""

from __future__ import annotations

import asyncio
import gzip
import tracemalloc
from pathlib import Path
from typing import Any

import orjson
import pytest
from neo4j import AsyncDriver

from ingest.fingerprint import fingerprint
from ingest.importer import import_records
from ingest.reader import KEEP_BYTES
from peergraph.settings import Settings, setting_default
from tests.ingest.cli_support import cli_fingerprint, peergraph
from tests.ingest.records import work, write_jsonl

TITLE_MAX: int = setting_default("import_max_title_chars")
NAME_MAX: int = setting_default("import_max_name_chars")
LINE_MAX: int = setting_default("import_max_line_bytes")


def _rejects(path: Path) -> dict[int, dict[str, Any]]:
    return {r["line"]: r for r in map(orjson.loads, path.read_bytes().splitlines())}


def _named(n: int, name: str) -> dict[str, Any]:
    record = work(n)
    record["authorships"][0]["author"]["display_name"] = name
    return record


def test_over_size_records_are_rejected_with_the_reason_and_the_others_imported(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    huge_title = 50 * 1024 * 1024
    lines = [
        orjson.dumps(work(1)),
        orjson.dumps(work(2, title="x" * huge_title)),  # 50 MB: over the line bound, never parsed
        orjson.dumps(work(3, title="t" * TITLE_MAX)),  # exactly at the bound: kept
        orjson.dumps(work(4, title="t" * (TITLE_MAX + 1))),
        orjson.dumps(_named(5, "n" * (NAME_MAX + 1))),
        orjson.dumps(work(6)),
    ]
    source = tmp_path / "works.jsonl"
    source.write_bytes(b"\n".join(lines) + b"\n")
    rejects = tmp_path / "rejects.jsonl"

    tracemalloc.start()
    try:
        result = peergraph(settings, "import", str(source), "--rejects", str(rejects), "--no-progress")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 2, result.output  # finished, with rejects
    assert peak < huge_title // 2, f"peak {peak:,} bytes: the 50 MB line was held whole"

    found = _rejects(rejects)
    assert sorted(found) == [2, 4, 5]
    assert f"the line is {len(lines[1]):,} bytes, over the {LINE_MAX:,} allowed" in found[2]["reason"]
    assert "PEERGRAPH_IMPORT_MAX_LINE_BYTES" in found[2]["reason"]
    assert found[2]["truncated"] is True
    assert found[2]["raw"] == lines[1][:KEEP_BYTES].decode()
    assert f"work W4: title is {TITLE_MAX + 1:,} characters, over the {TITLE_MAX:,} allowed" in found[4]["reason"]
    assert "PEERGRAPH_IMPORT_MAX_TITLE_CHARS" in found[4]["reason"]
    assert f"authorships[0].name is {NAME_MAX + 1:,} characters" in found[5]["reason"]
    assert "3 rejected lines" in result.output
    # W1, W3 and W6 with their one author, whose name is the one the kept records give it.
    assert cli_fingerprint(settings)["nodes"] == {"Author": 1, "Work": 3}


async def test_the_mutation_path_rejects_over_size_records_by_index(empty_db: AsyncDriver, settings: Settings) -> None:
    records = [work(1), work(2, title="t" * (TITLE_MAX + 1)), _named(3, "n" * (NAME_MAX + 1))]
    report = await import_records(empty_db, settings.neo4j_database, records)
    assert [(r.line, "over the" in r.reason) for r in report.rejected] == [(1, True), (2, True)]
    assert report.rejected[0].truncated is False  # the raw record is 10 KB: kept whole
    assert (await fingerprint(empty_db, settings.neo4j_database)).nodes == {"Author": 1, "Work": 1}


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_a_file_starting_with_a_utf8_byte_order_mark_keeps_its_first_record(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path, gz: bool
) -> None:
    data = b"\xef\xbb\xbf" + orjson.dumps(work(1, authors=(1,))) + b"\n" + orjson.dumps(work(2, authors=(2,))) + b"\n"
    source = tmp_path / ("bom.jsonl.gz" if gz else "bom.jsonl")
    source.write_bytes(gzip.compress(data) if gz else data)
    rejects = tmp_path / "rejects.jsonl"
    result = peergraph(settings, "import", str(source), "--rejects", str(rejects), "--no-progress")
    assert result.exit_code == 0, result.output
    assert not rejects.exists()
    assert cli_fingerprint(settings)["nodes"] == {"Author": 2, "Work": 2}


async def test_broken_files_in_a_folder_are_named_and_the_rest_is_imported(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "snapshot"
    folder.mkdir()
    authors = [{"id": f"https://openalex.org/A{n}", "display_name": f"Author {n}"} for n in (1, 2)]
    works = [work(n, authors=(n % 2 + 1,)) for n in range(1, 301)]
    write_jsonl(folder / "authors.jsonl", authors)
    write_jsonl(folder / "works.jsonl.gz", works, gz=True)
    not_gzip = write_jsonl(folder / "not-gzip.jsonl.gz", [work(9001)])  # plain text under a .gz name
    data = gzip.compress(b"".join(orjson.dumps(w) + b"\n" for w in works))
    cut = folder / "cut.jsonl.gz"  # the same works, cut in the middle: whatever is read of it changes nothing
    cut.write_bytes(data[: len(data) // 2])
    utf16 = folder / "utf16.jsonl"
    utf16.write_bytes(orjson.dumps(work(9002)).decode().encode("utf-16"))
    dangling = folder / "gone.jsonl"
    dangling.symlink_to(tmp_path / "nowhere.jsonl")

    result = await asyncio.to_thread(peergraph, settings, "import", str(folder), "--no-progress")
    assert result.exit_code == 1
    assert f"{not_gzip} is named .gz but is not gzip" in result.output
    assert f"{cut}: unreadable after line" in result.output
    assert f"{utf16} is UTF-16 text" in result.output
    assert f"{dangling} cannot be read: No such file or directory" in result.output
    assert (await fingerprint(empty_db, settings.neo4j_database)).nodes == {"Author": 2, "Work": len(works)}
