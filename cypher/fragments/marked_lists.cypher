// Fragment: marked_lists(entity)
// After a bulk load: the lists neo4j-admin cannot store (it drops them), named on a node or relationship in
// `_emptyLists` ([]) and `_blankLists` (['']) by ingest/bulk/tables.py, set as the online importer stores them, then
// the markers removed. Clauses (FOREACH, REMOVE), for a bound `entity` with a marker.
FOREACH (key IN coalesce({entity}._emptyLists, []) | SET {entity}[key] = [])
FOREACH (key IN coalesce({entity}._blankLists, []) | SET {entity}[key] = [''])
REMOVE {entity}._emptyLists, {entity}._blankLists
