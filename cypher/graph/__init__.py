"""Graph-shaped read queries (slices around an entity)."""

from cypher import load

SLICE = load("graph/slice")
COAUTHOR_PATH = load("graph/coauthor_path")
