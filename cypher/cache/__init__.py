"""What the response cache reads (peergraph/response_cache.py)."""

from cypher import load

VERSIONS = load("cache/versions")
