"""What the pages must show, computed from the sample's records (tests/api/sample_truth.py), never from Neo4j."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

from tests.api.sample_truth import Truth, sample_truth

# docs/trust.md: (factor, points per unit, at most); verification L1 = 5 for an unclaimed imported record.
L1_POINTS = 5
WORK_POINTS, WORK_MAX = 2, 20
TOPIC_MAX, COAUTHOR_MAX, FOLLOWER_MAX = 5, 10, 10


@dataclass(frozen=True)
class ExpectedProfile:
    name: str
    counts: dict[str, int]
    trust_line: str
    summary: str
    affiliation: str
    works: list[tuple[str, str]]  # (id, the title as the page shows it)


def plain(title: str | None, fallback: str) -> str:
    """The page's rule for titles (web/src/dom.ts plainTitle): markup shown as its text, spaces collapsed."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", "", title or "")).strip()
    return text or fallback


def unclaimed_trust(truth: Truth, author: str, followers: int = 0) -> int:
    """The score of an unclaimed (L1) author: docs/trust.md's factors from the records."""
    return (
        L1_POINTS
        + (10 if truth.author_orcid.get(author) is not None else 0)
        + (5 if author in truth.last_known else 0)
        + min(WORK_MAX, WORK_POINTS * len(truth.author_works[author]))
        + min(TOPIC_MAX, len(truth.topics_of(author)))
        + min(COAUTHOR_MAX, len(truth.coauthors(author)))
        + min(FOLLOWER_MAX, followers)
    )


def profile(author: str) -> ExpectedProfile:
    truth = sample_truth()
    topics = truth.topics_of(author)
    names = {t: truth.topic_name.get(t) or t for t in topics}
    # The API's order of an author's topics: most works first, then by name (the contract's profile topics).
    ranked = sorted(topics, key=lambda t: (-topics[t], names[t]))
    top = [names[t] for t in ranked[:2]]
    summary = f"Contributes to {' and '.join(top)}." if top else "No topics in the graph for this author's works yet."
    score = unclaimed_trust(truth, author)
    label = "Unverified"  # unclaimed: never Verified, whatever the score (docs/trust.md)
    institution = truth.last_known.get(author)
    affiliation = (truth.institution[institution]["name"] or institution) if institution else "Affiliation not imported"
    works = sorted(truth.author_works[author], key=lambda w: -(truth.works[w].get("publication_year") or 0))
    return ExpectedProfile(
        name=truth.author_name[author] or author,
        counts={
            "works": len(truth.author_works[author]),
            "followers": 0,
            "topics": len(topics),
            "closeCollaborators": len(truth.coauthors(author)),
        },
        trust_line=f"Trust {score} · {label}",
        summary=summary,
        affiliation=affiliation,
        works=[(w, plain(truth.works[w].get("display_name") or truth.works[w].get("title"), w)) for w in works],
    )


def coauthor_hops(source: str, target: str) -> int | None:
    """The length of the shortest coauthorship path, by a breadth-first walk over the records' authorships."""
    truth = sample_truth()
    by_work = {w: {s.author for s in ships if s.author} for w, ships in truth.ships.items()}
    seen_works: set[str] = set()
    hops = {source: 0}
    queue = deque([source])
    while queue:
        author = queue.popleft()
        if author == target:
            return hops[author]
        for work in truth.author_works[author]:
            if work in seen_works:
                continue
            seen_works.add(work)
            for other in by_work[work]:
                if other not in hops:
                    hops[other] = hops[author] + 1
                    queue.append(other)
    return None


def work_years(author: str) -> dict[str, int | None]:
    truth = sample_truth()
    return {w: truth.works[w].get("publication_year") for w in truth.author_works[author]}


def topic_name(topic: str) -> str:
    return sample_truth().topic_name[topic] or topic


def institution_name(institution: str) -> str:
    return sample_truth().institution[institution]["name"] or institution


def work_title(work: str) -> str:
    rec = sample_truth().works[work]
    return plain(rec.get("display_name") or rec.get("title"), work)


def author_of_work_count(work: str) -> int:
    return len({s.author for s in sample_truth().ships[work] if s.author})
