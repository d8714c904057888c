"""The expected answers, computed straight from the sample's input files (data/sample/*.jsonl.gz).

Nothing here reads Neo4j: it re-derives, from the raw OpenAlex records, what the graph model says the graph
holds (docs/graph-model.md), so the API's answers can be checked against an independent computation.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ingest.sample import SAMPLE_DIR

Rec = dict[str, Any]


def short(url: str | None) -> str | None:
    return url.rsplit("/", 1)[-1].upper() if isinstance(url, str) and url else None


def bare_orcid(url: str | None) -> str | None:
    return url.rsplit("/", 1)[-1].upper() if isinstance(url, str) and url else None


def records(stem: str, root: Path = SAMPLE_DIR) -> Iterator[Rec]:
    path = root / f"{stem}.jsonl.gz"
    if root != SAMPLE_DIR and not path.exists():  # generated data (ingest/generate.py) has no funders, publishers
        return
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


@dataclass
class Ship:
    order: int
    author: str | None  # None: an authorship naming no author id
    name: str | None
    corresponding: bool
    institutions: list[str]


@dataclass
class Truth:
    works: dict[str, Rec] = field(default_factory=dict)
    ships: dict[str, list[Ship]] = field(default_factory=dict)
    work_topics: dict[str, dict[str, float]] = field(default_factory=dict)
    venue: dict[str, str] = field(default_factory=dict)
    author_name: dict[str, str | None] = field(default_factory=dict)
    author_orcid: dict[str, str | None] = field(default_factory=dict)
    author_record: dict[str, Rec] = field(default_factory=dict)
    author_works: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    last_known: dict[str, str] = field(default_factory=dict)
    affiliated: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    institution: dict[str, Rec] = field(default_factory=dict)  # id -> {name, countryCode}
    topic_name: dict[str, str | None] = field(default_factory=dict)
    topic_levels: dict[str, tuple[str | None, str | None, str | None]] = field(default_factory=dict)  # subfield ...
    source_name: dict[str, str | None] = field(default_factory=dict)
    cites: set[tuple[str, str]] = field(default_factory=set)
    work_funders: dict[str, set[str]] = field(default_factory=dict)
    funder_name: dict[str, str | None] = field(default_factory=dict)
    publisher_name: dict[str, str | None] = field(default_factory=dict)
    source_lineage: dict[str, list[str]] = field(default_factory=dict)  # source -> its publishers, host first
    publisher_links: set[tuple[str, str]] = field(default_factory=set)  # (publisher, the one above it)
    # Stubs keep the description of the newest record naming them (docs/graph-model.md, `stubSeen`): the record
    # whose "updated_date|id|" sorts highest; a full record always wins.
    full: set[tuple[str, str]] = field(default_factory=set)
    stub_seen: dict[tuple[str, str], str] = field(default_factory=dict)

    def offer(self, kind: str, sid: str, seen: str) -> bool:
        """Whether a record seen as `seen` describes stub `sid` from now on (and note it if so)."""
        key = (kind, sid)
        if key in self.full or seen <= self.stub_seen.get(key, ""):
            return False
        self.stub_seen[key] = seen
        return True

    def topics_of(self, author: str) -> dict[str, int]:
        """topic id -> how many of the author's works carry it."""
        counts: dict[str, int] = defaultdict(int)
        for work in self.author_works[author]:
            for topic in self.work_topics.get(work, {}):
                counts[topic] += 1
        return counts

    def coauthors(self, author: str) -> list[tuple[str, int, set[str]]]:
        """(coauthor, shared works, shared topics), ranked as the contract says."""
        shared: dict[str, int] = defaultdict(int)
        for work in self.author_works[author]:
            for other in {s.author for s in self.ships[work] if s.author and s.author != author}:
                shared[other] += 1
        mine = set(self.topics_of(author))
        rows = [(b, n, mine & set(self.topics_of(b))) for b, n in shared.items()]
        rows.sort(key=lambda r: (-r[1], -len(r[2]), *name_key(self.author_name.get(r[0])), r[0]))
        return rows


def name_key(name: str | None) -> tuple[bool, str]:
    """Cypher's ascending order of strings: nulls last."""
    return (name is None, name or "")


def _seen(rec: Rec) -> str:
    """As the importer orders records naming a stub: updated_date, then id (then a content hash, which only
    separates two versions of one record with one date: the sample has none)."""
    return f"{rec.get('updated_date') or ''}|{short(rec.get('id'))}|"


def _institution_stub(truth: Truth, inst: Rec, seen: str | None) -> str | None:
    """Note an institution named by a record seen as `seen` (None: its own full record)."""
    iid = short(inst.get("id"))
    if iid and (seen is None or truth.offer("institution", iid, seen)):
        truth.institution[iid] = {"name": inst.get("display_name"), "countryCode": inst.get("country_code")}
        if seen is None:
            truth.full.add(("institution", iid))
    return iid


@cache
def sample_truth() -> Truth:
    return truth_of(SAMPLE_DIR)


def truth_of(root: Path) -> Truth:
    """The truth of the records in `root` (the sample's layout: <entity>.jsonl.gz)."""
    truth = Truth()
    for rec in records("institutions", root):
        _institution_stub(truth, rec, None)
    for rec in records("publishers", root):
        pid = short(rec["id"]) or ""
        truth.publisher_name[pid] = rec.get("display_name")
        truth.full.add(("publisher", pid))
        parent = rec.get("parent_publisher")
        parent_id = short(parent.get("id") if isinstance(parent, dict) else parent)
        if parent_id and parent_id != pid:
            truth.publisher_links.add((pid, parent_id))
            if truth.offer("publisher", parent_id, _seen(rec)):
                truth.publisher_name[parent_id] = parent.get("display_name") if isinstance(parent, dict) else None
    for rec in records("funders", root):
        truth.funder_name[short(rec["id"]) or ""] = rec.get("display_name")
        truth.full.add(("funder", short(rec["id"]) or ""))
    for rec in records("sources", root):
        truth.source_name[short(rec["id"]) or ""] = rec.get("display_name")
        truth.full.add(("source", short(rec["id"]) or ""))
        _lineage(truth, short(rec["id"]) or "", rec, _seen(rec))
    for rec in records("topics", root):
        truth.topic_name[short(rec["id"]) or ""] = rec.get("display_name")
        truth.topic_levels[short(rec["id"]) or ""] = _levels(rec)
        truth.full.add(("topic", short(rec["id"]) or ""))
    for rec in records("authors", root):
        aid = short(rec["id"]) or ""
        truth.author_record[aid] = rec
        truth.author_name[aid] = rec.get("display_name")
        truth.author_orcid[aid] = bare_orcid(rec.get("orcid"))
        truth.full.add(("author", aid))
    for rec in records("authors", root):  # after every full record is known: they win over what names them
        aid = short(rec["id"]) or ""
        last = rec.get("last_known_institutions") or []
        if not last and isinstance(rec.get("last_known_institution"), dict):
            last = [rec["last_known_institution"]]
        # Only the first last-known institution (with an id) is kept, as LAST_KNOWN_AT: the others are no nodes.
        first = next((x for x in last if short((x or {}).get("id"))), None)
        stub = None if first is None else _institution_stub(truth, first, _seen(rec))
        if stub:
            truth.last_known[aid] = stub
        for aff in rec.get("affiliations") or []:
            iid = _institution_stub(truth, aff.get("institution") or {}, _seen(rec))
            if iid:
                truth.affiliated[aid].add(iid)
    works = list(records("works", root))
    for rec in works:  # the full records first: a stub never overrides them
        truth.works[short(rec["id"]) or ""] = rec
    for rec in works:
        _add_work(truth, rec)
    for wid, rec in truth.works.items():
        for ref in rec.get("referenced_works") or []:
            if short(ref) in truth.works:
                truth.cites.add((wid, short(ref) or ""))
    return truth


def _add_work(truth: Truth, rec: Rec) -> None:
    wid = short(rec["id"]) or ""
    truth.works[wid] = rec
    ships: list[Ship] = []
    seen: set[str] = set()
    for order, ship in enumerate(rec.get("authorships") or []):
        author = ship.get("author") or {}
        aid = short(author.get("id"))
        insts = list(
            dict.fromkeys(
                i for i in (_institution_stub(truth, x, _seen(rec)) for x in ship.get("institutions") or []) if i
            )
        )
        name = author.get("display_name") or ship.get("raw_author_name")
        if aid is None:
            ships.append(Ship(order, None, name or "(unnamed)", False, []))
            continue
        if aid in seen:  # an author listed again: another place on the byline, not another author
            ships.append(Ship(order, aid, name, bool(ship.get("is_corresponding")), insts))
            continue
        seen.add(aid)
        if truth.offer("author", aid, _seen(rec)):
            truth.author_name[aid] = name
            truth.author_orcid[aid] = bare_orcid(author.get("orcid"))
        truth.author_works[aid].add(wid)
        ships.append(Ship(order, aid, name, bool(ship.get("is_corresponding")), insts))
    truth.ships[wid] = ships
    truth.work_topics[wid] = {}
    for topic in rec.get("topics") or []:
        tid = short(topic.get("id"))
        if tid:
            truth.work_topics[wid][tid] = topic.get("score")
            if truth.offer("topic", tid, _seen(rec)):
                truth.topic_name[tid] = topic.get("display_name")
                truth.topic_levels[tid] = _levels(topic)
    source = (rec.get("primary_location") or {}).get("source") or {}
    if short(source.get("id")):
        truth.venue[wid] = short(source.get("id")) or ""
        if truth.offer("source", truth.venue[wid], _seen(rec)):
            truth.source_name[truth.venue[wid]] = source.get("display_name")
            _lineage(truth, truth.venue[wid], source, _seen(rec))
    funders = {short(f.get("id")) for f in rec.get("funders") or []}
    funders |= {short(g.get("funder")) for g in rec.get("grants") or []}
    truth.work_funders[wid] = {f for f in funders if f}
    names = {short(f.get("id")): f.get("display_name") for f in rec.get("funders") or []}
    for grant in rec.get("grants") or []:
        names.setdefault(short(grant.get("funder")), grant.get("funder_display_name"))
    for fid in sorted(truth.work_funders[wid]):
        if truth.offer("funder", fid, _seen(rec)):
            truth.funder_name[fid] = names.get(fid)


def _levels(topic: Rec) -> tuple[str | None, str | None, str | None]:
    """A topic's subfield, field and domain names."""
    return tuple((topic.get(level) or {}).get("display_name") for level in ("subfield", "field", "domain"))  # type: ignore[return-value]


def _lineage(truth: Truth, sid: str, source: Rec, seen: str) -> None:
    """A source's publishers (its host organization when that is a publisher, then the ones above it)."""
    host = short(source.get("host_organization"))
    if not host or not host.startswith("P"):
        truth.source_lineage[sid] = []
        return
    given = source.get("host_organization_lineage") or []
    given_names = source.get("host_organization_lineage_names") or []
    name_of: dict[str, str | None] = {}
    for k, p in enumerate(given):
        name_of.setdefault(short(p) or "", given_names[k] if k < len(given_names) else None)
    # The chain from the host up (OpenAlex lists it either way round: host first, or root first ending with it).
    chain = list(name_of)
    if chain[-1:] == [host] and len(chain) > 1:
        chain.reverse()
    lineage = [host, *(p for p in chain if p != host)]
    truth.source_lineage[sid] = lineage
    for k, pid in enumerate(lineage):
        name = name_of.get(pid)
        if name is None and pid == host:
            name = source.get("host_organization_name")
        if truth.offer("publisher", pid, seen):
            truth.publisher_name[pid] = name
        if k + 1 < len(lineage) and ("publisher", pid) not in truth.full and pid != lineage[k + 1]:
            truth.publisher_links.add((pid, lineage[k + 1]))
