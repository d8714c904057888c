"""Bad input through the real `peergraph import` command: rejects with line numbers, clear file-level messages."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import orjson
from neo4j import AsyncDriver

from peergraph.settings import Settings
from tests.ingest.cli_support import cli_fingerprint, peergraph
from tests.ingest.records import work, write_jsonl

# line number → (raw line, a word the reason must contain); blank line 7 is not a record.
BAD = {
    2: (b"{not json", "malformed JSON"),
    3: (b'{"display_name": "no id"}', "no id"),
    4: (b'{"id": "W-abc", "display_name": "bad id"}', "not an OpenAlex id"),
    5: (b'{"id": "https://openalex.org/W7", "publication_year": "2020"}', "publication_year must be an integer"),
    6: (b'{"id": "https://openalex.org/F4320321597", "display_name": "A funder"}', "unknown entity kind"),
    8: (b"[1, 2]", "must be a JSON object"),
}


def _mixed_file(path: Path) -> Path:
    lines: list[bytes] = [orjson.dumps(work(1))]
    lines += [BAD[n][0] for n in range(2, 7)]
    lines += [b"   ", BAD[8][0], orjson.dumps(work(9))]
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _rejects(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()]


def test_each_bad_line_is_rejected_with_its_line_number(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    source = _mixed_file(tmp_path / "mixed.jsonl")
    rejects = tmp_path / "rejects.jsonl"
    result = peergraph(settings, "import", str(source), "--rejects", str(rejects), "--no-progress")
    assert result.exit_code == 2, result.output  # finished, with rejects
    found = {r["line"]: r for r in _rejects(rejects)}
    assert sorted(found) == sorted(BAD)
    for number, (raw, reason) in BAD.items():
        assert found[number]["source"] == str(source)
        assert found[number]["raw"] == raw.decode()
        assert reason in str(found[number]["reason"]), found[number]
    # Only the two good records are in the graph.
    assert cli_fingerprint(settings)["nodes"] == {"Author": 1, "Work": 2}


def test_more_rejects_than_max_bad_fails_the_run(empty_db: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    source = _mixed_file(tmp_path / "mixed.jsonl")
    result = peergraph(
        settings, "import", str(source), "--max-bad", "2", "--rejects", str(tmp_path / "r.jsonl"), "--no-progress"
    )
    assert result.exit_code == 3
    assert "--max-bad 2" in result.output
    assert f"{source}:4" in result.output  # the third reject, the one over the limit


def test_a_gz_file_that_is_not_gzip_is_named_and_the_other_files_are_imported(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    fake = write_jsonl(tmp_path / "works.jsonl.gz", [work(1)])  # plain text under a .gz name
    good = write_jsonl(tmp_path / "more.jsonl.gz", [work(2)], gz=True)
    result = peergraph(settings, "import", str(good), str(fake), "--no-progress")
    assert result.exit_code == 1
    assert f"{fake} is named .gz but is not gzip" in result.output
    assert cli_fingerprint(settings)["nodes"] == {"Author": 1, "Work": 1}


def test_a_truncated_gzip_is_reported_after_its_last_good_line(
    empty_db: AsyncDriver, settings: Settings, tmp_path: Path
) -> None:
    data = gzip.compress(b"".join(orjson.dumps(work(n)) + b"\n" for n in range(1, 2001)))
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    result = peergraph(settings, "import", str(cut), "--no-progress")
    assert result.exit_code == 1
    assert f"{cut}: unreadable after line" in result.output


def test_empty_files_are_reported_and_skipped(empty_db: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    empty_gz = tmp_path / "empty.jsonl.gz"
    empty_gz.write_bytes(gzip.compress(b""))
    good = write_jsonl(tmp_path / "works.jsonl", [work(3)])
    result = peergraph(settings, "import", str(empty), str(empty_gz), str(good), "--no-progress")
    assert result.exit_code == 0, result.output
    assert f"{empty} is empty" in result.output
    assert f"{empty_gz} holds no records" in result.output
    assert cli_fingerprint(settings)["nodes"] == {"Author": 1, "Work": 1}


def test_a_directory_without_records_fails_clearly(empty_db: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("no records here")
    result = peergraph(settings, "import", str(tmp_path), "--no-progress")
    assert result.exit_code == 1
    assert f"directory {tmp_path} holds no records" in result.output


def test_kind_flag_rejects_records_of_another_kind(empty_db: AsyncDriver, settings: Settings, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "w.jsonl", [work(1)])
    rejects = tmp_path / "r.jsonl"
    result = peergraph(settings, "import", str(source), "--kind", "author", "--rejects", str(rejects), "--no-progress")
    assert result.exit_code == 2, result.output
    [reject] = _rejects(rejects)
    assert reject["line"] == 1
    assert "expected a author record" in str(reject["reason"])
