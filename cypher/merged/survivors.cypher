// The surviving entity of ids OpenAlex merged into another (docs/graph-model.md#merged-ids): merged ids are kept
// flat, so the survivor is one hop away.
// Parameters: $mergedIds: [short id]. Returns: mergedId, id (one row per merged id found).
UNWIND $mergedIds AS mergedId
MATCH (m:MergedId {id: mergedId})
RETURN mergedId, m.intoId AS id
