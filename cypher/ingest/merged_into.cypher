// Where merged ids point now, read after a merge batch is recorded and flattened (cypher/ingest/merge_record.cypher,
// merge_flatten.cypher): the survivor each old id is folded into (merge_fold_*.cypher reads the same `intoId`).
// merge_resolve.cypher's answer is not it within a chain: a → b, b → c in one batch resolves a to b before the
// batch is recorded, and a is folded into c. Parameters: $ids: [old id]. Returns: old, into.
UNWIND $ids AS id
MATCH (m:MergedId {id: id})
RETURN id AS old, m.intoId AS into
