// The versions the response cache keys anonymous answers by (peergraph/response_cache.py), in one round trip: the
// graph's, changed by every import batch that writes (cypher/ingest/bump_graph_version.cypher), and the accounts',
// changed by every account write (cypher/account/bump_social_version.cypher). Null until the first such write.
// Parameters: none. Returns: graph, social (strings or null).
OPTIONAL MATCH (g:_ImportState {name: 'graph'})
OPTIONAL MATCH (s:_ImportState {name: 'social'})
RETURN g.version AS graph, s.version AS social
