"""Apply the schema migrations in `cypher/migrations/` (idempotent: constraints and indexes IF NOT EXISTS).

`peergraph migrate` and the API's startup apply them all; whatever writes data first (the importer, the import
mutation, the sample loader) calls `ensure_migrated`, which applies them with the same code when one of the
constraints or indexes they name is missing or not online. Importing into a database without its uniqueness
constraints took 137.7 s instead of 8.8 s (every MERGE scanned its label) and let two concurrent batches create
the same institution twice, after which the constraint could no longer be created.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from typing import LiteralString

from neo4j import AsyncDriver, Query, RoutingControl

from cypher import ROOT, statements
from cypher import admin as q
from peergraph.settings import setting_default

MIGRATIONS_DIR = ROOT / "migrations"
# What a migration statement creates: `CREATE [RANGE|FULLTEXT|...] INDEX|CONSTRAINT <name> IF NOT EXISTS ...`.
_CREATES = re.compile(r"CREATE\s+(?:\w+\s+)?(CONSTRAINT|INDEX)\s+(\w+)\s+IF\s+NOT\s+EXISTS\b", re.IGNORECASE)
# What one drops: `DROP INDEX|CONSTRAINT <name> IF EXISTS`.
_DROPS = re.compile(r"DROP\s+(CONSTRAINT|INDEX)\s+(\w+)\s+IF\s+EXISTS\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class SchemaObject:
    kind: str  # "constraint" or "index"
    name: str
    dropped: bool = False  # a later migration drops it: the database must not hold it


def migration_names() -> list[str]:
    return [f"migrations/{path.stem}" for path in sorted(MIGRATIONS_DIR.glob("*.cypher"))]


def _named(statement: LiteralString) -> SchemaObject | None:
    created = _CREATES.match(statement)
    if created:
        return SchemaObject(created[1].lower(), created[2])
    dropped = _DROPS.match(statement)
    return SchemaObject(dropped[1].lower(), dropped[2], dropped=True) if dropped else None


def migration_statements() -> list[LiteralString]:
    """Every migration statement in order, but a CREATE of what a later one drops: over a loaded graph it would
    populate an index (minutes over 47M counts) only for the drop to throw it away."""
    every = [statement for name in migration_names() for statement in statements(name)]
    named = [_named(statement) for statement in every]
    dropped = {(n.kind, n.name) for n in named if n is not None and n.dropped}
    return [
        statement
        for statement, n in zip(every, named, strict=True)
        if n is None or n.dropped or (n.kind, n.name) not in dropped
    ]


def running_order(migration: list[LiteralString]) -> list[LiteralString]:
    """The statements as `apply_migrations` runs them: drops, then indexes, then constraints, each kind in the
    migrations' order. An index's CREATE returns at once and populates in the background, a constraint's builds its
    index before it returns: over a loaded graph (a bulk load) the indexes' population then overlaps the
    constraints' instead of starting after the last of them."""

    def rank(statement: LiteralString) -> int:
        named = _named(statement)
        if named is None or named.dropped:
            return 0
        return 1 if named.kind == "index" else 2

    return sorted(migration, key=rank)


def declared_objects() -> list[SchemaObject | LiteralString]:
    """The constraint or index each migration statement that runs creates or drops, or the statement itself when it
    names none (then `ensure_migrated` cannot check it and always applies the migrations)."""
    found: list[SchemaObject | LiteralString] = []
    for statement in migration_statements():
        named = _named(statement)
        found.append(named if named is not None else statement)
    return found


async def apply_migrations(
    driver: AsyncDriver, database: str, tx_timeout: float | None = None, *, timings: dict[str, float] | None = None
) -> int:
    """Run every migration statement (schema commands run in their own auto-commit transactions), each one
    bounded by `tx_timeout` seconds (default: `PEERGRAPH_ADMIN_QUERY_TIMEOUT_SECONDS`'s default).

    Indexes are created before constraints (`running_order`). Returns how many statements ran; waits (as long)
    until the new indexes are online. `timings`, when given, gets each statement's wall seconds as "migrate <what it
    creates>" and the wait as "migrate: indexes online" (a bulk load's report: over a loaded graph a constraint
    builds its index before its CREATE returns, while the indexes created before it populate).
    """
    seconds = tx_timeout if tx_timeout is not None else float(setting_default("admin_query_timeout_seconds"))
    count = 0
    async with driver.session(database=database) as session:
        for statement in running_order(migration_statements()):
            began = time.monotonic()
            result = await session.run(Query(statement, timeout=seconds))
            await result.consume()
            count += 1
            if timings is not None:
                named = _named(statement)
                what = statement[:40] if named is None else ("drop " if named.dropped else "") + named.name
                timings[f"migrate {what}"] = round(time.monotonic() - began, 2)
        began = time.monotonic()
        result = await session.run(Query(q.AWAIT_INDEXES, timeout=seconds), seconds=max(int(seconds), 1))
        await result.consume()
        if timings is not None:
            timings["migrate: indexes online"] = round(time.monotonic() - began, 2)
    return count


async def missing_objects(driver: AsyncDriver, database: str, tx_timeout: float | None = None) -> list[str]:
    """What the migrations declare that the database lacks (or holds but not online yet), by name."""
    seconds = tx_timeout if tx_timeout is not None else float(setting_default("admin_query_timeout_seconds"))
    records, _, _ = await driver.execute_query(
        Query(q.SCHEMA_INDEXES, timeout=seconds), database_=database, routing_=RoutingControl.READ
    )
    online = {r["name"]: r["owningConstraint"] for r in records if r["state"] == "ONLINE"}
    missing = []
    present = {r["name"] for r in records}
    for declared in declared_objects():
        if not isinstance(declared, SchemaObject):
            missing.append(declared)
        elif declared.dropped:
            if declared.name in present:
                missing.append(f"the drop of {declared.kind} {declared.name}")
        elif declared.name not in online or (declared.kind == "constraint") != (online[declared.name] is not None):
            missing.append(f"{declared.kind} {declared.name}")
    return missing


async def ensure_migrated(driver: AsyncDriver, database: str, tx_timeout: float | None = None) -> int:
    """Apply the migrations when the database lacks what they create; returns the statements run (0: none)."""
    if not await missing_objects(driver, database, tx_timeout):
        return 0
    return await apply_migrations(driver, database, tx_timeout)
