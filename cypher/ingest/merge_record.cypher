// Record merges: each old id points at its survivor, and ids merged earlier into an old id now point at the
// survivor too (merge_flatten.cypher then follows chains made within one batch, so every merged id is one hop
// from a node in the graph).
// Parameters: $rows: [{old, into, date}], $kind. Returns: nothing.
UNWIND $rows AS row
MERGE (m:MergedId {id: row.old})
SET m.kind = $kind, m.intoId = row.into, m.mergeDate = row.date
WITH row
MATCH (earlier:MergedId {intoId: row.old})
WHERE earlier.id <> row.into
SET earlier.intoId = row.into
