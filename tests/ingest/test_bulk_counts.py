"""The bulk load's worksGroupBy counts (ingest/bulk/counts.py), read from the CSV files it writes, against counts
made from the input records by hand. Every facet against the online importer's counts: tests/ingest/test_bulk.py."""

from __future__ import annotations

import gzip
import multiprocessing
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

from ingest.bulk.counts import HEADER, FacetCounts, FinalGraph
from ingest.bulk.load import BulkReport, write_csv
from ingest.facet_counts import MAX_PARTIES, PAIR, SKIPPED, UNKNOWN
from ingest.importer import ImportOptions
from ingest.sample import SAMPLE_DIR
from peergraph.cli import app


def _works(folder: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in gzip.decompress((folder / "works.jsonl.gz").read_bytes()).splitlines()]


def _short(url: str) -> str:
    return url.rsplit("/", 1)[-1]


def test_the_counts_written_are_the_records_counts(tmp_path: Path) -> None:
    generated = tmp_path / "generated"
    result = CliRunner().invoke(app, ["generate", "--works", "500", "--seed", "5", str(generated)])
    assert result.exit_code == 0, result.output
    out = tmp_path / "csv"
    options = ImportOptions(max_bad=0, rejects_path=tmp_path / "rejects.jsonl")
    output, _ = write_csv([SAMPLE_DIR, generated], out, options, BulkReport(), parse_in_process=True)
    counted: dict[tuple[str, str], tuple[int, int, int]] = {}
    files = [data for labels, _, data in output.nodes if labels.startswith("_FacetCount")]
    assert len(files) == 4  # the one-key facets, then COUNTRY_PAIR, INSTITUTION_PAIR, AUTHOR_PAIR
    for data in files:
        assert (data.parent / data.name.replace(".tsv", ".header.tsv")).read_text() == HEADER
        for line in data.read_text(encoding="utf-8").splitlines():
            facet, key, works, cited, oa = line.split("\t")
            counted[(facet.strip('"'), key[1:-1].replace('""', '"'))] = (int(works), int(cited), int(oa))

    records = _works(SAMPLE_DIR) + _works(generated)  # no id twice
    want: dict[tuple[str, str], list[int]] = {}

    def add(facet: str, key: str, work: dict[str, Any]) -> None:
        sums = want.setdefault((facet, key), [0, 0, 0])
        sums[0] += 1
        sums[1] += work.get("cited_by_count") or 0
        sums[2] += 1 if (work.get("open_access") or {}).get("is_oa") is True else 0

    for work in records:
        year = work.get("publication_year")
        add("YEAR", UNKNOWN if year is None else str(year), work)
        kind = work.get("type")
        add("TYPE", UNKNOWN if kind is None else kind, work)
        named = [(a.get("author") or {}).get("id") for a in work.get("authorships") or []]
        authors = sorted({_short(author) for author in named if author})  # unlinked authors have no id
        for author in authors or [UNKNOWN]:
            add("AUTHOR", author, work)
        pairs = [f"{a}{PAIR}{b}" for a, b in combinations(authors, 2)]
        if len(authors) > MAX_PARTIES:  # the sample's 5,103-author work: counted as skipped, not paired
            pairs = [SKIPPED]
        for pair in pairs or [UNKNOWN]:
            add("AUTHOR_PAIR", pair, work)
    for facet in ("YEAR", "TYPE", "AUTHOR", "AUTHOR_PAIR"):
        mine = {key: sums for (f, key), sums in counted.items() if f == facet}
        theirs = {key: tuple(sums) for (f, key), sums in want.items() if f == facet}
        assert mine == theirs, facet
    assert sum(counted[("YEAR", k)][0] for (f, k) in counted if f == "YEAR") == len(records)
    assert Counter(f for f, _ in counted)["AUTHOR_PAIR"] > 1000
    assert counted[("AUTHOR_PAIR", SKIPPED)][0] >= 1


def test_a_failing_counting_process_fails_the_load_with_its_traceback(tmp_path: Path) -> None:
    # A work naming a topic that is no node of the final graph (the building process never lets that happen): the
    # counting process's KeyError comes back to the building process as an error with the child's traceback.
    facts = (0, 2020, "article", "en", "gold", True, 3, ("T404",), None, (), (("A1", None),))
    final = FinalGraph(bytearray([1]), topics={}, countries={}, publishers={})
    (tmp_path / "process").mkdir()
    counts = FacetCounts(tmp_path / "process")
    counts.add([facts])
    counting = counts.finish(final, in_process=False)
    with pytest.raises(RuntimeError, match=r"(?s)the counting process failed:.*KeyError: 'T404'"):
        counting.result()
    counting.close()
    assert multiprocessing.active_children() == []
    (tmp_path / "here").mkdir()
    counts = FacetCounts(tmp_path / "here")
    counts.add([facts])
    with pytest.raises(KeyError, match="T404"):
        counts.finish(final, in_process=True)
