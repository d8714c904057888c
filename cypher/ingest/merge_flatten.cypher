// One step of keeping merged ids flat: a merged id that points at an id merged in this batch points where that
// one points instead (run until it changes nothing: a chain A → B → C recorded in one batch takes two steps).
// Parameters: $ids: [old id of this batch]. Returns: changed (how many were re-pointed).
UNWIND $ids AS id
MATCH (target:MergedId {id: id})
MATCH (m:MergedId {intoId: id})
WHERE m.id <> target.intoId
SET m.intoId = target.intoId
RETURN count(m) AS changed
