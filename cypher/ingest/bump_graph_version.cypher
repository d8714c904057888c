// Give the graph a new version, in the same transaction as an import batch's writes (its last statement, so the
// version node's lock is held only until the commit): the API's caches of what is derived from the imported
// graph (loaders/rankings.py) compare it, so a cache entry made before the batch is never used after it.
// A random token, not a counter: a wiped graph has no version, and a fresh one never repeats an old token.
// Parameters: none. Returns: nothing.
CYPHER replan=skip
MERGE (s:_ImportState {name: 'graph'})
SET s.version = randomUUID()
