"""Apply the schema migrations in `cypher/migrations/` (idempotent: constraints and indexes IF NOT EXISTS)."""

from __future__ import annotations

from neo4j import AsyncDriver

from cypher import ROOT, statements

MIGRATIONS_DIR = ROOT / "migrations"


def migration_names() -> list[str]:
    return [f"migrations/{path.stem}" for path in sorted(MIGRATIONS_DIR.glob("*.cypher"))]


async def apply_migrations(driver: AsyncDriver, database: str) -> int:
    """Run every migration statement (schema commands run in their own auto-commit transactions).

    Returns how many statements ran; waits until the new indexes are online.
    """
    count = 0
    async with driver.session(database=database) as session:
        for name in migration_names():
            for statement in statements(name):
                result = await session.run(statement)
                await result.consume()
                count += 1
        result = await session.run("CALL db.awaitIndexes(300)")
        await result.consume()
    return count
