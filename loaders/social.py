"""Per-request DataLoaders for accounts and the social side of authors.

Each batch function is one Cypher round trip for all its keys, results aligned to the keys.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from strawberry.dataloader import DataLoader

from cypher import account as q
from cypher import author as author_q
from loaders._db import ReadGateway

Row = dict[str, Any]


@dataclass(frozen=True)
class SocialLoaders:
    user: DataLoader[str, Row | None]
    facts: DataLoader[str, Row | None]
    """An author's counts, social side (claim, followers, viewer follows) and trust inputs: one query for all."""

    @property
    def social(self) -> DataLoader[str, Row | None]:
        return self.facts

    @property
    def trust_inputs(self) -> DataLoader[str, Row | None]:
        return self.facts


async def load_users(db: ReadGateway, ids: Sequence[str]) -> list[Row | None]:
    rows = await db.rows(q.GET_USERS_BY_IDS, ids=list(ids))
    by_id = {row["user"]["id"]: row["user"] for row in rows}
    return [by_id.get(i) for i in ids]


async def load_author_facts(db: ReadGateway, ids: Sequence[str]) -> list[Row | None]:
    """The facts as the viewer may see them (a hidden field's count is 0, its value null: cypher/author/facts)."""
    rows = await db.rows(author_q.FACTS, ids=list(ids))
    by_id = {row["authorId"]: row for row in rows}
    return [by_id.get(i) for i in ids]


def build_social_loaders(db: ReadGateway) -> SocialLoaders:
    """The facts batch waits for the viewer (the gateway resolves it lazily, once per request); users never do."""
    return SocialLoaders(
        user=DataLoader(load_fn=lambda ids: load_users(db, ids)),
        facts=DataLoader(load_fn=lambda ids: load_author_facts(db, ids)),
    )


def forget(loader: DataLoader[str, Row | None], key: str) -> None:
    """Drop one cached key (after a write), whether or not it was loaded yet."""
    with contextlib.suppress(KeyError):
        loader.clear(key)
