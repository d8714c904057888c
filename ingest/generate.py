"""`peergraph generate`: OpenAlex-shaped JSON lines at any scale, deterministic per seed, for the benchmarks.

The shapes follow the real sample in data/sample/: most works have a handful of authors (median 2), a tail has
tens to a hundred, and about one in 20,000 is hyper-authored (1,000-5,103 authorships, like the sample's
5,103-author work); about one in five works has no topics, the rest up to three; some authorships name no
author id; authors, institutions, sources and topics are reused with a heavy head (a few are on many works);
years lean recent; references mostly point outside the generated set (as in a partial graph), some to earlier
generated works. Every author, institution, source and topic a work names also gets a full record in its own
file for a fraction of them, so stubs and enrichment both happen.
"""

from __future__ import annotations

import gzip
import random
from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from ingest.snapshot_writer import MergeLine, write_merged_ids

OA = "https://openalex.org/"
WORDS = [
    "graph",
    "network",
    "protein",
    "learning",
    "model",
    "cell",
    "quantum",
    "climate",
    "data",
    "neural",
    "theory",
    "analysis",
    "gene",
    "structure",
    "energy",
    "system",
    "dynamics",
    "signal",
    "brain",
    "optical",
    "carbon",
    "market",
    "policy",
    "health",
    "water",
    "soil",
]
W0, A0, I0, S0, T0 = 4_000_000_000, 5_000_000_000, 100_000_000, 4_300_000_000, 10_000


@dataclass(frozen=True)
class Pools:
    authors: int
    institutions: int
    sources: int
    topics: int

    @classmethod
    def for_works(cls, works: int) -> Pools:
        return cls(max(10, works * 3), max(5, works // 20), max(3, works // 40), min(4500, max(3, works // 5)))


def _pick(rng: random.Random, size: int, skew: float = 2.5) -> int:
    """A heavy-headed choice in [0, size): low indices are picked far more often."""
    return int(size * rng.random() ** skew)


def _authors_per_work(rng: random.Random) -> int:
    roll = rng.random()
    if roll < 1 / 20_000:
        return rng.randint(1_000, 5_103)
    if roll < 0.02:
        return rng.randint(20, 60)
    if roll < 0.2:
        return rng.randint(5, 12)
    return rng.choice((1, 1, 2, 2, 2, 3, 3, 4))


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12))).capitalize()


def _abstract(rng: random.Random) -> dict[str, list[int]] | None:
    if rng.random() < 0.4:
        return None
    index: dict[str, list[int]] = {}
    for position in range(rng.randint(30, 150)):
        index.setdefault(rng.choice(WORDS), []).append(position)
    return index


def _date(rng: random.Random) -> str:
    return f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T00:00:00"


def work_record(rng: random.Random, n: int, pools: Pools) -> dict[str, Any]:
    year = 2025 - int(75 * rng.random() ** 2.2)
    count = _authors_per_work(rng)
    authors = (
        [_pick(rng, pools.authors) for _ in range(count)] if count < 1_000 else rng.sample(range(pools.authors), count)
    )
    ships = []
    for order, a in enumerate(authors):
        insts = [{"id": f"{OA}I{I0 + _pick(rng, pools.institutions)}", "display_name": f"Institution {a % 997}"}]
        author: dict[str, Any] = {"id": f"{OA}A{A0 + a}", "display_name": f"Author {a}"}
        if rng.random() < 0.015:
            author = {"display_name": f"Unlinked {a}"}  # an authorship naming no author id
        position = "first" if order == 0 else "last" if order == count - 1 else "middle"
        ships.append({"author": author, "author_position": position, "institutions": insts[: rng.randint(0, 1) + 1]})
    topics = []
    if rng.random() >= 0.2:
        for t in {_pick(rng, pools.topics) for _ in range(rng.randint(1, 3))}:
            topics.append({"id": f"{OA}T{T0 + t}", "display_name": f"Topic {t}", "score": round(rng.random(), 4)})
    refs = [f"{OA}W{W0 + rng.randrange(n)}" for _ in range(rng.randint(0, 4)) if n > 0]
    refs += [f"{OA}W{rng.randint(1, 3_999_999_999)}" for _ in range(rng.randint(0, 25))]
    source = (
        {"id": f"{OA}S{S0 + _pick(rng, pools.sources)}", "display_name": "A journal"} if rng.random() < 0.8 else None
    )
    return {
        "id": f"{OA}W{W0 + n}",
        "display_name": _title(rng),
        "type": "article",
        "publication_year": year,
        "publication_date": f"{year}-01-01",
        "doi": f"https://doi.org/10.5555/gen.{n}",
        "cited_by_count": int(200 * rng.random() ** 6),
        "abstract_inverted_index": _abstract(rng),
        "language": "en",
        "open_access": {"is_oa": rng.random() < 0.4, "oa_status": "green"},
        "authorships": ships,
        "topics": topics,
        "primary_location": {"source": source},
        "referenced_works": refs,
        "updated_date": _date(rng),
    }


def _entities(rng: random.Random, pools: Pools) -> Iterator[tuple[str, dict[str, Any]]]:
    for i in range(pools.institutions):
        yield (
            "institutions",
            {
                "id": f"{OA}I{I0 + i}",
                "display_name": f"Institution {i}",
                "country_code": "US",
                "type": "education",
                "works_count": 100,
                "updated_date": _date(rng),
            },
        )
    for s in range(pools.sources):
        yield (
            "sources",
            {"id": f"{OA}S{S0 + s}", "display_name": f"Journal {s}", "type": "journal", "updated_date": _date(rng)},
        )
    for t in range(pools.topics):
        yield "topics", {"id": f"{OA}T{T0 + t}", "display_name": f"Topic {t}", "updated_date": _date(rng)}
    for a in range(0, pools.authors, 50):  # full records for 2% of the authors (the sample: 138 of 8,721)
        inst = {"id": f"{OA}I{I0 + _pick(rng, pools.institutions)}", "display_name": "Institution"}
        yield (
            "authors",
            {
                "id": f"{OA}A{A0 + a}",
                "display_name": f"Author {a}",
                "works_count": 10,
                "cited_by_count": 100,
                "summary_stats": {"h_index": 3, "i10_index": 1},
                "last_known_institutions": [inst],
                "updated_date": _date(rng),
            },
        )


def merged_ids(rng: random.Random, works: int, pools: Pools, count: int) -> dict[str, list[MergeLine]]:
    """`count` author merges and `count` work merges among the generated ids, as OpenAlex publishes them (one of
    each a chain: a → b, then b → c, as when a survivor is merged again later)."""
    merges: dict[str, list[MergeLine]] = {}
    for entity, letter, base, size in (("authors", "A", A0, pools.authors), ("works", "W", W0, works)):
        if size < 3 * count or count == 0:
            continue
        picked = rng.sample(range(size), 2 * count + 1)
        rows = [
            (f"2026-0{1 + i % 6}-15", f"{letter}{base + picked[i]}", f"{letter}{base + picked[count + i]}")
            for i in range(count)
        ]
        last = rows[-1]
        rows.append(("2026-07-01", last[2], f"{letter}{base + picked[-1]}"))  # the survivor merged again
        merges[entity] = rows
    return merges


def generate(works: int, seed: int, out_dir: Path, merges: int = 0) -> dict[str, int]:
    """Write <out_dir>/{institutions,sources,topics,authors,works}.jsonl.gz (and, with `merges`,
    <out_dir>/merged_ids/{authors,works}/<date>.csv.gz); returns records per file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    pools = Pools.for_works(works)
    counts: dict[str, int] = {}
    with ExitStack() as stack:
        handles: dict[str, gzip.GzipFile] = {}
        for name, record in _entities(rng, pools):
            if name not in handles:
                handles[name] = stack.enter_context(gzip.open(out_dir / f"{name}.jsonl.gz", "wb", compresslevel=3))
            handles[name].write(orjson.dumps(record) + b"\n")
            counts[name] = counts.get(name, 0) + 1
        works_out = stack.enter_context(gzip.open(out_dir / "works.jsonl.gz", "wb", compresslevel=3))
        for n in range(works):
            works_out.write(orjson.dumps(work_record(rng, n, pools)) + b"\n")
        counts["works"] = works
    for entity, rows in merged_ids(random.Random(seed + 1), works, pools, merges).items():  # noqa: S311 - as above
        write_merged_ids(out_dir / "merged_ids" / entity, rows)
        counts[f"{entity} merged"] = len(rows)
    return counts
