// After a bulk load: the empty lists neo4j-admin cannot store (it drops them), named per node in `_emptyLists`,
// set as the online importer stores them ([]), then the marker removed. Must run in an auto-commit transaction
// (CALL ... IN TRANSACTIONS). Parameters: $label (a node label). Returns: nothing.
MATCH (n:$($label))
WHERE n._emptyLists IS NOT NULL
CALL (n) {
  FOREACH (key IN n._emptyLists | SET n[key] = [])
  REMOVE n._emptyLists
} IN TRANSACTIONS OF 20000 ROWS
