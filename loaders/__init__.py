"""Per-request DataLoaders: one batch function per relation, each a single Cypher round trip.

`build_loaders()` is called once per request by the context factory; a loader never outlives its request.
"""

from __future__ import annotations

from dataclasses import dataclass

from strawberry.dataloader import DataLoader

from loaders._db import ReadGateway
from loaders.author import AuthorWorksKey, WorksPage, load_author_works, load_authors
from loaders.work import load_works


@dataclass(frozen=True)
class Loaders:
    db: ReadGateway
    author: DataLoader[str, dict[str, object] | None]
    work: DataLoader[str, dict[str, object] | None]
    author_works: DataLoader[AuthorWorksKey, WorksPage]


def build_loaders(db: ReadGateway) -> Loaders:
    return Loaders(
        db=db,
        author=DataLoader(load_fn=lambda ids: load_authors(db, ids)),
        work=DataLoader(load_fn=lambda ids: load_works(db, ids)),
        author_works=DataLoader(load_fn=lambda keys: load_author_works(db, keys)),
    )
