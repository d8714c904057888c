"""Graph-shaped read queries (slices around an entity, coauthorship paths)."""

from cypher import load

SLICE = load("graph/slice")
COAUTHOR_FRONTIER = load("graph/coauthor_frontier")
COAUTHOR_PATH = load("graph/coauthor_path")
