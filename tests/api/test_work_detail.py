"""WorkDetail (the contract's operation): authorships in author order, unlinked ones, institutions, abstract."""

from __future__ import annotations

from typing import Any

import httpx
from neo4j import AsyncDriver

from tests.api._ops import run
from tests.api.sample_truth import Truth, sample_truth


def plain_abstract(inverted: dict[str, list[int]] | None) -> str | None:
    if not inverted:
        return None
    words = {pos: word for word, positions in inverted.items() for pos in positions}
    return " ".join(words[i] for i in sorted(words))


def expected_authorships(truth: Truth, work: str) -> list[dict[str, Any]]:
    return [
        {
            "position": s.order + 1,
            "isCorresponding": s.corresponding,
            "author": None if s.author is None else {"id": s.author, "name": truth.author_name[s.author]},
            "institutions": [
                {"id": i, "name": truth.institution[i]["name"], "countryCode": truth.institution[i]["countryCode"]}
                for i in s.institutions
            ],
        }
        for s in truth.ships[work]
    ]


def check_work(truth: Truth, work: str, got: dict[str, Any]) -> None:
    rec = truth.works[work]
    assert got["id"] == work
    assert got["title"] == rec["display_name"]
    assert got["type"] == rec["type"]
    assert got["year"] == rec["publication_year"]
    assert got["doi"] == (rec["doi"].split("doi.org/", 1)[1].lower() if rec.get("doi") else None)
    assert got["citedByCount"] == rec["cited_by_count"]
    assert got["abstract"] == plain_abstract(rec.get("abstract_inverted_index"))
    venue = truth.venue.get(work)
    assert got["venue"] == (None if venue is None else {"id": venue, "name": truth.source_name[venue]})
    assert got["authorships"] == expected_authorships(truth, work)
    topics = sorted(truth.work_topics[work].items(), key=lambda kv: (-kv[1], kv[0]))
    assert [(t["topic"]["id"], t["score"]) for t in got["topics"]] == topics


async def test_the_5103_author_work(sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str) -> None:
    truth = sample_truth()
    big = max(truth.works, key=lambda w: len(truth.works[w]["authorships"]))
    data = await run(http, contract, "WorkDetail", id=big)
    check_work(truth, big, data["work"])
    positions = [a["position"] for a in data["work"]["authorships"]]
    # every authorship of the record, the 12 places of authors listed twice included, in byline order
    assert positions == list(range(1, len(truth.works[big]["authorships"]) + 1))
    assert len(positions) == 5103
    ids = [a["author"]["id"] for a in data["work"]["authorships"] if a["author"]]
    assert len(ids) - len(set(ids)) == 12


async def test_an_author_listed_at_several_places_keeps_each(
    sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str
) -> None:
    """Each later place keeps its own institutions, label and corresponding flag, as the record says."""
    truth = sample_truth()

    def repeats(work: str) -> int:
        linked = [s.author for s in truth.ships[work] if s.author]
        return len(linked) - len(set(linked))

    repeated = sorted(w for w in truth.works if repeats(w) and len(truth.ships[w]) < 1000)
    assert len(repeated) == 5  # the sample's other works with a repeated author (5 + 1 hub)
    for work in repeated:
        data = await run(http, contract, "WorkDetail", id=work)
        check_work(truth, work, data["work"])


async def test_works_with_unlinked_authorships_and_institutions(
    sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str
) -> None:
    truth = sample_truth()
    unlinked = next(w for w in sorted(truth.works) if any(s.author is None for s in truth.ships[w]))
    with_insts = max(truth.works, key=lambda w: (sum(len(s.institutions) for s in truth.ships[w][:50]), w))
    with_abstract = next(w for w in sorted(truth.works) if truth.works[w].get("abstract_inverted_index"))
    for work in (unlinked, with_insts, with_abstract):
        data = await run(http, contract, "WorkDetail", id=work)
        check_work(truth, work, data["work"])
    data = await run(http, contract, "WorkDetail", id=unlinked)
    assert any(a["author"] is None for a in data["work"]["authorships"])


async def test_unknown_work_is_null(sample_db: AsyncDriver, http: httpx.AsyncClient, contract: str) -> None:
    data = await run(http, contract, "WorkDetail", id="W1")
    assert data["work"] is None
