"""worksGroupBy's precomputed counts (ingest/facet_counts.py) of a bulk load, counted while its CSV is written and
loaded by neo4j-admin as `_FacetCount` nodes, instead of `facet_counts.recount` on the loaded graph.

The database is empty before a bulk load, so every count is a plain sum over the works it ends with: no MERGE, no
round trip. The recount took 31 s of the 83 s of 100k works before the pair facets were kept; with them (4M more
count nodes at 100k) it is most of the load (benchmarks/results/import.json). This is a Python copy of the facets'
key definitions (cypher/analytics/work_facets.cypher, cypher/ingest/pair_facets.cypher), read from the graph as it
is once every record is in (a stub's or a record's final properties, the works' versions that survive): the bulk
test (tests/ingest/test_bulk.py) keeps them equal to the online importer's counts, which the Cypher defines.

A work's facts are pickled to a scratch file batch by batch (memory stays one entry per id); `finish` reads them
back. The many-keyed pair facets (~40 pairs a generated work) are counted as integer codes (two parties' numbers)
grouped by pyarrow, whose keys are joined back into strings by pyarrow too: a dict of pair strings would hold ~10
GB at 1M works.

What the counts read of the final graph is handed over as plain maps (`FinalGraph`), so the counting can run in a
process of its own (`finish(..., in_process=False)`, spawned) while the building process writes the other files:
at the end of the CSV phase the two were one after the other on one core, with the parsing process already gone.
"""

from __future__ import annotations

import gc
import pickle
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ingest.bulk.child import Child, failure, send
from ingest.facet_counts import FACETS, MAX_PARTIES, PAIR, PAIR_FACETS, PAIR_LABELS, SKIPPED, UNKNOWN
from ingest.records import Row

LABEL = "_FacetCount"
HEADER = "facet:string\tkey:string\tworks:long\tcitedByCount:long\topenAccessCount:long\n"
_SINGLE = tuple(f for f in FACETS if f not in PAIR_FACETS)
_LOW = (1 << 32) - 1
# The pair facets' codes are grouped this many parts at a time: at 100k works grouping INSTITUTION_PAIR's 2.3M
# pairs at once took the process from 481 to 829 MB.
BUCKETS = 16
# A work's facts: (owner, year, type, language, oaStatus, isOa, citedByCount, topic ids, source id, funder ids,
# authorships as (author id, institution ids or None)).
Facts = tuple[int, Any, Any, Any, Any, Any, Any, tuple[str, ...], str | None, tuple[str, ...], tuple[Any, ...]]


def facts(row: Row, owner: int) -> Facts:
    p = row["props"]
    source = row["source"]
    ships = tuple(
        (
            a["authorId"],
            None if a["institutionIds"] is None else (*a["institutionIds"], *(a["moreInstitutionIds"] or ())),
        )
        for a in row["authorships"]
    )
    return (
        owner, p["year"], p["type"], p["language"], p["oaStatus"], p["isOa"], p["citedByCount"],
        tuple(t["id"] for t in row["topics"]), None if source is None else source["id"],
        tuple(f["id"] for f in row["funders"]), ships,
    )  # fmt: skip


def _arrow(values: array[int], kind: Any) -> Any:
    """An arrow array over the machine integers of `values`, without a Python int each."""
    assert values.itemsize == kind.bit_width // 8
    return pa.Array.from_buffers(kind, len(values), [None, pa.py_buffer(values)])


class _Sums:
    """Works, citations and open-access works per key of one facet."""

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.works, self.cited, self.oa = array("q"), array("q"), array("q")

    def add(self, key: str, cited: int, oa: int) -> None:
        i = self.index.get(key)
        if i is None:
            i = self.index[key] = len(self.index)
            self.works.append(0)
            self.cited.append(0)
            self.oa.append(0)
        self.works[i] += 1
        self.cited[i] += cited
        self.oa[i] += oa


class _Pairs:
    """One pair facet's pairs of a work as codes (the lower party's number << 32 | the higher's), each with the
    work's number, in BUCKETS by the lower party's number (each grouped on its own: a bucket's pairs are no other
    bucket's); the parties numbered as they come, their names kept in that order."""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.names: list[str] = []
        self.codes = [array("Q") for _ in range(BUCKETS)]
        self.works = [array("I") for _ in range(BUCKETS)]

    def add(self, parties: list[str], work: int) -> None:
        numbers = self.numbers
        codes: list[int] = []
        for p in parties:
            n = numbers.get(p)
            if n is None:
                n = numbers[p] = len(self.names)
                self.names.append(p)
            codes.append(n)
        for x in range(len(codes) - 1):
            low = codes[x]
            high = low << 32
            bucket = low % BUCKETS
            self.codes[bucket].extend([high | c for c in codes[x + 1 :]])
            self.works[bucket].extend([work] * (len(codes) - 1 - x))


@dataclass(frozen=True)
class FinalGraph:
    """What the counts read of the graph once every record is in: per owner number, 1 while its record is the stored
    version; every topic node's (subfield, field, domain); every institution node's countryCode (a stub's or a full
    record's: an institution id that is no node counts for no country and no pair); every source node's
    PUBLISHED_BY. Plain maps, so a process of its own can count from a copy."""

    alive: bytes | bytearray
    topics: dict[str, tuple[Any, Any, Any]]
    countries: dict[str, Any]
    publishers: dict[str, str | None]


Files = list[tuple[str, Path, Path, int]]  # (labels, header, data, rows) per count file


class FacetCounts:
    """Collects the works' facts (`add`), then counts them over the final graph (`finish`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._scratch_path = folder / "work-facts.part"
        self._scratch = self._scratch_path.open("wb")
        self.multiline = False  # a key holds a line break (a topic's subfield name, say)

    def add(self, batch: list[Facts]) -> None:
        if batch:
            pickle.dump(batch, self._scratch, protocol=pickle.HIGHEST_PROTOCOL)

    def close(self) -> None:
        self._scratch.close()

    def finish(self, final: FinalGraph, *, in_process: bool = True) -> Counting:
        """Start counting; `Counting.result()` gives the count files. Not `in_process`: in a spawned process
        (not forked: the caller may hold threads), which the caller's other work then runs beside."""
        self._scratch.close()
        return Counting(_Counter(self.folder, self._scratch_path), final, in_process=in_process)


class Counting:
    """The count files being written, here (at once) or by a process of its own (ingest/bulk/child.py)."""

    def __init__(self, counter: _Counter, final: FinalGraph, *, in_process: bool) -> None:
        self._done: tuple[Files, bool] | None = None
        self._child: Child | None = None
        if in_process:
            self._done = counter.count(final), counter.multiline
        else:
            self._child = Child("counting", _count, counter, final)

    def result(self) -> tuple[Files, bool]:
        """The count files and whether a key holds a line break; raises RuntimeError when the process failed."""
        if self._done is None:
            assert self._child is not None
            try:
                _, files, multiline = self._child.receive()
            finally:
                self.close()
            self._done = files, multiline
        return self._done

    def close(self) -> None:
        """Stop the process (when the caller fails before the result; idempotent)."""
        if self._child is not None:
            self._child.close()
            self._child = None


def _count(counter: _Counter, final: FinalGraph, connection: Connection) -> None:
    """The counting process: the count files, then ("done", files, multiline) or the failure's traceback."""
    gc.disable()  # as in the building process: millions of live entries, no cycles
    try:
        message: tuple[Any, ...] = ("done", counter.count(final), counter.multiline)
    except BaseException:
        message = failure()
    send(connection, message)
    connection.close()


class _Counter:
    """Counts the facts of the scratch file over the final graph and writes the count files (picklable: a folder
    and a path)."""

    def __init__(self, folder: Path, scratch_path: Path) -> None:
        self.folder = folder
        self._scratch_path = scratch_path
        self.multiline = False

    def _read(self) -> Iterator[Facts]:
        with self._scratch_path.open("rb") as scratch:
            while True:
                try:
                    batch: list[Facts] = pickle.load(scratch)  # noqa: S301 - this process wrote it
                except EOFError:
                    break
                yield from batch
        self._scratch_path.unlink()

    def count(self, final: FinalGraph) -> Files:
        """The count files: (labels, header, data, rows) each."""
        alive, topics, countries, publishers = final.alive, final.topics, final.countries, final.publishers
        sums = {f: _Sums() for f in _SINGLE}
        pairs = {f: _Pairs() for f in PAIR_FACETS}
        pair_unknown = {f: _Sums() for f in PAIR_FACETS}  # the unknown and skipped groups
        cited_of, oa_of = array("q"), array("q")
        for owner, year, kind, language, status, is_oa, cited, tids, sid, fids, ships in self._read():
            if not alive[owner]:
                continue
            cited = cited or 0
            oa = 1 if is_oa else 0
            work = len(cited_of)
            cited_of.append(cited)
            oa_of.append(oa)
            unknown = (UNKNOWN,)
            for facet, value in (
                ("YEAR", None if year is None else str(year)), ("TYPE", kind), ("LANGUAGE", language),
                ("OA_STATUS", status), ("IS_OA", None if is_oa is None else ("true" if is_oa else "false")),
                ("SOURCE", sid), ("PUBLISHER", None if sid is None else publishers[sid]),
            ):  # fmt: skip
                sums[facet].add(UNKNOWN if value is None else value, cited, oa)
            described = [topics[t] for t in dict.fromkeys(tids)]
            for facet, keys in (
                ("TOPIC", dict.fromkeys(tids)),
                ("SUBFIELD", {d[0]: 0 for d in described if d[0] is not None}),
                ("FIELD", {d[1]: 0 for d in described if d[1] is not None}),
                ("DOMAIN", {d[2]: 0 for d in described if d[2] is not None}),
                ("FUNDER", dict.fromkeys(fids)),
            ):
                for key in keys or unknown:
                    sums[facet].add(key, cited, oa)
            iids: dict[str, int] = {}
            authors: list[str] = []
            for aid, ids in ships:
                authors.append(aid)
                if ids is not None:
                    iids.update(dict.fromkeys(ids, 0))
            places: dict[str, int] = {}
            institutions: list[str] = []
            for iid in iids:
                if iid in countries:
                    institutions.append(iid)
                    place = countries[iid]
                    if place is not None:
                        places[place] = 0
            for facet, named in (("INSTITUTION", list(iids)), ("COUNTRY", list(places)), ("AUTHOR", authors)):
                for key in named or unknown:
                    sums[facet].add(key, cited, oa)
            for facet, parties in (
                ("COUNTRY_PAIR", sorted(places)), ("INSTITUTION_PAIR", sorted(institutions)),
                ("AUTHOR_PAIR", sorted(authors)),
            ):  # fmt: skip
                if len(parties) > MAX_PARTIES:
                    pair_unknown[facet].add(SKIPPED, cited, oa)
                elif len(parties) < 2:
                    pair_unknown[facet].add(UNKNOWN, cited, oa)
                else:
                    pairs[facet].add(parties, work)
        files = [self._write_sums("", [*sums.items(), *pair_unknown.items()])]
        works_cited, works_oa = _arrow(cited_of, pa.int64()), _arrow(oa_of, pa.int64())
        for facet, found in pairs.items():
            files.append(self._write_pairs(facet, found, works_cited, works_oa))
        return files

    def _write_sums(self, name: str, facets: list[tuple[str, _Sums]]) -> tuple[str, Path, Path, int]:
        header, data = self._paths(name)
        rows = 0
        with data.open("w", encoding="utf-8", newline="") as out:
            for facet, found in sorted(facets):
                for key, i in sorted(found.index.items()):
                    escaped = key.replace('"', '""')
                    if "\n" in key or "\r" in key:
                        self.multiline = True
                    out.write(f'"{facet}"\t"{escaped}"\t{found.works[i]}\t{found.cited[i]}\t{found.oa[i]}\n')
                    rows += 1
        return LABEL, header, data, rows

    def _write_pairs(self, facet: str, found: _Pairs, works_cited: Any, works_oa: Any) -> tuple[str, Path, Path, int]:
        header, data = self._paths(facet)
        names = pa.array(found.names, pa.string())
        options = pacsv.WriteOptions(include_header=False, delimiter="\t", quoting_style="needed")
        schema = pa.schema(
            [("facet", pa.string()), ("key", pa.string()), ("works", pa.int64()), ("cited", pa.int64()),
             ("oa", pa.int64())]
        )  # fmt: skip
        rows = 0
        with pacsv.CSVWriter(data, schema, write_options=options) as out:
            for bucket in range(BUCKETS):
                codes, works = found.codes[bucket], found.works[bucket]
                found.codes[bucket], found.works[bucket] = array("Q"), array("I")  # freed once grouped
                work = _arrow(works, pa.uint32())
                table = pa.table(
                    {"code": _arrow(codes, pa.uint64()), "cited": works_cited.take(work), "oa": works_oa.take(work)}
                )
                grouped = table.group_by("code").aggregate([("code", "count"), ("cited", "sum"), ("oa", "sum")])
                code = grouped["code"]
                high = pc.take(names, pc.shift_right(code, 32))
                low = pc.take(names, pc.bit_wise_and(code, _LOW))
                part = pa.table(
                    [
                        pa.repeat(pa.scalar(facet), len(grouped)),
                        pc.binary_join_element_wise(high, low, PAIR),
                        grouped["code_count"].cast(pa.int64()),
                        grouped["cited_sum"],
                        grouped["oa_sum"],
                    ],
                    schema=schema,
                )
                out.write_table(part)
                rows += len(grouped)
        label = LABEL if facet not in PAIR_LABELS else f"{LABEL}:{PAIR_LABELS[facet]}"
        return label, header, data, rows

    def _paths(self, name: str) -> tuple[Path, Path]:
        stem = f"nodes-{LABEL}{'-' + name if name else ''}"
        header = self.folder / f"{stem}.header.tsv"
        header.write_text(HEADER, encoding="utf-8")
        return header, self.folder / f"{stem}.tsv"
