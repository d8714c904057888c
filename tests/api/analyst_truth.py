"""What the analyst's filters, facets and collaborations must answer, from the sample's records.

Every value is re-derived from the input records as docs/graph-model.md says the graph holds them; nothing here
reads Neo4j.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from tests.api.sample_truth import Truth, records, sample_truth

Key = tuple[str, str | None]  # (key, label)


def work_institutions(truth: Truth, work: str) -> set[str]:
    return {i for s in truth.ships[work] for i in s.institutions}


def work_countries(truth: Truth, work: str) -> set[str]:
    codes = {truth.institution[i]["countryCode"] for i in work_institutions(truth, work)}
    return {c for c in codes if c}


def work_authors(truth: Truth, work: str) -> set[str]:
    return {s.author for s in truth.ships[work] if s.author}


def host(truth: Truth, work: str) -> str | None:
    lineage = truth.source_lineage.get(truth.venue.get(work, ""), [])
    return lineage[0] if lineage else None


def publishers_above(truth: Truth, work: str) -> set[str]:
    """The work's source's publisher and every publisher above it (PART_OF, any depth)."""
    start = host(truth, work)
    seen: set[str] = set()
    todo = [start] if start else []
    while todo:
        p = todo.pop()
        if p not in seen:
            seen.add(p)
            todo += [b for a, b in truth.publisher_links if a == p]
    return seen


def title(rec: dict[str, Any]) -> str | None:
    """As the importer keeps it: an empty title is none."""
    return rec.get("display_name") or rec.get("title") or None


def facet_keys(truth: Truth, facet: str, work: str) -> set[Key]:
    rec = truth.works[work]
    oa = rec.get("open_access") or {}
    scalar = {
        "YEAR": None if rec.get("publication_year") is None else str(rec["publication_year"]),
        "TYPE": rec.get("type"),
        "LANGUAGE": rec.get("language"),
        "OA_STATUS": oa.get("oa_status"),
        "IS_OA": None if not isinstance(oa.get("is_oa"), bool) else str(oa["is_oa"]).lower(),
    }
    if facet in scalar:
        value = scalar[facet]
        return set() if value is None else {(value, value)}
    topics = truth.work_topics[work]
    if facet == "TOPIC":
        return {(t, truth.topic_name[t]) for t in topics}
    if facet in ("SUBFIELD", "FIELD", "DOMAIN"):
        level = ("SUBFIELD", "FIELD", "DOMAIN").index(facet)
        names = {truth.topic_levels[t][level] for t in topics}
        return {(n, n) for n in names if n}
    if facet == "SOURCE":
        venue = truth.venue.get(work)
        return set() if venue is None else {(venue, truth.source_name[venue])}
    if facet == "PUBLISHER":
        p = host(truth, work)
        return set() if p is None else {(p, truth.publisher_name[p])}
    if facet == "INSTITUTION":
        return {(i, truth.institution[i]["name"]) for i in work_institutions(truth, work)}
    if facet == "COUNTRY":
        return {(c, c) for c in work_countries(truth, work)}
    if facet == "AUTHOR":
        return {(a, truth.author_name[a]) for a in work_authors(truth, work)}
    if facet.endswith("_PAIR"):  # collaborations' pairs, kept as the importer keeps them (facet_counts.py)
        keys = sorted(PARTIES[facet.removesuffix("_PAIR")](truth, work))
        if len(keys) > 200:
            return {("\x02", None)}
        return {(f"{a}\x01{b}", None) for i, a in enumerate(keys) for b in keys[i + 1 :]}
    if facet == "FUNDER":
        return {(f, truth.funder_name[f]) for f in truth.work_funders[work]}
    raise KeyError(facet)


def groups(
    truth: Truth, facet: str, works: Iterable[str], *, by_key: bool = False, unknown: bool = False
) -> list[dict[str, Any]]:
    """worksGroupBy's groups, in its order: count (desc) then key, or key; the null group last."""
    found: dict[str | None, dict[str, Any]] = {}
    for work in works:
        rec = truth.works[work]
        keys: set[Key] = facet_keys(truth, facet, work) or {(None, None)}  # type: ignore[arg-type]
        for key, label in keys:
            if key is None and not unknown:
                continue
            group = found.setdefault(
                key, {"key": key, "label": label, "count": 0, "citedByCount": 0, "openAccessCount": 0}
            )
            group["count"] += 1
            group["citedByCount"] += rec.get("cited_by_count") or 0
            group["openAccessCount"] += 1 if (rec.get("open_access") or {}).get("is_oa") is True else 0
    return sorted(found.values(), key=lambda g: (0 if by_key else -g["count"], g["key"] is None, g["key"] or ""))


PARTIES: dict[str, Callable[[Truth, str], set[str]]] = {
    "INSTITUTION": work_institutions,
    "COUNTRY": work_countries,
    "AUTHOR": work_authors,
}


def party_names(truth: Truth, party: str) -> dict[str, str | None]:
    """The display names of collaborations' parties by key, as the records give them (countries are their codes)."""
    names: dict[str, dict[str, str | None]] = {
        "INSTITUTION": {i: r["name"] for i, r in truth.institution.items()},
        "COUNTRY": {},
        "AUTHOR": truth.author_name,
    }
    return names[party]


def collaborations(truth: Truth, party: str, works: Iterable[str], most: int = 200) -> tuple[list[dict[str, Any]], int]:
    """(pairs in collaborations' order, works skipped for their many parties)."""
    pairs: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    skipped = 0
    for work in works:
        parties = sorted(PARTIES[party](truth, work))
        if len(parties) > most:
            skipped += 1
            continue
        for i, a in enumerate(parties):
            for b in parties[i + 1 :]:
                pairs[(a, b)][0] += 1
                pairs[(a, b)][1] += truth.works[work].get("cited_by_count") or 0
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1][0], kv[0]))
    return [{"a": a, "b": b, "works": n, "citedByCount": c} for (a, b), (n, c) in ranked], skipped


WORD = re.compile(r"\w+")


@cache
def search_word() -> tuple[str, frozenset[str]]:
    """A word of a few works' titles or abstracts that Lucene's standard tokenizer sees the same way (letters only,
    never joined to an apostrophe, hyphen or digit), and those works."""
    from tests.api.test_work_detail import plain_abstract

    truth = sample_truth()
    texts = {
        w: f"{title(r) or ''} {plain_abstract(r.get('abstract_inverted_index')) or ''}" for w, r in truth.works.items()
    }
    where: dict[str, set[str]] = defaultdict(set)
    for work, text in texts.items():
        for word in WORD.findall(text.lower()):
            if word.isalpha() and word.isascii() and len(word) >= 9:
                where[word].add(work)
    for word in sorted(where):
        if 3 <= len(where[word]) <= 8:
            plain = re.compile(rf"(?<![\w'\u2019\-.]){word}(?![\w'\u2019\-])", re.IGNORECASE)
            loose = re.compile(rf"\b{word}\b", re.IGNORECASE)
            if all(len(plain.findall(texts[w])) == len(loose.findall(texts[w])) for w in where[word]):
                return word, frozenset(where[word])
    raise AssertionError("no search word in the sample")


@cache
def institution_works_count() -> dict[str, int | None]:
    """Institution id -> OpenAlex's works_count (None for a stub)."""
    counts: dict[str, int | None] = dict.fromkeys(sample_truth().institution)
    for rec in records("institutions"):
        counts[rec["id"].rsplit("/", 1)[-1]] = rec.get("works_count")
    return counts
