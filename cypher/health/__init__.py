"""Health queries."""

from cypher import load

PING = load("health/ping")
