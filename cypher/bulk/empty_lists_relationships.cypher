// After a bulk load: the lists neo4j-admin cannot store (it drops them), named per relationship in
// `_emptyLists` ([]) and `_blankLists` (['']), set as the online importer stores them, then the markers removed.
// Must run in an auto-commit transaction (CALL ... IN TRANSACTIONS). Parameters: $type (a relationship type). Returns: nothing.
MATCH ()-[r:$($type)]->()
WHERE r._emptyLists IS NOT NULL OR r._blankLists IS NOT NULL
CALL (r) {
  FOREACH (key IN coalesce(r._emptyLists, []) | SET r[key] = [])
  FOREACH (key IN coalesce(r._blankLists, []) | SET r[key] = [''])
  REMOVE r._emptyLists, r._blankLists
} IN TRANSACTIONS OF 20000 ROWS
