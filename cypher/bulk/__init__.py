"""The bulk importer's queries (ingest/bulk/): what it checks before a load and completes after it."""

from cypher import load

ANY_NODE = load("bulk/any_node")
EMPTY_LISTS_NODES = load("bulk/empty_lists_nodes")
EMPTY_LISTS_RELATIONSHIPS = load("bulk/empty_lists_relationships")
