"""`peergraph bulk-import`: the graph neo4j-admin loads equals the online importer's on the same input.

One Neo4j of its own (the project's launcher, a temporary NEO4J_HOME, free ports), loaded once with the sample and
a small generated set (with merged ids): the online import of the same files into the suite's `empty_db` is the
model, compared by fingerprint; the counts are checked against the input records too.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import pytest
from neo4j import AsyncDriver
from pydantic import SecretStr
from typer.testing import CliRunner

from cypher import bulk as bq
from ingest.bulk.graph import LABELS, RELATIONSHIPS, Output
from ingest.bulk.load import BulkRefused, BulkReport, write_csv
from ingest.importer import ImportOptions
from ingest.sample import SAMPLE_DIR
from peergraph.cli import app
from peergraph.db.launcher import LocalNeo4j
from peergraph.db.target import async_driver, throwaway_server
from peergraph.settings import Settings, get_settings
from tests.ingest.cli_support import cli_fingerprint, peergraph


def _bulk_env(server: LocalNeo4j) -> dict[str, str]:
    return {
        "NEO4J_URI": "",  # the project's own launched server, never a given one
        "PEERGRAPH_NEO4J_HOME": str(server.home),
        "PEERGRAPH_NEO4J_BOLT_PORT": str(server.bolt_port),
        "PEERGRAPH_NEO4J_HTTP_PORT": str(server.http_port),
        "PEERGRAPH_NEO4J_HEAP": "512m",
        "PEERGRAPH_NEO4J_PAGECACHE": "256m",
        "PEERGRAPH_BULK_IMPORT_HEAP": "512m",
        "PEERGRAPH_BULK_IMPORT_MAX_OFF_HEAP": "256m",
        "COLUMNS": "200",
    }


def _bulk_process(server: LocalNeo4j, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """The command in its own process, as a person runs it: the server it starts outlives it."""
    environment = {**os.environ, **_bulk_env(server), **(env or {})}
    command = [sys.executable, "-m", "peergraph.cli", "bulk-import", *args]
    return subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _refused(server: LocalNeo4j, *args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    """A bulk load that is refused before it starts or stops a server: in this process (a new one costs ~10 s
    of imports on the loaded test machine)."""
    result = CliRunner().invoke(app, ["bulk-import", *args], env=_bulk_env(server) | (env or {}))
    return result.exit_code, result.output


def _lines(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in gzip.decompress(path.read_bytes()).splitlines()]


def _with_empty_lists(generated: Path) -> None:
    """Add to the generated files a record of each kind whose empty lists reach the CSV (neo4j-admin stores none):
    a publisher with no country (a node's list) and an author affiliated with an institution in no year (a
    relationship's other than AUTHORED's), copied from the sample's first of each with new ids."""
    publisher = _lines(SAMPLE_DIR / "publishers.jsonl.gz")[0] | {"id": "https://openalex.org/P9999999901"}
    publisher["country_codes"] = []
    (generated / "publishers.jsonl.gz").write_bytes(gzip.compress(orjson.dumps(publisher) + b"\n"))
    author = next(a for a in _lines(SAMPLE_DIR / "authors.jsonl.gz") if a.get("affiliations"))
    author = author | {"id": "https://openalex.org/A9999999901", "orcid": None}
    author["affiliations"] = [author["affiliations"][0] | {"years": []}]
    authors = generated / "authors.jsonl.gz"
    authors.write_bytes(gzip.compress(gzip.decompress(authors.read_bytes()) + orjson.dumps(author) + b"\n"))


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    generated = tmp_path_factory.mktemp("generated")
    result = CliRunner().invoke(app, ["generate", "--works", "2000", "--seed", "3", "--merges", "20", str(generated)])
    assert result.exit_code == 0, result.output
    _with_empty_lists(generated)
    return [SAMPLE_DIR, generated]


@dataclass
class _BulkRun:
    """The bulk load, running in its own process while the online import of the same files runs beside it."""

    server: LocalNeo4j
    process: subprocess.Popen[str]
    result: tuple[int, str, str] | None = None

    def wait(self) -> tuple[int, str, str]:
        if self.result is None:
            out, err = self.process.communicate(timeout=600)
            self.result = (self.process.returncode, out, err)
        return self.result


@pytest.fixture(scope="module")
def bulk_server(tmp_path_factory: pytest.TempPathFactory, inputs: list[Path]) -> Iterator[_BulkRun]:
    server = throwaway_server(get_settings(), tmp_path_factory.mktemp("bulk") / "neo4j-home")
    rejects = server.home.parent / "rejects.jsonl"
    args = [*map(str, inputs), "--max-bad", "0", "--rejects", str(rejects), "--json"]
    run = _BulkRun(server, _bulk_process(server, *args))
    try:
        yield run
    finally:
        if run.process.poll() is None:
            run.process.kill()
        run.wait()
        server.stop()


async def _facet_counts(settings: Settings) -> list[dict[str, Any]]:
    driver = async_driver(settings)
    try:
        # one record holding every count: a record each costs the driver ~50 us
        records, _, _ = await driver.execute_query(
            "MATCH (c:_FacetCount) WITH c ORDER BY c.facet, c.key RETURN collect(properties(c)) AS counts",
            database_=settings.neo4j_database,
        )
    finally:
        await driver.close()
    counts = [dict(c) for c in records[0]["counts"]]
    assert counts, "no facet counts"
    return counts


def _served(server: LocalNeo4j, settings: Settings) -> Settings:
    return settings.model_copy(update={"neo4j_uri": server.uri, "neo4j_password": SecretStr(server.password())})


async def test_bulk_equals_the_online_import(
    bulk_server: _BulkRun, inputs: list[Path], empty_db: AsyncDriver, settings: Settings
) -> None:
    online = await asyncio.to_thread(
        peergraph, settings, "import", *map(str, inputs), "--max-bad", "0", "--no-progress"
    )
    assert online.exit_code == 0, online.output
    code, out, err = await asyncio.to_thread(bulk_server.wait)
    assert code == 0, err
    summary = orjson.loads(out)
    bulk = await asyncio.to_thread(cli_fingerprint, _served(bulk_server.server, settings))
    assert bulk == await asyncio.to_thread(cli_fingerprint, settings)
    # worksGroupBy's precomputed counts are outside the fingerprint (internal nodes): the bulk load recounts them,
    # the online importer keeps them batch by batch, and they must agree.
    assert await _facet_counts(_served(bulk_server.server, settings)) == await _facet_counts(settings)
    works = {w["id"] for d in inputs for w in _lines(d / "works.jsonl.gz")}
    assert summary["records"] == sum(len(_lines(p)) for d in inputs for p in d.glob("*.jsonl.gz"))
    assert summary["merges"]["applied"] > 0
    assert len(works) - summary["merges"]["folded"] <= bulk["nodes"]["Work"] <= len(works)


def test_a_database_that_is_not_empty_is_refused(bulk_server: _BulkRun, settings: Settings) -> None:
    code, _, err = bulk_server.wait()
    assert code == 0, err
    server = bulk_server.server
    before = cli_fingerprint(_served(server, settings))
    refused, said = _refused(server, str(SAMPLE_DIR))
    assert refused == 1
    assert "is not empty" in said
    assert cli_fingerprint(_served(server, settings)) == before


def test_a_server_that_is_not_the_projects_own_is_refused(tmp_path: Path, settings: Settings) -> None:
    server = throwaway_server(get_settings(), tmp_path / "never-started")
    refused, said = _refused(server, str(SAMPLE_DIR), env={"NEO4J_URI": settings.neo4j_uri or "bolt://127.0.0.1:1"})
    assert refused == 1
    assert "NEO4J_URI is set" in said
    assert not (tmp_path / "never-started").exists()


def _csv(inputs: list[Path], folder: Path, *, in_process: bool, max_bad: int = 0) -> tuple[BulkReport, Output]:
    options = ImportOptions(max_bad=max_bad, rejects_path=folder.parent / f"{folder.name}-rejects.jsonl")
    report = BulkReport()
    output, _ = write_csv(inputs, folder, options, report, parse_in_process=in_process)
    return report, output


def test_the_parsing_process_writes_the_files_parsing_in_place_does(inputs: list[Path], tmp_path: Path) -> None:
    elsewhere, here = tmp_path / "parsing-process", tmp_path / "in-process"
    report, output = _csv(inputs, elsewhere, in_process=False)
    in_place, same = _csv(inputs, here, in_process=True)
    files = sorted(p.name for p in elsewhere.iterdir())
    assert files == sorted(p.name for p in here.iterdir())
    assert len(files) == 2 * (len(output.nodes) + len(output.relationships))
    for name in files:
        assert (elsewhere / name).read_bytes() == (here / name).read_bytes(), name
    records = sum(len(_lines(p)) for d in inputs for p in d.glob("*.jsonl.gz"))
    assert report.records == in_place.records == records
    assert report.files == in_place.files == sum(1 for d in inputs for _ in d.glob("*.jsonl.gz"))
    assert report.outcomes == in_place.outcomes
    works = {w["id"] for d in inputs for w in _lines(d / "works.jsonl.gz")}
    assert output.counts["nodes-Work"] == same.counts["nodes-Work"] == len(works)
    # the rows the load completes are found by id: a node's, a relationship's (and the sample's authors listed twice
    # with a blank raw name at a later place: moreRawAuthorNames [""])
    assert output.empty_lists["Publisher"] == [("P9999999901",)]
    crafted = next(a for d in inputs for a in _lines(d / "authors.jsonl.gz") if a["id"].endswith("A9999999901"))
    institution = crafted["affiliations"][0]["institution"]["id"].removeprefix("https://openalex.org/")
    assert output.empty_lists["AFFILIATED_WITH"] == [("A9999999901", institution)]
    assert output.empty_lists["AUTHORED"]
    assert output.empty_lists["AUTHORED"] == same.empty_lists["AUTHORED"]
    assert "Work" not in output.empty_lists  # a work's empty lists are absent (ingest/records.py ABSENT_WHEN_EMPTY)


def test_the_parsing_process_reports_rejected_lines_and_refuses_past_max_bad(
    inputs: list[Path], tmp_path: Path
) -> None:
    good = [orjson.dumps(w) for w in _lines(inputs[1] / "works.jsonl.gz")[:3]]
    lines = [good[0], b'{"id": "https://openalex.org/W1", "title": ', good[1], b"[1, 2]", good[2]]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "works.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    for in_process in (False, True):
        report, output = _csv([tmp_path / "in"], tmp_path / f"out-{in_process}", in_process=in_process, max_bad=2)
        assert [(r.line, r.code) for r in report.rejected] == [(2, "malformed_json"), (4, "not_an_object")]
        assert report.rejects_path is not None
        assert len(report.rejects_path.read_bytes().splitlines()) == 2
        assert report.records == 5
        assert output.counts["nodes-Work"] == 3
        with pytest.raises(BulkRefused, match="more than --max-bad 1 rejected lines"):
            _csv([tmp_path / "in"], tmp_path / f"refused-{in_process}", in_process=in_process, max_bad=1)


def test_the_empty_lists_queries_have_a_branch_per_label_and_type() -> None:
    """Neo4j 5.26 scans every node or relationship for a dynamic label or type, so each is written out."""
    for label in LABELS.values():
        assert f"MATCH (n:{label} {{id: id}}) WHERE $label = '{label}' RETURN n" in bq.EMPTY_LISTS_NODES, label
    for rel, (start, end) in RELATIONSHIPS.items():
        branch = f"MATCH (:{start} {{id: e[0]}})-[r:{rel}]->(:{end} {{id: e[1]}}) WHERE $type = '{rel}' RETURN r"
        assert branch in bq.EMPTY_LISTS_RELATIONSHIPS, rel
