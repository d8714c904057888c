// After a bulk load: the lists neo4j-admin cannot store (it drops them), named per node in `_emptyLists` ([])
// and `_blankLists` (['']), set as the online importer stores them, then the markers removed.
// Must run in an auto-commit transaction (CALL ... IN TRANSACTIONS). Parameters: $label (a node label). Returns: nothing.
MATCH (n:$($label))
WHERE n._emptyLists IS NOT NULL OR n._blankLists IS NOT NULL
CALL (n) {
  FOREACH (key IN coalesce(n._emptyLists, []) | SET n[key] = [])
  FOREACH (key IN coalesce(n._blankLists, []) | SET n[key] = [''])
  REMOVE n._emptyLists, n._blankLists
} IN TRANSACTIONS OF 20000 ROWS
