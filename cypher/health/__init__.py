"""Health queries."""

from cypher import load

PING = load("health/ping")
WARMUP_ENTITIES = load("health/warmup_entities")
