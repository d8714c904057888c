// After a bulk load: the empty lists neo4j-admin cannot store (it drops them), named per relationship in
// `_emptyLists`, set as the online importer stores them ([]), then the marker removed. Must run in an auto-commit
// transaction (CALL ... IN TRANSACTIONS). Parameters: $type (a relationship type). Returns: nothing.
MATCH ()-[r:$($type)]->()
WHERE r._emptyLists IS NOT NULL
CALL (r) {
  FOREACH (key IN r._emptyLists | SET r[key] = [])
  REMOVE r._emptyLists
} IN TRANSACTIONS OF 20000 ROWS
