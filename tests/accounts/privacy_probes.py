"""The probes docs/privacy.md's table names: one GraphQL query per (hidden field, path), what it shows, what it hides.

The graph is written from the records below; every expected value is read off those records, never off Neo4j.
A is the claimed author; B and C are A's coauthors on one work each and share no work; I1 is A's last known
institution, I2 an affiliation (the one the claimant shows); T1, T2 are the topics of A's and B's work, T3 of A's
and C's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.accounts.support import work_record

A, B, C = "A101", "A102", "A103"
NAMES = {A: "Ada Quillfeather", B: "Bo Marrowind", C: "Cy Pellucid"}
ORCIDS = {A: "0000-0002-1825-0097", B: "0000-0001-5109-3700"}  # C has none
WORKS = {"W1": ([A, B], ["T1", "T2"]), "W2": ([A, C], ["T3"])}
LAST_KNOWN = {"id": "I1", "name": "Uni One", "country": "DK"}
AFFILIATION = {"id": "I2", "name": "Uni Two", "country": "SE"}
HIDDEN = {"points": 0, "detail": "hidden by the claimant"}


def work_records() -> list[dict[str, Any]]:
    return [
        work_record(work, [(a, NAMES[a], ORCIDS.get(a)) for a in authors], topics)
        for work, (authors, topics) in WORKS.items()
    ]


def author_record() -> dict[str, Any]:
    def institution(i: dict[str, str]) -> dict[str, str]:
        return {"id": f"https://openalex.org/{i['id']}", "display_name": i["name"], "country_code": i["country"]}

    return {
        "id": f"https://openalex.org/{A}",
        "display_name": NAMES[A],
        "orcid": f"https://orcid.org/{ORCIDS[A]}",
        "updated_date": "2024-01-01T00:00:00",
        "last_known_institutions": [institution(LAST_KNOWN)],
        "affiliations": [{"institution": institution(AFFILIATION), "years": [2021]}],
    }


def _authors_of(work: str) -> list[str]:
    return WORKS[work][0]


def _topics_of(author: str) -> list[str]:
    return sorted({t for authors, topics in WORKS.values() if author in authors for t in topics})


def _coauthors_of(author: str) -> list[str]:
    return sorted({b for authors, _ in WORKS.values() if author in authors for b in authors if b != author})


def _shared_topics(x: str, y: str) -> list[str]:
    return sorted(set(_topics_of(x)) & set(_topics_of(y)))


@dataclass(frozen=True)
class Probe:
    query: str
    observe: Callable[[dict[str, Any]], Any]  # the response's data -> what the probe looks at
    shown: Any  # what the claimant and admins get (and everyone while nothing is hidden)
    hidden: Any  # what everyone else gets


def _a(nodes: list[dict[str, Any]], key: str) -> Any:
    """A's `key` among author nodes; None when A is not among them."""
    return next((n[key] for n in nodes if n["id"] == A), None)


def _ids(nodes: list[dict[str, Any]]) -> list[str]:
    return sorted(n["id"] for n in nodes)


def _factor(name: str) -> Callable[[dict[str, Any]], Any]:
    def observe(data: dict[str, Any]) -> Any:
        root = data.get("author") or data["authorProfile"]
        return next(
            {"points": f["points"], "detail": f["detail"]} for f in root["trust"]["factors"] if f["name"] == name
        )

    return observe


def _trust(root: str, name: str, shown: dict[str, Any]) -> Probe:
    query = f'{{ {root}(id: "{A}") {{ trust {{ factors {{ name points detail }} }} }} }}'
    return Probe(query, _factor(name), shown, HIDDEN)


def _slice(data: dict[str, Any], kind: str) -> list[str]:
    return sorted(n["id"] for n in data["graphSlice"]["nodes"] if n["kind"] == kind and n["id"] != A)


def _edges(data: dict[str, Any], kind: str) -> int:
    return sum(1 for e in data["graphSlice"]["edges"] if e["type"] == kind and e["source"] != A)


def _path(data: dict[str, Any]) -> list[str] | None:
    found = data["connection"]
    return None if found is None else [a["id"] for a in found["authors"]]


def _shared_with(data: dict[str, Any], root: str) -> list[str]:
    edges = (data.get(root) or data["node"])["coauthors"]["edges"]
    return sorted(t["id"] for e in edges for t in e["sharedTopics"])


def _groups(groups: dict[str, Any]) -> dict[str | None, int]:
    return {g["key"]: g["count"] for g in groups["groups"]}


def _authors_with_topic(topic: str) -> list[str]:
    return sorted({a for authors, topics in WORKS.values() if topic in topics for a in authors})


def _filter(where: str) -> str:
    return f"{{ authors(where: {where}, first: 50) {{ totalCount nodes {{ id }} }} }}"


def _listed(data: dict[str, Any]) -> tuple[int, list[str]]:
    return data["authors"]["totalCount"], _ids(data["authors"]["nodes"])


ORCID = ORCIDS[A]
COAUTHOR_ORCID = '{{ {root}(id: "{id}") {{ {on} coauthors(first: 10) {{ edges {{ node {{ id orcid }} }} }} {end} }} }}'
PROFILE_TOPICS = "topics(first: 10) { topic { id } } counts { topics }"
PROFILE_COAUTHORS = (
    "coauthors(first: 10) { totalCount edges { node { id } } } closeCollaborators(first: 10) { author { id } } "
    "counts { closeCollaborators }"
)
SLICE_A = f'{{ graphSlice(center: "{A}", depth: 2, limit: 100) {{ nodes {{ id kind }} edges {{ source type }} }} }}'


def _topics_seen(data: dict[str, Any]) -> tuple[list[str], int]:
    author = data.get("author") or data["node"]
    return [t["topic"]["id"] for t in author["topics"]], author["counts"]["topics"]


def _coauthors_seen(data: dict[str, Any]) -> tuple[int, list[str], list[str], int]:
    author = data.get("author") or data["node"]
    return (
        author["coauthors"]["totalCount"],
        _ids([e["node"] for e in author["coauthors"]["edges"]]),
        _ids([c["author"] for c in author["closeCollaborators"]]),
        author["counts"]["closeCollaborators"],
    )


def _affiliation_seen(data: dict[str, Any]) -> tuple[str | None, str]:
    author = data.get("author") or data["node"]
    return (author["affiliation"] or {}).get("id"), author["affiliationStatus"]


def _following(data: dict[str, Any]) -> Any:
    viewer = data["viewer"]
    return None if viewer is None else _a([e["node"] for e in viewer["following"]["edges"]], "orcid")


topics_a, coauthors_a = _topics_of(A), _coauthors_of(A)
with_orcid = sorted(ORCIDS)
without_orcid = sorted(set(NAMES) - set(ORCIDS))
authors_of_t1 = sorted(a for authors, topics in WORKS.values() if "T1" in topics for a in authors)

PROBES: dict[str, Probe] = {
    "orcid_profile": Probe(f'{{ author(id: "{A}") {{ orcid }} }}', lambda d: d["author"]["orcid"], ORCID, None),
    "orcid_node": Probe(
        f'{{ node(id: "{A}") {{ ... on Author {{ orcid }} }} }}', lambda d: d["node"]["orcid"], ORCID, None
    ),
    "orcid_lookup": Probe(f'{{ author(orcid: "{ORCID}") {{ id }} }}', lambda d: (d["author"] or {}).get("id"), A, None),
    "orcid_filter_has": Probe(
        _filter("{hasOrcid: true}"), _listed, (len(with_orcid), with_orcid), (len(with_orcid) - 1, [B])
    ),
    "orcid_filter_has_not": Probe(
        _filter("{hasOrcid: false}"), _listed, (len(without_orcid), without_orcid), (len(without_orcid) + 1, [A, C])
    ),
    "orcid_listing": Probe(
        '{ authors(where: {nameContains: "quillfeather"}) { nodes { id orcid } } }',
        lambda d: _a(d["authors"]["nodes"], "orcid"),
        ORCID,
        None,
    ),
    "orcid_trust_profile": _trust("author", "orcid", {"points": 10, "detail": f"ORCID iD on record: {ORCID}"}),
    "orcid_trust_facts": _trust("authorProfile", "orcid", {"points": 10, "detail": f"ORCID iD on record: {ORCID}"}),
    "orcid_level": Probe(
        f'{{ author(id: "{A}") {{ trust {{ verificationLevel }} }} }}',
        lambda d: d["author"]["trust"]["verificationLevel"],
        "L3",
        "L2",
    ),
    "orcid_search": Probe(
        f'{{ search(query: "{ORCID}", first: 10) {{ node {{ id }} }} }}',
        lambda d: [h["node"]["id"] for h in d["search"]],
        [A],
        [],
    ),
    "orcid_search_hit": Probe(
        '{ search(query: "Quillfeather", first: 10) { node { id ... on Author { orcid } } } }',
        lambda d: _a([h["node"] for h in d["search"]], "orcid"),
        ORCID,
        None,
    ),
    "orcid_autocomplete": Probe(
        f'{{ autocomplete(prefix: "https://orcid.org/{ORCID}") {{ id }} }}',
        lambda d: [n["id"] for n in d["autocomplete"]],
        [A],
        [],
    ),
    "orcid_autocomplete_hit": Probe(
        '{ autocomplete(prefix: "Quillfea") { id ... on Author { orcid } } }',
        lambda d: _a(d["autocomplete"], "orcid"),
        ORCID,
        None,
    ),
    "orcid_authorships": Probe(
        '{ work(id: "W1") { authorships { author { id orcid } } } }',
        lambda d: _a([s["author"] for s in d["work"]["authorships"]], "orcid"),
        ORCID,
        None,
    ),
    "orcid_coauthor_profile": Probe(
        COAUTHOR_ORCID.format(root="author", id=B, on="", end=""),
        lambda d: _a([e["node"] for e in d["author"]["coauthors"]["edges"]], "orcid"),
        ORCID,
        None,
    ),
    "orcid_coauthor_loader": Probe(
        COAUTHOR_ORCID.format(root="node", id=B, on="... on Author {", end="}"),
        lambda d: _a([e["node"] for e in d["node"]["coauthors"]["edges"]], "orcid"),
        ORCID,
        None,
    ),
    "orcid_topic_authors": Probe(
        '{ node(id: "T1") { ... on Topic { topAuthors(first: 10) { edges { node { id orcid } } } } } }',
        lambda d: _a([e["node"] for e in d["node"]["topAuthors"]["edges"]], "orcid"),
        ORCID,
        None,
    ),
    "orcid_institution_authors": Probe(
        f'{{ institution(id: "{LAST_KNOWN["id"]}") {{ authors(first: 10) {{ edges {{ node {{ id orcid }} }} }} }} }}',
        lambda d: _a([e["node"] for e in d["institution"]["authors"]["edges"]], "orcid"),
        ORCID,
        None,
    ),
    "orcid_connection": Probe(
        f'{{ connection(from: "{B}", to: "{C}") {{ authors {{ id orcid }} }} }}',
        lambda d: None if d["connection"] is None else _a(d["connection"]["authors"], "orcid"),
        ORCID,
        None,
    ),
    "orcid_following": Probe(
        "{ viewer { following(first: 10) { edges { node { id orcid } } } } }", _following, ORCID, None
    ),
    "affiliation_profile": Probe(
        f'{{ author(id: "{A}") {{ affiliation {{ id }} affiliationStatus }} }}',
        _affiliation_seen,
        (AFFILIATION["id"], "KNOWN"),
        (None, "HIDDEN"),
    ),
    "affiliation_node": Probe(
        f'{{ node(id: "{A}") {{ ... on Author {{ affiliation {{ id }} affiliationStatus }} }} }}',
        _affiliation_seen,
        (AFFILIATION["id"], "KNOWN"),
        (None, "HIDDEN"),
    ),
    "affiliation_search_hit": Probe(
        '{ search(query: "Quillfeather", first: 10) { node { id ... on Author { affiliation { id } } } } }',
        lambda d: (_a([h["node"] for h in d["search"]], "affiliation") or {}).get("id"),
        AFFILIATION["id"],
        None,
    ),
    "affiliation_institutions": Probe(
        f'{{ author(id: "{A}") {{ institutions {{ institution {{ id }} }} }} }}',
        lambda d: [i["institution"]["id"] for i in d["author"]["institutions"]],
        [AFFILIATION["id"]],
        [],
    ),
    "affiliation_trust_profile": _trust(
        "author", "affiliation", {"points": 5, "detail": "last known institution known"}
    ),
    "affiliation_trust_facts": _trust(
        "authorProfile", "affiliation", {"points": 5, "detail": "last known institution known"}
    ),
    "affiliation_filter_institution": Probe(
        "{ "
        + " ".join(
            f'{i["id"]}: authors(where: {{institution: "{i["id"]}"}}) {{ totalCount nodes {{ id }} }}'
            for i in (LAST_KNOWN, AFFILIATION)
        )
        + " }",
        lambda d: [(d[i]["totalCount"], _ids(d[i]["nodes"])) for i in ("I1", "I2")],
        [(1, [A]), (1, [A])],
        [(0, []), (0, [])],
    ),
    "affiliation_filter_country": Probe(_filter(f'{{country: "{LAST_KNOWN["country"]}"}}'), _listed, (1, [A]), (0, [])),
    "affiliation_institution_authors": Probe(
        "{ "
        + " ".join(
            f'{i["id"]}: institution(id: "{i["id"]}") '
            "{ authors(first: 10) { totalCount edges { node { id } } } }"
            for i in (LAST_KNOWN, AFFILIATION)
        )
        + " }",
        lambda d: [
            (d[i]["authors"]["totalCount"], _ids([e["node"] for e in d[i]["authors"]["edges"]])) for i in ("I1", "I2")
        ],
        [(1, [A]), (1, [A])],
        [(0, []), (0, [])],
    ),
    "affiliation_slice_author": Probe(
        SLICE_A, lambda d: _slice(d, "INSTITUTION"), sorted([LAST_KNOWN["id"], AFFILIATION["id"]]), []
    ),
    "affiliation_slice_institution": Probe(
        f'{{ graphSlice(center: "{LAST_KNOWN["id"]}", depth: 1) {{ nodes {{ id kind }} }} }}',
        lambda d: sorted(n["id"] for n in d["graphSlice"]["nodes"] if n["kind"] == "AUTHOR"),
        [A],
        [],
    ),
    "topics_profile": Probe(
        f'{{ author(id: "{A}") {{ {PROFILE_TOPICS} }} }}', _topics_seen, (topics_a, len(topics_a)), ([], 0)
    ),
    "topics_node": Probe(
        f'{{ node(id: "{A}") {{ ... on Author {{ {PROFILE_TOPICS} }} }} }}',
        _topics_seen,
        (topics_a, len(topics_a)),
        ([], 0),
    ),
    "topics_trust_profile": _trust("author", "topics", {"points": 3, "detail": "3 topics x 1 (at most 5)"}),
    "topics_trust_facts": _trust("authorProfile", "topics", {"points": 3, "detail": "3 topics x 1 (at most 5)"}),
    "topics_filter": Probe(
        _filter('{topic: "T1"}'), _listed, (len(authors_of_t1), authors_of_t1), (len(authors_of_t1) - 1, [B])
    ),
    "topics_top_authors": Probe(
        '{ node(id: "T1") { ... on Topic { topAuthors(first: 10) { totalCount edges { node { id } } } } } }',
        lambda d: (
            d["node"]["topAuthors"]["totalCount"],
            _ids([e["node"] for e in d["node"]["topAuthors"]["edges"]]),
        ),
        (len(authors_of_t1), authors_of_t1),
        (len(authors_of_t1) - 1, [B]),
    ),
    "topics_shared_own": Probe(
        f'{{ author(id: "{A}") {{ coauthors(first: 10) {{ edges {{ sharedTopics {{ id }} }} }} }} }}',
        lambda d: _shared_with(d, "author"),
        sorted(t for b in coauthors_a for t in _shared_topics(A, b)),
        [],
    ),
    "topics_shared_profile": Probe(
        f'{{ author(id: "{B}") {{ coauthors(first: 10) {{ edges {{ sharedTopics {{ id }} }} }} }} }}',
        lambda d: _shared_with(d, "author"),
        _shared_topics(B, A),
        [],
    ),
    "topics_shared_loader": Probe(
        f'{{ node(id: "{B}") {{ ... on Author {{ coauthors(first: 10) {{ edges {{ sharedTopics {{ id }} }} }} }} }} }}',
        lambda d: _shared_with(d, "node"),
        _shared_topics(B, A),
        [],
    ),
    "topics_slice": Probe(
        SLICE_A, lambda d: (_slice(d, "TOPIC"), _edges(d, "HAS_TOPIC")), (topics_a, len(topics_a)), ([], 0)
    ),
    "collaborators_profile": Probe(
        f'{{ author(id: "{A}") {{ {PROFILE_COAUTHORS} }} }}',
        _coauthors_seen,
        (len(coauthors_a), coauthors_a, coauthors_a, len(coauthors_a)),
        (0, [], [], 0),
    ),
    "collaborators_node": Probe(
        f'{{ node(id: "{A}") {{ ... on Author {{ {PROFILE_COAUTHORS} }} }} }}',
        _coauthors_seen,
        (len(coauthors_a), coauthors_a, coauthors_a, len(coauthors_a)),
        (0, [], [], 0),
    ),
    "collaborators_trust_profile": _trust(
        "author", "coauthors", {"points": 2, "detail": "2 coauthors x 1 (at most 10)"}
    ),
    "collaborators_trust_facts": _trust(
        "authorProfile", "coauthors", {"points": 2, "detail": "2 coauthors x 1 (at most 10)"}
    ),
    "collaborators_slice": Probe(
        SLICE_A,
        lambda d: (_slice(d, "AUTHOR"), _edges(d, "AUTHORED")),
        (coauthors_a, sum(len(_authors_of(w)) - 1 for w in WORKS)),
        ([], 0),
    ),
    "collaborators_connection_end": Probe(
        f'{{ connection(from: "{A}", to: "{B}") {{ authors {{ id }} }} }}', _path, [A, B], None
    ),
    "collaborators_connection_through": Probe(
        f'{{ connection(from: "{B}", to: "{C}") {{ authors {{ id }} }} }}', _path, [B, A, C], None
    ),
    # The analyst's counts and rankings of authors (schema/analytics.py): A counts where others may see it.
    "orcid_group_by": Probe(
        "{ authorsGroupBy(by: HAS_ORCID) { groups { key count } } }",
        lambda d: _groups(d["authorsGroupBy"]),
        {"true": 2, "false": 1},
        {"true": 1, "false": 2},
    ),
    "affiliation_group_by": Probe(
        "{ c: authorsGroupBy(by: COUNTRY, includeUnknown: true) { groups { key count } } "
        "i: authorsGroupBy(by: INSTITUTION, includeUnknown: true) { groups { key count } } }",
        lambda d: (_groups(d["c"]), _groups(d["i"])),
        ({LAST_KNOWN["country"]: 1, None: 2}, {LAST_KNOWN["id"]: 1, None: 2}),
        ({None: 3}, {None: 3}),
    ),
    "topics_group_by": Probe(
        "{ authorsGroupBy(by: TOPIC, includeUnknown: true) { groups { key count } } }",
        lambda d: _groups(d["authorsGroupBy"]),
        {t: len(_authors_with_topic(t)) for t in ("T1", "T2", "T3")},
        {**{t: len(_authors_with_topic(t)) - 1 for t in ("T1", "T2", "T3")}, None: 1},
    ),
    "collaborators_coauthor_order": Probe(
        "{ authors(orderBy: COAUTHORS_DESC, first: 10) { nodes { id } } }",
        lambda d: [n["id"] for n in d["authors"]["nodes"]],
        sorted(NAMES, key=lambda a: (-len(_coauthors_of(a)), a)),
        sorted(NAMES, key=lambda a: (-(0 if a == A else len(_coauthors_of(a))), a)),
    ),
    "collaborators_collaborations": Probe(
        "{ collaborations(between: AUTHOR) { pairs { a { key } b { key } works } } }",
        lambda d: [(p["a"]["key"], p["b"]["key"], p["works"]) for p in d["collaborations"]["pairs"]],
        sorted((min(a, b), max(a, b), 1) for a in [A] for b in _coauthors_of(A)),
        [],
    ),
}
