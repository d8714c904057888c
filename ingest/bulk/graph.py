"""The graph the online importer would build from the same rows, built in memory and streamed into CSV tables.

It replays the online importer's rules (ingest/writer.py and cypher/ingest/) batch by batch, in the order the
importer reads its input: a batch keeps one row per id (`dedupe`); a record is written when it is new, replaces a
stub, or is newer (or as new with other content) than the one stored, and what it owns (a work's authorships,
topics, venue and funders; an author's institutions; a source's publisher; a publisher's parent) goes with the
version it replaced; every stub (author, institution, source, topic, funder, publisher) keeps what the newest
record naming it says (`seen`), a full record replaces it; a stub source takes its publisher lineage from the
batch's newest work naming it, when that work is the one it keeps. References become CITES at the end, to the
works in the graph, with `externalReferenceCount`. What the online importer does after the records (merged ids,
their folds) runs on the loaded graph with the importer's own code (ingest/bulk/load.py).

Memory: one entry per id (record date and hash, or a stub's fields), not the records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from ingest.bulk.counts import FacetCounts, FinalGraph, facts
from ingest.bulk.tables import Table
from ingest.records import Row
from ingest.writer import dedupe

LABELS = {
    "work": "Work",
    "author": "Author",
    "institution": "Institution",
    "source": "Source",
    "topic": "Topic",
    "concept": "Concept",
    "funder": "Funder",
    "publisher": "Publisher",
}
STUB_LABELS = ("Author", "Institution", "Source", "Topic", "Funder", "Publisher")
# The relationships and their ends' labels, in the order they are written out.
RELATIONSHIPS = {
    "AUTHORED": ("Author", "Work"),
    "HAS_TOPIC": ("Work", "Topic"),
    "PUBLISHED_IN": ("Work", "Source"),
    "FUNDED_BY": ("Work", "Funder"),
    "CITES": ("Work", "Work"),
    "LAST_KNOWN_AT": ("Author", "Institution"),
    "AFFILIATED_WITH": ("Author", "Institution"),
    "PUBLISHED_BY": ("Source", "Publisher"),
    "PART_OF": ("Publisher", "Publisher"),
}


def _seen(row: Row) -> str:  # as ingest/writer.py's `_seen`
    return f"{row['updatedDate'] or ''}|{row['id']}|{row['hash']}"


@dataclass(slots=True)
class _Stored:
    """The stored version of a full record: its date, content hash, and the owner number of what it wrote."""

    date: str
    hash: str
    owner: int


@dataclass(slots=True)
class _Stub:
    props: dict[str, Any]
    seen: str
    published_by: str | None = None  # a stub source's host publisher, from the work it keeps


@dataclass
class Output:
    """What `BulkGraph.finish` wrote: (label or type, header, data) per file, and the rows per file."""

    nodes: list[tuple[str, Path, Path]] = field(default_factory=list)
    relationships: list[tuple[str, Path, Path]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    multiline: bool = False
    # label or type → the ends (id, or start and end ids) of its rows with a list neo4j-admin cannot store
    empty_lists: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)


class BulkGraph:
    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.stored: dict[str, dict[str, _Stored]] = {label: {} for label in LABELS.values()}
        self.stubs: dict[str, dict[str, _Stub]] = {label: {} for label in STUB_LABELS}
        self.alive = bytearray()  # per owner number: 1 while its record is the stored version
        self.part_of: set[tuple[str, str]] = set()  # PART_OF written for stub publishers (lineages)
        self.nodes = {label: Table(folder, f"nodes-{label}", [f"id:ID({label})"]) for label in LABELS.values()}
        self.rels = {
            t: Table(folder, f"rels-{t}", [f":START_ID({a})", f":END_ID({b})"]) for t, (a, b) in RELATIONSHIPS.items()
        }
        self.references = Table(folder, "references", ["work", "ref"])  # a scratch table, never loaded
        self.reference_counts: dict[int, int] = {}  # Work table row → references
        # What worksGroupBy's counts read of full records (ingest/bulk/counts.py; a stub's are in its props): a
        # topic's (subfield, field, domain), an institution's countryCode, a source's PUBLISHED_BY.
        self.topics: dict[str, tuple[Any, Any, Any]] = {}
        self.countries: dict[str, Any] = {}
        self.publishers: dict[str, str | None] = {}
        self.counts = FacetCounts(folder)

    # --- stubs ------------------------------------------------------------------------------------------
    def _stub(self, label: str, node_id: str, props: dict[str, Any], seen: str) -> None:
        """MERGE a stub named by a record: created with what it says, or replaced when the record is newer; a full
        node is left alone. A publisher keeps its name when the newer record names none (the Cypher's coalesce)."""
        if node_id in self.stored[label]:
            return
        kept = self.stubs[label].get(node_id)
        if kept is None:
            self.stubs[label][node_id] = _Stub(dict(props), seen)
        elif seen > kept.seen:
            if label == "Publisher" and props.get("name") is None:
                props = {**props, "name": kept.props.get("name")}
            kept.props = dict(props)
            kept.seen = seen

    # --- full records -----------------------------------------------------------------------------------
    def _outcome(self, label: str, row: Row) -> str:
        old = self.stored[label].get(row["id"])
        if old is None:
            return "created"
        date = row["updatedDate"] or ""
        if old.date > date:
            return "older"
        if old.date == date and old.hash == row["hash"]:
            return "unchanged"
        return "updated"

    def add_batch(self, kind: str, rows: Sequence[Row]) -> dict[str, int]:
        """One batch of one kind, as `write_batch` writes it; returns its outcomes' counts."""
        label = LABELS[kind]
        counts = {"created": 0, "updated": 0, "unchanged": 0, "older": 0}
        written: list[tuple[Row, int]] = []
        for row in dedupe(rows):
            outcome = self._outcome(label, row)
            counts[outcome] += 1
            if outcome in ("created", "updated"):
                written.append((row, self._write_node(label, row)))
        counts["older"] += len(rows) - sum(counts.values())  # superseded within the batch (counted as skipped)
        if kind == "work":
            self._work_links(written)
            self.counts.add([facts(row, owner) for row, owner in written])
        elif kind == "author":
            for row, owner in written:
                self._author_links(row, owner)
        elif kind == "source":
            for row, owner in written:
                self._lineage(row["id"], row["publisherLineage"], _seen(row), owner)
        elif kind == "publisher":
            for row, owner in written:
                self._parent(row, owner)
        return counts

    def _write_node(self, label: str, row: Row) -> int:
        old = self.stored[label].get(row["id"])
        if old is not None:
            self.alive[old.owner] = 0  # what the old version owned goes with it
        owner = len(self.alive)
        self.alive.append(1)
        self.stored[label][row["id"]] = _Stored(row["updatedDate"] or "", row["hash"], owner)
        props = {k: v for k, v in row["props"].items() if k not in ("id", "externalReferenceCount")}
        props["sourceHash"] = row["hash"]
        index = self.nodes[label].add([row["id"]], props, owner)
        if label == "Work":
            self.reference_counts[index] = len(row["references"])
        elif label == "Topic":
            self.topics[row["id"]] = (props.get("subfield"), props.get("field"), props.get("domain"))
        elif label == "Institution":
            self.countries[row["id"]] = props.get("countryCode")
        if label in self.stubs:
            stub = self.stubs[label].pop(row["id"], None)
            if stub is not None and label == "Publisher":
                self.part_of = {pair for pair in self.part_of if pair[0] != row["id"]}
        return owner

    def _work_links(self, written: Sequence[tuple[Row, int]]) -> None:
        institutions: dict[str, tuple[str, dict[str, Any]]] = {}
        for row, _ in written:
            for inst in row["institutions"]:
                kept = institutions.get(inst["id"])
                if kept is None or _seen(row) > kept[0]:
                    institutions[inst["id"]] = (_seen(row), inst)
        for inst_id, (seen, props) in institutions.items():
            self._stub("Institution", inst_id, props, seen)
        sources: list[tuple[str, str, Row]] = []
        for row, owner in written:
            seen, work_id = _seen(row), row["id"]
            for a in row["authorships"]:
                self._stub("Author", a["authorId"], {"name": a["name"], "orcid": a["orcid"]}, seen)
                props = {k: v for k, v in a.items() if k not in ("authorId", "name", "orcid")}
                if not props["institutionIds"]:
                    props["institutionIds"] = None  # absent, as write_authorships.cypher stores it
                self.rels["AUTHORED"].add([a["authorId"], work_id], props, owner)
            for t in row["topics"]:
                topic = {k: t[k] for k in ("name", "subfield", "field", "domain")}
                self._stub("Topic", t["id"], topic, seen)
                self.rels["HAS_TOPIC"].add([work_id, t["id"]], {"score": t["score"]}, owner)
            source = row["source"]
            if source is not None:
                self._stub("Source", source["id"], {k: source[k] for k in ("name", "issnL", "type")}, seen)
                self.rels["PUBLISHED_IN"].add([work_id, source["id"]], {}, owner)
                sources.append((source["id"], seen, source))
            for f in row["funders"]:
                self._stub("Funder", f["id"], {"name": f["name"], "ror": f["ror"]}, seen)
                self.rels["FUNDED_BY"].add([work_id, f["id"]], {"awardIds": f["awardIds"] or None}, owner)
            for ref in row["references"]:
                self.references.add([work_id, ref], {}, owner)
        # A stub source takes the lineage of the work it keeps after the batch (write_source_publishers.cypher).
        for source_id, seen, source in sorted(sources, key=lambda s: s[0]):
            stub = self.stubs["Source"].get(source_id)
            if stub is not None and stub.seen == seen:
                self._lineage(source_id, source["publisherLineage"], seen, None)

    def _lineage(self, source_id: str, lineage: list[Row], seen: str, owner: int | None) -> None:
        """A source's PUBLISHED_BY (owned by its full record, or kept on its stub) and the stub publishers above."""
        stub = self.stubs["Source"].get(source_id) if owner is None else None
        if stub is not None:
            stub.published_by = None
        if owner is not None:
            self.publishers[source_id] = lineage[0]["id"] if lineage else None
        if not lineage:
            return
        for p in lineage:
            self._stub("Publisher", p["id"], {"name": p["name"]}, seen)
        for child, parent in pairwise(lineage):
            if child["id"] != parent["id"] and child["id"] not in self.stored["Publisher"]:
                self.part_of.add((child["id"], parent["id"]))
        if owner is None:
            if stub is not None:
                stub.published_by = lineage[0]["id"]
        else:
            self.rels["PUBLISHED_BY"].add([source_id, lineage[0]["id"]], {}, owner)

    def _parent(self, row: Row, owner: int) -> None:
        parent = row["parent"]
        if parent is not None:
            self._stub("Publisher", parent["id"], {"name": parent["name"]}, _seen(row))
            self.rels["PART_OF"].add([row["id"], parent["id"]], {}, owner)

    def _author_links(self, row: Row, owner: int) -> None:
        seen = _seen(row)
        if row["lastKnown"] is not None:
            self._stub("Institution", row["lastKnown"]["id"], row["lastKnown"], seen)
            self.rels["LAST_KNOWN_AT"].add([row["id"], row["lastKnown"]["id"]], {}, owner)
        for aff in row["affiliations"]:
            inst = aff["institution"]
            self._stub("Institution", inst["id"], inst, seen)
            self.rels["AFFILIATED_WITH"].add([row["id"], inst["id"]], {"years": aff["years"]}, owner)

    def close(self) -> None:
        """Close every table's part file, when the load stops before `finish` (the files are left for removal)."""
        for table in [*self.nodes.values(), *self.rels.values(), self.references]:
            table.close()
        self.counts.close()

    # --- the end ----------------------------------------------------------------------------------------
    def finish(self, *, in_process: bool = True) -> Output:
        """Write the stubs, the CITES between the works in the graph, and every file's header and data; the counts
        meanwhile in a process of their own unless `in_process` (ingest/bulk/counts.py)."""
        counting = self.counts.finish(self._final(), in_process=in_process)
        try:
            for label, stubs in self.stubs.items():
                for stub_id, stub in sorted(stubs.items()):
                    props = {k: v for k, v in stub.props.items() if k != "id"}
                    self.nodes[label].add([stub_id], {**props, "isStub": True, "stubSeen": stub.seen})
                    if stub.published_by is not None:
                        self.rels["PUBLISHED_BY"].add([stub_id, stub.published_by], {})
            for child, parent in sorted(self.part_of):
                self.rels["PART_OF"].add([child, parent], {})
            linked = self._cite()
            output = Output()
            for label, table in self.nodes.items():
                tail = None
                if label == "Work":
                    counts = self.reference_counts
                    tail = ("externalReferenceCount", "long", lambda i, o: str(counts[i] - linked.get(o, 0)))  # noqa: B023 - used at once, in this iteration
                output.nodes.append((label, *self._finish(label, table, output, tail)))
            for rel_type, table in self.rels.items():
                output.relationships.append((rel_type, *self._finish(rel_type, table, output, None)))
            files, multiline = counting.result()
        finally:
            counting.close()
        for labels, header, data, rows in files:
            output.nodes.append((labels, header, data))
            output.counts[data.name.removesuffix(".tsv")] = rows
        output.multiline = output.multiline or multiline
        return output

    # --- what the counts read of the final graph ---------------------------------------------------------
    def _final(self) -> FinalGraph:
        """The final graph's facts the counts read (every record is in: no stub or record changes after this)."""
        topics: dict[str, tuple[Any, Any, Any]] = {
            topic_id: (stub.props.get("subfield"), stub.props.get("field"), stub.props.get("domain"))
            for topic_id, stub in self.stubs["Topic"].items()
        }
        topics.update(self.topics)
        countries = {iid: stub.props.get("countryCode") for iid, stub in self.stubs["Institution"].items()}
        countries.update(self.countries)
        publishers = {sid: stub.published_by for sid, stub in self.stubs["Source"].items()}
        publishers.update({sid: self.publishers.get(sid) for sid in self.stored["Source"]})
        return FinalGraph(self.alive, topics, countries, publishers)

    def _finish(self, name: str, table: Table, output: Output, tail: Any) -> tuple[Path, Path]:
        header, data, rows = table.finish(self.alive, tail)
        output.counts[table.name] = rows
        output.multiline = output.multiline or table.multiline
        if table.marked_ends:
            output.empty_lists[name] = table.marked_ends
        return header, data

    def _cite(self) -> dict[int, int]:
        """CITES from each stored work to the referenced works in the graph (link_new_citations.cypher); returns
        the citations linked per owner."""
        works = self.stored["Work"]
        _, data, _ = self.references.finish(self.alive)
        linked: dict[int, int] = {}
        with data.open("rb") as lines:
            for line in lines:
                work, ref = (field.strip(b'"').decode() for field in line.rstrip(b"\n").split(b"\t"))
                if ref in works:
                    self.rels["CITES"].add([work, ref], {})
                    owner = works[work].owner
                    linked[owner] = linked.get(owner, 0) + 1
        data.unlink()
        self.references.header_path.unlink()
        return linked
