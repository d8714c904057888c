"""OpenAlex API records → the flat rows the graph writer stores (pure functions, no database).

The graph model these rows feed is documented in docs/graph-model.md. Ids become OpenAlex short ids
("W2741809807"); ORCID, ROR and DOI become their bare forms (ingest/ids.py); abstracts are rebuilt from the
inverted index. A record that cannot be stored raises `RecordError` with a reason the importer reports with
its line number.
"""

from __future__ import annotations

import hashlib
from typing import Any

import orjson

from ingest.ids import (
    KINDS,
    RecordError,
    bare_doi,
    bare_orcid,
    bare_ror,
    kind_of,
    optional_short_id,
    parse_id,
    short_id,
)

__all__ = ["KINDS", "RecordError", "Row", "build_row", "content_hash", "kind_of", "parse_id", "short_id"]

Row = dict[str, Any]


def abstract_text(inverted: object) -> str | None:
    """Plain text from OpenAlex's `abstract_inverted_index` (word → positions)."""
    if not isinstance(inverted, dict) or not inverted:
        return None
    slots: dict[int, str] = {}
    for word, positions in inverted.items():
        if isinstance(positions, list):
            for pos in positions:
                if isinstance(pos, int) and pos >= 0:
                    slots[pos] = str(word)
    return " ".join(slots[i] for i in sorted(slots)) or None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _texts(rec: dict[str, Any], **fields: str) -> Row:
    """The record's text `fields` under their row keys (key=field): each a non-empty string or None."""
    return {key: _str(rec.get(field)) for key, field in fields.items()}


def _int(value: object, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordError(f"{field} must be an integer, got {type(value).__name__}")
    return value


def _list(value: object, field: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise RecordError(f"{field} must be a list, got {type(value).__name__}")
    return value


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _require_dict(record: object) -> dict[str, Any]:
    if not isinstance(record, dict):
        raise RecordError(f"a record must be a JSON object, got {type(record).__name__}")
    return record


def _institution_stub(inst: dict[str, Any]) -> Row | None:
    iid = optional_short_id(inst.get("id"), "I")
    if iid is None:
        return None
    return {
        "id": iid,
        "name": _str(inst.get("display_name")),
        "countryCode": _str(inst.get("country_code")),
        "ror": bare_ror(inst.get("ror")),
        "type": _str(inst.get("type")),
    }


# The later places of an author listed more than once on a work, as parallel lists on its one AUTHORED
# (docs/graph-model.md): null for the usual author with one place. Neo4j lists hold no nulls, so a missing
# label or raw name is "", and each later place's institutions are `moreInstitutionCounts[k]` consecutive ids of
# `moreInstitutionIds`.
MORE_PLACES = (
    "moreOrders",
    "morePositionLabels",
    "moreCorresponding",
    "moreRawAuthorNames",
    "moreInstitutionIds",
    "moreInstitutionCounts",
)


def _add_place(
    first: Row, order: int, label: str | None, corresponding: bool, raw_name: str | None, inst_ids: list[str]
) -> None:
    if first["moreOrders"] is None:
        for key in MORE_PLACES:
            first[key] = []
    first["moreOrders"].append(order)
    first["morePositionLabels"].append(label or "")
    first["moreCorresponding"].append(corresponding)
    first["moreRawAuthorNames"].append(raw_name or "")
    first["moreInstitutionIds"].extend(inst_ids)
    first["moreInstitutionCounts"].append(len(inst_ids))


def work_row(record: object) -> Row:
    """A work record → {props, authorships, unlinked, institutions, topics, source, references}."""
    rec = _require_dict(record)
    wid = short_id(rec.get("id"), "W")
    year = _int(rec.get("publication_year"), "publication_year")
    authorships: list[Row] = []
    unlinked: list[Row] = []
    institutions: dict[str, Row] = {}
    first_place: dict[str, Row] = {}  # author id -> the authorship of its first place
    for order, raw in enumerate(_list(rec.get("authorships"), "authorships")):
        ship = _dict(raw)
        author = _dict(ship.get("author"))
        inst_ids: list[str] = []
        for inst in _list(ship.get("institutions"), "authorships.institutions"):
            stub = _institution_stub(_dict(inst))
            if stub is not None:
                institutions.setdefault(stub["id"], stub)
                if stub["id"] not in inst_ids:
                    inst_ids.append(stub["id"])
        aid = optional_short_id(author.get("id"), "A")
        name = _str(author.get("display_name")) or _str(ship.get("raw_author_name"))
        if aid is None:
            unlinked.append({"order": order, "name": name or "(unnamed)"})
            continue
        label, raw_name = _str(ship.get("author_position")), _str(ship.get("raw_author_name"))
        kept = first_place.get(aid)
        if kept is not None:  # OpenAlex sometimes lists an author at several places: each is kept, in order
            _add_place(kept, order, label, bool(ship.get("is_corresponding")), raw_name, inst_ids)
            continue
        first_place[aid] = {
            "authorId": aid,
            "name": name,
            "orcid": bare_orcid(author.get("orcid")),
            "order": order,
            "positionLabel": label,
            "isCorresponding": bool(ship.get("is_corresponding")),
            "institutionIds": inst_ids,
            "rawAuthorName": raw_name,
            **dict.fromkeys(MORE_PLACES),
        }
        authorships.append(first_place[aid])
    topics: list[Row] = []
    for raw in _list(rec.get("topics"), "topics"):
        topic = _dict(raw)
        tid = optional_short_id(topic.get("id"), "T")
        if tid is None:
            continue
        score = topic.get("score")
        topics.append(
            {
                "id": tid,
                "name": _str(topic.get("display_name")),
                "score": float(score) if isinstance(score, int | float) else None,
                "subfield": _str(_dict(topic.get("subfield")).get("display_name")),
                "field": _str(_dict(topic.get("field")).get("display_name")),
                "domain": _str(_dict(topic.get("domain")).get("display_name")),
            }
        )
    source_rec = _dict(_dict(rec.get("primary_location")).get("source"))
    source = None
    sid = optional_short_id(source_rec.get("id"), "S")
    if sid is not None:
        source = {
            "id": sid,
            "name": _str(source_rec.get("display_name")),
            "issnL": _str(source_rec.get("issn_l")),
            "type": _str(source_rec.get("type")),
            "publisherLineage": publisher_lineage(source_rec),
        }
    # Distinct, in their order: a reference listed twice is one citation.
    references = list(
        dict.fromkeys(
            ref
            for ref in (optional_short_id(r, "W") for r in _list(rec.get("referenced_works"), "referenced_works"))
            if ref
        )
    )
    oa = _dict(rec.get("open_access"))
    props: Row = {
        "id": wid,
        "title": _str(rec.get("display_name")) or _str(rec.get("title")),
        "type": _str(rec.get("type")),
        "year": year,
        "publicationDate": _str(rec.get("publication_date")),
        "doi": bare_doi(rec.get("doi")),
        "citedByCount": _int(rec.get("cited_by_count"), "cited_by_count"),
        "abstract": abstract_text(rec.get("abstract_inverted_index")),
        "language": _str(rec.get("language")),
        "isOa": oa.get("is_oa") if isinstance(oa.get("is_oa"), bool) else None,
        "oaStatus": _str(oa.get("oa_status")),
        "oaUrl": _str(oa.get("oa_url")),
        "isRetracted": rec.get("is_retracted") if isinstance(rec.get("is_retracted"), bool) else None,
        "referencedWorksCount": len(references),
        "referencedWorkIds": references,
        "externalReferenceCount": None,
        "unlinkedAuthorNames": [u["name"] for u in unlinked],
        "unlinkedAuthorOrders": [u["order"] for u in unlinked],
        "updatedDate": _str(rec.get("updated_date")),
    }
    return {
        "id": wid,
        "updatedDate": props["updatedDate"],
        "props": props,
        "authorships": authorships,
        "institutions": list(institutions.values()),
        "topics": topics,
        "source": source,
        "references": references,
        "funders": work_funders(rec),
    }


def work_funders(rec: dict[str, Any]) -> list[Row]:
    """The funders a work names, once each in their first order: `funders` (id, name, ROR) and `grants` (funder,
    its name, an award id), the award ids of one funder gathered."""
    found: dict[str, Row] = {}
    for raw in _list(rec.get("funders"), "funders"):
        funder = _dict(raw)
        fid = optional_short_id(funder.get("id"), "F")
        if fid is not None:
            found.setdefault(fid, {"id": fid, "name": None, "ror": None, "awardIds": []})
            found[fid]["name"] = found[fid]["name"] or _str(funder.get("display_name"))
            found[fid]["ror"] = found[fid]["ror"] or bare_ror(funder.get("ror"))
    for raw in _list(rec.get("grants"), "grants"):
        grant = _dict(raw)
        fid = optional_short_id(grant.get("funder"), "F")
        if fid is None:
            continue
        kept = found.setdefault(fid, {"id": fid, "name": None, "ror": None, "awardIds": []})
        kept["name"] = kept["name"] or _str(grant.get("funder_display_name"))
        award = _str(grant.get("award_id"))
        if award is not None and award not in kept["awardIds"]:
            kept["awardIds"].append(award)
    return list(found.values())


def publisher_lineage(source: dict[str, Any]) -> list[Row]:
    """A source's host publisher and the publishers above it ([{id, name}], host first); [] when its host
    organization is not a publisher (an institution hosting a repository)."""
    host = optional_short_id(source.get("host_organization"), "P")
    if host is None:
        return []
    ids = [optional_short_id(p, "P") for p in _list(source.get("host_organization_lineage"), "lineage")]
    names = _list(source.get("host_organization_lineage_names"), "host_organization_lineage_names")
    named = [(pid, _str(names[k]) if k < len(names) else None) for k, pid in enumerate(ids) if pid is not None]
    rows = [{"id": pid, "name": name} for pid, name in host_first(host, named)]
    if rows[0]["name"] is None:
        rows[0]["name"] = _str(source.get("host_organization_name"))
    return rows


def host_first(host: str, lineage: list[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """A source's `host_organization_lineage` (with its names) as a chain from the host up. OpenAlex does not keep
    that list in one order: the same source is described as [host, parent] in one record and [parent, host] in
    another (S110447773 in the sample). Read as given, the two make a cycle. The host comes first; a list that
    ends with the host is read root-first (reversed); any other order keeps the rest as given; duplicates go."""
    first: dict[str, str | None] = {}
    for pid, name in lineage:
        first.setdefault(pid, name)
    unique = list(first.items())
    if len(unique) > 1 and unique[-1][0] == host:
        unique.reverse()
    at = next((k for k, (pid, _) in enumerate(unique) if pid == host), None)
    if at is None:
        return [(host, None), *unique]
    return [unique[at], *unique[:at], *unique[at + 1 :]]


def _entity_row(
    kind: str, rec: dict[str, Any], eid: str, props: Row, *, stub_flag: bool = True, **extra: object
) -> Row:
    """The row of an entity record: its id, display name and `props`, with the record's updated_date (and
    `isStub: false`: a record, not a stub, unless the kind has no stubs), refused without a display name; `extra`
    goes beside the props."""
    props = {
        "id": eid,
        "name": _str(rec.get("display_name")),
        **props,
        **({"isStub": False} if stub_flag else {}),
        "updatedDate": _str(rec.get("updated_date")),
    }
    if props["name"] is None:
        raise RecordError(f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} record needs a display_name")
    return {"id": eid, "updatedDate": props["updatedDate"], "props": props, **extra}


def _summary_counts(rec: dict[str, Any]) -> Row:
    """OpenAlex's counts over all its data: works, citations and the h-index (summary_stats)."""
    return {
        "worksCount": _int(rec.get("works_count"), "works_count"),
        "citedByCount": _int(rec.get("cited_by_count"), "cited_by_count"),
        "hIndex": _int(_dict(rec.get("summary_stats")).get("h_index"), "summary_stats.h_index"),
    }


def author_row(record: object) -> Row:
    rec = _require_dict(record)
    aid = short_id(rec.get("id"), "A")
    name = _str(rec.get("display_name"))
    if name is None:
        raise RecordError("an author record needs a display_name")
    last_known = [_dict(i) for i in _list(rec.get("last_known_institutions"), "last_known_institutions")]
    if not last_known and isinstance(rec.get("last_known_institution"), dict):
        last_known = [rec["last_known_institution"]]
    stubs = [s for s in (_institution_stub(i) for i in last_known) if s is not None]
    affiliations: list[Row] = []
    for raw in _list(rec.get("affiliations"), "affiliations"):
        aff = _dict(raw)
        stub = _institution_stub(_dict(aff.get("institution")))
        if stub is None:
            continue
        years = sorted({y for y in _list(aff.get("years"), "affiliations.years") if isinstance(y, int)})
        affiliations.append({"institution": stub, "years": years})
    stats = _dict(rec.get("summary_stats"))
    props = {
        "orcid": bare_orcid(rec.get("orcid")),
        **_summary_counts(rec),
        "i10Index": _int(stats.get("i10_index"), "summary_stats.i10_index"),
    }
    return _entity_row("author", rec, aid, props, lastKnown=stubs[0] if stubs else None, affiliations=affiliations)


def institution_row(record: object) -> Row:
    rec = _require_dict(record)
    stub = _institution_stub(rec)
    if stub is None:
        raise RecordError("an institution record needs an I... id")
    return _entity_row(
        "institution", rec, stub["id"], {**stub, "worksCount": _int(rec.get("works_count"), "works_count")}
    )


def source_row(record: object) -> Row:
    rec = _require_dict(record)
    sid = short_id(rec.get("id"), "S")
    props = _texts(rec, issnL="issn_l", type="type", countryCode="country_code")
    return _entity_row("source", rec, sid, props, publisherLineage=publisher_lineage(rec))


def funder_row(record: object) -> Row:
    rec = _require_dict(record)
    fid = short_id(rec.get("id"), "F")
    props = {
        **_texts(rec, countryCode="country_code", description="description"),
        "ror": bare_ror(_dict(rec.get("ids")).get("ror")),
        **_summary_counts(rec),
        # The 2026 name, else the older one; null counts as absent (a Parquet part has every column, null where a
        # record lacks the field).
        "awardsCount": _int(
            rec.get("grants_count") if rec.get("awards_count") is None else rec.get("awards_count"), "awards_count"
        ),
    }
    return _entity_row("funder", rec, fid, props)


def publisher_row(record: object) -> Row:
    rec = _require_dict(record)
    pid = short_id(rec.get("id"), "P")
    countries = [c for c in _list(rec.get("country_codes"), "country_codes") if isinstance(c, str) and c]
    props = {
        "countryCodes": countries,
        "hierarchyLevel": _int(rec.get("hierarchy_level"), "hierarchy_level"),
        "ror": bare_ror(_dict(rec.get("ids")).get("ror")),
        **_summary_counts(rec),
    }
    parent_raw = rec.get("parent_publisher")
    parent_dict = _dict(parent_raw)
    parent_id = optional_short_id(parent_dict.get("id") if parent_dict else parent_raw, "P")
    parent = (
        None
        if parent_id is None or parent_id == pid
        else {"id": parent_id, "name": _str(parent_dict.get("display_name"))}
    )
    return _entity_row("publisher", rec, pid, props, parent=parent)


def topic_row(record: object) -> Row:
    rec = _require_dict(record)
    tid = short_id(rec.get("id"), "T")
    props = {
        "description": _str(rec.get("description")),
        "subfield": _str(_dict(rec.get("subfield")).get("display_name")),
        "field": _str(_dict(rec.get("field")).get("display_name")),
        "domain": _str(_dict(rec.get("domain")).get("display_name")),
        "worksCount": _int(rec.get("works_count"), "works_count"),
    }
    return _entity_row("topic", rec, tid, props)


def concept_row(record: object) -> Row:
    rec = _require_dict(record)
    cid = short_id(rec.get("id"), "C")
    props = {
        "level": _int(rec.get("level"), "level"),
        "worksCount": _int(rec.get("works_count"), "works_count"),
    }
    return _entity_row("concept", rec, cid, props, stub_flag=False)


ROW_BUILDERS = {
    "work": work_row,
    "author": author_row,
    "institution": institution_row,
    "source": source_row,
    "topic": topic_row,
    "concept": concept_row,
    "funder": funder_row,
    "publisher": publisher_row,
}


def content_hash(row: Row) -> str:
    """A stable hash of a row's content: equal updated_date and equal hash means the record is unchanged."""
    return hashlib.blake2b(orjson.dumps(row, option=orjson.OPT_SORT_KEYS), digest_size=16).hexdigest()


# A work's lists stored only when they hold something: an empty one is no property, which every reader takes as []
# (coalesce). neo4j-admin stores no empty list (neo4j/neo4j#13566), so a bulk load that stored them set them after
# the load, one write per work (nearly every work names no unlinked author: 26 s of 1M works' load); absent, both
# importers store the same without it. Set after the hash, which stays the one of the row with its lists.
ABSENT_WHEN_EMPTY = ("referencedWorkIds", "unlinkedAuthorNames", "unlinkedAuthorOrders")


def build_row(kind: str, record: object) -> Row:
    """The row of a record of a known kind, with its content hash (`hash`)."""
    row = ROW_BUILDERS[kind](record)
    row["hash"] = content_hash(row)
    if kind == "work":
        props = row["props"]
        for key in ABSENT_WHEN_EMPTY:
            if not props[key]:
                props[key] = None  # SET n += props removes it (an updated work's old list goes too)
    return row
