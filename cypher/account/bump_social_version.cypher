// Give the accounts' side of the graph a new version, as the last statement of every account write transaction
// (resolvers/_account_db.py), so its lock is held only until the commit: follows, claims, profile settings and
// everything else an account write changes can show in anonymous answers (follower counts, claims, trust, what a
// claimant hides), and the response cache (peergraph/response_cache.py) keys those answers by this version.
// A random token, as the graph's version is (cypher/ingest/bump_graph_version.cypher).
// Parameters: none. Returns: nothing.
MERGE (s:_ImportState {name: 'social'})
SET s.version = randomUUID()
